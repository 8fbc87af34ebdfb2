/**
 * Keys in a document are data. `obj[key]` is not safe with them: `__proto__` reads and sets the
 * prototype, and `constructor` or `toString` find inherited members where the document has none.
 */
const hasOwn = (obj: object, key: string) => Object.hasOwn(obj, key);

/** The object's own value for `key`, never an inherited one. */
export function own(obj: unknown, key: string): any {
  return obj !== null && typeof obj === "object" && hasOwn(obj, key) ? (obj as Record<string, unknown>)[key] : undefined;
}

/** Sets an own, enumerable property, even for `__proto__`. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/** Follows a JSON pointer's segments through own properties only. */
export function follow(root: unknown, segments: readonly string[]): any {
  let node: unknown = root;
  for (const s of segments) node = own(node, s);
  return node;
}

/** A JSON object (not an array, not null): what a schema, an operation or a map is. */
export const isObject = (v: unknown): v is Record<string, any> => typeof v === "object" && v !== null && !Array.isArray(v);
