#!/usr/bin/env node
// Runs the generator from dist/, compiling src/ first when it is newer than the build. Running the
// compiled JavaScript directly saves the ~0.4 s a TypeScript loader such as tsx adds to every run.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts")) newest = Math.max(newest, statSync(full).mtimeMs);
  }
  return newest;
}

function builtAt() {
  try {
    // Both builds (the generator, and the runtime it copies into every folder) must be newer than src/.
    return Math.min(
      statSync(path.join(root, "dist", "cli", "main.js")).mtimeMs,
      statSync(path.join(root, "dist", "runtime", "index.js")).mtimeMs,
    );
  } catch {
    return 0;
  }
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** Compiles src/ into dist/ when it is newer; one process at a time (others wait for it, then find dist/ current). */
export function ensureBuilt() {
  if (builtAt() >= newestSource(path.join(root, "src"))) return;
  const lock = path.join(root, ".build.lock");
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      // Another process is building; a lock older than two minutes is one that died.
      try {
        if (Date.now() - statSync(lock).mtimeMs > 120_000) rmSync(lock, { recursive: true, force: true });
      } catch {}
      sleep(200);
      if (builtAt() >= newestSource(path.join(root, "src"))) return;
    }
  }
  let failed = false;
  try {
    if (builtAt() >= newestSource(path.join(root, "src"))) return;
    const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
    // A file removed from src/ must not linger in dist/ (the runtime's files are copied into every client).
    rmSync(path.join(root, "dist"), { recursive: true, force: true });
    failed = ["tsconfig.build.json", "src/runtime/tsconfig.json"].some(
      (project) => spawnSync(process.execPath, [tsc, "-p", path.join(root, project)], { stdio: "inherit" }).status !== 0,
    );
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
  if (failed) {
    process.stderr.write("error: the generator does not compile (see above)\n");
    process.exit(1);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  ensureBuilt();
  const { main } = await import("../dist/cli/main.js");
  process.exitCode = await main(process.argv.slice(2));
}
