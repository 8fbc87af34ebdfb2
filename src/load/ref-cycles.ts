import { InputError } from "../util/input-error.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import { locator } from "./locate.js";

/**
 * A chain of `$ref`s that comes back to itself (`A: {$ref: B}`, `B: {$ref: A}`, hey-api's
 * `validators-circular-ref.json`) names nothing: Redocly's resolver throws on it, so it is found
 * here first, at its place. (A schema made of itself through `allOf` or `items` does name a
 * value: normalise's alias-cycles.ts types it.) Only references inside the document are
 * followed; external ones are bundled later, and Redocly's throw is caught there.
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
}
