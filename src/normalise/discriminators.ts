import { mappingRef, schemaNameOf, schemaRef } from "../document/component-names.js";
import { DocumentEdit } from "../document/edit.js";
import { isObject, own, setOwn } from "../document/own.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import { deref } from "../document/refs.js";
import { forEachSchemaRoot } from "../document/schema-roots.js";
import { walkSchema } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * Discriminator values, settled once. OpenAPI's rule: a `mapping` entry always wins; where a branch
 * declares its own `enum`/`const` for the property, that is its value; only a branch that says
 * nothing takes its schema's name (the implicit mapping). Left to openapi-typescript, every branch
 * without a mapping entry would be typed with its schema's name (OpenAI's chat messages would need
 * `role: "ChatCompletionRequestUserMessage"`).
 *
 * This writes the answer into the document, so that every reader agrees: each discriminator gets
 * its whole `mapping`, and each branch (and each schema that inherits the discriminator through
 * `allOf`) has the property required and pinned to exactly its values. A branch that two
 * discriminators give different values takes them all.
 */

type Json = Record<string, any>;

interface Holder {
  /** Where the schema with the discriminator is. */
  path: Array<string | number>;
  schema: Json;
  propertyName: string;
}

/** Whether a schema allows only `null`. */
const nullOnly = (s: Json): boolean =>
  s.type === "null" || (Array.isArray(s.enum) && s.enum.length > 0 && s.enum.every((v: unknown) => v === null));

/** The string values a property's schema allows by `const` or `enum` (in each of its `anyOf`/`oneOf` members); undefined when it allows any. */
function stringValues(doc: OpenApiDocument, property: unknown): string[] | undefined {
  const p = deref<Json>(doc, property);
  if (!isObject(p)) return undefined;
  if (typeof p.const === "string") return [p.const];
  const strings = Array.isArray(p.enum) ? p.enum.filter((v: unknown): v is string => typeof v === "string") : [];
  if (strings.length > 0) return strings;
  const members = [...(Array.isArray(p.anyOf) ? p.anyOf : []), ...(Array.isArray(p.oneOf) ? p.oneOf : [])].map((m) => deref<Json>(doc, m));
  if (members.length === 0 || !members.every(isObject)) return undefined;
  const values: string[] = [];
  for (const m of members as Json[]) {
    if (nullOnly(m)) continue;
    const found = stringValues(doc, m);
    if (!found) return undefined;
    values.push(...found.filter((v) => !values.includes(v)));
  }
  return values.length > 0 ? values : undefined;
}

/**
 * The string values a schema declares for `property`: its own, an `allOf` member's, or, for a
 * schema that is itself a union, every member's (when each declares some).
 */
function declaredValues(doc: OpenApiDocument, schema: unknown, property: string, seen = new Set<unknown>()): string[] | undefined {
  const s = deref<Json>(doc, schema);
  if (!isObject(s) || seen.has(s)) return undefined;
  seen.add(s);
  const values = stringValues(doc, own(s.properties, property));
  if (values) return values;
  for (const member of Array.isArray(s.allOf) ? s.allOf : []) {
    // A parent holding the discriminator lists every branch's value, not this one's.
    if (isObject(deref<Json>(doc, member)?.discriminator)) continue;
    const found = declaredValues(doc, member, property, seen);
    if (found) return found;
  }
  const members = [...(Array.isArray(s.oneOf) ? s.oneOf : []), ...(Array.isArray(s.anyOf) ? s.anyOf : [])];
  if (members.length === 0) return undefined;
  const union: string[] = [];
  for (const member of members) {
    const found = declaredValues(doc, member, property, seen);
    if (!found) return undefined;
    union.push(...found.filter((v) => !union.includes(v)));
  }
  return union;
}

/** Every schema with a discriminator, in document order. */
function holders(doc: OpenApiDocument): Holder[] {
  const out: Holder[] = [];
  forEachSchemaRoot(doc, (root, at) =>
    walkSchema(
      root,
      (node, path) => {
        const d = node.discriminator;
        if (isObject(d) && typeof d.propertyName === "string" && d.propertyName !== "")
          out.push({ path: [...path], schema: node, propertyName: d.propertyName });
      },
      pointerSegments(at),
    ),
  );
  return out;
}

/** Component name → the components that name it in their `allOf`: they inherit its discriminator. */
function inheritors(doc: OpenApiDocument): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) {
    const s = own(schemas, name);
    if (!isObject(s) || !Array.isArray(s.allOf)) continue;
    for (const parent of new Set(s.allOf.map((m: unknown) => schemaNameOf(m)))) {
      if (typeof parent === "string") out.set(parent, [...(out.get(parent) ?? []), name]);
    }
  }
  return out;
}

