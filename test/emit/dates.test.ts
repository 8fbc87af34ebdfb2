import { emitDates } from "../../src/emit/dates.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { modelFromDocument } from "../../src/model/build-model.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** dates.js for a document whose `GET /x` answers `schema`. */
function datesFor(schemas: Record<string, unknown>, schema: unknown): string | undefined {
  const doc = {
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: {
      "/x": { get: { operationId: "getX", responses: { "200": { description: "ok", content: { "application/json": { schema } } } } } },
    },
    components: { schemas },
  } as unknown as OpenApiDocument;
  const model = modelFromDocument(doc, { file: "x.yaml", reserved: new Set(), reservedTypes: new Set() });
  return emitDates(model)?.source;
}
const table = (source: string | undefined) => /const T = \{\n([\s\S]*?)\n\};/.exec(source ?? "")?.[1]?.trim() ?? "";
const entry = (source: string | undefined) => /const d0 = \{ convert: convertDates, table: T, (.*) \};/.exec(source ?? "")?.[1];

describe("emitDates: where the dates are", () => {
  test.each<[string, Record<string, unknown>, unknown, string, string | undefined]>([
    [
      "a date-time and a date",
      {},
      { type: "object", properties: { at: { type: "string", format: "date-time" }, on: { type: "string", format: "date" } } },
      "",
      'responses: { "200": { p: { at: 1, on: 2 } } }',
    ],
    [
      "nullable (3.1 type list)",
      {},
      { type: "object", properties: { at: { type: ["string", "null"], format: "date-time" } } },
      "",
      'responses: { "200": { p: { at: 1 } } }',
    ],
    [
      "array items and additionalProperties",
      {},
      {
        type: "object",
        properties: { log: { type: "array", items: { type: "string", format: "date" } } },
        additionalProperties: { type: "string", format: "date-time" },
      },
      "",
      'responses: { "200": { p: { log: { i: 2 } }, a: 1 } }',
    ],
    [
      "a named schema goes in the table",
      { E: { type: "object", properties: { at: { type: "string", format: "date-time" } } } },
      { type: "array", items: ref("E") },
      "E: { p: { at: 1 } },",
      'responses: { "200": { i: "E" } }',
    ],
    [
      "recursion stays finite",
      { N: { type: "object", properties: { at: { type: "string", format: "date" }, kids: { type: "array", items: ref("N") } } } },
      ref("N"),
      'N: { p: { at: 2, kids: { i: "N" } } },',
      'responses: { "200": "N" }',
    ],
    [
      "union branches are listed, each applied",
      { A: { properties: { at: { type: "string", format: "date-time" } } }, B: { properties: { on: { type: "string", format: "date" } } } },
      { oneOf: [ref("A"), ref("B")] },
      "A: { p: { at: 1 } },\n  B: { p: { on: 2 } },",
      'responses: { "200": ["A", "B"] }',
    ],
    [
      "allOf members merge into one object",
      {},
      { allOf: [{ properties: { a: { type: "string", format: "date" } } }, { properties: { b: { type: "string", format: "date" } } }] },
      "",
      'responses: { "200": { p: { a: 2, b: 2 } } }',
    ],
    [
      "recursion without dates is left out",
      { N: { type: "object", properties: { kids: { type: "array", items: ref("N") } } } },
      ref("N"),
      "",
      undefined,
    ],
    ["a format on a number is no date", {}, { type: "object", properties: { t: { type: "integer", format: "date-time" } } }, "", undefined],
  ])("%s", (_, schemas, schema, wantTable, wantEntry) => {
    const source = datesFor(schemas, schema);
    expect(entry(source)).toBe(wantEntry);
    if (wantEntry !== undefined) expect(table(source)).toBe(wantTable);
  });
});
