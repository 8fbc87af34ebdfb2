import { isObject, own, setOwn } from "./own.js";

/**
 * The one subschema walker: which keywords of a Schema Object hold schemas, and how to visit or
 * rewrite them. Every reader of schemas (normalise steps, views, validators, dates) goes through it,
 * so a keyword added here is seen by all of them.
 */

/** Keywords whose value is one schema (`items` also as draft 4's list: see `LIST`). */
export const ONE = [
  "items",
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "additionalItems",
  "unevaluatedItems",
  "unevaluatedProperties",
] as const;
/** Keywords whose value is a list of schemas. */
export const LIST = ["allOf", "anyOf", "oneOf", "prefixItems"] as const;
/** Keywords whose value maps names to schemas. */
export const MAP = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"] as const;

/** Where a subschema is, from its parent: `["properties", "id"]`, `["allOf", 0]`, `["items"]`. */
export type SubschemaPath = [keyword: string] | [keyword: string, key: string | number];

/** Calls `visit` with every subschema directly inside `schema` (not through `$ref`s). */
export function forEachSubschema(schema: unknown, visit: (sub: unknown, at: SubschemaPath) => void): void {
  if (!isObject(schema)) return;
  for (const k of ONE) {
    const v = own(schema, k);
    if (Array.isArray(v)) v.forEach((s, i) => visit(s, [k, i]));
    else if (v !== undefined) visit(v, [k]);
  }
  for (const k of LIST) {
    const v = own(schema, k);
    if (Array.isArray(v)) v.forEach((s, i) => visit(s, [k, i]));
  }
  for (const k of MAP) {
    const v = own(schema, k);
    if (isObject(v)) for (const key of Object.keys(v)) visit(v[key], [k, key]);
  }
}

/** The subschemas directly inside `schema`. */
export function subschemas(schema: unknown): unknown[] {
  const out: unknown[] = [];
  forEachSubschema(schema, (s) => out.push(s));
  return out;
}

/**
 * `schema` with each direct subschema replaced by `f(sub, at)`, copy-on-write: when `f` returns
 * every subschema unchanged, `schema` itself is returned.
 */
export function mapSubschemas<T>(schema: T, f: (sub: unknown, at: SubschemaPath) => unknown): T {
  if (!isObject(schema)) return schema;
  let copy: Record<string, any> | undefined;
  const set = (k: string, value: unknown) => setOwn((copy ??= { ...schema }), k, value);
  for (const k of ONE) {
    const v = own(schema, k);
    if (Array.isArray(v)) {
      const next = mapList(v, (s, i) => f(s, [k, i]));
      if (next !== v) set(k, next);
    } else if (v !== undefined) {
      const next = f(v, [k]);
      if (next !== v) set(k, next);
    }
  }
  for (const k of LIST) {
    const v = own(schema, k);
    if (!Array.isArray(v)) continue;
    const next = mapList(v, (s, i) => f(s, [k, i]));
    if (next !== v) set(k, next);
  }
  for (const k of MAP) {
    const v = own(schema, k);
    if (!isObject(v)) continue;
    let map: Record<string, unknown> | undefined;
    for (const key of Object.keys(v)) {
      const next = f(v[key], [k, key]);
      if (next !== v[key]) setOwn((map ??= { ...v }), key, next);
    }
    if (map) set(k, map);
  }
  return (copy ?? schema) as T;
}

function mapList(list: unknown[], f: (s: unknown, i: number) => unknown): unknown[] {
  let copy: unknown[] | undefined;
  list.forEach((s, i) => {
    const next = f(s, i);
    if (next !== s) (copy ??= [...list])[i] = next;
  });
  return copy ?? list;
}

/**
 * Visits `schema` and every schema inside it, depth first, parents before children, each object
 * once (documents share subtrees). `$ref`s are not followed: a reader that needs their targets
 * visits `components.schemas` too. `visit` returning false skips the node's children.
 */
export function walkSchema(
  schema: unknown,
  visit: (node: Record<string, any>, path: ReadonlyArray<string | number>) => boolean | undefined | void,
  path: Array<string | number> = [],
): void {
  const seen = new Set<object>();
  const stack: Array<[unknown, Array<string | number>]> = [[schema, path]];
  while (stack.length > 0) {
    const [node, at] = stack.pop()!;
    if (!isObject(node) || seen.has(node)) continue;
    seen.add(node);
    if (visit(node, at) === false) continue;
    const children: Array<[unknown, Array<string | number>]> = [];
    forEachSubschema(node, (sub, rel) => children.push([sub, [...at, ...rel]]));
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}
