import { readdir } from "node:fs/promises";
import path from "node:path";
import { type Config, configPathFor, readConfig } from "../load/config.js";
import { InputError } from "../util/input-error.js";
import type { Options } from "./args.js";

/** One document to generate into one folder. */
export interface Job {
  input: string;
  output: string;
  /** The command that regenerates the folder, for its header. */
  command: string;
  settings: Config;
}

const DOCUMENT = /\.(ya?ml|json)$/i;

function quote(arg: string): string {
  return /^[\w./@:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

async function settingsFor(options: Options, input: string, cwd: string): Promise<Config> {
  const config = await readConfig(options.config ?? configPathFor(input), cwd, options.config !== undefined);
  return {
    ...config,
    include: options.include.length > 0 ? options.include : config.include,
    exclude: options.exclude.length > 0 ? options.exclude : config.exclude,
  };
}

function singleJob(options: Options & { input: string }, settings: Config): Job {
  const output = options.output ?? `generated/${path.basename(options.input).replace(DOCUMENT, "")}`;
  const flags = [
    ["--input", options.input],
    ["--output", output],
    ...(options.config ? [["--config", options.config]] : []),
    ...options.include.map((p) => ["--include", p]),
    ...options.exclude.map((p) => ["--exclude", p]),
  ];
  return { input: options.input, output, command: `npm run generate -- ${flags.map(([f, v]) => `${f} ${quote(v!)}`).join(" ")}`, settings };
}

async function specFolderDocuments(cwd: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(path.join(cwd, "spec"));
  } catch {
    throw new InputError({
      message: "no spec/ folder here",
      file: path.join(cwd, "spec"),
      fix: "run from the project root, or give a document with --input",
    });
  }
  const docs = names.filter((n) => DOCUMENT.test(n) && !/\.config\.json$/i.test(n)).sort();
  if (docs.length === 0)
    throw new InputError({
      message: "spec/ holds no OpenAPI document",
      file: "spec",
      fix: "add a .yaml or .json document to spec/, or give one with --input",
    });
  return docs;
}

/** plan: which documents go to which folders, with which settings; two documents may not share a folder. */
export async function planJobs(options: Options, cwd: string): Promise<Job[]> {
  let jobs: Job[];
  if (options.input !== undefined) {
    jobs = [singleJob(options as Options & { input: string }, await settingsFor(options, options.input, cwd))];
  } else {
    const flags = [...options.include.map((p) => `--include ${quote(p)}`), ...options.exclude.map((p) => `--exclude ${quote(p)}`)];
    const command = `npm run generate${flags.length > 0 ? ` -- ${flags.join(" ")}` : ""}`;
    const docs = await specFolderDocuments(cwd);
    jobs = await Promise.all(
      docs.map(async (name) => ({
        input: `spec/${name}`,
        output: `generated/${name.replace(DOCUMENT, "")}`,
        command,
        settings: await settingsFor(options, `spec/${name}`, cwd),
      })),
    );
  }
  const outputs = new Map<string, string>();
  for (const job of jobs) {
    const other = outputs.get(path.resolve(cwd, job.output));
    if (other)
      throw new InputError({
        message: `${other} and ${job.input} would both be generated into ${job.output}`,
        file: job.input,
        fix: "rename one of the two documents",
      });
    outputs.set(path.resolve(cwd, job.output), job.input);
  }
  return jobs;
}

/** The files a job reads before its document is parsed, so that watch mode watches them even when reading fails. */
export function knownInputs(options: Options, cwd: string): string[] {
  if (options.input === undefined) return [];
  return [path.resolve(cwd, options.input), path.resolve(cwd, options.config ?? configPathFor(options.input))];
}
