import { isObject } from "../document/own.js";
import { mapSchemaRoots } from "../document/schema-roots.js";
import { mapSubschemas } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * `items` without `type` (OpenAI's `RealtimeSessionCreateRequest.modalities`) describes a list, as
 * `properties` without `type` describes an object, which openapi-typescript already reads so.
 * Left alone it is typed `unknown`, and a list of wrong values compiles; it is read as `type: array`.
 */
export function impliedArray(document: OpenApiDocument): Normalised {
  let count = 0;
  const visit = (schema: unknown): unknown => {
    const s = mapSubschemas(schema, visit);
    if (!isObject(s) || s.items === undefined || s.type !== undefined) return s;
    if (["allOf", "anyOf", "oneOf", "$ref", "enum", "const"].some((k) => s[k] !== undefined)) return s;
    count++;
    return { ...s, type: "array" };
  };
  const result = mapSchemaRoots(document, visit);
  return { document: result, notes: count > 0 ? [`${count} schema(s) with \`items\` but no \`type\` read as lists`] : [] };
}
