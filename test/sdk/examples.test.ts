// The examples of the mocks: a regular expression's draws match it; the builder honours formats,
// enums, patterns, bounds, readOnly (the response view) and discriminators' real values; the same
// seed gives the same bytes and another seed other examples; and every example built for the
// project's documents (spec/ and test/fixtures/, the bounded part of `npm run conformance:mocks`)
// passes the generated validators, checked by the validators' own compiled code and by Ajv.
import { readFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { default as addFormats } from "ajv-formats";
import type { OpenApiDocument } from "../../src/document/types.js";
import { CUT, ExampleBuilder } from "../../src/emit/mocks/example.js";
import { buildExamples } from "../../src/emit/mocks/examples.js";
import { emitMocks } from "../../src/emit/mocks/module.js";
import { samplePattern } from "../../src/emit/mocks/pattern-sample.js";
import { random } from "../../src/emit/mocks/random.js";
import { schemaBundle } from "../../src/emit/validators/bundle.js";
import { loadDocument } from "../../src/load/load-document.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import { root } from "../tsc.js";

describe("samplePattern", () => {
  test.each([
    "^ORD-[0-9]{6}$",
    "^[A-Z]{3}-\\d{4}$",
    "^[a-f0-9]+$",
    "^(cat|dog)s?$",
    "^#[0-9a-fA-F]{6}$",
    "^\\w+@\\w+\\.com$",
    "^[^\\s/]{2,5}$",
    "^v\\d+(\\.\\d+){0,2}$",
    "^(?:[a-z0-9-]+\\.)*[a-z]{2,}$",
    "[0-9]",
    "^\\u00e9\\x41$",
  ])("%s: every draw matches it", (pattern) => {
    const rng = random(1, pattern);
    for (let i = 0; i < 20; i++) expect(samplePattern(pattern, rng)).toMatch(new RegExp(pattern, "u"));
  });

  test.each(["^(a)\\1$", "^(?=a)a$", "\\bword\\b", "["])("%s: not drawn (the builder makes the value another way)", (pattern) => {
    expect(samplePattern(pattern, random(1, pattern))).toBeUndefined();
  });
});

describe("ExampleBuilder", () => {
  const build = (schema: unknown, $defs: Record<string, unknown> = {}, seed = 1) =>
    new ExampleBuilder({ $defs, root: schema }, { seed }).build("#/root", "t");
  test.each<[string, unknown, (v: any) => boolean]>([
    ["a date-time", { type: "string", format: "date-time" }, (v) => !Number.isNaN(Date.parse(v)) && /Z$/.test(v)],
    ["a date", { type: "string", format: "date" }, (v) => /^\d{4}-\d\d-\d\d$/.test(v)],
    ["an email", { type: "string", format: "email" }, (v) => /^[a-z]+@example\.com$/.test(v)],
    ["an enum's value", { enum: ["a", "b", null] }, (v) => v === "a" || v === "b"],
    ["a const", { const: { x: 1 } }, (v) => v.x === 1],
    [
      "bounds and multipleOf",
      { type: "number", exclusiveMinimum: 5, maximum: 6, multipleOf: 0.25 },
      (v) => v > 5 && v <= 6 && (v * 4) % 1 === 0,
    ],
    ["a string's length", { type: "string", minLength: 40, maxLength: 41 }, (v) => v.length >= 40 && v.length <= 41],
    [
      "a list's length and uniqueness",
      { type: "array", items: { enum: [1, 2, 3] }, minItems: 3, uniqueItems: true },
      (v) => new Set(v).size === 3,
    ],
    [
      "allOf merged",
      {
        allOf: [
          { type: "object", required: ["a"], properties: { a: { type: "integer" } } },
          { required: ["b"], properties: { b: { const: "x" } } },
        ],
      },
      (v) => Number.isInteger(v.a) && v.b === "x",
    ],
    ["a nullable value, not null", { anyOf: [{ type: "null" }, { type: "integer" }] }, (v) => Number.isInteger(v)],
  ])("%s", (_, schema, ok) => {
    const value = build(schema);
    expect(value).not.toBe(CUT);
    expect(ok(value)).toBe(true);
  });

  test("a discriminated union carries the mapping's value, not the branch's name", () => {
    const $defs = {
      Card: {
        type: "object",
        required: ["kind", "last4"],
        properties: { kind: { type: "string" }, last4: { type: "string", pattern: "^\\d{4}$" } },
      },
      Bank: { type: "object", required: ["kind", "iban"], properties: { kind: { type: "string" }, iban: { type: "string" } } },
    };
    const union = {
      oneOf: [{ $ref: "#/$defs/Card" }, { $ref: "#/$defs/Bank" }],
      discriminator: { propertyName: "kind", mapping: { card: "#/$defs/Card", bank_transfer: "#/$defs/Bank" } },
    };
    const kinds = new Set<string>();
    for (let seed = 1; seed <= 12; seed++) {
      const v = build(union, $defs, seed) as any;
      kinds.add(v.kind);
      expect(v.kind === "card" ? /^\d{4}$/.test(v.last4) : v.kind === "bank_transfer" && typeof v.iban === "string").toBe(true);
    }
    expect([...kinds].sort()).toEqual(["bank_transfer", "card"]);
  });

  test("a recursive schema ends: an optional recursion is left out, a list of it is empty", () => {
    const $defs = {
      Node: {
        type: "object",
        required: ["children"],
        properties: { children: { type: "array", items: { $ref: "#/$defs/Node" } }, parent: { $ref: "#/$defs/Node" } },
      },
    };
    expect(build({ $ref: "#/$defs/Node" }, $defs)).toEqual({ children: [] });
  });

  test("a schema that only an infinite value satisfies is CUT", () => {
    const $defs = { Loop: { type: "object", required: ["next"], properties: { next: { $ref: "#/$defs/Loop" } } } };
    expect(build({ $ref: "#/$defs/Loop" }, $defs)).toBe(CUT);
  });
});

/** The model of a project document, as the generator builds it. */
async function modelOf(file: string) {
  const loaded = await loadDocument(file, root);
  return modelFromDocument(loaded.document as OpenApiDocument, { file });
}

const DOCUMENTS = [
  "spec/openai-uploads.yaml",
  "test/fixtures/sdk.yaml",
  "test/fixtures/pets.yaml",
  "test/fixtures/pets-3.1.yaml",
  "test/fixtures/petstore-3.0.json",
  "test/fixtures/petstore-2.0.yaml",
  "test/fixtures/pagination.yaml",
  "test/fixtures/wire.yaml",
  "test/fixtures/errors.yaml",
  "test/fixtures/identifiers.yaml",
  "test/fixtures/hostile.yaml",
];

describe("every example built for the project's documents", () => {
  test.each(DOCUMENTS)("%s: valid by the generated validators' code, and by Ajv over the same bundle", async (file) => {
    const model = await modelOf(file);
    const examples = buildExamples(model, 1);
    expect(examples.invalid).toEqual([]);
    const bundle = schemaBundle({
      document: model.document,
      operations: model.operations.map((op) => ({ ...op, success: [...op.success, ...op.errors] })),
    });
    const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: false, validateFormats: true });
    (addFormats as unknown as (a: unknown) => void)(ajv);
    ajv.addKeyword("discriminator").addKeyword("x-binary").addKeyword("x-forbidden");
    ajv.addSchema({ $id: "bundle", ...bundle.schema });
    let checked = 0;
    for (const op of model.operations)
      for (const [status, answer] of Object.entries(examples.operations[op.name]!.responses)) {
        const ref = bundle.responses[op.name]![status]!;
        const validate = ajv.getSchema(`bundle${ref}`)!;
        expect({ example: `${op.name} ${status}`, valid: validate(answer.value), errors: validate.errors ?? null }).toEqual({
          example: `${op.name} ${status}`,
          valid: true,
          errors: null,
        });
        checked++;
      }
    expect(checked).toBeGreaterThan(0);
  });

  test("the same seed gives the same mocks.js; another seed other examples, as valid", async () => {
    const model = await modelOf("test/fixtures/sdk.yaml");
    const one = emitMocks(model, buildExamples(model, 1), 1).source;
    expect(emitMocks(model, buildExamples(model, 1), 1).source).toBe(one);
    const other = buildExamples(model, 2);
    expect(emitMocks(model, other, 2).source).not.toBe(one);
    expect(other.invalid).toEqual([]);
  });

  test("a document example the validators refuse is replaced by a built one", async () => {
    const text = readFileSync(`${root}/test/fixtures/sdk.yaml`, "utf8");
    expect(text).toContain("example: { id: 1, name: Tea");
    const doc = (await loadDocument("test/fixtures/sdk.yaml", root)).document as any;
    const media = doc.paths["/categories/{category_id}"].get.responses["200"].content["application/json"];
    media.example = { id: "not an integer", name: "Tea", children: [] };
    const model = modelFromDocument(doc, { file: "t.yaml" });
    const answer = buildExamples(model, 1).operations.getCategory!.responses["200"]!;
    expect(answer.source).toBe("built");
    expect(Number.isInteger((answer.value as any).id)).toBe(true);
  });
});
