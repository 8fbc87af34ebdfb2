import type { OpenApiDocument } from "../../src/document/types.js";
import { liftNullableFromAllOf } from "../../src/normalise/nullable-in-allof.js";

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
    const result = liftNullableFromAllOf(document as unknown as OpenApiDocument);
    expect(result.document).toEqual({ components: { schemas: { S: want } } });
    expect(result.notes).toHaveLength(notes);
  });

  test("shares what it does not change and never mutates its input", () => {
    const untouched = { type: "string" };
    const document = { a: untouched, b: { allOf: [{ $ref: "#/A" }, { nullable: true }] } };
    const copy = JSON.parse(JSON.stringify(document));
    const result = liftNullableFromAllOf(document as unknown as OpenApiDocument);
    expect(document).toEqual(copy);
    expect((result.document as Record<string, unknown>).a).toBe(untouched);
    expect(result.notes).toEqual(['/b: `nullable: true` inside `allOf` read as "or null"']);
  });
});
