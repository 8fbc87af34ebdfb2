#!/usr/bin/env node
// Where `generate` spends its time: not part of `npm run bench`, run by hand.
//   node scripts/bench/profile.js [--input ../shared/specs/openai.yaml] [--runs 3] [--top 25]
// 1. The real command under `node --cpu-prof` (a fresh output folder each run, the generator frozen
//    as `npm run bench` freezes it): phases, inclusive time by our module, self time by package and
//    by function, time before `main` starts. Nothing here names a function of src/: the steps are
//    read from the profile by file, so that a refactor of the pipeline does not leave this stale.
// 2. The cost of each import, cold, in the order the generator loads them (one fresh process each run).
// Figures are medians over the runs.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { cleanTmp, generatorSnapshot, median, root } from "./util.js";
import { table } from "./report.js";

const { values } = parseArgs({
  options: {
    input: { type: "string", default: "../shared/specs/openai.yaml" },
    runs: { type: "string", default: "3" },
    top: { type: "string", default: "25" },
  },
});
const runs = Number(values.runs);
const top = Number(values.top);

/** Our compiled module of a frame (dist/…, not a dependency's), or undefined. */
function ourModule(url) {
  const i = url.lastIndexOf("/dist/");
  return i >= 0 && !url.includes("/node_modules/") ? url.slice(i + 1) : undefined;
}

function where(url) {
  if (!url) return "(native/vm)";
  const nm = url.lastIndexOf("node_modules/");
  if (nm >= 0) {
    const rest = url.slice(nm + "node_modules/".length).split("/");
    const pkg = rest[0].startsWith("@") ? `${rest[0]}/${rest[1]}` : rest[0];
    if (pkg === "@ts-morph/common" && /typescript\.js$/.test(url)) return "@ts-morph/common (its own copy of typescript)";
    return pkg;
  }
  if (url.startsWith("node:")) return "node: internals";
  if (url.includes("/dist/")) return "ours (dist/" + url.split("/dist/")[1] + ")";
  return url.replace(/^file:\/\//, "");
}

function analyse(file) {
  const profile = JSON.parse(readFileSync(file, "utf8"));
  const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfByFn = new Map();
  const selfByPkg = new Map();
  const inclusive = new Map();
  const phases = new Map();
  let beforeMain = 0;
  let mainSeen = false;
  let total = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000; // ms until the next sample
    total += dt;
    const leaf = nodes.get(profile.samples[i]);
    const cf = leaf.callFrame;
    const fnKey = `${cf.functionName || "(anonymous)"}  ${where(cf.url)}${cf.url ? `:${cf.lineNumber + 1}` : ""}`;
    selfByFn.set(fnKey, (selfByFn.get(fnKey) ?? 0) + dt);
    const pkg = cf.url ? where(cf.url).replace(/ \(dist\/.*\)$/, "") : cf.functionName;
    selfByPkg.set(pkg, (selfByPkg.get(pkg) ?? 0) + dt);
    phases.set(phaseOf(leaf, nodes, parent), (phases.get(phaseOf(leaf, nodes, parent)) ?? 0) + dt);
    const seen = new Set();
    let inMain = false;
    for (let id = leaf.id; id !== undefined; id = parent.get(id)) {
      const f = nodes.get(id).callFrame;
      const mod = ourModule(f.url);
      if (mod && !seen.has(mod)) {
        seen.add(mod);
        inclusive.set(mod, (inclusive.get(mod) ?? 0) + dt);
      }
      if (f.functionName === "main" && f.url.endsWith("dist/cli/main.js")) inMain = true;
    }
    if (inMain) mainSeen = true;
    if (!mainSeen && !["(idle)"].includes(cf.functionName)) beforeMain += dt;
  }
  return { total, beforeMain, selfByFn, selfByPkg, inclusive, phases };
}

/** The dependencies whose own code gets a phase of its own (where a sample's leaf is). */
const PACKAGES = ["openapi-typescript", "ts-morph", "@ts-morph/common", "typescript", "js-yaml", "yaml", "@redocly/openapi-core"];

/**
 * One phase per sample: module loading (compiling, the CJS export lexer, top-level evaluation)
 * whenever a loader frame is on the stack; redocly's lint whenever a redocly frame is (its walk is
 * async, so the stack often lacks our caller); the dependency whose code the sample is in; else
 * the folder of dist/ of the innermost of our frames (load/, model/, normalise/, emit/, output/...).
 */
