import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { InputError, UsageError } from "./problems.js";
import type { GenerateResult } from "./generate.js";
import { assertOwned, diffFolder, isClean, writeFolder, type FolderDiff } from "./write.js";
import { currentFolder } from "./fresh.js";
import { configPathFor, readConfig } from "./config.js";
import { MANIFEST, type Settings } from "./manifest.js";
import { compareSurfaces, markdownReport, reportLines, type Change, type ReportSection } from "./report.js";
import type { Surface } from "./surface.js";

export const HELP = `Usage: npm run generate -- [options]

Turns OpenAPI 3.0/3.1 documents into typed openapi-fetch clients.

With no --input, every document in spec/ (*.yaml, *.yml, *.json) becomes generated/<name>/,
with the settings in spec/<name>.config.json when that file exists.

Options:
  -i, --input <file>       generate one document (YAML or JSON, any path)
  -o, --output <dir>       with --input: the folder to write (default: generated/<name>)
      --config <file>      with --input: the settings file (default: <document>.config.json)
      --include <pattern>  generate only matching operations (repeatable): an operationId or
                           tag, or a path such as "/uploads/*" or "POST /uploads/*" (* is a glob)
      --exclude <pattern>  leave matching operations out (repeatable)
      --check              generate in memory and compare with the files on disk;
                           exit 1 and show what differs when they are stale
      --report <file>      also write the API change report as Markdown
      --fail-on-breaking   exit 1, writing nothing, when the API changes in a breaking way
      --watch              regenerate whenever a document, a file it $refs or a config changes
  -h, --help               show this help

Exit codes: 0 success, 1 bad input, stale output or breaking changes, 2 bad usage.
`;

interface Job {
  input: string;
  output: string;
  command: string;
  settings: Settings;
}

const DOCUMENT = /\.(ya?ml|json)$/i;

