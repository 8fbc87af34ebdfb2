import type { SchemaRule } from "./schema-rules.js";

/**
 * `type: "null"` beside `oneOf`/`anyOf`/`allOf` (Vercel's `EdgeConfigItemValue`) says "one of these,
 * or null": read strictly it allows only a null that also matches a branch, and openapi-typescript
 * writes `null & (…)`. It is read as `nullable: true`.
 */
export const nullTypeAsNullable: SchemaRule = (schema, at, note) => {
  if (schema.type !== "null" || !["oneOf", "anyOf", "allOf"].some((k) => Array.isArray(schema[k]))) return schema;
  const { type: _, ...rest } = schema;
  note(`${at}: \`type: "null"\` beside a composition read as "or null"`);
  return { ...rest, nullable: true };
};