/** The name of the component schema a holder is, if it is one. */
function componentName(holder: Holder): string | undefined {
  const [components, kind, name, ...rest] = holder.path;
  return components === "components" && kind === "schemas" && rest.length === 0 ? String(name) : undefined;
}

const refKey = (ref: string) => pointer(pointerSegments(ref));

export function explicitDiscriminators(document: OpenApiDocument): Normalised {
  const found = holders(document);
  if (found.length === 0) return { document, notes: [] };
  const edit = new DocumentEdit(document);
  const notes: string[] = [];
  /** Component name → the values it is pinned to, and the property. */
  const pins = new Map<string, { property: string; values: Set<string> }>();
  const children = inheritors(document);

  for (const holder of found) {
    const { schema, propertyName } = holder;
    const written: Json = isObject(schema.discriminator.mapping) ? schema.discriminator.mapping : {};
    const mapping: Json = {};
    const mappedTo = new Map<string, string[]>(); // ref key → values
    for (const value of Object.keys(written)) {
      const target = own(written, value);
      if (typeof target !== "string") continue;
      setOwn(mapping, value, target);
      const key = refKey(mappingRef(target));
      mappedTo.set(key, [...(mappedTo.get(key) ?? []), value]);
    }
    const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])]
      .map((b: unknown) => schemaNameOf(b))
      .filter((n): n is string => n !== undefined);
    const name = componentName(holder);
    const inherited = name === undefined ? [] : (children.get(name) ?? []);
    const implicit: string[] = [];
    /** Each member's values: the mapping's, else its own, else its name (OpenAPI's implicit mapping). */
    const valuesOf = new Map<string, string[]>();
    for (const member of new Set([...branches, ...inherited])) {
      const mapped = mappedTo.get(refKey(schemaRef(member)));
      if (mapped !== undefined) {
        valuesOf.set(member, mapped);
        continue;
      }
      const declared = declaredValues(document, own(document.components?.schemas, member), propertyName);
      if (!declared) implicit.push(member);
      // Two branches may declare one value (OpenAI's input items: a message is an EasyInputMessage or
      // an Item's InputMessage or OutputMessage): both keep it, and the mapping names the first.
      const values = declared ?? [member];
      for (const v of values) if (!Object.hasOwn(mapping, v)) setOwn(mapping, v, schemaRef(member));
      valuesOf.set(member, values);
    }
    // A schema that inherits the discriminator is that subtype wherever it is used: pinned itself.
    for (const heir of inherited) {
      const p = pins.get(heir) ?? { property: propertyName, values: new Set<string>() };
      if (p.property !== propertyName) continue; // two discriminators on different properties: the first's stays
      for (const v of valuesOf.get(heir) ?? []) p.values.add(v);
      pins.set(heir, p);
    }
    // A branch may be used elsewhere too (GitHub's `public-user`): pinned in this union only, by a wrapper.
    for (const keyword of ["oneOf", "anyOf"] as const) {
      (Array.isArray(schema[keyword]) ? schema[keyword] : []).forEach((branch: unknown, i: number) => {
        const member = schemaNameOf(branch);
        if (member === undefined || inherited.includes(member)) return;
        const values = valuesOf.get(member) ?? [];
        const component = own(document.components?.schemas, member);
        // Only an object carries a tag (GitHub maps "array" to its directory listing, a list).
        if (!objectLike(document, component)) return;
        const declared = declaredValues(document, component, propertyName);
        if (values.length === 0 || sameValues(declared, values)) return;
        if (declared !== undefined && !values.every((v) => declared.includes(v))) {
          // The mapping contradicts what the branch declares: the mapping wins, in the branch itself.
          const p = pins.get(member) ?? { property: propertyName, values: new Set<string>() };
          if (p.property === propertyName) for (const v of values) p.values.add(v);
          pins.set(member, p);
          return;
        }
        // `{ tag, oneOf: [branch] }`, not `allOf: [branch, tag]`: openapi-typescript would type an
        // `allOf` member that is a discriminator's holder (OpenAI's Item) as `Omit<Item, "type">`,
        // and `Omit` of a union keeps only what all its members share.
        const optional = isObject(component) && declaresOptional(document, component, propertyName);
        const wrapper: Json = { type: "object", properties: {}, ...(optional ? {} : { required: [propertyName] }), oneOf: [branch] };
        setOwn(wrapper.properties, propertyName, pinSchema(values));
        edit.set([...holder.path, keyword, i], wrapper);
      });
    }
    if (Object.keys(mapping).length > Object.keys(written).length || !isObject(schema.discriminator.mapping)) {
      edit.set([...holder.path, "discriminator"], { ...schema.discriminator, mapping });
      if (implicit.length > 0)
        notes.push(
          `${pointer(holder.path)}: discriminator \`${propertyName}\` without a mapping for ${implicit.sort().join(", ")}: their schema names are the values`,
        );
    }
  }

  for (const [name, { property, values }] of pins) {
    const schema = own(document.components?.schemas, name);
    if (values.size === 0 || schema === undefined || sameValues(declaredValues(document, schema, property), [...values])) continue;
    edit.set(["components", "schemas", name], pinned(document, schema, property, [...values]));
  }
  return { document: edit.result, notes };
}

