import { isObject, own } from "./own.js";

/**
 * Which tag values a schema declares for a discriminator's property: the one reading of it, for the
 * normaliser (over the document) and the validator compiler (over its JSON Schema bundle). `deref`
 * follows a `$ref` in whichever of the two it is given.
 */
type Deref = (node: unknown) => unknown;
type Json = Record<string, any>;

/** Whether a schema allows only `null`. */
export const nullOnly = (s: Json): boolean =>
  s.type === "null" || (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((v: unknown) => v === null));

/** The string values a property's schema allows by `const` or `enum` (in each of its `anyOf`/`oneOf` members); undefined when it allows any. */
export function stringValues(deref: Deref, property: unknown): string[] | undefined {
  const p = deref(property);
  if (!isObject(p)) return undefined;
  if (typeof p.const === "string") return [p.const];
  const strings = Array.isArray(p.enum) ? p.enum.filter((v: unknown): v is string => typeof v === "string") : [];
  if (strings.length > 0) return strings;
  const members = [...(Array.isArray(p.anyOf) ? p.anyOf : []), ...(Array.isArray(p.oneOf) ? p.oneOf : [])].map(deref);
  if (members.length === 0 || !members.every(isObject)) return undefined;
  const values: string[] = [];
  for (const m of members as Json[]) {
    if (nullOnly(m)) continue;
    const found = stringValues(deref, m);
    if (!found) return undefined;
    values.push(...found.filter((v) => !values.includes(v)));
  }
  return values.length > 0 ? values : undefined;
}

/**
 * The string values a schema declares for `property`: its own, an `allOf` member's, or, for a
 * schema that is itself a union (OpenAI's `Item`), every member's, when each declares some.
 */
export function declaredValues(deref: Deref, schema: unknown, property: string, seen = new Set<unknown>()): string[] | undefined {
  const s = deref(schema);
  if (!isObject(s) || seen.has(s)) return undefined;
  seen.add(s);
  const values = stringValues(deref, own(s.properties, property));
  if (values) return values;
  const allOf: unknown[] = Array.isArray(s.allOf) ? s.allOf : [];
  // A schema that adds properties to a member holding a discriminator is its subtype: the parent's
  // values are every subtype's, not this one's. Without properties of its own, the member is what
  // it is (OpenAI's `{ title, $ref: Item }`, an `allOf` once a validator reads its siblings).
  const extendsMember = isObject(s.properties) || allOf.some((m) => isObject(deref(m)) && isObject((deref(m) as Json).properties));
  for (const member of allOf) {
    const m = deref(member);
    if (extendsMember && isObject(m) && isObject(m.discriminator)) continue;
    const found = declaredValues(deref, member, property, seen);
    if (found) return found;
  }
  const members = [...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.anyOf) ? s.anyOf : [])];
  if (members.length === 0) return undefined;
  const union: string[] = [];
  for (const member of members) {
    const found = declaredValues(deref, member, property, seen);
    if (!found) return undefined;
    union.push(...found.filter((v) => !union.includes(v)));
  }
  return union;
}
