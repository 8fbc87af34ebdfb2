import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { main } from "../../src/cli/main.js";

// Swagger 2.0 documents are converted to OpenAPI 3 (swagger2openapi) and generated like any other;
// what goes wrong is reported at the line of the Swagger document.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const petstoreYaml = path.join(root, "test/fixtures/petstore-2.0.yaml");
let dir: string;

async function generate(args: string[], cwd = dir) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) }, cwd);
  return { code, out, err };
}

const read = (file: string) => readFileSync(path.join(dir, file), "utf8");

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "ocg-swagger-"));
  writeFileSync(path.join(dir, "petstore.yaml"), readFileSync(petstoreYaml, "utf8"));
  writeFileSync(path.join(dir, "petstore.json"), JSON.stringify(yaml.load(readFileSync(petstoreYaml, "utf8")), null, 2));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("Swagger 2.0", () => {
  test("the petstore generates from YAML and from JSON alike: one function per operation, the same document hash", async () => {
    const fromYaml = await generate(["--input", "petstore.yaml", "--output", "yaml"]);
    expect(fromYaml).toMatchObject({ code: 0, err: "" });
    expect(fromYaml.out).toMatch(/^petstore\.yaml: 20 operations → yaml \(\d+ written\)\n$/);
    const fromJson = await generate(["--input", "petstore.json", "--output", "json"]);
    expect(fromJson).toMatchObject({ code: 0, err: "" });
    const hash = (folder: string) => /sha256 of its canonical JSON: ([0-9a-f]{64})/.exec(read(`${folder}/index.js`))?.[1];
    expect(hash("yaml")).toMatch(/^[0-9a-f]{64}$/);
    expect(hash("json")).toBe(hash("yaml"));
    const operations = read("yaml/operations.js");
    expect(operations.match(/^export function /gm)).toHaveLength(20);
    // A body parameter became a JSON body, form parameters a form, a file parameter a multipart file.
    expect(operations).toMatch(/export function addPet[\s\S]+?method: "POST"/);
    const declarations = read("yaml/operations.d.ts");
    expect(declarations).toMatch(/UpdatePetWithFormParams =[\s\S]+?"application\/x-www-form-urlencoded"/);
    expect(declarations).toMatch(/UploadFileParams =[\s\S]+?"multipart\/form-data"/);
    const afterHeader = (text: string) => text.split("\n").slice(3).join("\n");
    expect(afterHeader(read("json/operations.d.ts"))).toBe(afterHeader(declarations));
  });

  test("a repeated run takes the fast path, --check passes, and a changed document is stale", async () => {
    expect((await generate(["--input", "petstore.yaml"])).code).toBe(0);
    expect((await generate(["--input", "petstore.yaml"])).out).toBe("petstore.yaml: 20 operations → generated/petstore (unchanged)\n");
    expect(await generate(["--input", "petstore.yaml", "--check"])).toMatchObject({
      code: 0,
      out: "petstore.yaml: 20 operations, generated/petstore is up to date\n",
    });
    writeFileSync(path.join(dir, "petstore.yaml"), read("petstore.yaml").replace("operationId: deletePet", "operationId: removePet"));
    const stale = await generate(["--input", "petstore.yaml", "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.err).toMatch(/generated\/petstore is stale[\s\S]+deletePet/);
  });

  test("an unquoted `swagger: 2.0`, which YAML reads as a number, is Swagger 2.0 too", async () => {
    writeFileSync(path.join(dir, "petstore.yaml"), read("petstore.yaml").replace("swagger: '2.0'", "swagger: 2.0"));
    expect((await generate(["--input", "petstore.yaml"])).code).toBe(0);
  });

  test("a lint error in the converted document is reported at the line of the Swagger node that produced it", async () => {
    const r = await generate(["--input", path.join(root, "test/fixtures/bad/swagger.yaml"), "--output", "out", "--strict"]);
    expect(r.code).toBe(1);
    // The body parameter's schema (requestBody.content.*.schema once converted) and a definition's property.
    expect(r.err).toMatch(
      /swagger\.yaml:14:11 \(\/paths\/~1pets\/post\/parameters\/1\/schema\): Can't resolve \$ref "#\/definitions\/Missing"\n {2}fix: .+#\/definitions\//,
    );
    expect(r.err).toMatch(/swagger\.yaml:25:7 \(\/definitions\/Pet\/properties\/owner\): Can't resolve \$ref/);
    expect(r.err).not.toMatch(/components|requestBody/);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  // A query `collectionFormat: tsv` is carried over (sent tab-separated); a header one is not.
  test("what the converter cannot carry over is a warning at its Swagger line", async () => {
    const doc = [
      'swagger: "2.0"',
      "info: { title: t, version: '1' }",
      "paths:",
      "  /a:",
      "    get:",
      "      operationId: getA",
      "      parameters:",
      "        - name: ids",
      "          in: header",
      "          type: array",
      "          items: { type: string }",
      "          collectionFormat: tsv",
      "      responses: { '200': { description: ok } }",
      "",
    ].join("\n");
    writeFileSync(path.join(dir, "tsv.yaml"), doc);
    const r = await generate(["--input", "tsv.yaml"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: tsv\.yaml:8:11 \(\/paths\/~1a\/get\/parameters\/0\): converting to OpenAPI 3: collectionFormat:tsv/m);
    expect(r.err).not.toMatch(/x-s2o/);
    expect(read("generated/tsv/schema.d.ts")).not.toMatch(/x-s2o/);
  });

  test("another Swagger version is refused with its place", async () => {
    writeFileSync(path.join(dir, "old.yaml"), 'swagger: "1.2"\ninfo: { title: t, version: "1" }\n');
    const r = await generate(["--input", "old.yaml"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/old\.yaml:1:1 \(\/swagger\): Swagger 1\.2 is not supported, only Swagger 2\.0 and OpenAPI 3\.0, 3\.1 and 3\.2/);
  });
});
