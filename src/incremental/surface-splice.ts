import type { Manifest } from "../output/manifest.js";
import { jsonEqual } from "./document-diff.js";

type SurfacePart = Pick<Manifest, "names" | "operations" | "schemas">;

/**
 * The manifest's surface after the edit: the whole document's (`full`), with each of the small
 * outputs' operations and schemas that the edit changed replaced, in place. Each must be in `full`
 * exactly as the small output before the edit had it; a name or schema that appears or disappears
 * (where would it go, and does another operation still use it?) is undefined: generate in full.
 */
export function spliceSurface(full: SurfacePart, before: SurfacePart, after: SurfacePart): SurfacePart | undefined {
  const key = (op: { method: string; path: string }) => `${op.method} ${op.path}`;
  if (before.operations.map(key).join("\0") !== after.operations.map(key).join("\0")) return undefined;
  if (Object.keys(before.names).join("\0") !== Object.keys(after.names).join("\0")) return undefined;
  const names = { ...full.names };
  for (const [k, v] of Object.entries(after.names)) {
    if (names[k] !== before.names[k]) return undefined;
    names[k] = v;
  }
  const operations = [...full.operations];
  const index = new Map(operations.map((op, i) => [key(op), i]));
  for (const [i, op] of after.operations.entries()) {
    const at = index.get(key(op));
    if (at === undefined || !jsonEqual(operations[at], before.operations[i])) return undefined;
    operations[at] = op;
  }
  const schemas = { ...full.schemas };
  for (const k of new Set([...Object.keys(before.schemas), ...Object.keys(after.schemas)])) {
    const [was, is] = [before.schemas[k], after.schemas[k]];
    if (jsonEqual(was, is)) continue;
    if (was === undefined || is === undefined || !jsonEqual(schemas[k], was)) return undefined;
    schemas[k] = is;
  }
  return { names, operations, schemas };
}
