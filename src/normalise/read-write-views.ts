import { METHODS, type OpenApiDocument } from "../load/document.js";
import { reachableComponents } from "../load/refs.js";
import { pointerSegments } from "../util/json-pointer.js";
import { follow, own, setOwn } from "../util/own.js";
import type { Normalised } from "./normalise.js";

/**
 * Read and write views. A `readOnly` property is one the server sends and the client must not; a
 * `writeOnly` one (a password) the reverse. This rewrites the document so that the types say so:
 * what a request carries leaves out readOnly properties, what a response carries leaves out
 * writeOnly ones, at any depth. A component both sides use whose two views differ keeps its name for
 * the response view (what the API returns) and gets a copy for requests, `<Name>Writable`, which
 * the request side's `$ref`s point at; one only one side uses is rewritten in place. The copies
 * appear in `components.schemas`, so api.json shows them to reviewers.
 *
 * Discriminators keep their values: where a branch is renamed, its mapping points at the copy
 * under the original name. Validation reads the document from before this step (a readOnly
 * property sent is an error there, not an unknown property).
 */

type Json = Record<string, any>;
type Direction = "request" | "response";
const FLAG = { request: "readOnly", response: "writeOnly" } as const;
const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;
const REF_PREFIX = "#/components/schemas/";

const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const refOf = (name: string) => REF_PREFIX + name.replace(/~/g, "~0").replace(/\//g, "~1");
const nameOf = (ref: unknown): string | undefined => {
  const m = typeof ref === "string" ? SCHEMA_REF.exec(ref) : null;
  return m ? pointerSegments("#/" + m[1])[0] : undefined;
};

/** Keywords whose value is a schema, a list of schemas, or a map of them. */
const ONE = ["items", "additionalProperties", "not", "if", "then", "else", "contains", "propertyNames", "additionalItems"];
const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"];
const MAP = ["properties", "patternProperties", "dependentSchemas", "$defs"];

/** Every subschema directly inside a schema. */
function children(schema: Json): unknown[] {
  const out: unknown[] = [];
  for (const k of ONE) if (schema[k] !== undefined) out.push(...(Array.isArray(schema[k]) ? schema[k] : [schema[k]]));
  for (const k of LIST) if (Array.isArray(schema[k])) out.push(...schema[k]);
  for (const k of MAP) if (isObject(schema[k])) out.push(...Object.values(schema[k]));
  return out;
}

/** Whether a property's schema carries the flag, on itself or on the component its `$ref` names. */
function marked(doc: OpenApiDocument, property: unknown, flag: "readOnly" | "writeOnly"): boolean {
  let node = property;
  for (let hops = 0; isObject(node) && hops < 16; hops++) {
    if (node[flag] === true) return true;
    if (typeof node.$ref !== "string" || !node.$ref.startsWith("#")) return false;
    node = follow(doc, pointerSegments(node.$ref));
  }
  return false;
}

/** Whether a schema, not following `$ref`s, has a property marked readOnly or writeOnly. */
function marksHere(doc: OpenApiDocument, schema: unknown): boolean {
  const stack = [schema];
  while (stack.length > 0) {
    const s = stack.pop();
    if (!isObject(s)) continue;
    const properties = isObject(s.properties) ? Object.values(s.properties) : [];
    if (properties.some((p) => marked(doc, p, "readOnly") || marked(doc, p, "writeOnly"))) return true;
    stack.push(...children(s));
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
    const name = nameOf(s.$ref);
    if (name !== undefined) out.add(name);
    if (isObject(s.discriminator?.mapping)) {
      for (const target of Object.values(s.discriminator.mapping)) {
        const mapped = typeof target === "string" ? (nameOf(target) ?? (target.startsWith("#") ? undefined : target)) : undefined;
        if (mapped !== undefined) out.add(mapped);
      }
    }
    stack.push(...children(s));
  }
  return out;
}

/** `allOf` members that are `$ref`s to a component with a discriminator: the parents whose values name this schema. */
function discriminatorParents(schemas: Json, schema: unknown): string[] {
  if (!isObject(schema) || !Array.isArray(schema.allOf)) return [];
  return schema.allOf.flatMap((m: unknown) => {
    const name = isObject(m) ? nameOf(m.$ref) : undefined;
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
  const names = (direction: Direction) => new Set([...reachableComponents(doc, roots[direction])].flatMap((ref) => nameOf(ref) ?? []));
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
  const view = (schema: unknown, direction: Direction, dropped: Set<string>): unknown => {
    if (!isObject(schema)) return schema;
    const out: Json = { ...schema };
    const name = nameOf(schema.$ref);
    if (name !== undefined && target(name, direction) !== name) out.$ref = refOf(target(name, direction));
    for (const k of ONE) if (isObject(schema[k])) out[k] = view(schema[k], direction, dropped);
    for (const k of LIST) if (Array.isArray(schema[k])) out[k] = schema[k].map((s: unknown) => view(s, direction, dropped));
    for (const k of MAP) {
      if (!isObject(schema[k])) continue;
      const map: Json = {};
      for (const key of Object.keys(schema[k])) {
        const property = own(schema[k], key);
        if (k === "properties" && marked(document, property, FLAG[direction])) {
          dropped.add(key);
          continue;
        }
        setOwn(map, key, view(property, direction, dropped));
      }
      out[k] = map;
    }
    if (isObject(schema.properties) && Array.isArray(schema.required)) {
      const required = schema.required.filter(
        (r: unknown) => typeof r !== "string" || own(out.properties, r) !== undefined || own(schema.properties, r) === undefined,
      );
      if (required.length > 0) out.required = required;
      else delete out.required;
    }
    if (isObject(schema.discriminator)) out.discriminator = discriminatorView(schema, direction);
    return out;
  };

  /** The discriminator with its mapping pointing at this direction's views, implicit names made explicit where a branch is renamed. */
  const discriminatorView = (schema: Json, direction: Direction): Json => {
    const mapping: Json = {};
    for (const [value, ref] of Object.entries(schema.discriminator.mapping ?? {})) {
      const name = typeof ref === "string" ? (nameOf(ref) ?? (ref.startsWith("#") ? undefined : ref)) : undefined;
      setOwn(mapping, value, name !== undefined && target(name, direction) !== name ? refOf(target(name, direction)) : ref);
    }
    const mapped = new Set(
      Object.values(schema.discriminator.mapping ?? {}).map((ref) => (typeof ref === "string" ? (nameOf(ref) ?? ref) : ref)),
    );
    const branches = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].flatMap((b: unknown) =>
      isObject(b) ? (nameOf(b.$ref) ?? []) : [],
    );
    // Children that name this schema in their `allOf` take their value from it too (openapi-typescript's inheritance).
    const heirs = Object.keys(schemas).filter((n) =>
      discriminatorParents(schemas, own(schemas, n)).some((p) => own(schemas, p) === schema),
    );
    for (const name of [...branches, ...heirs]) {
      if (!mapped.has(name) && target(name, direction) !== name && own(mapping, name) === undefined)
        setOwn(mapping, name, refOf(target(name, direction)));
    }
    return Object.keys(mapping).length > 0 ? { ...schema.discriminator, mapping } : schema.discriminator;
  };

  const out: Json = {};
  for (const name of Object.keys(schemas)) {
    const schema = own(schemas, name);
    const copy = requestName.get(name);
    const only: Direction | undefined = used.request.has(name) ? (used.response.has(name) ? undefined : "request") : "response";
    if (copy !== undefined) {
      const dropped = { request: new Set<string>(), response: new Set<string>() };
      setOwn(out, name, view(schema, "response", dropped.response));
      setOwn(out, copy, view(schema, "request", dropped.request));
      notes.push(
        `${name} as sent is ${copy}${dropped.request.size > 0 ? `, without ${[...dropped.request].sort().join(", ")}` : ""}` +
          (dropped.response.size > 0 ? `; as received, without ${[...dropped.response].sort().join(", ")}` : ""),
      );
    } else if (either.has(name) && only !== undefined && (used.request.has(name) || used.response.has(name))) {
      // One side only: that side's view, in place.
      const dropped = new Set<string>();
      setOwn(out, name, view(schema, only, dropped));
      if (dropped.size > 0) notes.push(`${name} as ${only === "request" ? "sent" : "received"}, without ${[...dropped].sort().join(", ")}`);
    } else setOwn(out, name, schema);
  }

  // Nothing renamed and nothing left out: the document says the same in both directions.
  if (notes.length === 0 && !inline) return { document, notes };

  // Operations: what is sent in the request view, what is received in the response view.
  const dropped = new Set<string>();
  const sent = (node: unknown) => rewriteSchemas(node, (s) => view(s, "request", dropped));
  const received = (node: unknown) => rewriteSchemas(node, (s) => view(s, "response", dropped));
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
