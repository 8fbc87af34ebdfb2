import { normaliseSchema, type NormaliseContext } from "../../src/emit/validators/normalise.js";

const components: Record<string, unknown> = { Id: { type: "string", readOnly: true }, Secret: { type: "string", writeOnly: true } };
const context = (dialect: "3.0" | "3.1", direction: "request" | "response"): NormaliseContext => ({
  dialect,
  direction,
  ref: (ref) => ref.replace("#/components/schemas/", "#/$defs/"),
  resolve: (ref) => components[ref.split("/").pop()!],
});

describe("normaliseSchema: OpenAPI Schema Object → JSON Schema 2020-12", () => {
  test.each<[string, "3.0" | "3.1", "request" | "response", unknown, unknown]>([
    [
      "nullable adds null to type and enum",
      "3.0",
      "response",
      { type: "string", enum: ["a"], nullable: true },
      { type: ["string", "null"], enum: ["a", null] },
    ],
    [
      "nullable without type wraps in anyOf",
      "3.1",
      "response",
      { allOf: [{ $ref: "#/components/schemas/Id" }], nullable: true },
      { anyOf: [{ type: "null" }, { allOf: [{ $ref: "#/$defs/Id" }] }] },
    ],
    [
      "nullable beside a $ref",
      "3.0",
      "response",
      { $ref: "#/components/schemas/Id", nullable: true },
      { anyOf: [{ type: "null" }, { $ref: "#/$defs/Id" }] },
    ],
    [
      "3.0 boolean exclusiveMinimum",
      "3.0",
      "request",
      { type: "number", minimum: 1, exclusiveMinimum: true, exclusiveMaximum: false, maximum: 9 },
      { type: "number", exclusiveMinimum: 1, maximum: 9 },
    ],
    ["3.0 ignores a $ref's siblings", "3.0", "response", { $ref: "#/components/schemas/Id", minLength: 3 }, { $ref: "#/$defs/Id" }],
    [
      "3.1 applies a $ref's siblings",
      "3.1",
      "response",
      { $ref: "#/components/schemas/Id", minLength: 3, description: "d" },
      { allOf: [{ $ref: "#/$defs/Id" }, { minLength: 3 }] },
    ],
    [
      "binary becomes x-binary",
      "3.1",
      "request",
      { type: "object", properties: { file: { type: "string", format: "binary" } } },
      { type: "object", properties: { file: { "x-binary": true } } },
    ],
    [
      "annotations are dropped",
      "3.1",
      "response",
      { type: "integer", format: "int64", description: "d", example: 1, deprecated: true, "x-oai": 1 },
      { type: "integer", format: "int64" },
    ],
    [
      "readOnly properties are forbidden in requests and not required",
      "3.0",
      "request",
      { type: "object", required: ["id", "name"], properties: { id: { $ref: "#/components/schemas/Id" }, name: { type: "string" } } },
      { type: "object", required: ["name"], properties: { id: { not: {}, "x-forbidden": "readOnly" }, name: { type: "string" } } },
    ],
    [
      "readOnly properties stay in responses",
      "3.0",
      "response",
      { type: "object", required: ["id"], properties: { id: { type: "string", readOnly: true } } },
      { type: "object", required: ["id"], properties: { id: { type: "string" } } },
    ],
    [
      "writeOnly properties are not required in responses",
      "3.0",
      "response",
      { type: "object", required: ["secret"], properties: { secret: { $ref: "#/components/schemas/Secret" } } },
      { type: "object", properties: { secret: { $ref: "#/$defs/Secret" } } },
    ],
    [
      "discriminator mapping refs are rewritten",
      "3.1",
      "response",
      { oneOf: [], discriminator: { propertyName: "k", mapping: { a: "#/components/schemas/Id", b: "Secret" } } },
      { oneOf: [], discriminator: { propertyName: "k", mapping: { a: "#/$defs/Id", b: "#/$defs/Secret" } } },
    ],
    [
      "draft 4 tuple items",
      "3.0",
      "response",
      { items: [{ type: "string" }], additionalItems: false },
      { prefixItems: [{ type: "string" }], items: false },
    ],
  ])("%s", (_, dialect, direction, given, want) => {
    expect(normaliseSchema(given, context(dialect, direction))).toEqual(want);
  });
});
