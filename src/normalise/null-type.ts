import { isObject } from "../document/own.js";
import { mapSubschemas } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import { mapSchemaRoots } from "../document/schema-roots.js";
import type { Normalised } from "./normalise.js";

/**
 * `type: "null"` beside `oneOf`/`anyOf`/`allOf` (Vercel's `EdgeConfigItemValue`) says "one of these,
 * or null": read strictly it allows only a null that also matches a branch, and openapi-typescript
 * writes `null & (…)`. It is read as `nullable: true`.
 */
export function nullTypeAsNullable(document: OpenApiDocument): Normalised {
  const notes: string[] = [];
  const visit = (schema: unknown, at: string): unknown => {
    const inner = mapSubschemas(schema, (sub, [keyword, key]) => visit(sub, `${at}/${keyword}${key === undefined ? "" : `/${key}`}`));
    if (!isObject(inner) || inner.type !== "null" || !["oneOf", "anyOf", "allOf"].some((k) => Array.isArray(inner[k]))) return inner;
    const { type: _, ...rest } = inner;
    notes.push(`${at}: \`type: "null"\` beside a composition read as "or null"`);
    return { ...rest, nullable: true };
  };
  return { document: mapSchemaRoots(document, visit), notes };
}
