// Row 5: bytes a browser app ships, minified by esbuild and gzipped at level 9.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BUNDLES, LAZY_VALIDATORS } from "./entries.js";
import { root } from "./util.js";

const sizes = (code) => ({ rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });

/** The import()-the-validators program, bundled without and with code splitting: the entry chunk, and every chunk. */
async function lazySides() {
  const dir = mkdtempSync(path.join(root, ".tmp", "lazy-"));
  try {
    const entry = path.join(root, ".tmp", `lazy-${process.pid}.ts`);
    writeFileSync(entry, LAZY_VALIDATORS.replaceAll("./generated/", "../generated/"));
    const out = {};
    for (const splitting of [false, true]) {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        platform: "browser",
        format: "esm",
        splitting,
        outdir: dir,
        write: false,
        logLevel: "silent",
      });
      const files = result.outputFiles.filter((f) => f.path.endsWith(".js"));
      const main = files.find((f) => path.basename(f.path).startsWith("lazy-"));
      const all = files.reduce((n, f) => n + gzipSync(f.contents, { level: 9 }).length, 0);
      out[splitting ? "oursLazySplit" : "oursLazyInlined"] = { ...sizes(main.contents), allChunksGzipBytes: all, chunks: files.length };
    }
    rmSync(entry, { force: true });
    return out;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function bundleRow() {
  const sides = {};
  for (const [key, contents] of Object.entries(BUNDLES)) {
    try {
      const result = await build({
        stdin: { contents, resolveDir: root, sourcefile: `${key}-bundle.ts`, loader: "ts" },
        bundle: true,
        minify: true,
        platform: "browser",
        format: "esm",
        write: false,
        logLevel: "silent",
      });
      sides[key] = sizes(result.outputFiles[0].contents);
    } catch (err) {
      sides[key] = { error: String(err.message ?? err) };
    }
  }
  try {
    Object.assign(sides, await lazySides());
  } catch (err) {
    sides.oursLazyInlined = { error: String(err.message ?? err) };
  }
  const diff = (a, b) =>
    sides[a]?.gzipBytes !== undefined && sides[b]?.gzipBytes !== undefined ? sides[a].gzipBytes - sides[b].gzipBytes : undefined;
  return {
    esbuild: "bundle, minify, platform browser, format esm; gzip: node:zlib level 9",
    entries: BUNDLES,
    sides,
    oursMinusOpenapiFetchGzipBytes: diff("ours", "openapiFetch"),
    oursMinusOpenaiSdkGzipBytes: diff("ours", "openaiSdk"),
    oursVsOpenapiFetchGzipRatio: sides.ours?.gzipBytes / sides.openapiFetch?.gzipBytes || undefined,
    validationGzipBytes: diff("oursValidating", "ours"),
  };
}
