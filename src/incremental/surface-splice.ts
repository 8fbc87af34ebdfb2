import type { Manifest } from "../output/manifest.js";
import { jsonEqual } from "./document-diff.js";

type SurfacePart = Pick<Manifest, "names" | "operations" | "schemas">;

/**
 * The manifest's surface after the edit: the whole document's (`full`), with each of the small
 * outputs' operations replaced, in place. Each must be in `full` exactly as the small output before
 * the edit had it. An edit that changes a name's set or any schema's surface is undefined: generate in full.
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
  // A schema's surface is the whole document's (`usedIn` is every operation's use, and what the
  // read and write views follow): one the edit changes in the small output cannot be known here.
  if (!jsonEqual(before.schemas, after.schemas)) return undefined;
  return { names, operations, schemas: full.schemas };
}
