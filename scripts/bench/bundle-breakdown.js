#!/usr/bin/env node
// node scripts/bench/bundle-breakdown.js [entry ...]  (after npm run build && npm run generate)
// What each module costs one of row 5's programs (entries.js BUNDLES; "ours" by default): its minified
// bytes, and its gzip bytes at the margin: the gzipped bundle minus the gzipped
// bundle without that module's code. Gzip finds repeats across modules, so a module's own gzip size
// says little; the margin is what deleting (or splitting off) that module would save. The margins do
// not add up to the whole: what is left is the compressor's shared dictionary.
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build, transform } from "esbuild";
import { BUNDLES } from "./entries.js";
import { root } from "./util.js";

const gz = (code) => gzipSync(code, { level: 9 }).length;

/** The entry bundled as row 5 bundles it, minified but for whitespace, so that esbuild marks where each module starts (whitespace minified apart, the whole comes out a few bytes off row 5's). */
async function bundled(key) {
  const result = await build({
    stdin: { contents: BUNDLES[key], resolveDir: root, sourcefile: `${key}-bundle.ts`, loader: "ts" },
    bundle: true,
    minifySyntax: true,
    minifyIdentifiers: true,
    platform: "browser",
    format: "esm",
    write: false,
    nodePaths: [path.join(root, "node_modules")],
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/** Whitespace minified, as row 5's bundle is; undefined when what is left does not parse. */
const squeezed = async (code) => (await transform(code, { minifyWhitespace: true, loader: "js" }).catch(() => undefined))?.code;

/** The bundle's modules by the `// path` lines esbuild starts each with: name, start and end offsets. */
function sections(text) {
  const out = [];
  for (const m of text.matchAll(/^\/\/ (\S+)$/gm)) {
    if (out.length) out.at(-1).end = m.index;
    out.push({ name: m[1], start: m.index, end: text.length });
  }
  return out;
}

const short = (name) => name.replace(/^.*node_modules\//, "").replace(/^.*generated\/[^/]+\//, "");

async function breakdown(key) {
  const text = await bundled(key);
  const whole = gz(await squeezed(text));
  const rows = [];
  for (const s of sections(text)) {
    const without = await squeezed(text.slice(0, s.start) + text.slice(s.end));
    const minified = (await squeezed(text.slice(s.start, s.end)))?.length;
    rows.push({ module: short(s.name), minified, gzipMargin: without === undefined ? undefined : whole - gz(without) });
  }
  rows.sort((a, b) => (b.gzipMargin ?? 0) - (a.gzipMargin ?? 0));
  return { whole, rows };
}

const keys = process.argv.slice(2);
for (const key of keys.length ? keys : ["ours"]) {
  if (!(key in BUNDLES)) throw new Error(`no entry ${key}: one of ${Object.keys(BUNDLES).join(", ")}`);
  const { whole, rows } = await breakdown(key);
  console.log(`\n${key}: ${whole} B gzipped\n${"minified B".padStart(10)}  ${"gzip margin B".padStart(13)}  module`);
  for (const r of rows) console.log(`${String(r.minified ?? "?").padStart(10)}  ${String(r.gzipMargin ?? "?").padStart(13)}  ${r.module}`);
  const sum = rows.reduce((n, r) => n + (r.gzipMargin ?? 0), 0);
  console.log(`${"".padStart(10)}  ${String(sum).padStart(13)}  (sum of margins; the rest, ${whole - sum} B, is shared)`);
}
