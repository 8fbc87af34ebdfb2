// The generated folder the types suite checks: one document through the project's CLI, with
// validators on (`{ "validators": true }` as its config), into a folder outside the project. Cached
// in the temp folder by the document and the generator's sources (as client.js does for the wire
// suite); operations the generator refuses are left out and named.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { cacheKey, refusedPaths } from "./client.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const TYPES_CACHE_DIR = path.join(os.tmpdir(), "ocg-types-cache");
const MAX_EXCLUDE_ROUNDS = 10;

function generate(file, out, config, exclude) {
  const args = [
    path.join(root, "scripts/generate.js"),
    "--input",
    file,
    "--output",
    out,
    "--config",
    config,
    ...exclude.flatMap((p) => ["--exclude", p]),
  ];
  const r = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", maxBuffer: 256 * 2 ** 20 });
  return { status: r.status, output: `${r.stdout ?? ""}${r.stderr ?? ""}${r.error ? String(r.error) : ""}` };
}

/**
 * Generates (or reuses) the folder for `file`. Resolves to
 * { ok, entry, folder, excluded[], output, error?, cached, seconds }: `folder` is the generated
 * folder, `entry` the cache entry holding it (with a `node_modules` link to the project's, so that
 * the folder's imports resolve).
 */
export function prepareFolder(file, { fresh = false, cacheDir = TYPES_CACHE_DIR } = {}) {
  const name = path.basename(file).replace(/\.(ya?ml|json)$/i, "");
  const key = createHash("sha256")
    .update(cacheKey(file))
    .update(readFileSync(fileURLToPath(import.meta.url)))
    .digest("hex");
  const entry = path.join(cacheDir, `${name}-${key.slice(0, 16)}`);
  const statusFile = path.join(entry, "status.json");
  if (!fresh && existsSync(statusFile)) return { ...JSON.parse(readFileSync(statusFile, "utf8")), cached: true };

  const ours = new RegExp(`^${name.replace(/\W/g, "\\$&")}-[0-9a-f]{16}$`);
  for (const old of existsSync(cacheDir) ? readdirSync(cacheDir) : []) {
    if (ours.test(old)) rmSync(path.join(cacheDir, old), { recursive: true, force: true });
  }
  mkdirSync(entry, { recursive: true });
  symlinkSync(path.join(root, "node_modules"), path.join(entry, "node_modules"), "dir");
  const config = path.join(entry, "config.json");
  writeFileSync(config, JSON.stringify({ validators: true }));
  const folder = path.join(entry, "client");
  const started = performance.now();
  const excluded = [];
  let output = "";
  let gen;
  for (let round = 0; ; round++) {
    gen = generate(file, folder, config, excluded);
    output += `${output ? "\n" : ""}${gen.output.trim()}`;
    if (gen.status === 0 || round >= MAX_EXCLUDE_ROUNDS) break;
    const refused = refusedPaths(gen.output).filter((p) => !excluded.includes(p));
    if (refused.length === 0) break;
    excluded.push(...refused);
  }
  const seconds = (performance.now() - started) / 1000;
  const status = {
    ok: gen.status === 0,
    entry,
    folder,
    excluded,
    output: output.slice(-20_000),
    ...(gen.status === 0 ? {} : { error: `generator exited with ${gen.status}` }),
    seconds,
  };
  writeFileSync(statusFile, JSON.stringify(status, null, 2));
  return { ...status, cached: false };
}

/**
 * Each function's `…Params` and `…Result` type names, read from the doc comments operations.d.ts
 * gives them ("The parameters of `name`", "What `name` resolves to").
 */
export function typeNames(folder) {
  const dts = readFileSync(path.join(folder, "operations.d.ts"), "utf8");
  const names = new Map();
  const set = (fn, key, type) => names.set(fn, { ...names.get(fn), [key]: type });
  for (const m of dts.matchAll(/\/\*\* The parameters of `([^`]+)`[^\n]*\*\/\nexport type ([\w$]+) =/g)) set(m[1], "params", m[2]);
  for (const m of dts.matchAll(/\/\*\* What `([^`]+)` resolves to\.[^\n]*\*\/\nexport type ([\w$]+) =/g)) set(m[1], "result", m[2]);
  return names;
}
