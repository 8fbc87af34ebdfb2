#!/usr/bin/env node
// npm run bench [-- --runs N] [--warmup N] [--only generate,check,typecheck,calls,bundle,validation,...,editor] [--calls N]
// Prints a table of medians and ratios (every ratio from the same run, sides interleaved) and
// writes the same figures to bench/results.json. Progress goes to stderr, the tables to stdout.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { generationRows } from "./bench/generation.js";
import { typecheckRow } from "./bench/typecheck.js";
import { callsRow } from "./bench/calls.js";
import { bundleRow, treeShakingRow } from "./bench/bundle.js";
import { loadRow, renderLoad } from "./bench/load.js";
import { pagesRow, renderPages } from "./bench/pages.js";
import { renderStream, streamRow } from "./bench/stream.js";
import { queryRow, renderQuery } from "./bench/query.js";
import { renderSdk, sdkRow } from "./bench/sdk.js";
import { editorRow, renderEditor } from "./bench/editor.js";
import { incrementalRow, renderIncremental } from "./bench/incremental.js";

registerRenderer("stream", renderStream);
registerRenderer("pages", renderPages);
registerRenderer("load", renderLoad);
registerRenderer("query", renderQuery);
registerRenderer("sdk", renderSdk);
registerRenderer("editor", renderEditor);
registerRenderer("incremental", renderIncremental);
import { speedFigures } from "./bench/validation/speed.js";
import { registerRenderer, render, targets } from "./bench/report.js";
import { PEAK_RSS_METHOD, cleanTmp, generatorSnapshot, liveChildren, root } from "./bench/util.js";

const ROWS = [
  "generate",
  "check",
  "typecheck",
  "calls",
  "bundle",
  "validation",
  "stream",
  "pages",
  "load",
  "query",
  "sdk",
  "editor",
  "incremental",
];
const USAGE = `Usage: npm run bench -- [--runs N] [--warmup N] [--only ${ROWS.join(",")}] [--calls N]
  --runs N     measured runs per side (default 5), after --warmup N warm-up runs (default 1)
  --only LIST  the rows to run, comma-separated (default all; row 6, scaling, comes with "generate")
  --calls N    calls per round in the per-call row (default 5000)
`;

