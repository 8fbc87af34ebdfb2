import { pointer } from "../document/pointer.js";
import { refLoop } from "../document/refs.js";
import type { OpenApiDocument } from "../document/types.js";
import { InputError } from "../util/input-error.js";
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
  // Every $ref node, and the chain it starts: one that comes back to a reference it followed names nothing.
  const stack: Array<[unknown, string[]]> = [[doc, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    if (node === null || typeof node !== "object") continue;
    const loop = refLoop(doc as OpenApiDocument, node);
    if (loop)
      throw fail(
        `a cycle of $refs that never reaches a schema: ${loop.join(" → ")}`,
        pointer(path),
        "make one of these $refs point at a schema (or other object) rather than at another $ref",
      );
    for (const [key, value] of Object.entries(node)) if (value !== null && typeof value === "object") stack.push([value, [...path, key]]);
  }
}
