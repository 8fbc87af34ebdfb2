import { schemaNameOf } from "../document/component-names.js";
import { DocumentEdit } from "../document/edit.js";
import { isObject, own } from "../document/own.js";
import { pointer } from "../document/pointer.js";
import { forEachSubschema } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * Recursion TypeScript cannot write in openapi-typescript's output. Each component schema is a
 * property of one interface, `components["schemas"]["X"]`; a reference back to it through an
 * object's properties is fine (TypeScript defers object members), but one through a union, an
 * intersection or an array's items is not (`X: string | components["schemas"]["X"][]`, Vercel's
 * `EdgeConfigItemValue`): TS2502, and `X` is `any`. Such a reference is replaced by `{}`, which is
 * `unknown`: the type says less than the document, never something else.
 */

/** Keywords through which a type refers to another without an object type in between. */
const TRANSPARENT = new Set([
  "allOf",
  "anyOf",
  "oneOf",
  "items",
  "prefixItems",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "additionalItems",
]);

type Step = { name: string; path: Array<string | number> };

/** The component schemas `schema` refers to without an object in between, with where each reference is. */
function aliases(schema: unknown, at: Array<string | number>): Step[] {
  const out: Step[] = [];
  const visit = (node: unknown, path: Array<string | number>) => {
    if (!isObject(node)) return;
    const name = schemaNameOf(node);
    if (name !== undefined) {
      out.push({ name, path });
      return;
    }
    forEachSubschema(node, (sub, [keyword, key]) => {
      if (TRANSPARENT.has(keyword)) visit(sub, key === undefined ? [...path, keyword] : [...path, keyword, key]);
    });
  };
  visit(schema, at);
  return out;
}

export function breakAliasCycles(document: OpenApiDocument): Normalised {
  const schemas = document.components?.schemas ?? {};
  const names = Object.keys(schemas).sort();
  const edges = new Map(names.map((n) => [n, aliases(own(schemas, n), ["components", "schemas", n])]));
  const state = new Map<string, "open" | "done">();
  const broken: Step[] = [];
  // Depth first, without recursion (a chain of aliases may be as long as the document).
  for (const root of names) {
    if (state.has(root)) continue;
    state.set(root, "open");
    const stack: Array<{ name: string; next: number }> = [{ name: root, next: 0 }];
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      const step = edges.get(top.name)![top.next++];
      if (step === undefined) {
        state.set(top.name, "done");
        stack.pop();
      } else if (edges.has(step.name)) {
        const s = state.get(step.name);
        if (s === "open") broken.push(step);
        else if (s === undefined) {
          state.set(step.name, "open");
          stack.push({ name: step.name, next: 0 });
        }
      }
    }
  }
  if (broken.length === 0) return { document, notes: [] };
  const edit = new DocumentEdit(document);
  for (const step of broken)
    edit.update(step.path, (ref) => (isObject(ref) && typeof ref.description === "string" ? { description: ref.description } : {}));
  return {
    document: edit.result,
    notes: broken.map(
      (s) => `${pointer(s.path)}: refers back to ${s.name} through a union or a list, which TypeScript cannot type here: unknown`,
    ),
  };
}