function quote(arg: string): string {
  return /^[\w./@:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export type Options = ReturnType<typeof parseCommandLine>;

export function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        config: { type: "string" },
        include: { type: "string", multiple: true, default: [] },
        exclude: { type: "string", multiple: true, default: [] },
        check: { type: "boolean", default: false },
        report: { type: "string" },
        "fail-on-breaking": { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  const { values } = parsed;
  if (values.output !== undefined && values.input === undefined) throw new UsageError("--output needs --input");
  if (values.config !== undefined && values.input === undefined) throw new UsageError("--config needs --input (documents in spec/ use spec/<name>.config.json)");
  if ([values.input, values.output, values.config, values.report].includes("")) throw new UsageError("--input, --output, --config and --report need a path");
  if (values.watch && values.check) throw new UsageError("--watch and --check do not go together");
  return values;
}

async function settingsFor(options: Options, input: string, cwd: string): Promise<Settings> {
  const file = options.config ?? configPathFor(input);
  const config = await readConfig(file, cwd, options.config !== undefined);
  return {
    include: options.include.length > 0 ? options.include : config.include,
    exclude: options.exclude.length > 0 ? options.exclude : config.exclude,
    names: config.names,
    ...(config.file ? { configFile: config.file } : {}),
  };
}

async function jobsFor(options: Options, cwd: string): Promise<Job[]> {
  if (options.input !== undefined) {
    const output = options.output ?? `generated/${path.basename(options.input).replace(DOCUMENT, "")}`;
    const flags = [
      ["--input", options.input],
      ["--output", output],
      ...(options.config ? [["--config", options.config]] : []),
      ...options.include.map((p) => ["--include", p]),
      ...options.exclude.map((p) => ["--exclude", p]),
    ];
    return [{ input: options.input, output, command: `npm run generate -- ${flags.map(([f, v]) => `${f} ${quote(v!)}`).join(" ")}`, settings: await settingsFor(options, options.input, cwd) }];
  }
  let names: string[];
  try {
    names = await readdir(path.join(cwd, "spec"));
  } catch {
    throw new InputError("no spec/ folder here", path.join(cwd, "spec"), undefined, "run from the project root, or give a document with --input");
  }
  const docs = names.filter((n) => DOCUMENT.test(n) && !/\.config\.json$/i.test(n)).sort();
  if (docs.length === 0) {
    throw new InputError("spec/ holds no OpenAPI document", "spec", undefined, "add a .yaml or .json document to spec/, or give one with --input");
  }
  const command = ["npm run generate", ...options.include.map((p) => `--include ${quote(p)}`), ...options.exclude.map((p) => `--exclude ${quote(p)}`)];
  const suffix = command.length > 1 ? ` -- ${command.slice(1).join(" ")}` : "";
  return Promise.all(
    docs.map(async (name) => ({
      input: `spec/${name}`,
      output: `generated/${name.replace(DOCUMENT, "")}`,
      command: command[0] + suffix,
      settings: await settingsFor(options, `spec/${name}`, cwd),
    })),
  );
}

async function shortDiff(before: string | undefined, after: string | undefined): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  const patch = createTwoFilesPatch("on disk", "generated", before ?? "", after ?? "", undefined, undefined, { context: 1 });
  const lines = patch.split("\n").slice(3); // drop the "====", "---" and "+++" lines: the caller names the file
  const shown = lines.slice(0, 24);
  if (lines.length > shown.length) shown.push(`... (${lines.length - shown.length} more lines)`);
  return shown.map((l) => "    " + l).join("\n");
}

function summary(diff: FolderDiff): string {
  const parts = [
    diff.added.length + diff.changed.length > 0 ? `${diff.added.length + diff.changed.length} written` : "",
    diff.removed.length > 0 ? `${diff.removed.length} removed` : "",
    diff.unchanged.length > 0 ? `${diff.unchanged.length} unchanged` : "",
  ].filter(Boolean);
  return parts.join(", ");
}

/** The surface recorded in the folder's manifest, if any: what the change report compares against. */
async function previousSurface(dir: string): Promise<Surface | undefined> {
  try {
    const manifest = JSON.parse(await readFile(path.join(dir, MANIFEST), "utf8")) as Partial<Surface>;
    return Array.isArray(manifest.operations) && manifest.schemas ? { operations: manifest.operations, schemas: manifest.schemas } : undefined;
  } catch {
    return undefined;
  }
}

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };
const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export interface RunResult {
  code: number;
  /** Every file the run read (documents, the files they $ref, configs), for watch mode. */
  inputs: string[];
}

