// The types suite (scripts/conformance/types.js) tested as an instrument: OpenAPI's discriminator
// rule and the sampler, table-driven; the independent judge on values whose validity the text
// decides; and the whole run on its own fixture (test/fixtures/types-conformance.yaml), whose
// samples and verdicts are stated here from the document's meaning.
import { afterAll, beforeAll, describe, expect, it, test } from "@jest/globals";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The suite is plain JavaScript outside src/: imported by URL so that tsc does not look for types.
const load = (file: string): Promise<any> => import(pathToFileURL(path.resolve("scripts/conformance", file)).href);
const FIXTURE = path.resolve("test/fixtures/types-conformance.yaml");

describe("discriminatorValues", () => {
  const d = { propertyName: "kind", mapping: { kitty: "#/components/schemas/Cat", pup: "Dog" } };
  const cases: Array<[string, object, string | undefined, unknown[] | undefined, unknown[]]> = [
    ["a mapping entry wins over the branch's own enum", d, "/components/schemas/Cat", ["cat"], ["kitty"]],
    ["a mapping value may be a bare component name", d, "/components/schemas/Dog", undefined, ["pup"]],
    ["unmapped: the branch's own enum", d, "/components/schemas/Bird", ["bird", "parrot"], ["bird", "parrot"]],
    ["unmapped and silent: the component's name", d, "/components/schemas/Fish", undefined, ["Fish"]],
    ["a name with an escaped slash", { propertyName: "kind" }, "/components/schemas/a~1b", undefined, ["a/b"]],
    ["an inline branch that says nothing has no value", { propertyName: "kind" }, undefined, undefined, []],
  ];
  it.each(cases)("%s", async (_name, discriminator, pointer, own, expected) => {
    const { discriminatorValues } = await load("discriminator.js");
    expect(discriminatorValues(discriminator, pointer, own)).toEqual(expected);
  });

  it("reads a branch's own values through $ref, allOf, const, and a union of tagged alternatives", async () => {
    const { ownTagValues } = await load("discriminator.js");
    const doc = {
      components: {
        schemas: {
          Base: { properties: { kind: { type: "string" } } },
          Const: { properties: { kind: { const: "c" } } },
          Inherits: { allOf: [{ $ref: "#/components/schemas/Base" }, { properties: { kind: { enum: ["i", null] } } }] },
          Union: { oneOf: [{ $ref: "#/components/schemas/Const" }, { $ref: "#/components/schemas/Inherits" }] },
          HalfUnion: { oneOf: [{ $ref: "#/components/schemas/Const" }, { $ref: "#/components/schemas/Base" }] },
        },
      },
    };
    const own = (name: string) => ownTagValues(doc, { $ref: `#/components/schemas/${name}` }, "kind");
    expect([own("Base"), own("Const"), own("Inherits"), own("Union"), own("HalfUnion")]).toEqual([
      undefined,
      ["c"],
      ["i"],
      ["c", "i"],
      undefined,
    ]);
  });
});

describe("the sampler", () => {
  const doc = {
    openapi: "3.0.3",
    components: {
      schemas: {
        S: {
          type: "object",
          required: ["name", "id"],
          properties: {
            id: { type: "integer", readOnly: true },
            name: { type: "string", minLength: 8 },
            secret: { type: "string", writeOnly: true },
            mode: { type: "string", enum: ["fast", "safe"], default: "safe" },
            when: { type: "string", format: "date-time" },
            tags: { type: "array", items: { type: "string", pattern: "^t[0-9]{2}$" } },
          },
        },
      },
    },
  };
  const input = { node: { $ref: "#/components/schemas/S" }, at: "/x" };
  const cases: Array<[string, string, object]> = [
    ["request", "required", { name: "samplexx" }],
    ["request", "full", { name: "samplexx", secret: "sample", mode: "fast", when: "2024-01-02T03:04:05Z", tags: ["t17"] }],
    // What is received has its defaulted properties (issue 17: the server fills them in).
    ["response", "required", { name: "samplexx", id: 1, mode: "fast" }],
    ["response", "full", { id: 1, name: "samplexx", mode: "fast", when: "2024-01-02T03:04:05Z", tags: ["t17"] }],
  ];
  it.each(cases)("%s, %s", async (direction, mode, expected) => {
    const { createSampler } = await load("sampler.js");
    expect(createSampler(doc).sample(input, { direction, mode }).value).toEqual(expected);
  });
});

