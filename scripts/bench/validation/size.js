#!/usr/bin/env node
// Generated size and time to generate (full OpenAI and GitHub documents), bundle size of the four
// Upload operations' validators with the engine's runtime, and whether the output type-checks.
//   node scripts/bench/validation/size.js [--runs 3] [--only generate,bundle,typecheck]
import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ENGINES, ajv, heyApiZod, heyName, ours, zodMini } from "./engines.js";
import { loadInput } from "./inputs.js";
import { root } from "./paths.js";

const ALL = [...ENGINES, zodMini];
const median = (xs) => {
  const s = xs.filter((x) => typeof x === "number").sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? undefined : s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function runChild(args) {
  return new Promise((resolve) => {
    const start = performance.now();
    const child = spawn(process.execPath, args, { cwd: root, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (d) => out.push(d));
    child.stderr.on("data", (d) => err.push(d));
    child.on("close", (code) =>
      resolve({ code, wallMs: performance.now() - start, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() }),
    );
  });
}

/** Time to generate and generated size: fresh process per sample, engines interleaved per round. */
export async function generateFigures({ runs = 3, warmup = 1, docs = ["openai.yaml", "github.json"], log = () => {} } = {}) {
  const rows = [];
  for (const doc of docs) {
    const samples = Object.fromEntries(ALL.map((e) => [e.key, []]));
    const last = {};
    for (let round = 0; round < warmup + runs; round++) {
      const order = ALL.map((_, i) => ALL[(i + round) % ALL.length]);
      for (const engine of order) {
        if (last[engine.key]?.error) continue;
        const r = await runChild([path.join(root, "scripts/bench/validation/generate-one.js"), engine.key, doc]);
        if (r.code !== 0) {
          last[engine.key] = { error: r.stderr.trim().split("\n").slice(-3).join(" ") };
          continue;
        }
        const parsed = JSON.parse(r.stdout.trim().split("\n").pop());
        last[engine.key] = parsed;
        if (round >= warmup) samples[engine.key].push(parsed.ms);
      }
      log(`  ${doc}: round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""}`);
    }
    rows.push({
      document: doc,
      engines: Object.fromEntries(
        ALL.map((e) => [
          e.key,
          last[e.key]?.error
            ? { error: last[e.key].error }
            : { ms: median(samples[e.key]), samples: samples[e.key].length, files: last[e.key]?.files, notes: last[e.key]?.notes },
        ]),
      ),
    });
  }
  return {
    method: `median of ${runs} runs after ${warmup} warm-up, each a fresh node process, engines interleaved; the document is loaded before the clock starts, except for zod (hey-api reads and parses the file itself: its time includes that)`,
    rows,
  };
}

const UPLOAD_OPS = ["createUpload", "addUploadPart", "completeUpload", "cancelUpload"];

/** The compiled runtime beside our validators, as a generated folder has it. */
function copyRuntime(dir) {
  cpSync(path.join(root, "dist/runtime"), path.join(dir, "runtime"), { recursive: true });
}

async function bundleBytes(contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const code = result.outputFiles[0].contents;
  return { minBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
}

/** esbuild (bundle, minify, browser, esm) + gzip -9 of the Upload validators and what they import. */
export async function bundleFigures() {
  const input = await loadInput("spec/openai-uploads.yaml");
  const { schemaBundle } = await import("../../../dist/emit/validators/bundle.js");
  const operations = input.model.operations.filter((o) => UPLOAD_OPS.includes(o.name));
  const bundle = schemaBundle({ document: input.doc, operations });
  const pointers = [...Object.values(bundle.requests), ...Object.values(bundle.responses).flatMap((s) => Object.values(s))];
  const dir = mkdtempSync(path.join(root, ".tmp", "bundle-"));
  const out = { operations: UPLOAD_OPS, sides: {} };
  try {
    const write = (name, text) => writeFileSync(path.join(dir, name), text);
    const side = async (key, files, entry, runtime) => {
      for (const [n, t] of Object.entries(files)) write(n, t);
      try {
        out.sides[key] = { ...(await bundleBytes(entry, dir)), runtime };
      } catch (err) {
        out.sides[key] = { error: String(err.message ?? err).slice(0, 300) };
      }
    };
    const oursFiles = (await ours.generate({ bundle })).files;
    copyRuntime(dir);
    await side(
      "ours",
      oursFiles,
      `import { validators } from "./validators.js"; export { validators };`,
      "runtime/validation.js (the two error classes and the table)",
    );
    const ajvGen = await ajv.generate({ bundle }, pointers);
    await side(
      "ajv",
      { "ajv.js": ajvGen.files["validators.js"] },
      `import * as v from "./ajv.js"; export { v };`,
      ajvGen.imports.join(", "),
    );
    write("schemas.json", JSON.stringify(bundle.schema));
    await side(
      "cfworker",
      {},
      `import schema from "./schemas.json"; import { Validator } from "@cfworker/json-schema";
      export const validators = ${JSON.stringify(pointers)}.map((p) => new Validator({ ...schema, $ref: p }, "2020-12", false));`,
      "@cfworker/json-schema",
    );
    for (const [key, mini] of [
      ["zod", false],
      ["zodMini", true],
    ]) {
      const source = heyApiZod(input.file, { mini, out: path.join(dir, "hey-" + key) });
      const names = UPLOAD_OPS.flatMap((op) => ["Body", "Path", "Response"].map((s) => `z${heyName(op)}${s}`)).filter((n) =>
        source.includes(`export const ${n} `),
      );
      await side(key, { [`${key}.gen.ts`]: source }, `export { ${names.join(", ")} } from "./${key}.gen.ts";`, mini ? "zod/mini" : "zod");
    }
    // The floor every client pays already: openapi-fetch.
    out.sides.openapiFetchForScale = await bundleBytes(`export { default } from "openapi-fetch";`, root);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { esbuild: "bundle, minify, platform browser, format esm; gzip level 9", ...out };
}

/** tsc --strict (noUncheckedIndexedAccess, nodenext) over each engine's output for a document. */
export async function typecheckFigures({ docs = ["spec/openai-uploads.yaml", "openai.yaml"], log = () => {} } = {}) {
  const tsc = path.join(root, "node_modules/typescript/bin/tsc");
  const rows = [];
  for (const doc of docs) {
    const row = { document: doc, engines: {} };
    for (const engine of [...ENGINES, zodMini]) {
      if (engine.key === "cfworker") {
        row.engines[engine.key] = { note: "JSON data and the package's own types: nothing generated to type-check" };
        continue;
      }
      const dir = mkdtempSync(path.join(root, ".tmp", "tsc-"));
      try {
        const gen = spawnSync(process.execPath, [path.join(root, "scripts/bench/validation/generate-one.js"), engine.key, doc, dir], {
          cwd: root,
          encoding: "utf8",
          maxBuffer: 1 << 26,
        });
        if (gen.status !== 0) throw new Error(gen.stderr.slice(-300));
        let files = Object.keys(JSON.parse(gen.stdout.trim().split("\n").pop()).files);
        // Ours ships JavaScript with declarations: what a TypeScript user compiles is the declarations.
        if (engine === ours) {
          copyRuntime(dir);
          files = files.filter((f) => f.endsWith(".d.ts"));
        }
        symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
        writeFileSync(path.join(dir, "package.json"), `{"type":"module"}`);
        writeFileSync(
          path.join(dir, "tsconfig.json"),
          JSON.stringify({
            compilerOptions: {
              strict: true,
              noUncheckedIndexedAccess: true,
              target: "es2022",
              module: "nodenext",
              moduleResolution: "nodenext",
              verbatimModuleSyntax: true,
              noEmit: true,
              lib: ["es2023", "dom"],
              types: [],
              skipLibCheck: true,
              allowJs: true,
              checkJs: true,
            },
            files,
          }),
        );
        const start = performance.now();
        const r = spawnSync(process.execPath, [tsc, "-p", dir, "--extendedDiagnostics"], {
          cwd: dir,
          encoding: "utf8",
          maxBuffer: 1 << 28,
        });
        const ms = performance.now() - start;
        const errors = (r.stdout.match(/error TS\d+/g) ?? []).length;
        const memory = /Memory used:\s+(\d+)K/.exec(r.stdout)?.[1];
        row.engines[engine.key] = {
          passes: r.status === 0,
          errors,
          tscMs: Math.round(ms),
          memoryMB: memory ? Math.round(Number(memory) / 1024) : undefined,
          files,
          firstError: (r.stdout.match(/^.*error TS.*$/m) ?? [])[0]?.slice(0, 200),
        };
      } catch (err) {
        row.engines[engine.key] = { error: String(err.message ?? err).slice(0, 300) };
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      log(`  tsc ${doc} ${engine.key}: ${JSON.stringify(row.engines[engine.key]).slice(0, 160)}`);
    }
    rows.push(row);
  }
  return { method: "one tsc run each (single sample: this is a yes/no row with a rough time)", rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: { runs: { type: "string", default: "3" }, only: { type: "string", default: "generate,bundle,typecheck" } },
  });
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const only = new Set(values.only.split(","));
  const log = (l) => process.stderr.write(l + "\n");
  const figures = {};
  if (only.has("bundle")) figures.bundle = await bundleFigures();
  if (only.has("typecheck")) figures.typecheck = await typecheckFigures({ log });
  if (only.has("generate")) figures.generate = await generateFigures({ runs: Number(values.runs), log });
  console.log(JSON.stringify(figures, null, 2));
}
