import { reachableComponents } from "../document/refs.js";
import { pointerSegments } from "../document/pointer.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Fault } from "../load/local-faults.js";
import { operationsOf } from "./walk-operations.js";

/** One line a reader of the operation's JSDoc (and api.json) understands: what the document gets wrong there, and what the client did. */
export function faultNote(fault: Fault): string | undefined {
  if (fault.kind !== "unresolved") return undefined;
  const segments = pointerSegments(fault.pointer);
  const parent = segments[segments.length - 2];
  const ref = JSON.stringify(fault.ref);
  if (parent === "mapping")
    return `the discriminator mapping \`${segments[segments.length - 1]}\` → ${ref} (at ${fault.pointer}) points at nothing: that entry is left out`;
  if (parent === "parameters" && /^\d+$/.test(segments[segments.length - 1]!))
    return `the parameter $ref ${ref} (at ${fault.pointer}) points at nothing: that parameter is left out`;
  return `$ref ${ref} (at ${fault.pointer}) points at ${fault.points ? `${fault.points}, not a schema` : "nothing"}: that part is typed \`unknown\``;
}

const key = (segments: readonly string[]) => segments.slice(0, 3).join("\u0000");

/**
 * Which operations each repaired fault touches, by the operation's JSON pointer: a fault inside the
 * operation (or its path's parameters), or inside a component the operation reaches through `$ref`s.
 * Wire-neutral faults (a `null`, an unexpected key) touch none.
 */
export function faultsByOperation(doc: OpenApiDocument, faults: readonly Fault[], file: string): Map<string, string[]> {
  const notes = faults.flatMap((fault) => {
    const note = faultNote(fault);
    return note === undefined ? [] : [{ segments: pointerSegments(fault.pointer), pointer: fault.pointer, note }];
  });
  const out = new Map<string, string[]>();
  if (notes.length === 0) return out;
  for (const { pointer, itemPointer, operation, pathItem } of operationsOf(doc, file)) {
    const reached = new Set([...reachableComponents(doc, [operation, pathItem.parameters])].map((ref) => key(pointerSegments(ref))));
    const touched = notes.filter(
      (n) =>
        n.pointer.startsWith(`${pointer}/`) ||
        n.pointer.startsWith(`${itemPointer}/parameters/`) ||
        (n.segments[0] === "components" && reached.has(key(n.segments))),
    );
    if (touched.length > 0)
      out.set(
        pointer,
        touched.map((n) => n.note),
      );
  }
  return out;
}
