import { InputError } from "../util/input-error.js";
import { pointer, pointerSegments } from "../util/json-pointer.js";
import { locator } from "./locate.js";

/**
 * `$ref` cycles no client can be generated from, found before anything follows them:
 * - a chain of `$ref`s that comes back to itself (`A: {$ref: B}`, `B: {$ref: A}`): Redocly's
 *   resolver throws on it, and it means nothing;
 * - a schema made of itself without an object in between (`A: {allOf: [{$ref: A}]}`, or
 *   `{items: {$ref: A}}`): openapi-typescript writes it, and TypeScript refuses the type (TS2502,
 *   "referenced directly or indirectly in its own type annotation"). Through an object's
 *   properties the same recursion is fine.
 * Only references inside the document are followed; external ones are bundled later.
 */
export function checkRefCycles(doc: unknown, file: string, text: string | undefined): void {
  const fail = (message: string, at: string, fix: string) => {
    let position = {};
    try {
      position = text === undefined ? {} : (locator(text)(at) ?? {});
    } catch {}
    return new InputError({ message, file, ...position, pointer: at, fix });
  };
  const target = (ref: string): unknown => {
    let node: unknown = doc;
    for (const segment of pointerSegments(ref)) {
      if (node === null || typeof node !== "object") return undefined;
      node = (node as Record<string, unknown>)[segment];
    }
    return node;
  };
  const internalRef = (node: unknown): string | undefined => {
    const ref = node !== null && typeof node === "object" ? (node as { $ref?: unknown }).$ref : undefined;
    return typeof ref === "string" && ref.startsWith("#") ? ref : undefined;
  };

  // Chains of $refs: each $ref node is followed until a node that is not one, or one met before.
  const ends = new Set<unknown>();
  const refNodes: Array<[string, object]> = [];
  const stack: Array<[unknown, string[]]> = [[doc, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    if (internalRef(node) !== undefined) refNodes.push([pointer(path), node]);
    for (const [key, value] of Object.entries(node)) if (value !== null && typeof value === "object") stack.push([value, [...path, key]]);
  }
  for (const [at, start] of refNodes) {
    const chain: unknown[] = [];
    let node: unknown = start;
    while (internalRef(node) !== undefined && !ends.has(node)) {
      if (chain.includes(node)) {
        const refs = chain.map((n) => internalRef(n)).join(" → ");
        throw fail(
          `a cycle of $refs that never reaches a schema: ${refs} → ${internalRef(node)}`,
          at,
          "make one of these $refs point at a schema (or other object) rather than at another $ref",
        );
      }
      chain.push(node);
      node = target(internalRef(node)!);
    }
    for (const n of chain) ends.add(n);
  }

  // Schemas made of themselves: edges through allOf/anyOf/oneOf, items and prefixItems only.
  const d = doc as { components?: { schemas?: unknown }; definitions?: unknown };
  const [schemas, prefix] =
    d.definitions !== null && typeof d.definitions === "object"
      ? [d.definitions as Record<string, unknown>, "#/definitions/"]
      : [(d.components?.schemas ?? {}) as Record<string, unknown>, "#/components/schemas/"];
  if (schemas === null || typeof schemas !== "object") return;
  const edges = new Map<string, Array<{ to: string; at: string }>>();
  for (const [name, schema] of Object.entries(schemas)) {
    const out: Array<{ to: string; at: string }> = [];
    const visit = (node: unknown, path: string[]) => {
      if (node === null || typeof node !== "object") return;
      const ref = internalRef(node);
      if (ref?.startsWith(prefix)) {
        const [to] = pointerSegments(`#/${ref.slice(prefix.length)}`);
        if (to !== undefined && ref.slice(prefix.length).split("/").length === 1) out.push({ to, at: pointer([...path, "$ref"]) });
      }
      const n = node as Record<string, unknown>;
      for (const key of ["allOf", "anyOf", "oneOf", "prefixItems"])
        if (Array.isArray(n[key])) (n[key] as unknown[]).forEach((item, i) => visit(item, [...path, key, String(i)]));
      if (Array.isArray(n.items)) n.items.forEach((item, i) => visit(item, [...path, "items", String(i)]));
      else visit(n.items, [...path, "items"]);
    };
    visit(schema, [...pointerSegments(prefix.slice(0, -1)), name]);
    edges.set(name, out);
  }
  const state = new Map<string, "open" | "done">();
  for (const start of edges.keys()) {
    if (state.has(start)) continue;
    const path: Array<{ name: string; i: number; via?: string }> = [{ name: start, i: 0 }];
    state.set(start, "open");
    while (path.length > 0) {
      const top = path[path.length - 1]!;
      const next = edges.get(top.name)?.[top.i++];
      if (next === undefined) {
        state.set(top.name, "done");
        path.pop();
        continue;
      }
      if (!edges.has(next.to) || state.get(next.to) === "done") continue;
      if (state.get(next.to) === "open") {
        const from = path.findIndex((p) => p.name === next.to);
        const names = [...path.slice(from).map((p) => p.name), next.to].join(" → ");
        throw fail(
          `schema ${next.to} is made of itself (${names}) through allOf, anyOf, oneOf or items only: no TypeScript type can express it`,
          next.at,
          "put the recursion under an object's properties (type: object, properties: { child: { $ref: ... } }), or remove this $ref",
        );
      }
      state.set(next.to, "open");
      path.push({ name: next.to, i: 0 });
    }
  }
}