function phaseOf(leaf, nodes, parent) {
  const name = leaf.callFrame.functionName;
  if (name === "(garbage collector)") return "garbage collector";
  if (name === "(idle)" || name === "(program)") return "idle / V8 (program)";
  const frames = [];
  for (let id = leaf.id; id !== undefined; id = parent.get(id)) frames.push(nodes.get(id).callFrame);
  if (
    frames.some((f) => f.url.startsWith("node:internal/modules/") || f.functionName === "wrapSafe" || f.functionName === "compileFunction")
  ) {
    return "module loading (compile, CJS lexer, top-level evaluation)";
  }
  if (frames.some((f) => f.url.includes("@redocly/"))) return "lint (redocly, async walk)";
  const pkg = frames.map((f) => where(f.url)).find((w) => PACKAGES.some((p) => w.startsWith(p)));
  if (pkg && !ourModule(leaf.callFrame.url)) return `${pkg.replace(/ \(.*\)$/, "")} (called by ${callerFolder(frames) ?? "?"})`;
  const folder = callerFolder(frames);
  if (folder) return `ours: ${folder}`;
  if (frames.some((f) => f.functionName === "readFileUtf8" || f.functionName === "readFile")) return "read files";
  return "other";
}

/** dist/emit/operations.js -> "emit/"; dist/generate.js -> "generate.js": the innermost of our frames. */
function callerFolder(frames) {
  for (const f of frames) {
    const mod = ourModule(f.url);
    if (mod) {
      const parts = mod.split("/").slice(1);
      return parts.length > 1 ? `${parts[0]}/` : parts[0];
    }
  }
  return undefined;
}

function mergeAnalyses(list) {
  const sum = (maps) => {
    const out = new Map();
    for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  };
  return {
    total: list.reduce((a, r) => a + r.total, 0),
    mainThread: list.find((r) => r.main)?.total ?? list[0].total,
    beforeMain: (list.find((r) => r.main) ?? list[0]).beforeMain,
    selfByFn: sum(list.map((r) => r.selfByFn)),
    selfByPkg: sum(list.map((r) => r.selfByPkg)),
    inclusive: sum(list.map((r) => r.inclusive)),
    phases: sum(list.map((r) => r.phases)),
  };
}

function medianMaps(maps) {
  const keys = new Set(maps.flatMap((m) => [...m.keys()]));
  return new Map([...keys].map((k) => [k, median(maps.map((m) => m.get(k) ?? 0))]));
}

