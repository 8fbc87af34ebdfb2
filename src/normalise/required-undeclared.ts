import { isObject, setOwn } from "../document/own.js";
import type { SchemaRule } from "./schema-rules.js";

/**
 * A name in `required` that `properties` does not declare (125 of Box's responses: `accessed`) is
 * still a property the object has, of any type. openapi-typescript leaves it out, so the type
 * refuses an object that has it; here it is declared as `{}` (`unknown`). Beside `allOf` it counts
 * as declared where a member declares it (DigitalOcean's `uptime_check_create` requires a `method`
 * no member has); beside a union, or a member that may hold any property, it is left alone.
 */
export const declareRequired: SchemaRule = (s, at, note, { deref }) => {
  if (!Array.isArray(s.required) || s.additionalProperties === false || s.$ref !== undefined) return s;
  if (s.anyOf !== undefined || s.oneOf !== undefined) return s;
  if (!isObject(s.properties) && !Array.isArray(s.allOf)) return s;
  const declared = new Set<string>();
  const collect = (schema: unknown, seen: Set<unknown>, member: boolean) => {
    const node = deref(schema);
    if (!isObject(node) || seen.has(node)) return;
    seen.add(node);
    if (isObject(node.properties)) for (const name of Object.keys(node.properties)) declared.add(name);
    // A member that is a union, or types other properties, may hold it: its type says what it is.
    if (member && (node.anyOf !== undefined || node.oneOf !== undefined || isObject(node.additionalProperties))) declared.add("*");
    for (const m of Array.isArray(node.allOf) ? node.allOf : []) collect(m, seen, true);
  };
  collect(s, new Set(), false);
  if (declared.has("*")) return s;
  const missing = s.required.filter((n: unknown): n is string => typeof n === "string" && !declared.has(n));
  if (missing.length === 0) return s;
  const properties = { ...(isObject(s.properties) ? s.properties : {}) };
  for (const name of missing) setOwn(properties, name, {});
  note(`${at}: required ${missing.join(", ")} without a schema: unknown`);
  return { ...s, properties };
};
