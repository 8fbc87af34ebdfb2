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

export function pointerSegments(ptr: string): string[] {
  if (ptr === "" || ptr === "#") return [];
  return ptr.replace(/^#/, "").slice(1).split("/").map((s) => decodeURIComponent(s).replace(/~1/g, "/").replace(/~0/g, "~"));
}
