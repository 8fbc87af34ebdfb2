import { type Invocation, type Job, planJobs } from "./cli/plan.js";
import { documentName } from "./load/input-name.js";
import { apply, build, type Reviewed, review } from "./orchestrate.js";
import { type GeneratedFile, isClean } from "./output/write-folder.js";
import type { Change } from "./review/compare.js";
import { reportLines } from "./review/report.js";
import type { Problem } from "./util/input-error.js";

/** What to generate: one document into one folder. */
export interface GenerateOptions {
  /** The document: a path (relative to `cwd`) or an http(s) URL. */
  input: string;
  /** The folder of the client; `generated/<name>` by default. */
  output?: string;
  /** Only the operations that match: an operationId, a tag, or a path such as "/uploads/*". */
  include?: string[];
  /** Leave matching operations out. */
  exclude?: string[];
  /** operationId (or `METHOD /path`) → function name, over the settings file's. */
  names?: Record<string, string>;
  /** The settings file; `<document>.config.json` beside the document by default (none for a URL). */
  config?: string;
  /** Refuse the document for faults that touch only some operations, rather than generating around them (as `--strict`). */
  strict?: boolean;
  /** The folder paths are relative to; the current directory by default. */
  cwd?: string;
  /** What the headers say regenerates the folder; the equivalent `npx openapi-client-gen` command by default. */
  command?: string;
}

export interface GenerateOutcome {
  /** Every file of the folder, with its content. */
  files: GeneratedFile[];
  /** The API changes since the folder's last generation, breaking first; undefined for a new folder. */
  changes: Change[] | undefined;
  /** The change report as the command prints it. */
  report: string;
  /** Findings in the document that did not stop generation. */
  warnings: Problem[];
  /** Whether any file of the folder changed (false when it was current). */
  written: boolean;
}

export interface CheckOutcome {
  /** Whether the folder is exactly what the document generates. */
  current: boolean;
  /** The files that differ, are missing, or should not be there. */
  stale: string[];
  changes: Change[] | undefined;
  warnings: Problem[];
}

const NPX: Invocation = { command: "npx openapi-client-gen", separator: " " };

/**
 * The job the command line would run for the same document: its settings from the file beside it
 * (`<document>.config.json`, or `config`), the selection and names given here over them.
 */
async function jobOf(options: GenerateOptions): Promise<{ job: Job; cwd: string }> {
  const cwd = options.cwd ?? process.cwd();
  const invocation = options.command === undefined ? NPX : { command: options.command, separator: " ", fixed: true };
  const [job] = await planJobs(
    {
      input: options.input,
      output: options.output ?? `generated/${documentName(options.input)}`,
      config: options.config,
      include: options.include ?? [],
      exclude: options.exclude ?? [],
      check: false,
      watch: false,
      strict: options.strict === true,
      help: false,
      version: false,
      "fail-on-breaking": false,
    },
    cwd,
    invocation,
  );
  const settings = options.names ? { ...job!.settings, names: { ...job!.settings.names, ...options.names } } : job!.settings;
  return { job: { ...job!, settings }, cwd };
}

/** The job, generated in memory and compared with its folder; an input problem rejects with its `InputError`. */
async function reviewed(options: GenerateOptions): Promise<Reviewed> {
  const { job, cwd } = await jobOf(options);
  const built = await build(job, cwd, new Set(), false);
  if ("failed" in built) throw built.failed;
  if (!("result" in built)) throw new Error("a job built without the fast path has a result");
  return review(job, built.result, cwd);
}

/**
 * Generates a client and writes its folder (all or nothing; a folder the generator did not write is
 * never replaced). Throws `InputError` (with `problems`, each with file, line, column and a fix) on bad input.
 */
export async function generate(options: GenerateOptions): Promise<GenerateOutcome> {
  const r = await reviewed(options);
  await apply([r], options.cwd ?? process.cwd());
  return {
    files: r.result.files,
    changes: r.changes,
    report: r.changes ? reportLines(r.changes) : "",
    warnings: r.result.warnings,
    written: !isClean(r.diff),
  };
}

/** Whether a client's folder is current, writing nothing. */
export async function check(options: GenerateOptions): Promise<CheckOutcome> {
  const r = await reviewed(options);
  return {
    current: isClean(r.diff),
    stale: [...r.diff.changed, ...r.diff.added, ...r.diff.removed],
    changes: r.changes,
    warnings: r.result.warnings,
  };
}
