import { mappingRef, schemaNameOf, schemaRef } from "../document/component-names.js";
import { isObject, own, setOwn } from "../document/own.js";
import { deref, reachableComponents } from "../document/refs.js";
import { LIST, MAP, ONE, subschemas } from "../document/schema-walk.js";
import { METHODS, type OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * Request and response views. A `readOnly` property is one the server sends and the client must
 * not; a `writeOnly` one (a password) the reverse; one with a `default` may be left out of a request
 * (the server fills it in) and is always in a response. This rewrites the document so that types
 * and validators say so: what a request carries leaves out readOnly properties (listed in
 * `x-readOnly` for the validators, which refuse them), what a response carries leaves out writeOnly
 * ones and requires those with a default, at any depth. A component both sides use whose two views differ keeps its name for
 * the response view (what the API returns) and gets a copy for requests, `<Name>Writable`, which
 * the request side's `$ref`s point at; one only one side uses is rewritten in place. The copies
 * appear in `components.schemas`, so api.json shows them to reviewers.
 *
 * Discriminators keep their values: where a branch is renamed, its mapping points at the copy
 * under the original name.
 */

type Json = Record<string, any>;
type Direction = "request" | "response";
const FLAG = { request: "readOnly", response: "writeOnly" } as const;
/** Where the request view lists the readOnly properties it left out: the validators refuse them. */
export const READ_ONLY_LIST = "x-readOnly";

/** What a view changed: the properties it left out, and those it made always present. */
interface Seen {
  dropped: Set<string>;
  present: Set<string>;
}
const seenNone = (): Seen => ({ dropped: new Set(), present: new Set() });
const describe = ({ dropped, present }: Seen): string =>
  [
    dropped.size > 0 ? `without ${[...dropped].sort().join(", ")}` : "",
    present.size > 0 ? `with ${[...present].sort().join(", ")} always present (defaults)` : "",
  ]
    .filter(Boolean)
    .join(", ");

/** The component schema a mapping target names, by reference or by name. */
const mappedName = (target: unknown): string | undefined => (typeof target === "string" ? schemaNameOf(mappingRef(target)) : undefined);

/** Whether a property's schema carries the flag, on itself or on the component its `$ref` names. */
function marked(doc: OpenApiDocument, property: unknown, flag: "readOnly" | "writeOnly"): boolean {
  return isObject(property) && (property[flag] === true || deref<Json>(doc, property)?.[flag] === true);
}

/** Whether a property has a default of its own: optional as sent, present as received. */
const defaulted = (property: unknown): boolean => isObject(property) && property.default !== undefined;

/** The properties of a schema that a response view adds to `required`. */
function defaultedOptional(schema: Json): string[] {
  if (!isObject(schema.properties)) return [];
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.keys(schema.properties).filter((k) => !required.has(k) && defaulted(own(schema.properties, k)));
}

/** Whether a schema, not following `$ref`s, has a property marked readOnly or writeOnly, or an optional one with a default. */
function marksHere(doc: OpenApiDocument, schema: unknown): boolean {
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (!isObject(s)) continue;
    const properties = isObject(s.properties) ? Object.values(s.properties) : [];
    if (properties.some((p) => marked(doc, p, "readOnly") || marked(doc, p, "writeOnly"))) return true;
    if (defaultedOptional(s).length > 0) return true;
    stack.push(...subschemas(s));
  }
  return false;
}

/** The component schemas a schema names, not following them: `$ref`s and discriminator mappings. */
function refsHere(schema: unknown): Set<string> {
  const out = new Set<string>();
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (!isObject(s)) continue;
    const name = schemaNameOf(s.$ref);
    if (name !== undefined) out.add(name);
    if (isObject(s.discriminator?.mapping)) {
      for (const target of Object.values(s.discriminator.mapping)) {
        const mapped = mappedName(target);
        if (mapped !== undefined) out.add(mapped);
      }
    }
    stack.push(...subschemas(s));
  }
  return out;
}

/** `allOf` members that are `$ref`s to a component with a discriminator: the parents whose values name this schema. */
function discriminatorParents(schemas: Json, schema: unknown): string[] {
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return [];
  return schema.allOf.flatMap((m: unknown) => {
    const name = schemaNameOf(m);
    return name !== undefined && isObject(own(own(schemas, name), "discriminator")) ? [name] : [];
  });
}

