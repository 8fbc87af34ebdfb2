import { readdir } from "node:fs/promises";
import path from "node:path";
import { accessSettings } from "../load/access-settings.js";
import { type Config, configPathFor, EMPTY_CONFIG, readConfig } from "../load/config.js";
import { documentName, isUrl } from "../load/input-name.js";
import { findProjectConfig, readProjectConfig } from "../load/project-config.js";
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

/**
 * How the user runs the generator, so that each folder's header names the command that
 * regenerates it from where they run it: `npm run generate` in this repository, `npx
 * openapi-client-gen --input …` from a shell, or `npm run <script>` from a project's own script.
 */
export interface Invocation {
  command: string;
  /** Between the command and its flags: " -- " for an npm script, " " for a program. */
  separator: string;
  /** The command holds its flags already (a project's npm script): none are added. */
  fixed?: boolean;
}

/** This repository's own workflow: `npm run generate`. */
export const NPM_RUN_GENERATE: Invocation = { command: "npm run generate", separator: " -- " };

const DOCUMENT = /\.(ya?ml|json)$/i;

function quote(arg: string): string {
  return /^[\w./@:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

function commandOf(invocation: Invocation, flags: Array<[string, string]>): string {
  if (invocation.fixed || flags.length === 0) return invocation.command;
  return invocation.command + invocation.separator + flags.map(([f, v]) => `${f} ${quote(v)}`).join(" ");
}

const selectionFlags = (options: Options): Array<[string, string]> => [
  ...options.include.map((p): [string, string] => ["--include", p]),
  ...options.exclude.map((p): [string, string] => ["--exclude", p]),
];

/** The command line's --include/--exclude over the settings' own. */
function withSelection(options: Options, config: Config): Config {
  return {
    ...config,
    include: options.include.length > 0 ? options.include : config.include,
    exclude: options.exclude.length > 0 ? options.exclude : config.exclude,
    ...(options.strict ? { strict: true } : {}),
  };
}

async function singleJob(options: Options & { input: string }, invocation: Invocation, cwd: string): Promise<Job> {
  const output = options.output ?? `generated/${documentName(options.input)}`;
  // A URL has no settings file beside it: only one named with --config.
  const config =
    isUrl(options.input) && options.config === undefined
      ? EMPTY_CONFIG
      : await readConfig(options.config ?? configPathFor(options.input), cwd, options.config !== undefined);
  const flags: Array<[string, string]> = [
    ["--input", options.input],
    ["--output", output],
    ...(options.config ? [["--config", options.config] as [string, string]] : []),
    ...selectionFlags(options),
  ];
  return { input: options.input, output, command: commandOf(invocation, flags), settings: withSelection(options, config) };
}

/** Every document of the project config, with its settings. */
async function projectJobs(name: string, options: Options, invocation: Invocation, cwd: string): Promise<Job[]> {
  const config = await readProjectConfig(name, cwd);
  const command = commandOf(invocation, selectionFlags(options));
  return config.documents.map((doc, i) => ({
    input: doc.input,
    output: doc.output ?? `generated/${documentName(doc.input)}`,
    command,
    settings: withSelection(options, {
      include: doc.include ?? [],
      exclude: doc.exclude ?? [],
      names: doc.names ?? {},
      ...(doc.pagination ? { pagination: doc.pagination, paginationPointer: `/documents/${i}/pagination` } : {}),
      ...(doc.dates !== undefined ? { dates: doc.dates } : {}),
      ...(doc.readWriteViews !== undefined ? { readWriteViews: doc.readWriteViews } : {}),
      ...(doc.validators !== undefined ? { validators: doc.validators } : {}),
      // Checked when the config was read: this only resolves its folders against the project root.
      access: accessSettings({ ...doc }, (message) => new InputError({ message, file: name, fix: "" }), `/documents/${i}`, cwd, name),
      ...(doc.query !== undefined ? { query: doc.query } : {}),
      ...(doc.invalidates ? { invalidates: doc.invalidates, invalidatesPointer: `/documents/${i}/invalidates` } : {}),
      ...(doc.namespaces !== undefined ? { namespaces: doc.namespaces, namespacesPointer: `/documents/${i}/namespaces` } : {}),
      ...(doc.mocks !== undefined ? { mocks: doc.mocks } : {}),
      ...(doc.strict !== undefined ? { strict: doc.strict } : {}),
      file: name,
      namesPointer: `/documents/${i}/names`,
    }),
  }));
}

/** A document of spec/ may $ref files anywhere in the project, not only in spec/. */
const projectRooted = (config: Config, cwd: string): Config => ({ ...config, access: { ...config.access, root: cwd } });

/** Every document in spec/, each with its spec/<name>.config.json. */
async function specFolderJobs(options: Options, invocation: Invocation, cwd: string): Promise<Job[]> {
  let names: string[];
  try {
    names = await readdir(path.join(cwd, "spec"));
  } catch {
    throw new InputError({
      message: "no spec/ folder and no openapi-client-gen.config.{ts,mjs,js,json} here",
      file: cwd,
      fix: "run from the project root, give a document with --input, or write a config (see --help)",
    });
  }
  const docs = names.filter((n) => DOCUMENT.test(n) && !/\.config\.json$/i.test(n)).sort();
  if (docs.length === 0)
    throw new InputError({
      message: "spec/ holds no OpenAPI document",
      file: "spec",
      fix: "add a .yaml or .json document to spec/, or give one with --input",
    });
  const command = commandOf(invocation, selectionFlags(options));
  return Promise.all(
    docs.map(async (name) => ({
      input: `spec/${name}`,
      output: `generated/${name.replace(DOCUMENT, "")}`,
      command,
      settings: projectRooted(withSelection(options, await readConfig(configPathFor(`spec/${name}`), cwd)), cwd),
    })),
  );
}

/** plan: which documents go to which folders, with which settings; two documents may not share a folder. */
export async function planJobs(options: Options, cwd: string, invocation: Invocation = NPM_RUN_GENERATE): Promise<Job[]> {
  const projectConfig = options.input === undefined ? findProjectConfig(cwd) : undefined;
  const jobs =
    options.input !== undefined
      ? [await singleJob(options as Options & { input: string }, invocation, cwd)]
      : projectConfig !== undefined
        ? await projectJobs(projectConfig, options, invocation, cwd)
        : await specFolderJobs(options, invocation, cwd);
  const outputs = new Map<string, string>();
  for (const job of jobs) {
    const other = outputs.get(path.resolve(cwd, job.output));
    if (other)
      throw new InputError({
        message: `${other} and ${job.input} would both be generated into ${job.output}`,
        file: job.input,
        fix: "give one of them another output folder",
      });
    outputs.set(path.resolve(cwd, job.output), job.input);
  }
  return jobs;
}

/** The files a job reads before its document is parsed, so that watch mode watches them even when reading fails. */
export function knownInputs(options: Options, cwd: string): string[] {
  if (options.input === undefined) {
    const config = findProjectConfig(cwd);
    return config ? [path.join(cwd, config)] : [];
  }
  if (isUrl(options.input)) return options.config === undefined ? [] : [path.resolve(cwd, options.config)];
  return [path.resolve(cwd, options.input), path.resolve(cwd, options.config ?? configPathFor(options.input))];
}