function options() {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        runs: { type: "string", default: "5" },
        warmup: { type: "string", default: "1" },
        only: { type: "string", default: ROWS.join(",") },
        calls: { type: "string", default: "5000" },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (err) {
    process.stderr.write(`error: ${err.message}\n\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    process.stdout.write(USAGE);
    process.exit(0);
  }
  const int = (name, min) => {
    const n = Number(values[name]);
    if (!Number.isInteger(n) || n < min) {
      process.stderr.write(`error: --${name} needs a whole number >= ${min}\n\n${USAGE}`);
      process.exit(2);
    }
    return n;
  };
  const only = values.only
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  const unknown = only.filter((r) => !ROWS.includes(r));
  if (unknown.length) {
    process.stderr.write(`error: unknown row ${unknown.join(", ")}; rows are ${ROWS.join(", ")}\n`);
    process.exit(2);
  }
  return { runs: int("runs", 1), warmup: int("warmup", 0), calls: int("calls", 1), only: new Set(only) };
}

const SHARED = path.resolve(root, "../shared/specs");
const DOCS = [
  { file: "spec/openai-uploads.yaml" },
  { file: "../shared/specs/openai.yaml", shared: true },
  { file: "../shared/specs/github.json", shared: true },
];

const log = (line) => process.stderr.write(line + "\n");
const errorText = (err) => String(err?.stack ?? err);

async function main() {
  const opts = options();
  process.chdir(root);
  const started = Date.now();
  const skipped = [];
  const docs = DOCS.filter((d) => {
    if (!d.shared || existsSync(path.resolve(root, d.file))) return true;
    return false;
  });
  const missing = DOCS.filter((d) => !docs.includes(d)).map((d) => d.file);
  if (missing.length) {
    const why = existsSync(SHARED) ? `not found in ${SHARED}` : `${SHARED} is absent`;
    if (opts.only.has("generate")) skipped.push(`rows 1 and 6 (generation) for ${missing.join(", ")}: ${why}`);
    if (opts.only.has("check")) skipped.push(`row 2 (--check, no-change generate) for ${missing.join(", ")}: ${why}`);
  }
  const openai = docs.find((d) => d.file.endsWith("openai.yaml"));
  if (opts.only.has("typecheck") && !openai)
    skipped.push(
      `row 3 (type-check, needs ../shared/specs/openai.yaml): ${existsSync(SHARED) ? "openai.yaml not found" : `${SHARED} is absent`}`,
    );
  for (const row of ROWS) if (!opts.only.has(row)) skipped.push(`row "${row}": not selected by --only`);
  for (const s of skipped) log(`skipping ${s}`);

  const shared = { runs: opts.runs, warmup: opts.warmup, log };
  const rows = {};
  if (["generate", "check", "typecheck"].some((r) => opts.only.has(r))) {
    try {
      log(`our generator, frozen for this run: ${await generatorSnapshot()}`);
    } catch (err) {
      log(`warning: ${errorText(err)}`);
    }
  }

  const generate = opts.only.has("generate");
  const check = opts.only.has("check");
  if (generate) rows.generate = [];
  if (check) rows.check = [];
  if (generate || check) {
    for (const doc of docs) {
      log(
        `${generate ? "1. generate" : ""}${generate && check ? " and " : ""}${check ? "2. --check, no-change generate" : ""}: ${doc.file}`,
      );
      try {
        const r = await generationRows(doc, { ...shared, generate, check });
        if (generate) rows.generate.push(r.generate);
        if (check) rows.check.push(r.check);
      } catch (err) {
        log(errorText(err));
        if (generate) rows.generate.push({ document: doc.file, error: errorText(err) });
        if (check) rows.check.push({ document: doc.file, error: errorText(err) });
      }
    }
  }
  if (generate) {
    rows.scaling = rows.generate
      .filter((r) => !r.error && r.operations)
      .map((r) => ({
        document: r.document,
        operations: r.operations,
        msPerOp: Object.fromEntries(Object.entries(r.sides).map(([k, s]) => [k, s.wallMs / r.operations])),
      }));
  }
  if (opts.only.has("typecheck") && openai) {
    log("3. type-check");
    try {
      rows.typecheck = await typecheckRow(openai.file, shared);
    } catch (err) {
      log(errorText(err));
      rows.typecheck = { error: errorText(err) };
    }
  }
  if (opts.only.has("calls")) {
    log("4. per-call overhead");
    try {
      rows.calls = await callsRow({ ...shared, calls: opts.calls });
    } catch (err) {
      log(errorText(err));
      rows.calls = { error: errorText(err) };
    }
  }
  if (opts.only.has("validation")) {
    log("7. validation time per call");
    try {
      const shared = Boolean(openai) && docs.some((d) => d.file.endsWith("github.json"));
      const rounds = Math.max(5, opts.runs * 2 + 1);
      rows.validation = await speedFigures({ rounds, warmup: opts.warmup + 1, shared, log });
      if (!shared) rows.validation.skipped = `OpenAI and GitHub bodies skipped: ${SHARED} lacks openai.yaml or github.json`;
    } catch (err) {
      log(errorText(err));
      rows.validation = { error: errorText(err) };
    }
  }
  if (opts.only.has("bundle")) {
    log("5. bundle size");
    try {
      rows.bundle = await bundleRow();
    } catch (err) {
      log(errorText(err));
      rows.bundle = { error: errorText(err), sides: {} };
    }
    log("5b. tree-shaking: one Stripe operation");
    try {
      rows.treeShaking = await treeShakingRow(path.join(SHARED, "stripe.json"));
    } catch (err) {
      log(errorText(err));
      rows.treeShaking = { error: errorText(err), sides: {} };
    }
  }

  const extra = [
    ["stream", "8. streams: events per second, ours against the official openai package", () => streamRow({ ...shared })],
    [
      "pages",
      "9. pages: 10,000 items over 100 pages through .all(), against raw calls",
      () => pagesRow({ ...shared, runs: Math.max(shared.runs, 9) }),
    ],
    ["load", "10. load: 10,000 sequential and 2,000 concurrent calls through one shared signal", () => loadRow({ log })],
    [
      "query",
      "11. TanStack Query: a one-query program's type-check and one query option's bytes, over the call's (OpenAI)",
      () => {
        if (!openai) throw new Error(`needs ../shared/specs/openai.yaml: ${existsSync(SHARED) ? "not found" : `${SHARED} is absent`}`);
        return queryRow(openai.file, shared);
      },
    ],
    [
      "sdk",
      "12. SDK files: namespaces, mocks and api.md, for a user who does not use them and one who does",
      () => sdkRow(path.join(SHARED, "openai.yaml"), path.join(SHARED, "github.json"), shared),
    ],
    [
      "editor",
      "13. editor: program, diagnostics, quick info and completion on the GitHub client, ours against raw openapi-fetch",
      () => {
        const github = docs.find((d) => d.file.endsWith("github.json"));
        if (!github) throw new Error(`needs ../shared/specs/github.json: ${existsSync(SHARED) ? "not found" : `${SHARED} is absent`}`);
        return editorRow(github.file, shared);
      },
    ],
    [
      "incremental",
      "14. incremental: regenerate after a change to one operation, against a full generate (OpenAI, GitHub)",
      () => incrementalRow(shared),
    ],
  ];
  for (const [key, title, run] of extra) {
    if (!opts.only.has(key)) continue;
    log(title);
    try {
      rows[key] = await run();
    } catch (err) {
      log(errorText(err));
      rows[key] = { error: errorText(err) };
    }
  }

  const results = {
    meta: {
      date: new Date().toISOString(),
      node: process.version,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model,
      runs: opts.runs,
      warmup: opts.warmup,
      peakRssMethod: PEAK_RSS_METHOD,
      wallTime: "from spawn to exit, measured by the bench with performance.now()",
      ratios: "median of per-round ratios ours/side; each round runs the sides back to back",
      skipped,
      seconds: Math.round((Date.now() - started) / 1000),
    },
    rows,
  };
  results.targets = targets(rows);
  await mkdir(path.join(root, "bench"), { recursive: true });
  await writeFile(path.join(root, "bench", "results.json"), JSON.stringify(results, null, 2) + "\n");
  process.stdout.write("\n" + render(results) + "\n");
  process.stdout.write(`\nTook ${results.meta.seconds} s. Figures also in bench/results.json.\n`);
}

const stop = async () => {
  for (const child of liveChildren) child.kill("SIGTERM");
  await new Promise((r) => setTimeout(r, 500));
  await cleanTmp();
  process.exit(130);
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
try {
  await main();
} finally {
  await cleanTmp();
}
