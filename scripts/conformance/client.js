// Generating a client for one document with the project's CLI and bundling it with esbuild so that
// Node can import it. The result is cached in the temp folder, keyed by the document's bytes and the
// generator's sources, so an unchanged generator does not regenerate the 13 MB GitHub document.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const CACHE_DIR = path.join(os.tmpdir(), "ocg-wire-cache");
// Rounds of "generate, then leave out the operations the generator refused": a refused operation
// should not hide the rest of the document.
const MAX_EXCLUDE_ROUNDS = 10;

function hashTree(hash, dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) hashTree(hash, full);
    else {
      hash.update(path.relative(root, full));
      hash.update(readFileSync(full));
    }
  }
}

/** The cache key: the document, the generator's sources (runtime included) and the locked packages. */
export function cacheKey(file) {
  const hash = createHash("sha256");
  hash.update(readFileSync(file));
  hashTree(hash, path.join(root, "src"));
  for (const f of ["scripts/generate.js", "package-lock.json", "scripts/conformance/client.js"]) {
    if (existsSync(path.join(root, f))) hash.update(readFileSync(path.join(root, f)));
  }
  return hash.digest("hex").slice(0, 16);
}

/**
 * The paths of the operations named by `(/paths/~1a~1{b}/get)` pointers in the generator's errors,
 * as exclude patterns. Whole paths: the generator reports one problem per run, and a problem of one
 * method (a parameter clash) is usually shared by the path's other methods.
 */
export function refusedPaths(stderr) {
  const found = new Set();
  for (const m of stderr.matchAll(/\(\/paths\/([^/)\s]+)\/(?:get|put|post|delete|options|head|patch|trace|parameters)[)/]/g)) {
    found.add(decodeURIComponent(m[1]).replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  return [...found];
}

function generate(file, out, exclude) {
  const args = [path.join(root, "scripts/generate.js"), "--input", file, "--output", out, ...exclude.flatMap((p) => ["--exclude", p])];
  const start = performance.now();
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  return {
    status: r.status,
    output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}`,
    seconds: (performance.now() - start) / 1000,
  };
}

/**
 * Generates and bundles, or reuses the cached result. Resolves to
 * { ok, dir, bundle?, api?, excluded[], generatorOutput, error?, cached, seconds }.
 */
export async function prepareClient(file, { fresh = false } = {}) {
  const name = path.basename(file).replace(/\.(ya?ml|json)$/i, "");
  const dir = path.join(CACHE_DIR, `${name}-${cacheKey(file)}`);
  const statusFile = path.join(dir, "status.json");
  if (!fresh && existsSync(statusFile)) return { ...JSON.parse(readFileSync(statusFile, "utf8")), cached: true };

  // Entries for older generator sources are of no further use.
  const ours = new RegExp(`^${name.replace(/\W/g, "\\$&")}-[0-9a-f]{16}$`);
  for (const old of existsSync(CACHE_DIR) ? readdirSync(CACHE_DIR) : []) {
    if (ours.test(old)) rmSync(path.join(CACHE_DIR, old), { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  const out = path.join(dir, "client");
  const excluded = [];
  let gen;
  let generatorOutput = "";
  let seconds = 0;
  for (let round = 0; ; round++) {
    gen = generate(file, out, excluded);
    seconds += gen.seconds;
    generatorOutput += `${generatorOutput ? "\n" : ""}${gen.output.trim()}`;
    if (gen.status === 0 || round >= MAX_EXCLUDE_ROUNDS) break;
    const refused = refusedPaths(gen.output).filter((p) => !excluded.includes(p));
    if (refused.length === 0) break;
    excluded.push(...refused);
  }
  let status;
  if (gen.status !== 0) {
    status = { ok: false, dir, excluded, generatorOutput, error: `generator exited with ${gen.status}`, seconds };
  } else {
    try {
      const bundle = path.join(dir, "client.mjs");
      await build({
        entryPoints: [path.join(out, "index.js")],
        bundle: true,
        platform: "node",
        format: "esm",
        target: "node20",
        outfile: bundle,
        nodePaths: [path.join(root, "node_modules")],
        logLevel: "silent",
      });
      status = { ok: true, dir, bundle, api: path.join(out, "api.json"), excluded, generatorOutput, seconds };
    } catch (err) {
      status = { ok: false, dir, excluded, generatorOutput, error: `esbuild: ${String(err.message ?? err).slice(0, 2000)}`, seconds };
    }
  }
  writeFileSync(statusFile, JSON.stringify(status, null, 2));
  return { ...status, cached: false };
}
