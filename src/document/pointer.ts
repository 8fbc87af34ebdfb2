/** RFC 6901 JSON pointers, and `$ref` fragments (`#/...`, which are also URI-encoded). */

/** A JSON pointer from path segments. */
export function pointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/**
 * The segments of a JSON pointer. A `$ref` fragment (`#/...`) is URI-encoded, so it is decoded
 * first; a pointer that `pointer()` built is not (a path such as `/rate%` stays as it is).
 */
export function pointerSegments(ptr: string): string[] {
  if (ptr === "" || ptr === "#") return [];
  const fragment = ptr.startsWith("#");
  return ptr
    .slice(fragment ? 2 : 1)
    .split("/")
    .map((s) => (fragment ? decodeFragment(s) : s).replace(/~1/g, "/").replace(/~0/g, "~"));
}

function decodeFragment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
