import { writeFile } from "node:fs/promises";
import path from "node:path";
import { configPathFor } from "../load/config.js";
import { isUrl } from "../load/input-name.js";
import { type Built, apply, build, type Reviewed, remember, review } from "../orchestrate.js";
import { type FolderDiff, isClean } from "../output/write-folder.js";
import { markdownReport, type ReportSection, reportLines } from "../review/report.js";
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

const changeReport = (r: Reviewed) =>
  r.changes === undefined || (r.changes.length === 0 && isClean(r.diff)) ? "" : reportLines(r.changes);

/** check: say which folders are stale and how, writing nothing. */
async function check(reviewed: readonly Reviewed[], io: Io, cwd: string): Promise<number> {
  let stale = 0;
  for (const r of reviewed) {
    const { job, result, diff, onDisk } = r;
    if (isClean(diff)) {
      io.out(`${job.input}: ${plural(result.surface.operations.length, "operation")}, ${job.output} is up to date\n`);
      await remember(r, cwd);
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

/** write every changed folder, all or nothing, unless refused; say what happened to each. */
async function write(reviewed: readonly Reviewed[], refuse: boolean, io: Io, cwd: string): Promise<void> {
  if (!refuse) await apply(reviewed, cwd);
  for (const r of reviewed) {
    const { job, result, diff } = r;
    io.out(
      `${job.input}: ${plural(result.surface.operations.length, "operation")} → ${job.output} (${refuse ? "not written" : summary(diff)})\n${changeReport(r)}`,
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
    for (const job of jobs) built.push(await build(job, cwd, inputs, true));
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
    await write(reviewed, refuse, io, cwd);
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
