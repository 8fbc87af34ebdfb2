import { isObject, own, setOwn } from "../document/own.js";
import { mapSchemaRoots } from "../document/schema-roots.js";
import { mapSubschemas } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * A name in `required` that `properties` does not declare (125 of Box's responses: `accessed`) is
 * still a property the object has, of any type. openapi-typescript leaves it out, so the type
 * refuses an object that has it; here it is declared as `{}` (`unknown`). Only where the schema's
 * own properties are all there is: beside `allOf`/`anyOf`/`oneOf` a name may be another member's.
 */
export function declareRequired(document: OpenApiDocument): Normalised {
  const notes: string[] = [];
  const visit = (schema: unknown, at: string): unknown => {
    const s = mapSubschemas(schema, (sub, [keyword, key]) => visit(sub, `${at}/${keyword}${key === undefined ? "" : `/${key}`}`));
    if (!isObject(s) || !isObject(s.properties) || !Array.isArray(s.required) || s.additionalProperties === false) return s;
    if (["allOf", "anyOf", "oneOf", "$ref"].some((k) => s[k] !== undefined)) return s;
    const missing = s.required.filter((n: unknown): n is string => typeof n === "string" && own(s.properties, n) === undefined);
    if (missing.length === 0) return s;
    const properties = { ...s.properties };
    for (const name of missing) setOwn(properties, name, {});
    notes.push(`${at}: required ${missing.join(", ")} without a schema: unknown`);
    return { ...s, properties };
  };
  return { document: mapSchemaRoots(document, visit), notes };
}
