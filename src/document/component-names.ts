import { pointer, pointerSegments } from "./pointer.js";

/**
 * The component-name codec: `#/components/schemas/Upload` ⇄ `{ kind: "schemas", name: "Upload" }`.
 * Names are data (`a/b`, `a~b`, `%20`): they are escaped and decoded here, and nowhere else.
 */
export interface ComponentPointer {
  kind: string;
  name: string;
  /** The segments below the component (`["allOf", "0"]` for `#/components/schemas/Tag/allOf/0`). */
  rest: string[];
}

/** `#/components/<kind>/<name>…` → its parts; undefined for any other reference. */
export function componentOf(ref: unknown): ComponentPointer | undefined {
  if (typeof ref !== "string" || !ref.startsWith("#/components/")) return undefined;
  const [components, kind, name, ...rest] = pointerSegments(ref);
  return components === "components" && kind !== undefined && name !== undefined ? { kind, name, rest } : undefined;
}

/** The name of the component schema a `$ref` (or a node holding one) names exactly; undefined otherwise. */
export function schemaNameOf(refOrNode: unknown): string | undefined {
  const ref = refOrNode !== null && typeof refOrNode === "object" ? (refOrNode as { $ref?: unknown }).$ref : refOrNode;
  const c = componentOf(ref);
  return c?.kind === "schemas" && c.rest.length === 0 ? c.name : undefined;
}

/** The `$ref` of a component: `componentRef("schemas", "a/b")` → `#/components/schemas/a~1b`. */
export function componentRef(kind: string, name: string): string {
  return "#" + pointer(["components", kind, name]);
}

/** The `$ref` of a component schema. */
export const schemaRef = (name: string): string => componentRef("schemas", name);

/** A discriminator mapping's target as a `$ref`: OpenAPI lets it be a bare schema name. */
export const mappingRef = (target: string): string => (target.startsWith("#") || target.includes("/") ? target : schemaRef(target));
