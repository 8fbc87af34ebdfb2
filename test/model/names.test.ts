import { assignOperationNames, baseOperationName, camelCase, nameFromMethodAndPath, toSafeIdentifier } from "../../src/model/names.js";

describe("baseOperationName", () => {
  test.each<[string, { operationId?: string; method: string; path: string }, string]>([
    ["keeps a valid identifier", { operationId: "cancelUpload", method: "post", path: "/x" }, "cancelUpload"],
    ["keeps PascalCase as it is", { operationId: "ListFiles", method: "get", path: "/x" }, "ListFiles"],
    ["keeps snake_case as it is", { operationId: "list_files", method: "get", path: "/x" }, "list_files"],
    ["camelCases dashes", { operationId: "admin-api-keys-list", method: "get", path: "/x" }, "adminApiKeysList"],
    ["camelCases slashes", { operationId: "repos/get-content", method: "get", path: "/x" }, "reposGetContent"],
    ["camelCases dots and spaces", { operationId: "Files.list all", method: "get", path: "/x" }, "filesListAll"],
    ["splits underscores of a name it rewrites", { operationId: "list_all-files", method: "get", path: "/x" }, "listAllFiles"],
    ["prefixes a leading digit", { operationId: "2fa-enable", method: "post", path: "/x" }, "_2faEnable"],
    ["suffixes a reserved word", { operationId: "delete", method: "delete", path: "/x" }, "delete_"],
    ["suffixes a strict-mode word", { operationId: "package", method: "get", path: "/x" }, "package_"],
    ["guards __proto__", { operationId: "__proto__", method: "get", path: "/x" }, "__proto___"],
    ["guards then, which would make the client look like a promise", { operationId: "then", method: "get", path: "/x" }, "then_"],
    ["prefixes a character an identifier cannot start with", { operationId: "·list-things", method: "get", path: "/x" }, "_·listThings"],
    ["keeps unicode letters", { operationId: "créerFichier", method: "post", path: "/x" }, "créerFichier"],
    ["method and path without an operationId", { method: "get", path: "/pets/{color}" }, "getPetsByColor"],
    [
      "method and path with nested parameters",
      { method: "delete", path: "/users/{user-id}/repos/{repo_name}" },
      "deleteUsersByUserIdReposByRepoName",
    ],
    ["the root path", { method: "get", path: "/" }, "get"],
    ["an operationId of only symbols falls back to the path", { operationId: "---", method: "put", path: "/a-b" }, "putAB"],
  ])("%s", (_, op, want) => {
    expect(baseOperationName(op)).toBe(want);
  });

  test("avoids reserved names given by the caller", () => {
    expect(baseOperationName({ operationId: "send", method: "get", path: "/" }, new Set(["send"]))).toBe("send_");
  });
});

describe("helpers", () => {
  test.each([
    ["a-b-c", "aBC"],
    ["Already-Camel", "alreadyCamel"],
    ["", ""],
    ["***", ""],
  ])("camelCase(%j) = %j", (given, want) => expect(camelCase(given)).toBe(want));

  test.each([
    ["get", "/v1/{id}.json", "getV1ByIdJson"],
    ["post", "/a/{x}{y}", "postAByXByY"],
  ])("nameFromMethodAndPath(%s, %s)", (method, path, want) => expect(nameFromMethodAndPath(method, path)).toBe(want));

  test("toSafeIdentifier never returns an empty or reserved name", () => {
    expect(toSafeIdentifier("")).toBe("operation");
    expect(toSafeIdentifier("new")).toBe("new_");
    expect(toSafeIdentifier("9")).toBe("_9");
  });
});

describe("assignOperationNames", () => {
  test.each<[string, Array<{ operationId?: string; method: string; path: string }>, string[]]>([
    [
      "distinct names stay",
      [
        { operationId: "a", method: "get", path: "/a" },
        { operationId: "b", method: "get", path: "/b" },
      ],
      ["a", "b"],
    ],
    [
      "the exact operationId wins over a normalised one",
      [
        { operationId: "list-files", method: "get", path: "/a" },
        { operationId: "listFiles", method: "get", path: "/b" },
      ],
      ["listFiles2", "listFiles"],
    ],
    [
      "otherwise the first in order wins, later ones are numbered",
      [
        { operationId: "list-files", method: "get", path: "/a" },
        { operationId: "list files", method: "get", path: "/b" },
        { operationId: "list.files", method: "get", path: "/c" },
      ],
      ["listFiles", "listFiles2", "listFiles3"],
    ],
    [
      "a numbered name skips names that are taken",
      [
        { operationId: "a-b", method: "get", path: "/1" },
        { operationId: "aB", method: "get", path: "/2" },
        { operationId: "aB2", method: "get", path: "/3" },
      ],
      ["aB3", "aB", "aB2"],
    ],
    [
      "operations without operationId collide like the others",
      [
        { method: "get", path: "/pets/{id}" },
        { operationId: "getPetsById", method: "get", path: "/x" },
      ],
      ["getPetsById2", "getPetsById"],
    ],
  ])("%s", (_, ops, want) => {
    expect(assignOperationNames(ops).map((n) => n.name)).toEqual(want);
  });

  test("a renamed operation records who holds its name", () => {
    const [first, second] = assignOperationNames([
      { operationId: "a-b", method: "get", path: "/1" },
      { operationId: "a.b", method: "post", path: "/2" },
    ]);
    expect(first!.collision).toBeUndefined();
    expect(second!.collision).toEqual({ wanted: "aB", holder: { method: "get", path: "/1", operationId: "a-b" } });
  });
});
