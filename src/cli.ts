import { readdir } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { InputError, UsageError } from "./problems.js";
import type { GenerateResult } from "./generate.js";
import { diffFolder, isClean, writeFolder, type FolderDiff } from "./write.js";
import { currentOperationCount } from "./fresh.js";

export const HELP = `Usage: npm run generate -- [options]

Turns OpenAPI 3.0/3.1 documents into typed openapi-fetch clients.

With no --input, every document in spec/ (*.yaml, *.yml, *.json) becomes generated/<name>/.

Options:
  -i, --input <file>    generate one document (YAML or JSON, any path)
  -o, --output <dir>    with --input: the folder to write (default: generated/<name>)
      --check           generate in memory and compare with the files on disk;
                        exit 1 and show what differs when they are stale
  -h, --help            show this help

Exit codes: 0 success, 1 bad input or stale output, 2 bad usage.
`;

interface Job {
  input: string;
  output: string;
  command: string;
}

const DOCUMENT = /\.(ya?ml|json)$/i;

async function specJobs(cwd: string): Promise<Job[]> {
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
  return docs.map((name) => ({
    input: `spec/${name}`,
    output: `generated/${name.replace(DOCUMENT, "")}`,
    command: "npm run generate",
  }));
}

function quote(arg: string): string {
  return /^[\w./@:-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}

export function parseCommandLine(argv: string[]) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        check: { type: "boolean", default: false },
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
  if (values.input === "" || values.output === "") throw new UsageError("--input and --output need a path");
  return values;
}

async function shortDiff(name: string, before: string | undefined, after: string | undefined): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  const patch = createTwoFilesPatch(`on disk/${name}`, `generated/${name}`, before ?? "", after ?? "", undefined, undefined, { context: 1 });
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

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

const stdio: Io = { out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(t) };

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: Io = stdio, cwd = process.cwd()): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    const jobs: Job[] =
      options.input !== undefined
        ? [
            {
              input: options.input,
              output: options.output ?? `generated/${path.basename(options.input).replace(DOCUMENT, "")}`,
              command: `npm run generate -- --input ${quote(options.input)} --output ${quote(options.output ?? `generated/${path.basename(options.input).replace(DOCUMENT, "")}`)}`,
            },
          ]
        : await specJobs(cwd);

    // Every document is generated before anything is written: one bad document leaves all folders as they were.
    const results: Array<{ job: Job; result: GenerateResult }> = [];
    const current: Array<{ job: Job; operations: number }> = [];
    let failed = 0;
    for (const job of jobs) {
      const operations = await currentOperationCount(job.input, job.output, job.command, cwd);
      if (operations !== undefined) {
        current.push({ job, operations });
        continue;
      }
      try {
        // Loaded only when something must be generated: openapi-typescript and ts-morph take ~0.8 s to import.
        const { generate } = await import("./generate.js");
        results.push({ job, result: await generate({ input: job.input, command: job.command, cwd }) });
      } catch (err) {
        if (!(err instanceof InputError)) throw err;
        io.err(`error: ${err.format()}\n`);
        failed++;
      }
    }
    if (failed > 0) {
      io.err(`${failed} of ${jobs.length} document${jobs.length === 1 ? "" : "s"} failed; nothing was written.\n`);
      return 1;
    }

    for (const { job, operations } of current) {
      const ops = `${operations} operation${operations === 1 ? "" : "s"}`;
      io.out(options.check ? `${job.input}: ${ops}, ${job.output} is up to date\n` : `${job.input}: ${ops} → ${job.output} (unchanged)\n`);
    }
    let stale = 0;
    for (const { job, result } of results) {
      const dir = path.resolve(cwd, job.output);
      const { diff, current } = await diffFolder(dir, result.files);
      const ops = `${result.model.operations.length} operation${result.model.operations.length === 1 ? "" : "s"}`;
      if (options.check) {
        if (isClean(diff)) {
          io.out(`${job.input}: ${ops}, ${job.output} is up to date\n`);
          continue;
        }
        stale++;
        io.err(`${job.input}: ${job.output} is stale; run \`${job.command}\`\n`);
        for (const name of [...diff.changed, ...diff.added, ...diff.removed]) {
          const after = result.files.find((f) => f.name === name)?.content;
          const what = diff.added.includes(name) ? "missing" : diff.removed.includes(name) ? "not generated" : "differs";
          io.err(`  ${job.output}/${name} ${what}\n${await shortDiff(name, current.get(name), after)}\n`);
        }
        continue;
      }
      if (!isClean(diff)) await writeFolder(dir, result.files, current);
      io.out(`${job.input}: ${ops} → ${job.output} (${summary(diff)})\n`);
    }
    return stale > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n\n${HELP}`);
      return 2;
    }
    if (err instanceof InputError) {
      io.err(`error: ${err.format()}\n`);
      return 1;
    }
    io.err(`internal error (a bug in the generator, please report it with the document that caused it):\n${(err as Error).stack ?? String(err)}\n`);
    return 1;
  }
}
