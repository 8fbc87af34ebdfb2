import type { OpenApiDocument } from "./load.js";
import { follow } from "./own.js";
import { pointerSegments } from "./problems.js";

const COMPONENT = /^#\/components\/[^/]+\/[^/]+/;

/** The node a chain of internal `$ref`s ends at (the node itself when it is not a reference). */
export function deref(doc: OpenApiDocument, node: unknown): any {
  let current = node as { $ref?: unknown } | undefined;
  for (let hops = 0; current && typeof current.$ref === "string" && current.$ref.startsWith("#") && hops < 32; hops++) {
    current = follow(doc, pointerSegments(current.$ref));
  }
  return current;
}

/**
 * The components (`#/components/<kind>/<name>`) that `roots` reach through internal `$ref`s,
 * transitively. A `$ref` into part of a component reaches all of it.
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