/** One run over every job: generate all in memory, report, then write all or nothing. */
export async function runOnce(options: Options, io: Io, cwd: string): Promise<RunResult> {
  const inputs = new Set<string>();
  if (options.input !== undefined) {
    // Known before anything is read, so that watch mode watches them even when reading fails.
    inputs.add(path.resolve(cwd, options.input));
    inputs.add(path.resolve(cwd, options.config ?? configPathFor(options.input)));
  }
  try {
    const jobs = await jobsFor(options, cwd);
    const outputs = new Map<string, string>();
    for (const job of jobs) {
      const other = outputs.get(path.resolve(cwd, job.output));
      if (other) throw new InputError(`${other} and ${job.input} would both be generated into ${job.output}`, job.input, undefined, "rename one of the two documents");
      outputs.set(path.resolve(cwd, job.output), job.input);
    }
    for (const job of jobs) {
      inputs.add(path.resolve(cwd, job.input));
      inputs.add(path.resolve(cwd, job.settings.configFile ?? configPathFor(job.input)));
    }
    const results: Array<{ job: Job; result: GenerateResult }> = [];
    const current: Array<{ job: Job; operations: number }> = [];
    let failed = 0;
    for (const job of jobs) {
      const fresh = await currentFolder(job.input, job.output, job.command, job.settings, cwd);
      if (fresh !== undefined) {
        for (const file of fresh.inputs) inputs.add(file);
        current.push({ job, operations: fresh.operations });
        continue;
      }
      try {
        // Loaded only when something must be generated: openapi-typescript and ts-morph take ~0.8 s to import.
        const { generate } = await import("./generate.js");
        const result = await generate({ input: job.input, command: job.command, settings: job.settings, cwd });
        for (const file of result.inputs) inputs.add(file);
        results.push({ job, result });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        io.err(`error: ${err.format()}\n`);
        failed++;
      }
    }
    if (failed > 0) {
      io.err(`${failed} of ${plural(jobs.length, "document")} failed; nothing was written.\n`);
      return { code: 1, inputs: [...inputs] };
    }

    const sections: ReportSection[] = [];
    for (const { job, operations } of current) {
      io.out(options.check ? `${job.input}: ${plural(operations, "operation")}, ${job.output} is up to date\n` : `${job.input}: ${plural(operations, "operation")} → ${job.output} (unchanged)\n`);
      sections.push({ source: job.input, output: job.output, changes: [] });
    }
    // Compare everything first, so that --fail-on-breaking can refuse before anything is written.
    const planned: Array<{ job: Job; result: GenerateResult; diff: FolderDiff; current: Map<string, string>; changes: Change[] | undefined }> = [];
    for (const { job, result } of results) {
      const dir = path.resolve(cwd, job.output);
      const [{ diff, current: onDisk }, previous] = await Promise.all([diffFolder(dir, result.files), previousSurface(dir)]);
      const changes = previous ? compareSurfaces(previous, result.surface) : undefined;
      planned.push({ job, result, diff, current: onDisk, changes });
      sections.push({ source: job.input, output: job.output, changes });
    }
    const breaking = planned.reduce((n, p) => n + (p.changes?.filter((c) => c.breaking).length ?? 0), 0);
    const refuse = options["fail-on-breaking"] && breaking > 0;
    // All or nothing: every folder about to be replaced must be ours before the first is written.
    if (!options.check && !refuse) for (const p of planned) if (!isClean(p.diff)) assertOwned(path.resolve(cwd, p.job.output), p.current);

    let stale = 0;
    for (const { job, result, diff, current: onDisk, changes } of planned) {
      const ops = plural(result.model.operations.length, "operation");
      const report = changes === undefined ? "" : changes.length === 0 && isClean(diff) ? "" : reportLines(changes);
      if (options.check) {
        if (isClean(diff)) {
          io.out(`${job.input}: ${ops}, ${job.output} is up to date\n`);
          continue;
        }
        stale++;
        io.err(`${job.input}: ${job.output} is stale; run \`${job.command}\`\n${report}`);
        for (const name of [...diff.changed, ...diff.added, ...diff.removed]) {
          const after = result.files.find((f) => f.name === name)?.content;
          const what = diff.added.includes(name) ? "missing" : diff.removed.includes(name) ? "not generated" : "differs";
          io.err(`  ${job.output}/${name} ${what}\n${await shortDiff(onDisk.get(name), after)}\n`);
        }
        continue;
      }
      if (!isClean(diff) && !refuse) await writeFolder(path.resolve(cwd, job.output), result.files, onDisk);
      io.out(`${job.input}: ${ops} → ${job.output} (${refuse ? "not written" : summary(diff)})\n${report}`);
    }
    if (options.report !== undefined) await writeFile(path.resolve(cwd, options.report), markdownReport(sections));
    if (refuse) {
      io.err(`${plural(breaking, "breaking API change")}; nothing was written (--fail-on-breaking).\n`);
      return { code: 1, inputs: [...inputs] };
    }
    return { code: stale > 0 ? 1 : 0, inputs: [...inputs] };
  } catch (err) {
    if (err instanceof InputError) {
      io.err(`error: ${err.format()}\n`);
      return { code: 1, inputs: [...inputs] };
    }
    throw err;
  }
}

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: Io = stdio, cwd = process.cwd()): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    if (options.watch) {
      const { watch } = await import("./watch.js");
      return await watch(() => runOnce(options, io, cwd), io, options.input === undefined ? [path.join(cwd, "spec")] : []);
    }
    return (await runOnce(options, io, cwd)).code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n\n${HELP}`);
      return 2;
    }
    io.err(`internal error (a bug in the generator, please report it with the document that caused it):\n${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
