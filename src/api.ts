import path from "node:path";
import type { Invocation } from "./cli/plan.js";
import { generate as generateInMemory } from "./generate.js";
import type { Config } from "./load/config.js";
import { documentName } from "./load/input-name.js";
import { rememberFolder } from "./output/fast-path.js";
import { MANIFEST } from "./output/manifest.js";
import { diffFolder, type GeneratedFile, isClean, writeFolder } from "./output/write-folder.js";
import { type Change, compareSurfaces } from "./review/compare.js";
import { reportLines } from "./review/report.js";
import type { Surface } from "./review/surface.js";
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
  /** operationId (or `METHOD /path`) → function name. */
  names?: Record<string, string>;
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

function prepared(options: GenerateOptions) {
  const cwd = options.cwd ?? process.cwd();
  const output = options.output ?? `generated/${documentName(options.input)}`;
  const settings: Config = { include: options.include ?? [], exclude: options.exclude ?? [], names: options.names ?? {} };
  const flags = [
    ["--input", options.input],
    ["--output", output],
    ...settings.include.map((p) => ["--include", p]),
    ...settings.exclude.map((p) => ["--exclude", p]),
  ];
  const command = options.command ?? `${NPX.command} ${flags.map(([f, v]) => `${f} ${JSON.stringify(v)}`).join(" ")}`;
  return { cwd, output, settings, command, dir: path.resolve(cwd, output) };
}

async function previousSurface(files: Map<string, string>): Promise<Surface | undefined> {
  try {
    const manifest = JSON.parse(files.get(MANIFEST) ?? "") as Partial<Surface>;
    return Array.isArray(manifest.operations) && manifest.schemas
      ? { operations: manifest.operations, schemas: manifest.schemas }
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Generates a client and writes its folder (all or nothing; a folder the generator did not write is
 * never replaced). Throws `InputError` (with `problems`, each with file, line, column and a fix) on bad input.
 */
export async function generate(options: GenerateOptions): Promise<GenerateOutcome> {
  const { cwd, settings, command, dir, output } = prepared(options);
  const result = await generateInMemory({ input: options.input, command, settings, cwd });
  const { diff, current } = await diffFolder(dir, result.files);
  const previous = await previousSurface(current);
  const changes = previous ? compareSurfaces(previous, result.surface) : undefined;
  const written = !isClean(diff);
  if (written) await writeFolder(dir, result.files, current);
  await rememberFolder(cwd, output, result.files.find((f) => f.name === MANIFEST)!.content);
  return { files: result.files, changes, report: changes ? reportLines(changes) : "", warnings: result.warnings, written };
}

/** Whether a client's folder is current, writing nothing. */
export async function check(options: GenerateOptions): Promise<CheckOutcome> {
  const { cwd, settings, command, dir } = prepared(options);
  const result = await generateInMemory({ input: options.input, command, settings, cwd });
  const { diff, current } = await diffFolder(dir, result.files);
  const previous = await previousSurface(current);
  return {
    current: isClean(diff),
    stale: [...diff.changed, ...diff.added, ...diff.removed],
    changes: previous ? compareSurfaces(previous, result.surface) : undefined,
    warnings: result.warnings,
  };
}
