/**
 * Problems with the input are the user's to fix: printed as `file:line:col (pointer): message` and a
 * fix, without a stack, with exit code 1. Anything else thrown is a bug in the generator.
 */

/** Where a problem is: always the file; the line and column where the text is known; the JSON pointer where the node is. */
export interface SourceLocation {
  readonly file: string;
  readonly line?: number;
  readonly column?: number;
  /** RFC 6901 pointer into the parsed document or config. */
  readonly pointer?: string;
}

export interface Problem extends SourceLocation {
  readonly message: string;
  readonly fix: string;
}

/** `file:line:col (pointer)`, with whatever parts are known. */
export function formatLocation(at: SourceLocation): string {
  const position = at.line !== undefined ? `:${at.line}:${at.column ?? 1}` : "";
  const pointer = at.pointer !== undefined ? (position ? ` (${at.pointer || "/"})` : `:${at.pointer || "/"}`) : "";
  return at.file + position + pointer;
}

export function formatProblem(problem: Problem): string {
  return `${formatLocation(problem)}: ${problem.message}\n  fix: ${problem.fix}`;
}

/** One or more problems in the input; `format()` gives them all, each once. */
export class InputError extends Error {
  readonly problems: readonly Problem[];

  constructor(problems: Problem | readonly Problem[]) {
    const list = Array.isArray(problems) ? (problems as readonly Problem[]) : [problems as Problem];
    super(list[0]?.message ?? "bad input");
    this.name = "InputError";
    this.problems = list;
  }

  get file(): string {
    return this.problems[0]!.file;
  }

  get fix(): string {
    return this.problems[0]!.fix;
  }

  format(): string {
    return this.problems.map(formatProblem).join("\nerror: ");
  }
}

/** A problem that was noticed but does not stop generation (a lint finding that changes nothing on the wire). */
export type Warning = Problem;

/** Bad command-line usage: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}
