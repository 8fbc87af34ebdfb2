#!/usr/bin/env node
// One timed generation, in a fresh process: node generate-one.js <engine> <document> [outDir]
// Loads the document first (not timed: every engine but zod starts from the loaded document; zod's
// hey-api run reads the file itself, so its time includes its own parsing), then times the engine's
// generate step and prints { ms, files: { name: { bytes, gzipBytes } }, notes } as JSON.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { gzipSync } from "node:zlib";
import { ENGINES, zodMini } from "./engines.js";
import { loadInput } from "./inputs.js";

const [engineKey, docName, outDir] = process.argv.slice(2);
const engine = [...ENGINES, zodMini].find((e) => e.key === engineKey);
if (!engine) throw new Error(`unknown engine ${engineKey}`);
const input = await loadInput(docName);
const tmp = mkdtempSync(path.join(os.tmpdir(), "gen-"));
try {
  const start = performance.now();
  const generated = await engine.generate(input, undefined, { out: tmp });
  const ms = performance.now() - start;
  const files = {};
  for (const [name, text] of Object.entries(generated.files)) {
    const buf = Buffer.from(text);
    files[name] = { bytes: buf.length, gzipBytes: gzipSync(buf, { level: 9 }).length };
    if (outDir) {
      mkdirSync(outDir, { recursive: true });
      writeFileSync(path.join(outDir, name), text);
    }
  }
  process.stdout.write(JSON.stringify({ ms, files, notes: generated.notes ?? [] }) + "\n");
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
