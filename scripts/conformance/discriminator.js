// OpenAPI's Discriminator Object, read as the text says: which values of the tag property select a
// branch. A `mapping` entry always wins; where the branch declares its own `enum`/`const` for the
// property, those are the values; the implicit value, the component schema's name, applies only
// where the branch says nothing. Shared by the sampler and the independent validator's views, so
// that both read one rule (the generator's own reading is what is being measured).
import { decodePointerToken, get, refPointer } from "./pointer.js";

const COMPONENT = /^\/components\/schemas\/([^/]+)$/;

/** `Pet` for `/components/schemas/Pet`; undefined for any other pointer. */
export function componentName(pointer) {
  const m = pointer === undefined ? null : COMPONENT.exec(pointer);
  return m ? decodePointerToken(m[1]) : undefined;
}

/** The pointer a mapping value names: a `#/…` reference, or a bare component name. */
function mappingTarget(value) {
  if (typeof value !== "string") return undefined;
  if (value.startsWith("#")) return refPointer(value);
  if (!value.includes("/") && !value.includes("#")) return `/components/schemas/${value.replace(/~/g, "~0")}`;
  return undefined;
}

/**
 * The values a property's schema allows when it lists them: `const`, `enum` (null aside), or the
 * union of its oneOf/anyOf alternatives' (a `null` alternative aside). Undefined when it allows any.
 */
function declaredValues(doc, schema, depth = 0) {
  let p = schema;
  for (let hops = 0; p && typeof p === "object" && typeof p.$ref === "string" && hops < 50; hops++) {
    p = refPointer(p.$ref) === undefined ? undefined : get(doc, refPointer(p.$ref));
  }
  if (!p || typeof p !== "object" || depth > 10) return undefined;
  if ("const" in p) return [p.const];
  if (Array.isArray(p.enum)) {
    const values = p.enum.filter((v) => v !== null);
    return values.length > 0 ? values : undefined;
  }
  for (const kw of ["oneOf", "anyOf"]) {
    if (!Array.isArray(p[kw]) || p[kw].length === 0) continue;
    const each = p[kw].filter((a) => a?.type !== "null").map((a) => declaredValues(doc, a, depth + 1));
    if (each.length > 0 && each.every((v) => v !== undefined)) return [...new Set(each.flat())];
  }
  return undefined;
}

/**
 * The tag values `property` takes inside `schema` itself (its own properties, then its allOf
 * members, then the union of its oneOf/anyOf alternatives' when each declares some): `const`,
 * else `enum` without null. Undefined when it declares none.
 */
export function ownTagValues(doc, schema, property, seen = new Set()) {
  let s = schema;
  for (let hops = 0; s && typeof s === "object" && typeof s.$ref === "string" && hops < 50; hops++) {
    s = refPointer(s.$ref) === undefined ? undefined : get(doc, refPointer(s.$ref));
  }
  if (!s || typeof s !== "object" || seen.has(s)) return undefined;
  seen.add(s);
  const values = declaredValues(doc, s.properties?.[property]);
  if (values) return values;
  for (const member of Array.isArray(s.allOf) ? s.allOf : []) {
    const found = ownTagValues(doc, member, property, seen);
    if (found) return found;
  }
  // A branch that is itself a union says its values when every alternative does: their union.
  for (const kw of ["oneOf", "anyOf"]) {
    const alternatives = Array.isArray(s[kw]) ? s[kw] : [];
    const each = alternatives.map((a) => ownTagValues(doc, a, property, new Set(seen)));
    if (alternatives.length > 0 && each.every((v) => v !== undefined)) return [...new Set(each.flat())];
  }
  return undefined;
}

/**
 * The values that select a branch: `branchPointer` is where the branch's `$ref` leads (undefined
 * for an inline branch), `ownValues` what the branch declares itself (see `ownTagValues`).
 */
export function discriminatorValues(discriminator, branchPointer, ownValues) {
  const mapped = Object.entries(discriminator?.mapping ?? {})
    .filter(([, target]) => branchPointer !== undefined && mappingTarget(target) === branchPointer)
    .map(([value]) => value);
  if (mapped.length > 0) return mapped;
  if (ownValues?.length) return ownValues;
  const name = componentName(branchPointer);
  return name === undefined ? [] : [name];
}

/** Where a `$ref` chain starting at `node` ends (a pointer), or undefined for an inline schema. */
export function refTarget(doc, node) {
  let pointer;
  let s = node;
  for (let hops = 0; s && typeof s === "object" && refPointer(s.$ref) !== undefined && hops < 50; hops++) {
    pointer = refPointer(s.$ref);
    s = get(doc, pointer);
  }
  return pointer;
}
