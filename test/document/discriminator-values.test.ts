import { declaredValues } from "../../src/document/discriminator-values.js";
import { deref } from "../../src/document/refs.js";
import type { OpenApiDocument } from "../../src/document/types.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const schemas: Record<string, unknown> = {
  Own: { properties: { t: { type: "string", enum: ["own"] } } },
  Const: { properties: { t: { const: "c" } } },
  Nullable: { properties: { t: { anyOf: [{ enum: ["n"] }, { type: "null" }] } } },
  Any: { properties: { t: { type: "string" } } },
  Union: { oneOf: [ref("Own"), ref("Const")] },
  HalfUnion: { oneOf: [ref("Own"), ref("Any")] },
  Parent: { properties: { t: { enum: ["own", "c"] } }, discriminator: { propertyName: "t" } },
  Child: { allOf: [ref("Parent"), { properties: { n: { type: "integer" } } }] },
  Alias: { allOf: [ref("Union"), { type: "object" }] },
};
const doc = { components: { schemas } } as unknown as OpenApiDocument;

test.each<[string, string, string[] | undefined]>([
  ["its own enum", "Own", ["own"]],
  ["its own const", "Const", ["c"]],
  ["an enum or null", "Nullable", ["n"]],
  ["any string: none", "Any", undefined],
  ["a union: every member's", "Union", ["own", "c"]],
  ["a union with a member that says nothing: none", "HalfUnion", undefined],
  ["a subtype: not its parent's list of every subtype's values", "Child", undefined],
  ["an allOf that only names another schema: that schema's", "Alias", ["own", "c"]],
])("declaredValues: %s", (_, name, want) => {
  expect(declaredValues((n) => deref(doc, n), ref(name), "t")).toEqual(want);
});