const dir = mkdtempSync(path.join(os.tmpdir(), "oacg-profile-"));
try {
  // Others edit src/ meanwhile: profile one frozen, compiled copy of the generator.
  const generator = await generatorSnapshot();
  const results = [];
  const walls = [];
  for (let i = 0; i < runs; i++) {
    const profDir = path.join(dir, `prof-${i}`);
    const start = performance.now();
    const r = spawnSync(
      process.execPath,
      ["--cpu-prof", "--cpu-prof-dir", profDir, generator, "--input", values.input, "--output", path.join(dir, `out-${i}`)],
      { cwd: root, encoding: "utf8" },
    );
    walls.push(performance.now() - start);
    if (r.status !== 0) throw new Error(`generate failed: ${r.stderr}`);
    // One profile per thread (CPU.<date>.<time>.<pid>.<thread id>.<seq>.cpuprofile): CPU time is summed over them.
    const files = readdirSync(profDir)
      .filter((f) => f.endsWith(".cpuprofile"))
      .sort();
    const merged = mergeAnalyses(files.map((f) => ({ ...analyse(path.join(profDir, f)), main: f.split(".")[4] === "0" })));
    merged.threads = files.length;
    results.push(merged);
    process.stderr.write(
      `profiled run ${i + 1}/${runs}: ${Math.round(walls.at(-1))} ms wall, ${files.length} thread(s) (${r.stdout.trim()})\n`,
    );
  }
  const total = median(results.map((r) => r.total));
  const ms = (x) => Math.round(x).toLocaleString("en-US");
  const pct = (x) => `${((100 * x) / total).toFixed(1)}%`;
  const threads = median(results.map((r) => r.threads));
  console.log(
    `\n${values.input}: median of ${runs} profiled runs; wall ${ms(median(walls))} ms (profiling adds some); ` +
      `profiled ${ms(total)} ms${threads > 1 ? ` summed over ${threads} threads (main thread ${ms(median(results.map((r) => r.mainThread)))} ms); shares are of that sum` : ""}`,
  );
  console.log(`Before main() starts (start-up and static imports): ${ms(median(results.map((r) => r.beforeMain)))} ms\n`);

  const phases = [...medianMaps(results.map((r) => r.phases))].sort((a, b) => b[1] - a[1]);
  console.log("Phases: every sample charged once (medians of each phase, so they need not add up exactly)");
  console.log(
    table(
      ["phase", "ms", "share"],
      phases.map(([k, v]) => [k, ms(v), pct(v)]),
    ),
  );
  console.log();

  const inc = [...medianMaps(results.map((r) => r.inclusive))].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(
    "Our modules, inclusive CPU time of their synchronous parts (a module includes what it calls; async continuations lose their callers)",
  );
  console.log(
    table(
      ["module", "ms", "share"],
      inc.map(([k, v]) => [k, ms(v), pct(v)]),
    ),
  );

  const pkg = [...medianMaps(results.map((r) => r.selfByPkg))].sort((a, b) => b[1] - a[1]).slice(0, 15);
  console.log("\nSelf time by package or module");
  console.log(
    table(
      ["package", "ms", "share"],
      pkg.map(([k, v]) => [k, ms(v), pct(v)]),
    ),
  );

  const fns = [...medianMaps(results.map((r) => r.selfByFn))].sort((a, b) => b[1] - a[1]).slice(0, top);
  console.log(`\nTop ${top} functions by self time`);
  console.log(
    table(
      ["function  location", "ms", "share"],
      fns.map(([k, v]) => [k.length > 110 ? k.slice(0, 107) + "..." : k, ms(v), pct(v)]),
    ),
  );

  // Imports, cold, in a fresh process each, in the generator's order (a module shared with an
  // earlier import is counted there): what the generator pays before it reads the document.
  const IMPORTS = [
    "../dist/cli/main.js",
    "../dist/generate.js",
    "ts-morph",
    "typescript",
    "@redocly/openapi-core",
    "js-yaml",
    "openapi-typescript",
  ];
  const probe = `const t = []; let last = performance.now(); const start = last;
for (const m of ${JSON.stringify(IMPORTS)}) { await import(m.startsWith(".") ? new URL(m, "file://${root}/scripts/x.js").href : m); const now = performance.now(); t.push([m, now - last]); last = now; }
console.log(JSON.stringify({ boot: start, imports: t }));`;
  const coldRuns = [];
  for (let i = 0; i < runs; i++) {
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", probe], { cwd: root, encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
    coldRuns.push(JSON.parse(r.stdout));
  }
  console.log("\nImports, cold, in one fresh process in this order (ms; a later line excludes what an earlier one loaded)");
  const importRows = [["node start-up until the script runs", ms(median(coldRuns.map((r) => r.boot)))]];
  for (let i = 0; i < IMPORTS.length; i++) importRows.push([`import ${IMPORTS[i]}`, ms(median(coldRuns.map((r) => r.imports[i][1])))]);
  console.log(table(["step", "ms"], importRows));
  const alone = (m) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `const s = performance.now(); await import(${JSON.stringify(m)}); console.log(performance.now() - s);`,
        ],
        { cwd: root, encoding: "utf8" },
      );
      xs.push(Number(r.stdout));
    }
    return median(xs);
  };
  const required = (m) => {
    const xs = [];
    for (let i = 0; i < runs; i++) {
      const r = spawnSync(
        process.execPath,
        [
          "--input-type=module",
          "-e",
          `import { createRequire } from "node:module"; const s = performance.now(); createRequire(import.meta.url)(${JSON.stringify(m)}); console.log(performance.now() - s);`,
        ],
        { cwd: root, encoding: "utf8" },
      );
      xs.push(Number(r.stdout));
    }
    return median(xs);
  };
  console.log("\nEach module alone in a fresh process, by ESM import and by require (ms; with its dependencies)");
  console.log(
    table(
      ["module", "import()", "require()"],
      ["ts-morph", "typescript", "@redocly/openapi-core", "openapi-typescript", "js-yaml"].map((m) => [m, ms(alone(m)), ms(required(m))]),
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
  await cleanTmp();
}
