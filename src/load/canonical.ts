import { sha256 } from "../util/sha256.js";

/**
 * The document in canonical form: the keys of every mapping sorted, arrays as they are. Every
 * later step reads this form, so reordering keys in the document changes no byte of the output.
 */
export function canonicalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonicalize);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const v = canonicalize((value as Record<string, unknown>)[key]);
    // A key named __proto__ is data here; plain assignment would set the prototype instead.
    if (key === "__proto__") Object.defineProperty(out, key, { value: v, enumerable: true, writable: true, configurable: true });
    else out[key] = v;
  }
  return out;
}

/** sha256 of the canonical JSON; `canonical` must come from `canonicalize`. */
export function documentHash(canonical: unknown): string {
  return sha256(JSON.stringify(canonical));
}
