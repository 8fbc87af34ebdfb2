import { InputError } from "../util/input-error.js";
import { componentOf, mappingRef } from "./component-names.js";
import { follow, isObject } from "./own.js";
import { pointer, pointerSegments } from "./pointer.js";
import type { OpenApiDocument, Reference } from "./types.js";

export const isReference = (node: unknown): node is Reference => isObject(node) && typeof node.$ref === "string";

type Step = { value: unknown; at?: string } | { problem: string; ref: string; chain?: string[] };

/**
 * The one pointer walk: follows `$ref`s from `node` to the first node that is not one. The one
 * cycle rule: a chain that meets a reference it has already followed loops. Only same-document
 * references are followed (loading bundled every other file in).
 */
function walk(doc: OpenApiDocument, node: unknown): Step {
  let current = node;
  let seen: Set<string> | undefined;
  let at: string | undefined;
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#")) return { problem: `cannot follow $ref ${JSON.stringify(ref)}`, ref };
    if (seen?.has(ref)) return { problem: `$ref ${JSON.stringify(ref)} leads back to itself`, ref, chain: [...seen, ref] };
    (seen ??= new Set()).add(ref);
    const segments = pointerSegments(ref);
    current = follow(doc, segments);
    if (current === undefined) return { problem: `Can't resolve $ref ${JSON.stringify(ref)}: it points at nothing`, ref };
    at = pointer(segments);
  }
  return at === undefined ? { value: current } : { value: current, at };
}

/** What a node is, its `$ref`s followed; a broken chain is an `InputError` at `at` in `file`. */
export function resolve<T>(doc: OpenApiDocument, node: T | Reference | undefined, file: string, at: string): T | undefined {
  return resolveWhere(doc, node, file, at).value;
}

/** `resolve`, and the JSON pointer of what it found: `at` itself when `node` is not a reference. */
export function resolveWhere<T>(
  doc: OpenApiDocument,
  node: T | Reference | undefined,
  file: string,
  at: string,
): { value: T | undefined; at: string } {
  const step = walk(doc, node);
  if ("value" in step) return { value: step.value as T | undefined, at: step.at ?? at };
  throw new InputError({ message: step.problem, file, pointer: at, fix: "point the $ref at an existing `#/components/...` entry" });
}

/** The `$ref`s a chain from `node` follows, when it comes back to one of them; undefined when it ends. */
export function refLoop(doc: OpenApiDocument, node: unknown): string[] | undefined {
  const step = walk(doc, node);
  return "chain" in step ? step.chain : undefined;
}

/** What one `$ref` points at, in this document; undefined for anything else (one hop: the target may be a reference). */
export function target(doc: OpenApiDocument, ref: string): unknown {
  return ref.startsWith("#") ? follow(doc, pointerSegments(ref)) : undefined;
}

/** What a node is, its `$ref`s followed; undefined for a broken chain (for readers after lint, which reported it). */
export function deref<T = any>(doc: OpenApiDocument, node: unknown): T | undefined {
  const step = walk(doc, node);
  return "value" in step ? (step.value as T | undefined) : undefined;
}

/**
 * The components (`#/components/<kind>/<name>`) that `roots` reach through internal `$ref`s,
 * transitively, discriminator mappings included. A `$ref` into part of a component reaches all of it.
 */
export function reachableComponents(doc: OpenApiDocument, roots: readonly unknown[]): Set<string> {
  const reached = new Set<string>();
  const followed = new Set<string>();
  const stack = [...roots];
  const visitRef = (ref: string) => {
    const c = componentOf(ref);
    const key = c ? ref.split("/").slice(0, 4).join("/") : ref;
    if (followed.has(key)) return;
    followed.add(key);
    if (c) reached.add(key);
    stack.push(target(doc, key));
  };
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#")) visitRef(value);
        else if (key === "mapping" && isObject(value)) {
          // A discriminator's mapping names its subtypes, by reference or by schema name.
          for (const name of Object.values(value))
            if (typeof name === "string" && mappingRef(name).startsWith("#")) visitRef(mappingRef(name));
        } else if (value !== null && typeof value === "object") stack.push(value);
      }
    }
  }
  return reached;
}
