import { isObject, own, setOwn } from "../document/own.js";
import type { SchemaRule } from "./schema-rules.js";

/**
 * `properties` beside `anyOf`/`oneOf` branches that only say which of them are `required` (GitHub's
 * "one of these fields", nine operations; one in OpenAI) is a constraint on the object the
 * properties describe. openapi-typescript types such a branch as `unknown`, and an `anyOf` beside
 * properties as a union with them: `T | unknown`, which accepts any body. Here each such branch
 * gets the properties it requires, and an `anyOf` beside an object's own keywords moves into an
 * `allOf` member, so the type is `T & ({ a: A } | { b: B })`. An `allOf` member of only `required`
 * names is the whole's `required`.
 */

type Json = Record<string, any>;
const OBJECT_KEYWORDS = ["properties", "additionalProperties", "patternProperties", "allOf"];
const SHAPE_KEYWORDS = ["type", "properties", "$ref", "allOf", "anyOf", "oneOf", "enum", "const", "items", "not"];

/** A branch that only lists required property names (annotations aside). */
const requiredOnly = (branch: unknown): branch is Json =>
  isObject(branch) && Array.isArray(branch.required) && !SHAPE_KEYWORDS.some((k) => branch[k] !== undefined);

/**
 * An inline branch that requires a property it does not declare itself (GitHub's `checksUpdate`:
 * `{ properties: { status }, required: [conclusion] }`): openapi-typescript drops such a name.
 */
const requiresUndeclared = (branch: unknown): branch is Json =>
  isObject(branch) &&
  Array.isArray(branch.required) &&
  branch.$ref === undefined &&
  (branch.required as unknown[]).some((n) => typeof n === "string" && own((branch as Json).properties, n) === undefined);

/** The branch with the properties it requires: the parent's, or any value where the parent declares none. */
function withProperties(branch: Json, properties: Json): Json {
  const picked: Json = { ...(isObject(branch.properties) ? branch.properties : {}) };
  for (const name of branch.required)
    if (typeof name === "string" && own(picked, name) === undefined) setOwn(picked, name, own(properties, name) ?? {});
  return { ...branch, type: "object", properties: picked };
}

export const requiredBranches: SchemaRule = (schema, at, note) => {
  let s = schema;
  // An allOf member that only lists required names (DigitalOcean's `firewalls_create`) constrains
  // the whole: its names join the parent's `required`, which openapi-typescript applies to every member.
  if (Array.isArray(s.allOf) && s.allOf.some(requiredOnly)) {
    const names = s.allOf.filter(requiredOnly).flatMap((m: Json) => m.required);
    const allOf = s.allOf.filter((m: unknown) => !requiredOnly(m));
    const required = [...new Set([...(Array.isArray(s.required) ? s.required : []), ...names])];
    s = { ...s, required, ...(allOf.length > 0 ? { allOf } : {}) };
    if (allOf.length === 0) delete s.allOf;
    note(`${at}: allOf members that only list required properties read as the whole's required`);
  }
  const properties = isObject(s.properties) ? s.properties : undefined;
  for (const keyword of ["anyOf", "oneOf"]) {
    const branches = s[keyword];
    if (!properties || !Array.isArray(branches) || !branches.some(requiresUndeclared)) continue;
    s = { ...s, [keyword]: branches.map((b: unknown) => (requiresUndeclared(b) ? withProperties(b, properties) : b)) };
    note(`${at}: ${keyword} branches that require properties they do not declare typed with those properties`);
  }
  if (Array.isArray(s.anyOf) && (s.type === "object" || OBJECT_KEYWORDS.some((k) => s[k] !== undefined))) {
    const { anyOf, ...rest } = s;
    s = { ...rest, allOf: [...(Array.isArray(rest.allOf) ? rest.allOf : []), { anyOf }] };
  }
  return s;
};
