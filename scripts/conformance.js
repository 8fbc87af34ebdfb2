#!/usr/bin/env node
// Conformance: the real documents in ../shared/specs/ (or the ones named on the command line) must
// generate, have one function per operation, and type-check under `tsc --noEmit --strict` without
// skipLibCheck, so that every generated declaration (and openapi-typescript's types) is checked.
// Generated with "query": "tanstack", so that query.d.ts (TanStack Query's options) is checked too.
// Not part of `npm test`: it takes a minute and reads files outside the project.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const specs = path.resolve(root, "../shared/specs");
const require = createRequire(import.meta.url);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

const ALL = ["openai.yaml", "github.json", "stripe.json", "kubernetes.json", "box.json", "twilio.json"];
const documents =
  process.argv.slice(2).length > 0 ? process.argv.slice(2).map((f) => path.resolve(f)) : ALL.map((name) => path.join(specs, name));
const missing = documents.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`conformance: not run, ${missing.map((f) => path.relative(root, f)).join(" and ")} not found.`);
  console.error("It reads the real documents from ../shared/specs/ beside the project (or the files you name); nothing was checked.");
  process.exit(1);
}

/** Operations counted straight from the document, independently of the generator. */
function countOperations(file) {
  const text = readFileSync(file, "utf8");
  const doc = file.endsWith(".json") ? JSON.parse(text) : require("js-yaml").load(text);
  let n = 0;
  for (const item of Object.values(doc.paths ?? {})) for (const m of METHODS) if (item?.[m]) n++;
  return n;
}

function timed(args, cwd) {
  const start = performance.now();
  const result = spawnSync(process.execPath, args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  return { ...result, seconds: (performance.now() - start) / 1000 };
}

const work = mkdtempSync(path.join(os.tmpdir(), "ocg-conformance-"));
let failures = 0;
try {
  writeFileSync(path.join(work, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
  const config = path.join(work, "query.config.json");
  writeFileSync(config, JSON.stringify({ query: "tanstack" }));
  console.log("document        operations  wrappers  queries  infinite  streams  mutations  generate   tsc --strict  result");
  for (const file of documents) {
    const name = path.basename(file).replace(/\.(ya?ml|json)$/, "");
    const out = path.join(work, name);
    const expected = countOperations(file);
    const gen = timed([path.join(root, "scripts/generate.js"), "--input", file, "--output", out, "--config", config], root);
    let wrappers = 0;
    const options = { queries: 0, infinite: 0, streams: 0, mutations: 0 };
    let tsc = { status: null, seconds: 0, stdout: "", stderr: "" };
    if (gen.status === 0) {
      // A paginated operation is a function made by `paginated(...)`, with `.all` and `.pages`.
      const functions = /^export (?:function |const [^\s=]+ = \/\* @__PURE__ \*\/ paginated\()/gm;
      wrappers = (readFileSync(path.join(out, "operations.js"), "utf8").match(functions) ?? []).length;
      const query = readFileSync(path.join(out, "query.js"), "utf8");
      const count = (suffix) => (query.match(new RegExp(`^export function \\w+${suffix}\\(`, "gm")) ?? []).length;
      Object.assign(options, {
        queries: count("(?<!Infinite|Stream)Options"),
        infinite: count("InfiniteOptions"),
        streams: count("StreamOptions"),
        mutations: count("Mutation"),
      });
      writeFileSync(
        path.join(work, `tsconfig.${name}.json`),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            skipLibCheck: false,
            noEmit: true,
            target: "es2022",
            module: "nodenext",
            moduleResolution: "nodenext",
            lib: ["es2022", "dom"],
            types: [],
          },
          files: [path.join(out, "index.d.ts"), path.join(out, "query.d.ts")],
        }),
      );
      tsc = timed([require.resolve("typescript/bin/tsc"), "-p", path.join(work, `tsconfig.${name}.json`)], work);
    }
    const ok = gen.status === 0 && wrappers === expected && tsc.status === 0;
    if (!ok) failures++;
    const counts = [options.queries, options.infinite, options.streams, options.mutations].map((n, i) =>
      String(n).padStart([7, 8, 7, 9][i]),
    );
    console.log(
      `${name.padEnd(15)} ${String(expected).padStart(10)}  ${String(wrappers).padStart(8)}  ${counts.join("  ")}  ${gen.seconds.toFixed(2).padStart(7)} s  ${tsc.seconds.toFixed(2).padStart(10)} s  ${ok ? "ok" : "FAILED"}`,
    );
    if (gen.status !== 0) console.log(gen.stderr.trim());
    else if (tsc.status !== 0) console.log((tsc.stdout + tsc.stderr).split("\n").slice(0, 20).join("\n"));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
