import { isObject } from "../document/own.js";
import { METHODS } from "../document/types.js";

/**
 * Which operations a new version of a document changed, when the change is confined to operations:
 * every part of the document but the operation objects (info, servers, components, tags, webhooks,
 * security, the path items' own fields, the set of paths and of methods) must be identical, and
 * each changed operation must keep its operationId (the name every output file calls it by).
 * Anything else is a `reason` to generate in full. Both documents in canonical form.
 */
export interface ChangedOperation {
  path: string;
  method: string;
}

export type OperationDiff = { changed: ChangedOperation[] } | { reason: string };

/** Structural equality of two JSON values, stopping at the first difference. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== "object" || typeof b !== "object" || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  for (const k of ka) {
    if (!Object.hasOwn(b, k) || !jsonEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k])) return false;
  }
  return true;
}

const sameKeys = (a: Record<string, unknown>, b: Record<string, unknown>) => {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i]);
};

export const METHOD_KEYS: ReadonlySet<string> = new Set(METHODS);

export function diffOperations(before: unknown, after: unknown): OperationDiff {
  if (!isObject(before) || !isObject(after)) return { reason: "not a document" };
  if (!sameKeys(before, after)) return { reason: "top-level fields added or removed" };
  for (const key of Object.keys(after)) {
    if (key !== "paths" && !jsonEqual(before[key], after[key])) return { reason: `\`${key}\` changed` };
  }
  const [oldPaths, newPaths] = [before.paths, after.paths];
  if (!isObject(oldPaths) || !isObject(newPaths)) return { reason: "no paths" };
  if (!sameKeys(oldPaths, newPaths)) return { reason: "paths added or removed" };
  const changed: ChangedOperation[] = [];
  for (const path of Object.keys(newPaths)) {
    const [oldItem, newItem] = [oldPaths[path], newPaths[path]];
    if (oldItem === newItem || jsonEqual(oldItem, newItem)) continue;
    if (!isObject(oldItem) || !isObject(newItem)) return { reason: `path item ${path} is not an object` };
    if (!sameKeys(oldItem, newItem)) return { reason: `operations (or fields) of ${path} added or removed` };
    for (const key of Object.keys(newItem)) {
      if (jsonEqual(oldItem[key], newItem[key])) continue;
      if (!METHOD_KEYS.has(key)) return { reason: `\`${key}\` of path item ${path} changed` };
      const [oldOp, newOp] = [oldItem[key], newItem[key]];
      if (!isObject(oldOp) || !isObject(newOp)) return { reason: `${key} ${path} is not an object` };
      if (!jsonEqual(oldOp.operationId, newOp.operationId)) return { reason: `the operationId of ${key} ${path} changed` };
      changed.push({ path, method: key });
    }
  }
  return changed.length > 0 ? { changed } : { reason: "no operation changed" };
}
