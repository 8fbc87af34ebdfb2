import { documentName, isUrl } from "../../src/load/input-name.js";

describe("inputs: a path or an http(s) URL", () => {
  test.each<[string, boolean, string]>([
    ["spec/api.yaml", false, "api"],
    ["/abs/path/Petstore.JSON", false, "Petstore"],
    ["https://example.test/v2/openapi.json", true, "openapi"],
    ["HTTP://example.test/api.yml?version=2#x", true, "api"],
    ["https://example.test/specs/stripe", true, "stripe"],
    ["https://example.test/a%20b.yaml", true, "a b"],
    ["https://example.test/", true, "example.test"],
    ["https://example.test/.json", true, "example.test"],
    ["ftp://example.test/api.yaml", false, "api"],
  ])("%s: URL %s, named %j", (input, url, name) => {
    expect(isUrl(input)).toBe(url);
    expect(documentName(input)).toBe(name);
  });
});
