#!/usr/bin/env node
// The long fuzz run: `npm run fuzz -- [--runs N] [--seed S]` runs test/fuzz/fuzz.test.ts with many
// cases (2,000 by default), watches its progress, and prints the figures: how many cases, how many
// generated a client that type-checks, how many ended in which input error, and every internal
// error, type-check failure or hang, each with the case that shows it. A case that makes no
// progress for two minutes is a hang: the run is stopped and the case named.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const { values } = parseArgs({ options: { runs: { type: "string", default: "2000" }, seed: { type: "string" } } });
const seed = values.seed ?? String(Date.now() % 2 ** 31);
const progress = path.join(root, ".tmp", `fuzz-progress-${process.pid}.txt`);
const report = path.join(root, ".tmp", `fuzz-report-${process.pid}.json`);
const HANG_MS = 120_000;
writeFileSync(progress, "");
rmSync(report, { force: true });

const started = Date.now();
const child = spawn(
  process.execPath,
  ["--experimental-vm-modules", "--no-warnings", "node_modules/jest/bin/jest.js", "test/fuzz", "--testTimeout=86400000"],
  {
    cwd: root,
    env: { ...process.env, FUZZ_RUNS: values.runs, FUZZ_SEED: seed, FUZZ_PROGRESS: progress, FUZZ_REPORT: report },
    stdio: ["ignore", "inherit", "inherit"],
  },
);
let hang;
let last = { size: 0, at: Date.now() };
const watchdog = setInterval(() => {
  const { size } = statSync(progress);
  if (size !== last.size) last = { size, at: Date.now() };
  else if (Date.now() - last.at > HANG_MS) {
    hang = readFileSync(progress, "utf8").trim().split("\n").at(-1);
    child.kill("SIGKILL");
  }
}, 5000);

child.on("exit", (code) => {
  clearInterval(watchdog);
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  console.log(`\nfuzz: seed ${seed}, ${values.runs} cases asked, ${minutes} min`);
  if (hang) console.log(`HANG: no progress for ${HANG_MS / 1000} s after case ${hang}`);
  if (existsSync(report)) {
    const text = readFileSync(report, "utf8");
    // The figures, then (when the test failed) its message.
    const end = text.indexOf("\n}\n");
    const figures = JSON.parse(end === -1 ? text : text.slice(0, end + 2));
    const { failures, internal, inputErrorKinds, ...counts } = figures;
    console.log(counts);
    console.log("input errors by kind (the most frequent):");
    for (const [kind, n] of Object.entries(inputErrorKinds).slice(0, 15)) console.log(`  ${String(n).padStart(5)}  ${kind}`);
    for (const found of [...internal, ...failures]) console.log(`FOUND ${found}`);
  }
  console.log(`progress: ${path.relative(root, progress)}, report: ${path.relative(root, report)}`);
  process.exit(hang ? 1 : (code ?? 1));
});
