import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { GenerateResult } from "../generate.js";
import { configPathFor } from "../load/config.js";
import { isUrl } from "../load/input-name.js";
import { currentFolder, rememberFolder } from "../output/fast-path.js";
import { MANIFEST } from "../output/manifest.js";
import { assertOwned, diffFolder, type FolderDiff, isClean, writeFolder } from "../output/write-folder.js";
import { type Change, compareSurfaces } from "../review/compare.js";
import { markdownReport, type ReportSection, reportLines } from "../review/report.js";
import type { Surface } from "../review/surface.js";
import { formatProblem, InputError } from "../util/input-error.js";
import type { Options } from "./args.js";
import { shortDiff } from "./check-diff.js";
import { type Io, plural } from "./io.js";
import { type Invocation, type Job, knownInputs, NPM_RUN_GENERATE, planJobs } from "./plan.js";

export interface RunResult {
  code: number;
  /** Every file the run read (documents, the files they $ref, configs), for watch mode. */
  inputs: string[];
}

type Built = { job: Job; current: { operations: number } } | { job: Job; result: GenerateResult } | { job: Job; failed: InputError };

/** A job reviewed: what would change in its folder and in its API. */
interface Reviewed {
  job: Job;
  result: GenerateResult;
  diff: FolderDiff;
  onDisk: Map<string, string>;
  /** Undefined for a folder generated for the first time. */
  changes: Change[] | undefined;
}

/** The surface recorded in the folder's manifest, if any: what the change report compares against. */
async function previousSurface(dir: string): Promise<Surface | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as Partial<Surface>;
    return Array.isArray(manifest.operations) && manifest.schemas
      ? { operations: manifest.operations, schemas: manifest.schemas }
      : undefined;
  } catch {
    return undefined;
  }
}

/** build: each job's folder, from the fast path when it proves the folder current, else generated in memory. */
async function build(job: Job, cwd: string, inputs: Set<string>): Promise<Built> {
  const fresh = await currentFolder(job.input, job.output, job.command, job.settings, cwd);
  if (fresh !== undefined) {
    for (const file of fresh.inputs) inputs.add(file);
    return { job, current: fresh };
  }
  try {
    // Loaded only when something must be generated: openapi-typescript and ts-morph take ~0.8 s to import.
    const { generate } = await import("../generate.js");
    const result = await generate({ input: job.input, command: job.command, settings: job.settings, cwd });
    for (const file of result.inputs) inputs.add(file);
    return { job, result };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { job, failed: err };
  }
}

/** review: the folder diff and the API changes against the folder's manifest. */
async function review(job: Job, result: GenerateResult, cwd: string): Promise<Reviewed> {
  const dir = path.resolve(cwd, job.output);
  const [{ diff, current: onDisk }, previous] = await Promise.all([diffFolder(dir, result.files), previousSurface(dir)]);
  return { job, result, diff, onDisk, changes: previous ? compareSurfaces(previous, result.surface) : undefined };
}

const changeReport = (r: Reviewed) =>
  r.changes === undefined || (r.changes.length === 0 && isClean(r.diff)) ? "" : reportLines(r.changes);

/** check: say which folders are stale and how, writing nothing. */
async function check(reviewed: readonly Reviewed[], io: Io, cwd: string): Promise<number> {
  let stale = 0;
  for (const r of reviewed) {
    const { job, result, diff, onDisk } = r;
    if (isClean(diff)) {
      io.out(`${job.input}: ${plural(result.model.operations.length, "operation")}, ${job.output} is up to date\n`);
      await rememberFolder(cwd, job.output, onDisk.get(MANIFEST) ?? "");
      continue;
    }
    stale++;
    io.err(`${job.input}: ${job.output} is stale; run \`${job.command}\`\n${changeReport(r)}`);
    for (const name of [...diff.changed, ...diff.added, ...diff.removed]) {
      const after = result.files.find((f) => f.name === name)?.content;
      const what = diff.added.includes(name) ? "missing" : diff.removed.includes(name) ? "not generated" : "differs";
      io.err(`  ${job.output}/${name} ${what}\n${await shortDiff(onDisk.get(name), after)}\n`);
    }
  }
  return stale;
}

