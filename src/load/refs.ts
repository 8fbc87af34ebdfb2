import { InputError } from "../util/input-error.js";
import { pointerSegments } from "../util/json-pointer.js";
import { follow } from "../util/own.js";
import type { OpenApiDocument, Reference } from "./document.js";

const COMPONENT = /^#\/components\/[^/]+\/[^/]+/;

const isReference = (node: unknown): node is Reference =>
  node !== null && typeof node === "object" && typeof (node as { $ref?: unknown }).$ref === "string";

/**
 * The one way to follow `$ref`s. Lint has already checked that every reference resolves; what is
 * left to catch here is a chain that loops, which no linter reports.
 */
export function resolve<T>(doc: OpenApiDocument, node: T | Reference | undefined, file: string, at: string): T | undefined {
  let current: unknown = node;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith("#") || seen.has(ref)) {
      throw new InputError({
        message: seen.has(ref) ? `$ref ${JSON.stringify(ref)} leads back to itself` : `cannot follow $ref ${JSON.stringify(ref)}`,
        file,
        pointer: at,
        fix: "point the $ref at an existing `#/components/...` entry",
      });
    }
    seen.add(ref);
    current = follow(doc, pointerSegments(ref));
    if (current === undefined) {
      throw new InputError({
        message: `$ref ${JSON.stringify(ref)} points at nothing`,
        file,
        pointer: at,
        fix: "point the $ref at an existing `#/components/...` entry",
      });
    }
  }
  return current as T | undefined;
}

/** `#/components/schemas/Upload` → `Upload`; undefined for anything else. */
export function componentSchemaName(schema: unknown): string | undefined {
  if (!isReference(schema)) return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(schema.$ref);
  return match ? pointerSegments("#/" + match[1])[0] : undefined;
}

/**
 * The components (`#/components/<kind>/<name>`) that `roots` reach through internal `$ref`s,
 * transitively, discriminator mappings included. A `$ref` into part of a component reaches all of it.
 */
export function reachableComponents(doc: OpenApiDocument, roots: readonly unknown[]): Set<string> {
  const reached = new Set<string>();
  const followed = new Set<string>();
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop();
    if (Array.isArray(node)) stack.push(...node);
    else if (node && typeof node === "object") {
      for (const [key, value] of Object.entries(node)) {
        if (key === "$ref" && typeof value === "string" && value.startsWith("#")) {
          const target = COMPONENT.exec(value)?.[0] ?? value;
          if (followed.has(target)) continue;
          followed.add(target);
          if (target !== value || COMPONENT.test(target)) reached.add(target);
          stack.push(follow(doc, pointerSegments(target)));
        } else if (key === "mapping" && value && typeof value === "object") {
          // A discriminator's mapping names its subtypes by $ref, as strings.
          for (const target of Object.values(value)) if (typeof target === "string" && target.startsWith("#")) stack.push({ $ref: target });
        } else if (value && typeof value === "object") stack.push(value);
      }
    }
  }
  return reached;
}