describe("the samples file", () => {
  it("writes each sample on one line, an invalid one under its directive, and maps both lines to the sample", async () => {
    const { writeSamples } = await load("type-program.js");
    const { Binary } = await load("sampler.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "ocg-types-lines-"));
    try {
      const file = path.join(dir, "samples.ts");
      const lineMap = writeSamples(file, "../client/operations.js", [
        { id: 0, type: "AParams", value: { body: { file: new Binary("x"), list: [1, "two", null], empty: {} } }, expectError: false },
        { id: 1, type: "AParams", value: { "a-b": "</script>\n" }, expectError: true },
      ]);
      expect(readFileSync(file, "utf8").split("\n")).toEqual([
        'import type * as T from "../client/operations.js";',
        'export const s0: T.AParams = { "body": { "file": new Blob(["x"]), "list": [1, "two", null], "empty": {} } };',
        "// @ts-expect-error",
        'export const s1: T.AParams = { "a-b": "</script>\\n" };',
        "",
      ]);
      expect([...lineMap]).toEqual([
        [2, 0],
        [3, 1],
        [4, 1],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("the judge (Ajv with OpenAPI's meaning)", () => {
  const cases: Array<[string, object, boolean]> = [
    ["Cat with its own value", { kind: "cat", name: "Tom" }, true],
    ["Cat with its name instead", { kind: "Cat", name: "Tom" }, false],
    ["Dog with the implicit value", { kind: "Dog", name: "Rex" }, true],
    ["Dog with a value no branch names", { kind: "dog", name: "Rex" }, false],
    ["3.0 nullable beside a type", { kind: "Dog", name: "Rex", nickname: null }, true],
    ["a required property missing", { kind: "Dog" }, false],
  ];
  it.each(cases)("%s", async (_name, body, valid) => {
    const { createJudge } = await load("openapi-ajv.js");
    const { loadOpenApi } = await load("type-document.js");
    const doc = await loadOpenApi(FIXTURE);
    const check = createJudge(doc).request({
      params: [],
      body: {
        required: true,
        contentType: "application/json",
        input: { node: { $ref: "#/components/schemas/Pet" }, at: "/components/schemas/Pet" },
      },
    });
    expect(check({ body }).ok).toBe(valid);
  });
});

describe("a run on the fixture", () => {
  let cacheDir: string;
  let report: any;
  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(os.tmpdir(), "ocg-types-test-"));
    const { runTypesDocument } = await load("type-document.js");
    report = await runTypesDocument(FIXTURE, { fresh: true, cacheDir, allValues: true });
  }, 180_000);
  afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

  const find = (op: string, direction: string, kind: string, at?: string) => {
    const s = report.samples.find((x: any) => x.op === op && x.direction === direction && x.kind === kind && x.at === at);
    if (!s) throw new Error(`no sample ${op} ${direction} ${kind} ${at ?? ""}`);
    return s;
  };
  const PET_BRANCH = "branch 2/2 of /components/schemas/Pet/oneOf";
  const TIMEOUT_BRANCH = "branch 2/2 of /components/schemas/Settings/properties/timeout/oneOf";

  it("samples what the document means: the real tag values, defaults left out, one sample per branch, each invalid variant", () => {
    const rows = report.samples.map((s: any) => [s.op, s.direction, s.kind, s.at ?? "", s.expect]);
    expect(rows).toEqual([
      ["createPet", "request", "full", "", "valid"],
      ["createPet", "request", "required", "", "valid"],
      ["createPet", "request", PET_BRANCH, "", "valid"],
      ["createPet", "request", "missing required parameter", "body", "invalid"],
      ["createPet", "request", "missing required body property", "body.name", "invalid"],
      ["createPet", "request", "value outside the enum (parameter)", "order", "invalid"],
      ["createPet", "request", "value outside the enum (body)", "body.kind", "invalid"],
      ["createPet", "request", "wrong primitive (body)", "body.name", "invalid"],
      ["createPet", "request", "missing required parameter", "body", "invalid"],
      ["createPet", "request", "missing required body property", "body.name", "invalid"],
      ["createPet", "request", "value outside the enum (body)", "body.kind", "invalid"],
      ["createPet", "request", "wrong primitive (body)", "body.name", "invalid"],
      ["createPet", "response", "full", "", "valid"],
      ["createPet", "response", PET_BRANCH, "", "valid"],
      ["putSettings", "request", "full", "", "valid"],
      ["putSettings", "request", "required", "", "valid"],
      ["putSettings", "request", TIMEOUT_BRANCH, "", "valid"],
      ["putSettings", "request", "missing required parameter", "id", "invalid"],
      ["putSettings", "request", "missing required body property", "body.name", "invalid"],
      ["putSettings", "request", "wrong primitive (parameter)", "id", "invalid"],
      ["putSettings", "request", "value outside the enum (body)", "body.mode", "invalid"],
      ["putSettings", "request", "wrong primitive (body)", "body.name", "invalid"],
      ["putSettings", "request", "missing required parameter", "id", "invalid"],
      ["putSettings", "request", "missing required body property", "body.name", "invalid"],
      ["putSettings", "request", "wrong primitive (parameter)", "id", "invalid"],
      ["putSettings", "request", "wrong primitive (body)", "body.name", "invalid"],
    ]);
    expect(report.dropped).toEqual([]);
    const value = (op: string, kind: string) => find(op, "request", kind).value;
    expect([value("createPet", "full"), value("createPet", "required"), value("createPet", PET_BRANCH)]).toEqual([
      { order: "asc", body: { kind: "cat", name: "sample" } },
      { body: { kind: "cat", name: "sample" } },
      { order: "asc", body: { kind: "Dog", name: "sample", nickname: "sample" } },
    ]);
    expect([value("putSettings", "full"), value("putSettings", "required")]).toEqual([
      { id: 1, body: { name: "sample", mode: "fast", timeout: 1 } },
      { id: 1, body: { name: "sample" } },
    ]);
    expect(value("putSettings", TIMEOUT_BRANCH).body.timeout).toMatch(/^[0-9]+s$/);
    expect(find("createPet", "request", "value outside the enum (body)", "body.kind").value.body.kind).toBe("not-in-the-enum");
  });

  it("has no tsc error in the generated folder", () => {
    expect(report.folderErrors).toEqual([]);
  });

  it("accepts, in the types and the validators, the valid samples issue 17 does not touch", () => {
    const untouched = [
      find("createPet", "request", PET_BRANCH),
      find("createPet", "response", PET_BRANCH),
      find("putSettings", "request", "full"),
      find("putSettings", "request", TIMEOUT_BRANCH),
    ];
    expect(untouched.map((s) => [s.kind, s.typeVerdict.accepted, s.validatorVerdict.accepted])).toEqual(
      untouched.map((s) => [s.kind, true, true]),
    );
  });

  it("rejects, in the types and the validators, the invalid variants of a valid sample that compiles", () => {
    const invalid = report.samples.filter(
      (s: any) => s.op === "putSettings" && s.expect === "invalid" && s.base === find("putSettings", "request", "full").id,
    );
    expect(invalid.map((s: any) => [s.kind, s.unmeasured ?? "measured", s.typeVerdict.accepted, s.validatorVerdict.accepted])).toEqual([
      ["missing required parameter", "measured", false, false],
      ["missing required body property", "measured", false, false],
      ["wrong primitive (parameter)", "measured", false, false],
      ["value outside the enum (body)", "measured", false, false],
      ["wrong primitive (body)", "measured", false, false],
    ]);
  });

  // Issue 17, part 1: a branch's own enum value is the tag ("cat"), not the schema's name ("Cat").
  test("issue 17 (discriminator values): Cat's own value compiles, and its invalid variants are rejected by types and validators", () => {
    const cat = ["full", "required"].map((kind) => find("createPet", "request", kind));
    cat.push(find("createPet", "response", "full"));
    expect(cat.map((s) => [s.kind, s.typeVerdict.accepted, s.validatorVerdict.accepted])).toEqual(cat.map((s) => [s.kind, true, true]));
    const invalid = report.samples.filter((s: any) => s.op === "createPet" && s.expect === "invalid");
    expect(invalid.map((s: any) => [s.kind, s.unmeasured ?? "measured", s.typeVerdict.accepted, s.validatorVerdict.accepted])).toEqual(
      invalid.map((s: any) => [s.kind, "measured", false, false]),
    );
  });

  // Issue 17, part 2: a property with a default may be left out of a request.
  test("issue 17 (defaults): the required-only sample without `mode` compiles, and its invalid variants are measured", () => {
    const required = find("putSettings", "request", "required");
    expect([required.typeVerdict.accepted, required.validatorVerdict.accepted]).toEqual([true, true]);
    const invalid = report.samples.filter((s: any) => s.base === required.id);
    expect(invalid.map((s: any) => s.unmeasured ?? "measured")).toEqual(invalid.map(() => "measured"));
  });

  it("counts the row of the table from the verdicts", () => {
    const s = report.summary;
    const valid = report.samples.filter((x: any) => x.expect === "valid");
    expect(s.valid.total).toBe(valid.length);
    expect(s.valid.accepted).toBe(valid.filter((x: any) => x.typeVerdict.accepted).length);
    expect(s.invalid.total + s.unmeasured).toBe(report.samples.length - valid.length);
    expect(s.folderErrors).toBe(0);
  });
});
