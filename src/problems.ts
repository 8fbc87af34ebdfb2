/**
 * Problems with the input are the user's to fix: they are printed as `file:line:col: message` and a
 * hint, without a stack, and exit with code 1. Anything else thrown is a bug in the generator.
 */
export class InputError extends Error {
  constructor(
    message: string,
    readonly file: string,
    /** `line:column` where the document is text, or a JSON pointer. */
    readonly location: string | undefined,
    readonly fix: string,
  ) {
    super(message);
    this.name = "InputError";
  }

  format(): string {
    const where = this.location ? `${this.file}:${this.location}` : this.file;
    return `${where}: ${this.message}\n  fix: ${this.fix}`;
  }
}

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** RFC 6901 JSON pointer from path segments. */
export function pointer(segments: ReadonlyArray<string | number>): string {
  return segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");
}

/**
 * The segments of a JSON pointer. A `$ref` fragment (`#/...`) is also URI-encoded, so it is decoded
 * first; a pointer `pointer()` built is not (a path such as `/rate%` stays as it is).
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
