#!/usr/bin/env node
// Load: 10,000 sequential then 2,000 concurrent cancelUpload calls through ONE shared AbortSignal (a
// page's, a server's shutdown signal) against a local node:http server in its own process, for our
// generated client, raw openapi-fetch and raw fetch making the same calls. Each side is bundled alike
// (esbuild, as row 4) and runs in fresh worker processes (node --expose-gc), sides interleaved:
//   - figures: process warnings, abort listeners left on the signal once the calls are over (and the
//     most at once), RSS and heap growth from before the calls to after them (gc, then gc again once
//     finalizers ran; medians over the runs);
//   - exit: the time from the last call's resolve (the child's clock) to the child's exit (the bench's
//     clock, both on the epoch: performance.timeOrigin + now), with a bare `node` process for scale;
//   - per call: µs per sequential call through the shared signal, and without one (row 4's callers), the
//     sides interleaved in one process (calls-worker.js, row 4's), ratios by the median of the per-round ratios.
//
//   node scripts/bench/load.js [--runs N] [--rounds N] [--warmup N] [--sequential N] [--concurrent N] [--calls N] [--json FILE]
//
// `loadRow({ log, ... })` returns the figures for `npm run bench`; run directly, it prints a table.
import { spawn } from "node:child_process";
import { writeFile } from "node:fs/promises";
import { getEventListeners } from "node:events";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { CALLERS, OUR_CLIENT } from "./entries.js";
import { fmt, table } from "./report.js";
import { cleanTmp, median, pairedRatio, root, tmpDir } from "./util.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Each side exports the shared signal and makeCaller(baseUrl) → () => Promise<Upload>, every call with that signal. */
export const LOAD_CALLERS = {
  ours: `import { createClient } from "${OUR_CLIENT}";
export const signal = new AbortController().signal;
export function makeCaller(baseUrl: string) {
  const api = createClient({ apiKey: "k", baseUrl });
  return () => api.cancelUpload({ upload_id: "upload_abc" }, { signal });
}
`,
  rawOpenapiFetch: `import createClient from "openapi-fetch";
export const signal = new AbortController().signal;
export function makeCaller(baseUrl: string) {
  const client = createClient<any>({ baseUrl, headers: { Authorization: "Bearer k" } });
  return async () => {
    const { data, error, response } = await client.POST("/uploads/{upload_id}/cancel", { params: { path: { upload_id: "upload_abc" } }, signal });
    if (!response.ok) throw new Error(String(response.status) + JSON.stringify(error));
    return data;
  };
}
`,
  rawFetch: `export const signal = new AbortController().signal;
export function makeCaller(baseUrl: string) {
  const url = baseUrl + "/uploads/upload_abc/cancel";
  const headers = { authorization: "Bearer k", accept: "application/json" };
  return async () => {
    const response = await fetch(url, { method: "POST", headers, signal });
    if (!response.ok) throw new Error(String(response.status) + (await response.text()));
    return response.json();
  };
}
`,
};
const SIDES = Object.keys(LOAD_CALLERS);
// Row 4's callers, without a signal, for the per-call rounds alone.
const NO_SIGNAL = { oursNoSignal: CALLERS.ours, rawOpenapiFetchNoSignal: CALLERS.rawOpenapiFetch };
const LABEL = { ours: "ours (generated/openai-uploads)", rawOpenapiFetch: "raw openapi-fetch", rawFetch: "raw fetch" };

async function bundleCallers() {
  const dir = await tmpDir("load");
  const files = {};
  for (const [key, contents] of Object.entries({ ...LOAD_CALLERS, ...NO_SIGNAL })) {
    files[key] = path.join(dir, `${key}.mjs`);
    await build({
      stdin: { contents, resolveDir: root, sourcefile: `${key}-load.ts`, loader: "ts" },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: files[key],
      logLevel: "silent",
    });
  }
  return files;
}

/** The bench's clock and the children's, both on the epoch. */
const now = () => performance.timeOrigin + performance.now();

