import { normaliseSchema, type NormaliseContext } from "../../src/emit/validators/normalise.js";

const components: Record<string, unknown> = { Id: { type: "string", readOnly: true }, Secret: { type: "string", writeOnly: true } };
const context = (dialect: "3.0" | "3.1"): NormaliseContext => ({
  dialect,
  ref: (ref) => ref.replace("#/components/schemas/", "#/$defs/"),
  resolve: (ref) => components[ref.split("/").pop()!],
});

describe("normaliseSchema: OpenAPI Schema Object → JSON Schema 2020-12", () => {
  test.each<[string, "3.0" | "3.1", unknown, unknown]>([
    [
      "nullable adds null to type and enum",
      "3.0",
      { type: "string", enum: ["a"], nullable: true },
      { type: ["string", "null"], enum: ["a", null] },
    ],
    [
      "nullable without type wraps in anyOf",
      "3.1",
      { allOf: [{ $ref: "#/components/schemas/Id" }], nullable: true },
      { anyOf: [{ type: "null" }, { allOf: [{ $ref: "#/$defs/Id" }] }] },
    ],
    [
      "nullable beside a $ref",
      "3.0",
      { $ref: "#/components/schemas/Id", nullable: true },
      { anyOf: [{ type: "null" }, { $ref: "#/$defs/Id" }] },
    ],
    [
      "3.0 boolean exclusiveMinimum",
      "3.0",
      { type: "number", minimum: 1, exclusiveMinimum: true, exclusiveMaximum: false, maximum: 9 },
      { type: "number", exclusiveMinimum: 1, maximum: 9 },
    ],
    ["3.0 ignores a $ref's siblings", "3.0", { $ref: "#/components/schemas/Id", minLength: 3 }, { $ref: "#/$defs/Id" }],
    [
      "3.1 applies a $ref's siblings",
      "3.1",
      { $ref: "#/components/schemas/Id", minLength: 3, description: "d" },
      { allOf: [{ $ref: "#/$defs/Id" }, { minLength: 3 }] },
    ],
    [
      "binary becomes x-binary",
      "3.1",
      { type: "object", properties: { file: { type: "string", format: "binary" } } },
      { type: "object", properties: { file: { "x-binary": true } } },
    ],
    [
      "annotations are dropped",
      "3.1",
      { type: "integer", format: "int64", description: "d", example: 1, deprecated: true, "x-oai": 1 },
      { type: "integer", format: "int64" },
    ],
    [
      "the readOnly properties a request view left out are forbidden",
      "3.0",
      { type: "object", required: ["name"], properties: { name: { type: "string" } }, "x-readOnly": ["id"] },
      { type: "object", required: ["name"], properties: { name: { type: "string" }, id: { not: {}, "x-forbidden": "readOnly" } } },
    ],
    [
      "readOnly and writeOnly marks themselves are annotations",
      "3.0",
      { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true }, pw: { type: "string", writeOnly: true } } },
      { type: "object", required: ["id"], properties: { id: { type: "string" }, pw: { type: "string" } } },
    ],
    [
      "discriminator mapping refs are rewritten",
      "3.1",
      { oneOf: [], discriminator: { propertyName: "k", mapping: { a: "#/components/schemas/Id", b: "Secret" } } },
      { oneOf: [], discriminator: { propertyName: "k", mapping: { a: "#/$defs/Id", b: "#/$defs/Secret" } } },
    ],
    [
      "draft 4 tuple items",
      "3.0",
      { items: [{ type: "string" }], additionalItems: false },
      { prefixItems: [{ type: "string" }], items: false },
    ],
  ])("%s", (_, dialect, given, want) => {
    expect(normaliseSchema(given, context(dialect))).toEqual(want);
  });
});
