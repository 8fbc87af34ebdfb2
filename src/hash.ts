import { createHash } from "node:crypto";

/** JSON with object keys sorted at every level, so key order in the document does not matter. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return "[" + value.map((v) => canonicalJson(v ?? null)).join(",") + "]";
  if (value !== null && typeof value === "object") {
    const keys = Object.keys(value).sort();
    const parts: string[] = [];
    for (const key of keys) {
      const v = (value as Record<string, unknown>)[key];
      if (v !== undefined) parts.push(JSON.stringify(key) + ":" + canonicalJson(v));
    }
    return "{" + parts.join(",") + "}";
  }
  return JSON.stringify(value);
}

export function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

export function documentHash(document: unknown): string {
  return sha256(canonicalJson(document));
}