/** Runs `node <args>`; resolves with its stdout and the time it exited, or rejects on a non-zero exit or after `limitMs`. */
function run(args, { log, limitMs = 120_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => log?.(String(d).trimEnd()));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`node ${args.join(" ")} did not exit within ${limitMs} ms`));
    }, limitMs);
    let exitedAt;
    child.on("error", reject);
    child.on("exit", () => {
      exitedAt = now();
      clearTimeout(timer);
    });
    // "close" follows "exit" once stdout has drained.
    child.on("close", (code) => (code === 0 ? resolve({ stdout, exitedAt }) : reject(new Error(`a load worker exited ${code}`))));
  });
}

function startServer() {
  const child = spawn(process.execPath, [path.join(here, "calls-server.js"), String(10 * 60_000)], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening`)));
    child.stdout.on("data", (d) => {
      buffered += d;
      if (buffered.includes("\n")) resolve({ port: JSON.parse(buffered.split("\n")[0]).port, stop: () => child.stdin.end() });
    });
  });
}

/**
 * `runs` fresh processes per side for the figures and for the exit (no warm-up: each is a fresh start);
 * `rounds` measured rounds of `calls` sequential calls per side after `warmup` for the per-call time.
 */
export async function loadRow({ log, runs = 3, rounds = 5, warmup = 1, sequential = 10_000, concurrent = 2_000, calls = 5_000 } = {}) {
  const files = await bundleCallers();
  const server = await startServer();
  try {
    const baseUrl = `http://127.0.0.1:${server.port}/v1`;
    // --no-warnings: the raw sides warn thousands of times; the worker counts the events instead.
    const worker = (mode, side, calls = concurrent) => [
      "--expose-gc",
      "--no-warnings",
      fileURLToPath(import.meta.url),
      "--worker",
      mode,
      files[side] ?? "",
      baseUrl,
      String(sequential),
      String(calls),
    ];
    const samples = Object.fromEntries(
      SIDES.map((s) => [s, { figures: [], exitMs: [], loopEmptyMs: [], sequentialExitMs: [], errors: [] }]),
    );
    const bareExitMs = [];
    for (let round = 0; round < runs; round++) {
      // Alternate the order, so that no side always runs right after another's load.
      for (const side of round % 2 ? [...SIDES].reverse() : SIDES) {
        let figures;
        let exit;
        let sequentialExit;
        try {
          figures = JSON.parse((await run(worker("figures", side), { log })).stdout);
          exit = await run(worker("exit", side), { log });
          // The sequential calls alone: one connection, rather than 2,000 for the process to close as it ends.
          sequentialExit = await run(worker("exit", side, 0), { log });
        } catch (error) {
          samples[side].errors.push(String(error.message ?? error));
          log?.(`    run ${round + 1}/${runs}: ${side} failed: ${error.message ?? error}`);
          continue;
        }
        const [{ lastResolve }, { loopEmpty }] = exit.stdout.trim().split("\n").map(JSON.parse);
        const exitMs = exit.exitedAt - lastResolve;
        samples[side].figures.push(figures);
        samples[side].exitMs.push(exitMs);
        samples[side].loopEmptyMs.push(loopEmpty - lastResolve);
        samples[side].sequentialExitMs.push(sequentialExit.exitedAt - JSON.parse(sequentialExit.stdout.split("\n")[0]).lastResolve);
        log?.(
          `    run ${round + 1}/${runs}: ${side} ${figures.warningCount} warnings, ` +
            `${figures.listenersAfterLoad} listeners left (${figures.listenersAfterSecond} after a second load; peak ${figures.peakListeners}), ` +
            `RSS ${fmt.signedKb(figures.rssGrowth)} then ${fmt.signedKb(figures.rssGrowthSecond)} KB, ` +
            `heap ${fmt.signedKb(figures.heapGrowth)} then ${fmt.signedKb(figures.heapGrowthSecond)} KB, ` +
            `exit ${exitMs.toFixed(1)} ms after the last call ` +
            `(loop empty after ${(loopEmpty - lastResolve).toFixed(1)} ms; ` +
            `${samples[side].sequentialExitMs.at(-1).toFixed(1)} ms after sequential calls alone)`,
        );
      }
      const bare = await run(worker("bare", "none"), { log });
      bareExitMs.push(bare.exitedAt - JSON.parse(bare.stdout).lastResolve);
    }

    log?.(`    per call: ${calls} sequential calls per round, sides interleaved in one process`);
    const perCallArgs = [
      "--expose-gc",
      "--no-warnings",
      path.join(here, "calls-worker.js"),
      baseUrl,
      String(calls),
      String(warmup),
      String(rounds),
    ];
    const perCallFiles = Object.entries(files).map(([side, file]) => `${side}=${file}`);
    const perCall = JSON.parse((await run([...perCallArgs, ...perCallFiles], { log, limitMs: 30 * 60_000 })).stdout);

    const sides = Object.fromEntries(
      SIDES.map((side) => {
        const f = samples[side].figures;
        return [
          side,
          {
            warnings: [...new Set(f.flatMap((x) => x.warnings.map((w) => w.replace(/ ×\d+:.*/, ""))))],
            warningCount: median(f.map((x) => x.warningCount)),
            firstWarning: f.flatMap((x) => x.warnings)[0],
            // The most left in any run: right after the load, once gc and finalizers ran, after the same load again (gc'd).
            listenersLeft: [(x) => x.listenersAfterLoad, (x) => x.listenersAfterGc, (x) => x.listenersAfterSecond].map((of) =>
              Math.max(...f.map(of)),
            ),
            peakListeners: Math.max(...f.map((x) => x.peakListeners)),
            rssGrowthBytes: median(f.map((x) => x.rssGrowth)),
            heapGrowthBytes: median(f.map((x) => x.heapGrowth)),
            rssGrowthSecondBytes: median(f.map((x) => x.rssGrowthSecond)),
            heapGrowthSecondBytes: median(f.map((x) => x.heapGrowthSecond)),
            rssGrowthSamplesKB: f.map((x) => [Math.round(x.rssGrowth / 1024), Math.round(x.rssGrowthSecond / 1024)]),
            sequentialUsPerCall: median(f.map((x) => x.sequentialUs)),
            concurrentMs: median(f.map((x) => x.concurrentMs)),
            exitAfterLastCallMs: median(samples[side].exitMs),
            exitSamplesMs: samples[side].exitMs.map((x) => Math.round(x * 10) / 10),
            loopEmptyAfterLastCallMs: median(samples[side].loopEmptyMs),
            exitAfterSequentialAloneMs: median(samples[side].sequentialExitMs),
            perCallUs: median(perCall[side].usPerCall),
            perCallSamplesUs: perCall[side].usPerCall.map((x) => Math.round(x * 10) / 10),
            errors: [...samples[side].errors, ...(perCall[side].error ? [perCall[side].error] : [])],
          },
        ];
      }),
    );
    const ours = sides.ours;
    const row = {
      sequential,
      concurrent,
      callsPerRound: calls,
      runs,
      rounds,
      warmup,
      server: "scripts/bench/calls-server.js: node:http on 127.0.0.1 in a child process",
      workers: "one process per side and measurement (node --expose-gc), sides interleaved; the per-call rounds in calls-worker.js",
      bareNodeExitMs: median(bareExitMs),
      sides,
      ratios: {
        perCallOursVsRawOpenapiFetch: pairedRatio(perCall.ours.usPerCall, perCall.rawOpenapiFetch.usPerCall),
        perCallOursVsRawFetch: pairedRatio(perCall.ours.usPerCall, perCall.rawFetch.usPerCall),
        perCallNoSignalOursVsRawOpenapiFetch: pairedRatio(perCall.oursNoSignal.usPerCall, perCall.rawOpenapiFetchNoSignal.usPerCall),
      },
      perCallNoSignalUs: {
        ours: median(perCall.oursNoSignal.usPerCall),
        rawOpenapiFetch: median(perCall.rawOpenapiFetchNoSignal.usPerCall),
      },
    };
    row.targets = {
      "no process warning (ours)": ours.warnings.length === 0,
      "0 abort listeners left on the signal (ours)": ours.listenersLeft.every((n) => n === 0),
      "RSS growth no larger than raw fetch's, first load": ours.rssGrowthBytes <= sides.rawFetch.rssGrowthBytes,
      "RSS growth no larger than raw fetch's, the same load again": ours.rssGrowthSecondBytes <= sides.rawFetch.rssGrowthSecondBytes,
      "exits within 100 ms of the last call (ours)": ours.exitAfterLastCallMs <= 100,
      "exits within 100 ms of the last call, after the sequential calls alone (ours)": ours.exitAfterSequentialAloneMs <= 100,
      "per call ≤ 1.05x raw openapi-fetch, through the shared signal": row.ratios.perCallOursVsRawOpenapiFetch <= 1.05,
      "per call ≤ 1.05x raw openapi-fetch, without a signal (row 4's calls)": row.ratios.perCallNoSignalOursVsRawOpenapiFetch <= 1.05,
    };
    return row;
  } finally {
    server.stop();
  }
}

