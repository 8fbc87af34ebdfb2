import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Job } from "./cli/plan.js";
import type { GenerateResult } from "./generate.js";
import { documentIdentity } from "./load/load-document.js";
import { currentFolder, rememberFolder, verifiedFolder } from "./output/fast-path.js";
import { rememberDocument } from "./incremental/document-cache.js";
import { MANIFEST, type Manifest } from "./output/manifest.js";
import { assertOwned, diffFolder, type FolderDiff, isClean, writeFolder } from "./output/write-folder.js";
import { type Change, compareSurfaces } from "./review/compare.js";
import type { Surface } from "./review/surface.js";
import { InputError } from "./util/input-error.js";

/**
 * The one orchestrator: jobs (planned by `planJobs` from the settings beside each document or in
 * the project config) → build in memory → review against the folder → write all or nothing, or
 * only compare. The command line and the programmatic API (`generate`, `check`) both run it, so a
 * folder one calls current the other does too.
 */

/** A generation's result as the orchestrator uses it: an incremental run has no model. */
export type Generated = Omit<GenerateResult, "model">;

export type Built = { job: Job; current: { operations: number } } | { job: Job; result: Generated } | { job: Job; failed: InputError };

/** A job reviewed: what would change in its folder and in its API. */
export interface Reviewed {
  job: Job;
  result: Generated;
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

/**
 * build: a job's folder in memory; with `fastPath`, not at all when the folder is proven current
 * (the command line's no-change run). Every file read is added to `inputs` (watch mode watches them).
 */
export async function build(job: Job, cwd: string, inputs: Set<string>, fastPath: boolean): Promise<Built> {
  // A strict run loads the document whatever the folder holds: the folder may have been generated around faults.
  if (fastPath && job.settings.strict !== true) {
    const folder = await verifiedFolder(job.input, job.output, job.command, job.settings, cwd);
    // A document that cannot be read is left to the full pipeline, which reports the problem properly.
    const identity = folder && (await documentIdentity(job.input, cwd, job.settings.access).catch(() => undefined));
    const fresh = folder && identity && currentFolder(folder, identity);
    if (fresh !== undefined) {
      for (const file of fresh.inputs) inputs.add(file);
      return { job, current: fresh };
    }
    // After an edit confined to some operations: only their text regenerated (`OPENAPI_CLIENT_GEN_INCREMENTAL=0` turns it off).
    const mode = process.env.OPENAPI_CLIENT_GEN_INCREMENTAL;
    if (folder && identity && mode !== "0") {
      const { regenerate } = await import("./incremental/regenerate.js");
      const incremental = await regenerate(job, cwd, folder, identity).catch((err: Error) => ({ reason: `failed: ${err.message}` }));
      if (mode === "explain")
        process.stderr.write(`incremental: ${"reason" in incremental ? `full run, ${incremental.reason}` : "spliced"}\n`);
      if ("result" in incremental) {
        for (const file of incremental.result.inputs) inputs.add(file);
        return { job, result: incremental.result };
      }
    } else if (mode === "explain")
      process.stderr.write("incremental: full run, the folder is not one this build wrote for these settings\n");
  }
  try {
    // Loaded only when something must be generated: openapi-typescript and ts-morph take ~0.8 s to import.
    const { generate } = await import("./generate.js");
    const result = await generate({ input: job.input, command: job.command, settings: job.settings, cwd });
    for (const file of result.inputs) inputs.add(file);
    return { job, result };
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    return { job, failed: err };
  }
}

/** review: the folder diff and the API changes against the folder's manifest. */
export async function review(job: Job, result: Generated, cwd: string): Promise<Reviewed> {
  const dir = path.resolve(cwd, job.output);
  const [{ diff, current: onDisk }, previous] = await Promise.all([diffFolder(dir, result.files), previousSurface(dir)]);
  return { job, result, diff, onDisk, changes: previous ? compareSurfaces(previous, result.surface) : undefined };
}

/** Remembers a current folder for the next run's fast path. */
export async function remember(r: Reviewed, cwd: string): Promise<void> {
  await rememberFolder(cwd, r.job.output, r.onDisk.get(MANIFEST) ?? "");
  await rememberSource(r, cwd);
}

/** The document a folder was made from, for the next run's incremental path. */
async function rememberSource(r: Reviewed, cwd: string): Promise<void> {
  const manifest = r.result.files.find((f) => f.name === MANIFEST)!.content;
  const { asWritten } = r.result;
  if (asWritten) await rememberDocument(cwd, r.job.output, (JSON.parse(manifest) as Manifest).documentHash, asWritten);
}

/**
 * apply: writes every changed folder, all or nothing: every folder about to be replaced must be the
 * generator's own before the first is written.
 */
export async function apply(reviewed: readonly Reviewed[], cwd: string): Promise<void> {
  for (const r of reviewed) if (!isClean(r.diff)) assertOwned(path.resolve(cwd, r.job.output), r.onDisk);
  for (const r of reviewed) {
    if (!isClean(r.diff)) await writeFolder(path.resolve(cwd, r.job.output), r.result.files, r.onDisk);
    await rememberFolder(cwd, r.job.output, r.result.files.find((f) => f.name === MANIFEST)!.content);
    await rememberSource(r, cwd);
  }
}