/** The components whose views differ from the schema as written: marked, or reaching one that is. */
function differing(doc: OpenApiDocument, schemas: Json): Set<string> {
  const dependents = new Map<string, Set<string>>(); // name → the components that must follow it
  const out = new Set<string>();
  const depend = (on: string, who: string) => {
    if (!dependents.has(on)) dependents.set(on, new Set());
    dependents.get(on)!.add(who);
  };
  for (const name of Object.keys(schemas)) {
    const schema = own(schemas, name);
    if (marksHere(doc, schema)) out.add(name);
    for (const ref of refsHere(schema)) depend(ref, name);
    // A parent's discriminator names its children: a renamed child needs its parent's mapping rewritten.
    for (const parent of discriminatorParents(schemas, schema)) depend(name, parent);
  }
  const queue = [...out];
  while (queue.length > 0) {
    for (const who of dependents.get(queue.pop()!) ?? []) {
      if (!out.has(who)) {
        out.add(who);
        queue.push(who);
      }
    }
  }
  return out;
}

/** Component schema names the requests reach, and those the responses reach. */
function usage(doc: OpenApiDocument): Record<Direction, Set<string>> {
  const roots: Record<Direction, unknown[]> = { request: [], response: [] };
  const items = [...Object.values(doc.paths ?? {}), ...Object.values((doc.components as Json | undefined)?.pathItems ?? {})];
  for (const item of items) {
    if (!isObject(item)) continue;
    roots.request.push(item.parameters);
    for (const method of METHODS) {
      const op = own(item, method);
      if (!isObject(op)) continue;
      roots.request.push(op.parameters, op.requestBody);
      roots.response.push(op.responses);
    }
  }
  const names = (direction: Direction) =>
    new Set([...reachableComponents(doc, roots[direction])].flatMap((ref) => schemaNameOf(ref) ?? []));
  return { request: names("request"), response: names("response") };
}

