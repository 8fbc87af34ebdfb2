import type { SchemaRule } from "./schema-rules.js";

/**
 * `items` without `type` (OpenAI's `RealtimeSessionCreateRequest.modalities`) describes a list, as
 * `properties` without `type` describes an object, which openapi-typescript already reads so.
 * Left alone it is typed `unknown`, and a list of wrong values compiles; it is read as `type: array`.
 */
export const impliedArray: SchemaRule = (schema, at, note) => {
  if (schema.items === undefined || schema.type !== undefined) return schema;
  if (["allOf", "anyOf", "oneOf", "$ref", "enum", "const"].some((k) => schema[k] !== undefined)) return schema;
  note(`${at}: \`items\` without a \`type\` read as a list`);
  return { ...schema, type: "array" };
};
