import { setOwn } from "../document/own.js";
import type { SchemaRule } from "./schema-rules.js";

/** Keywords that describe a schema without constraining it. */
const ANNOTATIONS = new Set(["nullable", "description", "title", "deprecated", "example", "examples", "readOnly", "writeOnly", "default"]);

function isNullableOnly(member: unknown): member is Record<string, unknown> {
  if (member === null || typeof member !== "object" || Array.isArray(member)) return false;
  const m = member as Record<string, unknown>;
  return m.nullable === true && Object.keys(m).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-"));
}

/**
 * Documents say more than a strict reader hears. `allOf: [{ $ref: X }, { nullable: true }]` is the
 * 3.0 way to write "X or null"; in 3.1, and for openapi-typescript in both, a member of only
 * `nullable` adds nothing, and the type says `X` where the API sends `null` (OpenAI's `Upload.file`).
 * This lifts such members onto their parent, which openapi-typescript reads as `X | null`.
 */
export const liftNullableFromAllOf: SchemaRule = (schema, at, note) => {
  const allOf = schema.allOf;
  if (!Array.isArray(allOf) || allOf.length < 2 || !allOf.some(isNullableOnly)) return schema;
  const lifted: Record<string, unknown> = { ...schema, allOf: allOf.filter((m) => !isNullableOnly(m)), nullable: true };
  for (const member of allOf.filter(isNullableOnly)) {
    for (const [k, v] of Object.entries(member)) if (k !== "nullable" && !Object.hasOwn(lifted, k)) setOwn(lifted, k, v);
  }
  note(`${at}: \`nullable: true\` inside \`allOf\` read as "or null"`);
  return lifted;
};