export function readWriteViews(document: OpenApiDocument): Normalised {
  const schemas: Json = (document.components?.schemas as Json | undefined) ?? {};
  const either = differing(document, schemas);
  const inline = hasInlineMarks(document);
  const notes: string[] = [];
  if (either.size === 0 && !inline) return { document, notes };
  const used = usage(document);

  // A component both sides use, whose views differ, gets a request copy.
  const requestName = new Map<string, string>();
  const taken = new Set(Object.keys(schemas));
  for (const name of Object.keys(schemas).sort()) {
    if (!either.has(name) || !used.request.has(name) || !used.response.has(name)) continue;
    let copy = `${name}Writable`;
    for (let i = 2; taken.has(copy); i++) copy = `${name}Writable${i}`;
    taken.add(copy);
    requestName.set(name, copy);
  }
  const target = (name: string, direction: Direction) => (direction === "request" ? (requestName.get(name) ?? name) : name);

  /** The schema as one direction sees it: its marked properties gone, its references to that direction's views. */
  const view = (schema: unknown, direction: Direction, seen: Seen): unknown => {
    if (!isObject(schema)) return schema;
    const out: Json = { ...schema };
    const name = schemaNameOf(schema.$ref);
    if (name !== undefined && target(name, direction) !== name) out.$ref = schemaRef(target(name, direction));
    for (const k of ONE) if (isObject(schema[k])) out[k] = view(schema[k], direction, seen);
    for (const k of LIST) if (Array.isArray(schema[k])) out[k] = schema[k].map((s: unknown) => view(s, direction, seen));
    const left: string[] = [];
    for (const k of MAP) {
      if (!isObject(schema[k])) continue;
      const map: Json = {};
      for (const key of Object.keys(schema[k])) {
        const property = own(schema[k], key);
        if (k === "properties" && marked(document, property, FLAG[direction])) {
          seen.dropped.add(key);
          left.push(key);
          continue;
        }
        setOwn(map, key, view(property, direction, seen));
      }
      out[k] = map;
    }
    if (isObject(schema.properties)) {
      const required = (Array.isArray(schema.required) ? schema.required : []).filter(
        (r: unknown) => typeof r !== "string" || own(out.properties, r) !== undefined || own(schema.properties, r) === undefined,
      );
      if (direction === "response") {
        const present = defaultedOptional(out);
        for (const key of present) seen.present.add(key);
        required.push(...present);
      }
      if (required.length > 0) out.required = required;
      else delete out.required;
      if (direction === "request" && left.length > 0) out[READ_ONLY_LIST] = left;
    }
    if (isObject(schema.discriminator)) out.discriminator = discriminatorView(schema, direction);
    return out;
  };

  /** The discriminator with its mapping pointing at this direction's views, implicit names made explicit where a branch is renamed. */
  const discriminatorView = (schema: Json, direction: Direction): Json => {
    const mapping: Json = {};
    for (const [value, ref] of Object.entries(schema.discriminator.mapping ?? {})) {
      const name = mappedName(ref);
      setOwn(mapping, value, name !== undefined && target(name, direction) !== name ? schemaRef(target(name, direction)) : ref);
    }
    const mapped = new Set(Object.values(schema.discriminator.mapping ?? {}).map((ref) => mappedName(ref) ?? ref));
    const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap((b: unknown) => schemaNameOf(b) ?? []);
    // Children that name this schema in their `allOf` take their value from it too (openapi-typescript's inheritance).
    const heirs = Object.keys(schemas).filter((n) =>
      discriminatorParents(schemas, own(schemas, n)).some((p) => own(schemas, p) === schema),
    );
    for (const name of [...branches, ...heirs]) {
      if (!mapped.has(name) && target(name, direction) !== name && own(mapping, name) === undefined)
        setOwn(mapping, name, schemaRef(target(name, direction)));
    }
    return Object.keys(mapping).length > 0 ? { ...schema.discriminator, mapping } : schema.discriminator;
  };

  const out: Json = {};
  for (const name of Object.keys(schemas)) {
    const schema = own(schemas, name);
    const copy = requestName.get(name);
    const only: Direction | undefined = used.request.has(name) ? (used.response.has(name) ? undefined : "request") : "response";
    if (copy !== undefined) {
      const request = seenNone();
      const response = seenNone();
      setOwn(out, name, view(schema, "response", response));
      setOwn(out, copy, view(schema, "request", request));
      const received = describe(response);
      notes.push(
        `${name} as sent is ${copy}${request.dropped.size > 0 ? `, ${describe(request)}` : ""}${received ? `; as received, ${received}` : ""}`,
      );
    } else if (either.has(name) && only !== undefined && (used.request.has(name) || used.response.has(name))) {
      // One side only: that side's view, in place.
      const seen = seenNone();
      setOwn(out, name, view(schema, only, seen));
      const said = describe(seen);
      if (said) notes.push(`${name} as ${only === "request" ? "sent" : "received"}, ${said}`);
    } else setOwn(out, name, schema);
  }

  // Nothing renamed and nothing left out: the document says the same in both directions.
  if (notes.length === 0 && !inline) return { document, notes };

  // Operations: what is sent in the request view, what is received in the response view.
  const sent = (node: unknown) => rewriteSchemas(node, (s) => view(s, "request", seenNone()));
  const received = (node: unknown) => rewriteSchemas(node, (s) => view(s, "response", seenNone()));
  const pathItem = (item: unknown): unknown => {
    if (!isObject(item) || typeof item.$ref === "string") return item;
    const copy: Json = { ...item };
    if (item.parameters !== undefined) copy.parameters = sent(item.parameters);
    for (const method of METHODS) {
      const op = own(item, method);
      if (!isObject(op)) continue;
      copy[method] = {
        ...op,
        ...(op.parameters !== undefined ? { parameters: sent(op.parameters) } : {}),
        ...(op.requestBody !== undefined ? { requestBody: sent(op.requestBody) } : {}),
        ...(op.responses !== undefined ? { responses: received(op.responses) } : {}),
      };
    }
    return copy;
  };
  const mapValues = (map: unknown, f: (v: unknown) => unknown) => {
    if (!isObject(map)) return map;
    const result: Json = {};
    for (const key of Object.keys(map)) setOwn(result, key, f(own(map, key)));
    return result;
  };
  const components: Json = { ...document.components };
  components.schemas = Object.fromEntries(
    Object.keys(out)
      .sort()
      .map((k) => [k, out[k]]),
  );
  for (const [kind, f] of [
    ["parameters", sent],
    ["requestBodies", sent],
    ["responses", received],
    ["headers", received],
    ["pathItems", pathItem],
  ] as const) {
    if (components[kind] !== undefined) components[kind] = mapValues(components[kind], f);
  }
  return {
    document: { ...document, paths: mapValues(document.paths, pathItem) as OpenApiDocument["paths"], components },
    notes: notes.sort(),
  };
}

/** Whether the operations' own inline schemas mark a property (no component needed for a view to differ). */
function hasInlineMarks(doc: OpenApiDocument): boolean {
  // Faster than a walk, and only a hint: a match in a description or an example costs a rewrite that changes nothing.
  return /"(readOnly|writeOnly)":true/.test(JSON.stringify(doc.paths ?? {}));
}

/** Applies `f` to every `schema` of parameters, media types and headers found under `node`. */
function rewriteSchemas(node: unknown, f: (schema: unknown) => unknown): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteSchemas(n, f));
  if (!isObject(node)) return node;
  const out: Json = {};
  for (const key of Object.keys(node)) {
    const value = own(node, key);
    setOwn(out, key, key === "schema" ? f(value) : key === "example" || key === "examples" ? value : rewriteSchemas(value, f));
  }
  return out;
}
