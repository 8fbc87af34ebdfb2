import type { OpenApiDocument } from "../document/types.js";
import { pointer } from "../document/pointer.js";
import { setOwn } from "../document/own.js";
import type { Normalised } from "./normalise.js";

/** Keywords that describe a schema without constraining it. */
const ANNOTATIONS = new Set(["nullable", "description", "title", "deprecated", "example", "examples", "readOnly", "writeOnly", "default"]);

function isNullableOnly(member: unknown): member is Record<string, unknown> {
  if (member === null || typeof member !== "object" || Array.isArray(member)) return false;
  const m = member as Record<string, unknown>;
  return m.nullable === true && Object.keys(m).every((k) => ANNOTATIONS.has(k) || k.startsWith("x-"));
}

/**
 * Documents say more than a strict reader hears. `allOf: [{ $ref: X }, { nullable: true }]` is the
 * 3.0 way to write "X or null"; in 3.1, and for openapi-typescript in both, a member of only
 * `nullable` adds nothing, and the type says `X` where the API sends `null` (OpenAI's `Upload.file`).
 * This lifts such members onto their parent, which openapi-typescript reads as `X | null`.
 * Copy-on-write: untouched parts of the document are shared, not copied.
 */
export function liftNullableFromAllOf(document: OpenApiDocument): Normalised {
  const notes: string[] = [];
  const visit = (node: unknown, path: Array<string | number>): unknown => {
    if (Array.isArray(node)) {
      let copy: unknown[] | undefined;
      node.forEach((item, i) => {
        const next = visit(item, [...path, i]);
        if (next !== item) (copy ??= [...node])[i] = next;
      });
      return copy ?? node;
    }
    if (node === null || typeof node !== "object") return node;
    let copy: Record<string, unknown> | undefined;
    for (const [key, value] of Object.entries(node)) {
      if (value === null || typeof value !== "object") continue;
      const next = visit(value, [...path, key]);
      if (next !== value) setOwn((copy ??= { ...node }), key, next);
    }
    const current = (copy ?? node) as Record<string, unknown>;
    const allOf = current.allOf;
    if (Array.isArray(allOf) && allOf.length > 1 && allOf.some(isNullableOnly)) {
      const lifted: Record<string, unknown> = { ...current, allOf: allOf.filter((m) => !isNullableOnly(m)), nullable: true };
      for (const member of allOf.filter(isNullableOnly)) {
        for (const [k, v] of Object.entries(member)) if (k !== "nullable" && !Object.hasOwn(lifted, k)) setOwn(lifted, k, v);
      }
      notes.push(`${pointer(path)}: \`nullable: true\` inside \`allOf\` read as "or null"`);
      return lifted;
    }
    return current;
  };
  return { document: visit(document, []) as OpenApiDocument, notes };
}
