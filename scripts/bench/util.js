// Shared pieces of the benchmark: running a process with its wall time and peak memory, taking
// samples with the sides interleaved, and small statistics.
import { spawn } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { cp, mkdir, mkdtemp, readFile, rm, symlink } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { ensureBuilt } from "../generate.js";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OPENAPI_TYPESCRIPT_CLI = "node_modules/openapi-typescript/bin/cli.js";
export const TSC = "node_modules/typescript/bin/tsc";

/**
 * GNU time, when the machine has it: peak RSS comes from its `%M` (kilobytes) and CPU time from
 * `%U %S` (user and system seconds), all from wait4's rusage of the process and its children.
 */
export const GNU_TIME = existsSync("/usr/bin/time") ? "/usr/bin/time" : undefined;
export const PEAK_RSS_METHOD = GNU_TIME
  ? "/usr/bin/time -f '%M %U %S' (max resident set size, and user + system CPU, of the process and its children, from wait4)"
  : "not measured: /usr/bin/time is absent";

/**
 * GNU time's `%M %U %S` line: { peakKB, cpuMs }, each undefined when absent. On a non-zero exit
 * it writes "Command exited with non-zero status N" first: the figures are on the last line.
 */
export function parseTimeOutput(text) {
  const [kb, user, system] = (text ?? "").trim().split("\n").pop().trim().split(/\s+/).map(Number);
  return {
    peakKB: kb > 0 ? kb : undefined,
    cpuMs: Number.isFinite(user) && Number.isFinite(system) ? Math.round((user + system) * 1000) : undefined,
  };
}

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
  snapshot = undefined;
}

/** Children under way, so that an interrupted bench can end them (by pid) before cleaning up. */
export const liveChildren = new Set();

let rssFiles = 0;
/**
 * Runs `node <args...>` and measures it from spawn to exit (wall milliseconds, from the bench's
 * clock), its peak RSS (kilobytes) and its CPU time (milliseconds, user + system), from GNU time.
 */
export async function runNode(args, { cwd = root, env = process.env } = {}) {
  const rssFile = GNU_TIME ? path.join(await tmpDir("rss"), `rss-${rssFiles++}`) : undefined;
  const [command, argv] = rssFile ? [GNU_TIME, ["-f", "%M %U %S", "-o", rssFile, process.execPath, ...args]] : [process.execPath, args];
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
  let used = {};
  if (rssFile) {
    used = parseTimeOutput(await readFile(rssFile, "utf8").catch(() => ""));
    await rm(path.dirname(rssFile), { recursive: true, force: true });
  }
  return { ms, peakKB: used.peakKB, cpuMs: used.cpuMs, code, stdout, stderr };
}

export function tail(text, lines = 6) {
  return text.trim().split("\n").slice(-lines).join("\n");
}

/** Throws with the end of the output when the process did not exit 0. */
export function expectExit0(what, result) {
  if (result.code !== 0) throw new Error(`${what} exited ${result.code}:\n${tail(result.stderr || result.stdout)}`);
  return result;
}

function distStamp() {
  try {
    return statSync(path.join(root, "dist", "cli.js")).mtimeMs;
  } catch {
    return 0;
  }
}

/**
 * scripts/generate.js compiles src/ first when it is newer than dist/. Compile outside the timed
 * runs; `generatorSnapshot` then freezes what was compiled.
 */
export async function freshBuild(generator = "scripts/generate.js") {
  if (generator === "scripts/generate.js") {
    ensureBuilt();
    return distStamp();
  }
  const r = await runNode([generator, "--help"]);
  expectExit0(`compiling the generator (${generator} --help)`, r);
  return distStamp();
}

let snapshot;
/**
 * Others edit src/ while the bench runs, and scripts/generate.js would recompile it in the middle
 * of a timed run. The bench therefore runs one frozen copy of the generator, as it was when the
 * bench started: scripts/generate.js, src/, dist/, package.json and tsconfig files (timestamps
 * kept, so that it sees itself as built) and a symlink to node_modules, in a temporary folder.
 * Returns the copy's scripts/generate.js; the command is the same file, started the same way.
 */
export async function generatorSnapshot() {
  if (snapshot) return snapshot;
  for (let attempt = 1; ; attempt++) {
    try {
      await freshBuild();
      break;
    } catch (err) {
      if (attempt >= 4) throw err;
      process.stderr.write(`    the generator does not compile now (src/ being edited?); waiting 20 s (${attempt}/3)\n`);
      await new Promise((r) => setTimeout(r, 20000));
    }
  }
  const dir = await tmpDir("generator");
  for (const entry of ["scripts/generate.js", "src", "dist", "package.json", "tsconfig.json", "tsconfig.build.json"]) {
    if (existsSync(path.join(root, entry)))
      await cp(path.join(root, entry), path.join(dir, entry), { recursive: true, preserveTimestamps: true });
  }
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  const generator = path.join(dir, "scripts", "generate.js");
  // Should src/ have changed between the build and the copy, the copy compiles itself now, untimed.
  await freshBuild(generator);
  snapshot = generator;
  return snapshot;
}

/**
 * Takes `warmup` + `runs` rounds; each round runs every side once, in order (A B C A B C ...).
 * Samples stay aligned by round (null where a side has no sample), so that paired ratios compare
 * runs made back to back. A side that fails twice in a row is reported and dropped; the others go on.
 */
export async function interleave(sides, { runs, warmup, log }) {
  const out = Object.fromEntries(sides.map((s) => [s.key, { samples: [], error: undefined }]));
  for (let round = 0; round < warmup + runs; round++) {
    const taken = {};
    for (const side of sides) {
      if (out[side.key].error) continue;
      for (let attempt = 1; ; attempt++) {
        try {
          taken[side.key] = await side.run(round);
          break;
        } catch (err) {
          if (attempt >= 2) {
            out[side.key].error = String(err.message ?? err);
            log?.(`    ${side.key} failed: ${out[side.key].error.trim().split("\n")[0]}`);
            break;
          }
          await new Promise((r) => setTimeout(r, 2000));
        }
      }
    }
    if (round >= warmup) for (const side of sides) out[side.key].samples.push(taken[side.key] ?? null);
    log?.(
      `    round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""}: ` +
        sides
          .filter((s) => taken[s.key])
          .map((s) => `${s.key} ${summarise(taken[s.key])}`)
          .join(", "),
    );
  }
  for (const side of Object.values(out)) if (side.samples.every((s) => s === null)) side.samples = [];
  return out;
}

function summarise(sample) {
  if (typeof sample === "number") return sample.toFixed(1);
  if (sample && typeof sample.ms === "number")
    return `${Math.round(sample.ms)} ms` + (sample.peakKB ? ` ${Math.round(sample.peakKB / 1024)} MB` : "");
  if (sample && typeof sample.usPerCall === "number") return `${sample.usPerCall.toFixed(1)} µs/call`;
  return "ok";
}

export async function ensureDir(dir) {
  await mkdir(dir, { recursive: true });
}
