import { componentOf, schemaRef } from "../document/component-names.js";
import { isObject, own, setOwn } from "../document/own.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import { target } from "../document/refs.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * openapi-typescript types a `$ref` as an indexed access into the types it writes:
 * `#/components/schemas/Tag` is `components["schemas"]["Tag"]`. A reference to anything below a
 * component (`#/components/schemas/Tag/allOf/0`, `…/items`, `#/components/parameters/x/schema`) or
 * into `#/paths/…` has no such type, and each one is a compile error that turns a type into `any`
 * (DigitalOcean, PagerDuty, Linode). A property reached that way may also be one the request or
 * response view leaves out. So such references are replaced by a copy of what they point at, made
 * once per target. A target that contains a reference back to itself cannot be copied into itself:
 * it becomes a component schema of its own, named after where it was.
 */

type Json = Record<string, any>;

/** Whether openapi-typescript can type a reference as it is: a whole component. */
const typable = (ref: string): boolean => {
  const c = componentOf(ref);
  return c !== undefined && c.rest.length === 0;
};

export function inlineRefs(document: OpenApiDocument): Normalised {
  const notes: string[] = [];
  const v31 = !String(document.openapi ?? "").startsWith("3.0");
  /** Target pointer → its copy, once made. */
  const copies = new Map<string, unknown>();
  /** Target pointer → the component schema it was hoisted to, for targets that reach themselves. */
  const hoisted = new Map<string, string>();
  const taken = new Set(Object.keys(document.components?.schemas ?? {}));
  const hoistedSchemas: Array<[string, unknown]> = [];

  const nameFor = (key: string): string => {
    const known = hoisted.get(key);
    if (known) return known;
    const base =
      pointerSegments(key)
        .filter((s) => s !== "components" && s !== "schemas" && s !== "properties")
        .map((s) => s.replace(/[^A-Za-z0-9]+/g, "_").replace(/^_+|_+$/g, ""))
        .filter(Boolean)
        .join("_") || "Schema";
    let name = base;
    for (let i = 2; taken.has(name); i++) name = `${base}${i}`;
    taken.add(name);
    hoisted.set(key, name);
    return name;
  };

  /** The node with its untypable references replaced; the same node when it has none. */
  const rewrite = (node: unknown, stack: readonly string[]): unknown => {
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      node.forEach((item, i) => {
        const next = rewrite(item, stack);
        if (next !== item) (copy ??= [...node])[i] = next;
      });
      return copy ?? node;
    }
    if (!isObject(node)) return node;
    if (typeof node.$ref === "string" && node.$ref.startsWith("#") && !typable(node.$ref)) return inline(node, stack);
    let copy: Json | undefined;
    for (const key of Object.keys(node)) {
      if (key === "example" || key === "examples") continue;
      const value = node[key];
      if (value === null || typeof value !== "object") continue;
      const next = rewrite(value, stack);
      if (next !== value) setOwn((copy ??= { ...node }), key, next);
    }
    return copy ?? node;
  };

  const inline = (reference: Json, stack: readonly string[]): unknown => {
    const key = pointer(pointerSegments(reference.$ref));
    const found = target(document, reference.$ref);
    if (found === undefined) return reference; // lint reported it
    // 3.1 applies a reference's siblings; 3.0 ignores them (DigitalOcean's `required` beside one).
    const { $ref: _, ...siblings } = v31 ? reference : {};
    const wrap = (value: unknown) => (Object.keys(siblings).length > 0 && isObject(value) ? { ...value, ...siblings } : value);
    if (stack.includes(key) || hoisted.has(key)) return wrap({ $ref: schemaRef(nameFor(key)) });
    if (!copies.has(key)) {
      const copy = rewrite(found, [...stack, key]);
      copies.set(key, copy);
      if (hoisted.has(key)) {
        hoistedSchemas.push([hoisted.get(key)!, copy]);
        notes.push(`${key}: refers to itself, so it is the component schema ${hoisted.get(key)}`);
      }
    }
    return wrap(hoisted.has(key) ? { $ref: schemaRef(hoisted.get(key)!) } : copies.get(key));
  };

  const rewritten = rewrite(document, []) as OpenApiDocument;
  if (rewritten === document) return { document, notes };
  const count = copies.size - hoistedSchemas.length;
  if (count > 0) notes.push(`${count} $ref target(s) below a component or in paths copied where they are used`);
  if (hoistedSchemas.length === 0) return { document: rewritten, notes };
  const schemas: Json = { ...(own(rewritten.components, "schemas") ?? {}) };
  for (const [name, schema] of hoistedSchemas) setOwn(schemas, name, schema);
  return { document: { ...rewritten, components: { ...rewritten.components, schemas } }, notes };
}
