// Shared pieces of the benchmark: running a process with its wall time and peak memory, taking
// samples with the sides interleaved, and small statistics.
import { spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OPENAPI_TYPESCRIPT_CLI = "node_modules/openapi-typescript/bin/cli.js";
// bin/run.js only re-spawns node on dist/run.mjs; starting the real entry keeps "node <entry>"
// alike on every side (one process, one start-up).
export const HEY_API_CLI = "node_modules/@hey-api/openapi-ts/dist/run.mjs";
export const TSC = "node_modules/typescript/bin/tsc";

/** GNU time, when the machine has it: peak RSS comes from its `%M` (kilobytes, from wait4's rusage). */
export const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
export const PEAK_RSS_METHOD = GNU_TIME
  ? "/usr/bin/time -f %M (max resident set size of the process and its children, from wait4)"
  : "not measured: /usr/bin/time is absent";

export function median(values) {
  const xs = values.filter((v) => typeof v === "number" && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return undefined;
  const mid = xs.length >> 1;
  return xs.length % 2 ? xs[mid] : (xs[mid - 1] + xs[mid]) / 2;
}

/** Median of the per-round ratios a[i] / b[i]: each pair was measured back to back. */
export function pairedRatio(a, b) {
  const n = Math.min(a?.length ?? 0, b?.length ?? 0);
  const ratios = [];
  for (let i = 0; i < n; i++) if (a[i] != null && b[i] != null && b[i] > 0) ratios.push(a[i] / b[i]);
  return median(ratios);
}

let tmpRoot;
/** One folder under os.tmpdir() for the whole run; removed by `cleanTmp`. */
export async function tmpDir(prefix = "d") {
  tmpRoot ??= await mkdtemp(path.join(os.tmpdir(), "oacg-bench-"));
  return mkdtemp(path.join(tmpRoot, prefix + "-"));
}
export async function cleanTmp() {
  if (tmpRoot) await rm(tmpRoot, { recursive: true, force: true });
  tmpRoot = undefined;
}

/** Children under way, so that an interrupted bench can end them (by pid) before cleaning up. */
export const liveChildren = new Set();

let rssFiles = 0;
/**
 * Runs `node <args...>` and measures it from spawn to exit (wall milliseconds, from the bench's
 * clock) and its peak RSS (kilobytes, from GNU time).
 */
export async function runNode(args, { cwd = root, env = process.env } = {}) {
  const rssFile = GNU_TIME ? path.join(await tmpDir("rss"), `rss-${rssFiles++}`) : undefined;
  const [command, argv] = rssFile ? [GNU_TIME, ["-f", "%M", "-o", rssFile, process.execPath, ...args]] : [process.execPath, args];
  const { ms, code, stdout, stderr } = await new Promise((resolve, reject) => {
    const out = [];
    const err = [];
    const start = performance.now();
    const child = spawn(command, argv, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    liveChildren.add(child);
    child.on("exit", () => liveChildren.delete(child));
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("error", reject);
    child.on("close", (code) => {
      resolve({ ms: performance.now() - start, code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() });
    });
  });
  let peakKB;
  if (rssFile) {
    // On a non-zero exit GNU time writes "Command exited with non-zero status N" first.
    const last = (await readFile(rssFile, "utf8").catch(() => "")).trim().split("\n").pop();
    peakKB = Number(last) || undefined;
    await rm(path.dirname(rssFile), { recursive: true, force: true });
  }
  return { ms, peakKB, code, stdout, stderr };
}

export function tail(text, lines = 6) {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/** Throws with the end of the output when the process did not exit 0. */
export function expectExit0(what, result) {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${tail(result.stderr || result.stdout)}`);
  return result;
}

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = entry.name === "runtime" ? newest : Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function distStamp() {
  try {
    return statSync(path.join(root, "dist", "cli.js")).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * scripts/generate.js compiles src/ first when it is newer than dist/. Others edit src/ while the
 * bench runs, so compile outside the timed runs (by a `--help` run) and give the round a stamp: a
 * round during which dist/ changed is taken again.
 */
export async function freshBuild() {
  if (distStamp() < newestSource(path.join(root, "src"))) {
    const r = await runNode(["scripts/generate.js", "--help"]);
    expectExit0("compiling the generator (scripts/generate.js --help)", r);
  }
  return distStamp();
}
export { distStamp };

/**
 * Takes `warmup` + `runs` rounds; each round runs every side once, in order (A B C A B C ...).
 * Samples stay aligned by round (null where a side has no sample), so that paired ratios compare
 * runs made back to back. A side that fails twice in a row is reported and dropped; the others go on.
 * `guard()` returns a stamp before the round; when `stale(stamp)` is true after it, the round is
 * discarded and taken again (at most `runs` times in all, then it is kept as it is).
 */
export async function interleave(sides, { runs, warmup, guard, stale, log }) {
  const out = Object.fromEntries(sides.map((s) => [s.key, { samples: [], error: undefined }]));
  let redo = runs;
  for (let round = 0; round < warmup + runs; round++) {
    const stamp = guard ? await retryGuard(guard, log) : undefined;
    const taken = {};
    let discarded = false;
    for (const side of sides) {
      if (out[side.key].error || discarded) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          taken[side.key] = await side.run(round);
          break;
        } catch (err) {
          // A failure while dist/ was being recompiled says nothing about the side.
          if (stale && stale(stamp) && redo > 0) {
            discarded = true;
            break;
          }
          if (attempt >= 2) {
            out[side.key].error = String(err.message ?? err);
            log?.(`    ${side.key} failed: ${out[side.key].error.split("\n")[0]}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    }
    if ((discarded || (stale && stale(stamp))) && redo > 0) {
      redo--;
      log?.(`    round ${round + 1} discarded: the generator was recompiled during it (src/ changed)`);
      round--;
      continue;
    }
    if (round >= warmup) for (const side of sides) out[side.key].samples.push(taken[side.key] ?? null);
    log?.(`    round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""}: ` +
      sides.filter((s) => taken[s.key]).map((s) => `${s.key} ${summarise(taken[s.key])}`).join(", "));
  }
  for (const side of Object.values(out)) if (side.samples.every((s) => s === null)) side.samples = [];
  return out;
}

/** Someone may be half-way through an edit of src/: wait for it to compile again, a few times. */
async function retryGuard(guard, log) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await guard();
    } catch (err) {
      if (attempt >= 4) throw err;
      log?.(`    the generator does not compile now (src/ being edited?); waiting 20 s (${attempt}/3)`);
      await new Promise((r) => setTimeout(r, 20000));
    }
  }
}

function summarise(sample) {
  if (typeof sample === "number") return sample.toFixed(1);
  if (sample && typeof sample.ms === "number") return `${Math.round(sample.ms)} ms` + (sample.peakKB ? ` ${Math.round(sample.peakKB / 1024)} MB` : "");
  if (sample && typeof sample.usPerCall === "number") return `${sample.usPerCall.toFixed(1)} µs/call`;
  return "ok";
}

export async function ensureDir(dir) {
  await mkdir(dir, { recursive: true });
}