/** Whether a schema can be an object: no `type`, or one that includes "object". */
function objectLike(doc: OpenApiDocument, schema: unknown): boolean {
  const s = deref<Json>(doc, schema);
  if (!isObject(s)) return false;
  const types = Array.isArray(s.type) ? s.type : s.type === undefined ? undefined : [s.type];
  return types === undefined || types.includes("object");
}

/** Whether a schema declares `property` without requiring it (OpenAI's optional, defaulted tags). */
function declaresOptional(doc: OpenApiDocument, schema: Json, property: string): boolean {
  const s = deref<Json>(doc, schema);
  if (!isObject(s)) return false;
  if (own(s.properties, property) !== undefined) return !(Array.isArray(s.required) && s.required.includes(property));
  return (Array.isArray(s.allOf) ? s.allOf : []).some((m: unknown) => declaresOptional(doc, m as Json, property));
}

/** A property schema allowing `values`: `like`'s annotations (its description, whether it allows `null`) with its values replaced. */
const pinSchema = (values: string[], like?: Json): Json => {
  const { const: _, enum: previous, $ref: __, anyOf, oneOf, allOf: ___, type: ____, ...rest } = isObject(like) ? like : {};
  const members = [...(Array.isArray(anyOf) ? anyOf : []), ...(Array.isArray(oneOf) ? oneOf : [])];
  const nullable = (Array.isArray(previous) && previous.includes(null)) || members.some((m) => isObject(m) && nullOnly(m));
  return { ...rest, type: "string", enum: nullable ? [...values, null] : values };
};

const sameValues = (a: string[] | undefined, b: string[]) => a !== undefined && a.length === b.length && b.every((v) => a.includes(v));

/**
 * The schema with `property` allowing exactly `values`; unchanged when it already says so. A
 * property the schema declares keeps whether it is required (OpenAI leaves some tags optional, with
 * a default); one it does not declare is added, required, as a discriminator's property must be.
 */
function pinned(doc: OpenApiDocument, schema: unknown, property: string, values: string[]): unknown {
  if (!isObject(schema)) return schema;
  const current = own(schema.properties, property);
  if (isObject(schema.properties) && current !== undefined) {
    if (sameValues(stringValues(doc, current), values)) return schema;
    const properties = { ...schema.properties };
    setOwn(properties, property, pinSchema(values, current));
    return { ...schema, properties };
  }
  const added = (s: Json): Json => {
    const properties = { ...(isObject(s.properties) ? s.properties : {}) };
    setOwn(properties, property, pinSchema(values));
    const required = Array.isArray(s.required) ? s.required : [];
    return { ...s, properties, required: required.includes(property) ? required : [...required, property] };
  };
  if (Array.isArray(schema.allOf)) {
    const i = schema.allOf.findIndex((m: unknown) => isObject(m) && m.$ref === undefined && own(m.properties, property) !== undefined);
    const allOf = [...schema.allOf];
    if (i >= 0) allOf[i] = pinned(doc, allOf[i], property, values);
    else allOf.push(added({ type: "object" }));
    return { ...schema, allOf };
  }
  return schema.type === "object" || schema.type === undefined ? added(schema) : schema;
}

/**
 * What openapi-typescript's transform needs to know of discriminators, computed here rather than
 * by its `scanDiscriminators`, which would rewrite the branches again, in place: the schemas that
 * hold one or inherit one through `allOf` (their `allOf` parent's tag is left out, `Omit`), and the
 * branches, which are all pinned now (so none gets a tag property named after its schema).
 */
export function discriminatorFacts(doc: OpenApiDocument): { objects: Record<string, Json>; refsHandled: string[] } {
  const objects: Record<string, Json> = {};
  const handled = new Set<string>();
  for (const h of holders(doc)) {
    objects["#" + pointer(h.path)] = h.schema.discriminator;
    for (const target of Object.values(isObject(h.schema.discriminator.mapping) ? h.schema.discriminator.mapping : {}))
      if (typeof target === "string") handled.add(mappingRef(target));
  }
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) {
    const s = own(schemas, name);
    if (!isObject(s) || !Array.isArray(s.allOf)) continue;
    for (const m of s.allOf) {
      const parent = isObject(m) && typeof m.$ref === "string" ? objects[m.$ref] : undefined;
      if (parent) {
        objects[schemaRef(name)] = { ...parent };
        handled.add(schemaRef(name));
      }
    }
  }
  return { objects, refsHandled: [...handled].sort() };
}
