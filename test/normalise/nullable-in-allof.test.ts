import type { OpenApiDocument } from "../../src/document/types.js";
import { liftNullableFromAllOf } from "../../src/normalise/nullable-in-allof.js";
import { applySchemaRules } from "../../src/normalise/schema-rules.js";

describe("liftNullableFromAllOf", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, number]>([
    [
      "lifts a nullable-only allOf member onto its parent, with its description",
      { allOf: [{ $ref: "#/A" }, { nullable: true, description: "d" }] },
      { allOf: [{ $ref: "#/A" }], nullable: true, description: "d" },
      1,
    ],
    [
      "keeps the parent's own description",
      { description: "own", allOf: [{ $ref: "#/A" }, { nullable: true, description: "d" }] },
      { description: "own", allOf: [{ $ref: "#/A" }], nullable: true },
      1,
    ],
    [
      "leaves a member that constrains something",
      { allOf: [{ $ref: "#/A" }, { nullable: true, type: "object" }] },
      { allOf: [{ $ref: "#/A" }, { nullable: true, type: "object" }] },
      0,
    ],
    ["leaves a lone member", { allOf: [{ nullable: true }] }, { allOf: [{ nullable: true }] }, 0],
  ])("%s", (_, schema, want, notes) => {
    const document = { components: { schemas: { S: schema } } };
    const result = applySchemaRules(document as unknown as OpenApiDocument, [liftNullableFromAllOf]);
    expect(result.document).toEqual({ components: { schemas: { S: want } } });
    expect(result.notes).toHaveLength(notes);
  });

  test("shares what it does not change and never mutates its input", () => {
    const untouched = { type: "string" };
    const document = { components: { schemas: { a: untouched, b: { allOf: [{ $ref: "#/A" }, { nullable: true }] } } } };
    const copy = JSON.parse(JSON.stringify(document));
    const result = applySchemaRules(document as unknown as OpenApiDocument, [liftNullableFromAllOf]);
    expect(document).toEqual(copy);
    expect((result.document.components!.schemas as Record<string, unknown>).a).toBe(untouched);
    expect(result.notes).toEqual(['/components/schemas/b: `nullable: true` inside `allOf` read as "or null"']);
  });
});