function summary(diff: FolderDiff): string {
  const parts = [
    diff.added.length + diff.changed.length > 0 ? `${diff.added.length + diff.changed.length} written` : "",
    diff.removed.length > 0 ? `${diff.removed.length} removed` : "",
    diff.unchanged.length > 0 ? `${diff.unchanged.length} unchanged` : "",
  ].filter(Boolean);
  return parts.join(", ");
}

/** apply: write every changed folder, all or nothing (every folder about to be replaced must be ours before the first is written). */
async function apply(reviewed: readonly Reviewed[], refuse: boolean, io: Io, cwd: string): Promise<void> {
  if (!refuse) for (const r of reviewed) if (!isClean(r.diff)) assertOwned(path.resolve(cwd, r.job.output), r.onDisk);
  for (const r of reviewed) {
    const { job, result, diff, onDisk } = r;
    if (!isClean(diff) && !refuse) await writeFolder(path.resolve(cwd, job.output), result.files, onDisk);
    if (!refuse) await rememberFolder(cwd, job.output, result.files.find((f) => f.name === MANIFEST)!.content);
    io.out(
      `${job.input}: ${plural(result.model.operations.length, "operation")} → ${job.output} (${refuse ? "not written" : summary(diff)})\n${changeReport(r)}`,
    );
  }
}

function printWarnings(built: readonly Built[], io: Io): void {
  for (const b of built) if ("result" in b) for (const warning of b.result.warnings) io.err(`warning: ${formatProblem(warning)}\n`);
}

/** One run over every job: plan → build (in memory) → review → check, or apply all or nothing. */
export async function runOnce(options: Options, io: Io, cwd: string, invocation: Invocation = NPM_RUN_GENERATE): Promise<RunResult> {
  const inputs = new Set(knownInputs(options, cwd));
  const result = (code: number): RunResult => ({ code, inputs: [...inputs] });
  try {
    const jobs = await planJobs(options, cwd, invocation);
    for (const job of jobs) {
      // A URL is fetched, not watched; its settings are in a file only when one is named.
      if (!isUrl(job.input)) inputs.add(path.resolve(cwd, job.input));
      if (job.settings.file !== undefined || !isUrl(job.input))
        inputs.add(path.resolve(cwd, job.settings.file ?? configPathFor(job.input)));
    }
    const built: Built[] = [];
    for (const job of jobs) built.push(await build(job, cwd, inputs));
    printWarnings(built, io);
    const failed = built.filter((b): b is Extract<Built, { failed: InputError }> => "failed" in b);
    for (const { failed: err } of failed) io.err(`error: ${err.format()}\n`);
    if (failed.length > 0 && !options.check) {
      io.err(`${failed.length} of ${plural(jobs.length, "document")} failed; nothing was written.\n`);
      return result(1);
    }

    const sections: ReportSection[] = [];
    const reviewed: Reviewed[] = [];
    for (const b of built) {
      if ("current" in b) {
        const { job, current } = b;
        io.out(
          `${job.input}: ${plural(current.operations, "operation")}${options.check ? `, ${job.output} is up to date` : ` → ${job.output} (unchanged)`}\n`,
        );
        sections.push({ source: job.input, output: job.output, changes: [] });
      } else if ("result" in b) {
        const r = await review(b.job, b.result, cwd);
        reviewed.push(r);
        sections.push({ source: r.job.input, output: r.job.output, changes: r.changes });
      }
    }

    if (options.check) {
      const stale = await check(reviewed, io, cwd);
      if (failed.length > 0) io.err(`${failed.length} of ${plural(jobs.length, "document")} failed to generate.\n`);
      return result(stale + failed.length > 0 ? 1 : 0);
    }
    const breaking = reviewed.reduce((n, r) => n + (r.changes?.filter((c) => c.breaking).length ?? 0), 0);
    const refuse = options["fail-on-breaking"] && breaking > 0;
    await apply(reviewed, refuse, io, cwd);
    if (options.report !== undefined) await writeFile(path.resolve(cwd, options.report), markdownReport(sections));
    if (refuse) {
      io.err(`${plural(breaking, "breaking API change")}; nothing was written (--fail-on-breaking).\n`);
      return result(1);
    }
    return result(0);
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`error: ${err.format()}\n`);
      return result(1);
    }
    throw err;
  }
}