export function renderLoad(row) {
  const lines = [
    `Load: ${fmt.int(row.sequential)} sequential then ${fmt.int(row.concurrent)} concurrent cancelUpload calls through one shared ` +
      `AbortSignal; ${row.runs} fresh processes per side and measurement, sides interleaved, medians.`,
    "",
    table(
      ["side", "warnings", "listeners left", "peak", "RSS growth (KB)", "heap growth (KB)", "loop empty (ms)", "exit (ms)", "µs/call"],
      // Exit: after the whole load, then after the sequential calls alone.
      // Each growth figure: the first load, then the same load again.
      SIDES.map((side) => {
        const s = row.sides[side];
        return [
          LABEL[side],
          fmt.int(s.warningCount),
          s.listenersLeft.join(" / "),
          s.peakListeners,
          `${fmt.signedKb(s.rssGrowthBytes)}, ${fmt.signedKb(s.rssGrowthSecondBytes)}`,
          `${fmt.signedKb(s.heapGrowthBytes)}, ${fmt.signedKb(s.heapGrowthSecondBytes)}`,
          fmt.ms(s.loopEmptyAfterLastCallMs),
          `${fmt.ms(s.exitAfterLastCallMs)}, ${fmt.ms(s.exitAfterSequentialAloneMs)}`,
          fmt.us(s.perCallUs),
        ];
      }),
    ),
    "  warnings: process warnings per process (median); listeners left on the shared signal: once the calls are over / after gc and",
    "  finalizers / after the same load again (gc'd), the most in any run; peak: the most at once; growth: from before the load to",
    "  after it (gc'd), then over the same load again;",
    "  loop empty / exit: from the last call's resolve to the child's exit event (nothing left to run) / to its exit as the bench saw",
    "  it, then the same after the sequential calls alone (one connection open, not 2,000);",
    `  a bare node process exits ${fmt.ms(row.bareNodeExitMs)} ms after its last line; µs/call: ${fmt.int(row.callsPerRound)} ` +
      `sequential calls per round, sides interleaved in one process`,
    `  per call (${row.rounds} rounds after ${row.warmup} warm-up): ours vs raw openapi-fetch ` +
      `${fmt.x(row.ratios.perCallOursVsRawOpenapiFetch)}, vs raw fetch ${fmt.x(row.ratios.perCallOursVsRawFetch)}; without a signal ` +
      `(row 4's calls) ${fmt.us(row.perCallNoSignalUs.ours)} vs ${fmt.us(row.perCallNoSignalUs.rawOpenapiFetch)} µs, ` +
      fmt.x(row.ratios.perCallNoSignalOursVsRawOpenapiFetch),
  ];
  for (const side of SIDES) if (row.sides[side].firstWarning) lines.push(`  ${LABEL[side]} warned ${row.sides[side].firstWarning}`);
  for (const side of SIDES) for (const e of row.sides[side].errors) lines.push(`  ${LABEL[side]} FAILED: ${e.split("\n")[0]}`);
  lines.push("", "Targets:");
  for (const [what, met] of Object.entries(row.targets)) lines.push(`  ${met ? "met    " : "MISSED "} ${what}`);
  return lines.join("\n");
}

