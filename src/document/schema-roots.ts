import { isObject, setOwn } from "./own.js";
import { pointer } from "./pointer.js";
import type { OpenApiDocument } from "./types.js";

/**
 * The schemas a document holds at its top: each of `components.schemas`, and each `schema` and
 * `itemSchema` of parameters, media types and headers, wherever they are (paths, webhooks, the
 * other components). Examples are data, not schemas, and are never entered.
 */

type Visit = (schema: unknown, at: string) => unknown;

/** The document with `f` applied to every top schema (`at` is its JSON pointer), copy-on-write. */
export function mapSchemaRoots(document: OpenApiDocument, f: Visit): OpenApiDocument {
  return mapNode(document, [], f, true) as OpenApiDocument;
}

/** Calls `visit` with every top schema of the document. */
export function forEachSchemaRoot(document: OpenApiDocument, visit: (schema: unknown, at: string) => void): void {
  mapSchemaRoots(document, (schema, at) => {
    visit(schema, at);
    return schema;
  });
}

// One path for the whole walk, pushed and popped: a copy per node visited was most of the walk's garbage.
function mapNode(node: unknown, path: Array<string | number>, f: Visit, top = false): unknown {
  if (Array.isArray(node)) {
    let copy: unknown[] | undefined;
    for (let i = 0; i < node.length; i++) {
      const item = node[i];
      path.push(i);
      const next = mapNode(item, path, f);
      path.pop();
      if (next !== item) (copy ??= [...node])[i] = next;
    }
    return copy ?? node;
  }
  if (!isObject(node)) return node;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(node)) {
    // Examples are data, and an extension (`x-github-breaking-changes`) is not the document's structure.
    if (key === "example" || key === "examples" || key.startsWith("x-")) continue;
    const value = node[key];
    const isSchema = key === "schema" || key === "itemSchema";
    if (value === null || typeof value !== "object") {
      // `schema: null` or `schema: text` where a schema belongs: given to `f` too, for load to refuse it by its place.
      if (isSchema && holdsSchema(node, path)) {
        const next = f(value, pointer([...path, key]));
        if (next !== value) setOwn((copy ??= { ...node }), key, next);
      }
      continue;
    }
    let next: unknown;
    if (isSchema) next = f(value, pointer([...path, key]));
    else {
      path.push(key);
      next = top && key === "components" && isObject(value) ? mapComponents(value, path, f) : mapNode(value, path, f);
      path.pop();
    }
    if (next !== value) setOwn((copy ??= { ...node }), key, next);
  }
  return copy ?? node;
}

function mapComponents(components: Record<string, any>, path: Array<string | number>, f: Visit): unknown {
  let copy: Record<string, unknown> | undefined;
  for (const kind of Object.keys(components)) {
    const value = components[kind];
    if (!isObject(value)) continue;
    let next: unknown;
    if (kind === "schemas") {
      let schemas: Record<string, unknown> | undefined;
      for (const name of Object.keys(value)) {
        const s = f(value[name], pointer([...path, kind, name]));
        if (s !== value[name]) setOwn((schemas ??= { ...value }), name, s);
      }
      next = schemas ?? value;
    } else {
      path.push(kind);
      next = mapNode(value, path, f);
      path.pop();
    }
    if (next !== value) setOwn((copy ??= { ...components }), kind, next);
  }
  return copy ?? components;
}

/** Whether `node` is a Parameter, Header or Media Type Object, whose `schema` is a schema whatever its value (a Link's parameter named `schema` is not). */
function holdsSchema(node: Record<string, unknown>, path: ReadonlyArray<string | number>): boolean {
  return typeof node.in === "string" || path.at(-2) === "content" || path.at(-2) === "headers";
}