/**
 * The worker: loads one side's bundle and makes the calls. "figures" prints what the calls left
 * behind; "exit" prints when the last call resolved, then lets the process end by itself; "bare"
 * prints the time and ends, for the cost of a process's exit alone.
 */
async function worker(mode, file, baseUrl, sequential, concurrent) {
  if (mode === "bare") return void process.stdout.write(JSON.stringify({ lastResolve: now() }) + "\n");
  const warnings = [];
  process.on("warning", (w) => warnings.push(w));
  const { makeCaller, signal } = await import(pathToFileURL(file).href);
  const call = makeCaller(baseUrl);
  const check = (answer) => {
    if (answer?.status !== "cancelled") throw new Error(`unexpected answer: ${JSON.stringify(answer)}`);
  };
  // One call first: modules and the connection are ready before anything is measured.
  check(await call());

  let peakListeners = 0;
  if (mode === "figures") {
    const add = signal.addEventListener;
    signal.addEventListener = function (...args) {
      add.apply(this, args);
      peakListeners = Math.max(peakListeners, getEventListeners(signal, "abort").length);
    };
  }
  const settle = async () => {
    globalThis.gc();
    // Finalizers (undici removes a request's listener from the caller's signal in one) run in a later task.
    await new Promise((resolve) => setTimeout(resolve, 50));
    globalThis.gc();
  };
  const load = async () => {
    const start = performance.now();
    for (let i = 0; i < sequential; i++) check(await call());
    const middle = performance.now();
    const answers = await Promise.all(Array.from({ length: concurrent }, call));
    answers.forEach(check);
    return { start, middle, end: performance.now() };
  };
  if (mode === "figures") await settle();
  const before = process.memoryUsage();
  const { start, middle, end } = await load();
  if (mode === "exit") {
    // Written synchronously (stdout is a pipe); then nothing is left to do, and the process should end.
    // Its "exit" event says when the event loop had nothing left: the rest is the process's teardown.
    process.stdout.write(JSON.stringify({ lastResolve: performance.timeOrigin + end }) + "\n");
    process.on("exit", () => process.stdout.write(JSON.stringify({ loopEmpty: now() }) + "\n"));
    return;
  }
  const listenersAfterLoad = getEventListeners(signal, "abort").length;
  await settle();
  const first = process.memoryUsage();
  const listenersAfterGc = getEventListeners(signal, "abort").length;
  // The same load again: what it adds now is what each such load keeps (a leak), not the first one's warm-up.
  await load();
  await settle();
  const second = process.memoryUsage();
  const counts = {};
  for (const w of warnings) counts[w.name] = (counts[w.name] ?? 0) + 1;
  const result = {
    warnings: Object.entries(counts).map(([name, n]) => `${name} ×${n}: ${warnings.find((w) => w.name === name).message}`),
    warningCount: warnings.length,
    listenersAfterLoad,
    listenersAfterGc,
    listenersAfterSecond: getEventListeners(signal, "abort").length,
    peakListeners,
    rssGrowth: first.rss - before.rss,
    heapGrowth: first.heapUsed - before.heapUsed,
    rssGrowthSecond: second.rss - first.rss,
    heapGrowthSecond: second.heapUsed - first.heapUsed,
    sequentialUs: ((middle - start) * 1000) / sequential,
    concurrentMs: end - middle,
  };
  process.stdout.write(JSON.stringify(result) + "\n");
}

const main = process.argv[1] === fileURLToPath(import.meta.url);
if (main && process.argv[2] === "--worker") {
  const [mode, file, baseUrl, sequential, concurrent] = process.argv.slice(3);
  await worker(mode, file, baseUrl, Number(sequential), Number(concurrent));
} else if (main) {
  const int = { type: "string" };
  const options = { runs: int, rounds: int, warmup: int, sequential: int, concurrent: int, calls: int, json: { type: "string" } };
  const { values } = parseArgs({ options });
  const { json, ...given } = values;
  const numbers = Object.fromEntries(Object.entries(given).map(([k, v]) => [k, Number(v)]));
  const log = (line) => process.stderr.write(line + "\n");
  try {
    const row = await loadRow({ log, ...numbers });
    process.stdout.write("\n" + renderLoad(row) + "\n");
    if (json) await writeFile(json, JSON.stringify(row, null, 2) + "\n");
  } finally {
    await cleanTmp();
  }
}
