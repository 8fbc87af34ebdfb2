// Row 5: bytes a browser app ships, minified by esbuild and gzipped at level 9: the Upload operations,
// and one operation of Stripe's 452 through createBaseClient (row 5b: tree-shaking).
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BUNDLES, LAZY_VALIDATORS, STRIPE, STUBBED, TREE_SHAKING } from "./entries.js";
import { expectExit0, generatorSnapshot, root, runNode, tmpDir } from "./util.js";

const sizes = (code) => ({ rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length });

/** An esbuild plugin that loads `contents` for any module whose path ends with `module`. */
const stub = ({ module, contents }) => ({
  name: "stub",
  setup(b) {
    b.onLoad({ filter: new RegExp(`${module.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}$`) }, () => ({ contents, loader: "js" }));
  },
});

async function bundleSize(contents, key, replaced) {
  try {
    const result = await build({
      plugins: replaced ? [stub(replaced)] : [],
      stdin: { contents, resolveDir: root, sourcefile: `${key}-bundle.ts`, loader: "ts" },
      bundle: true,
      minify: true,
      platform: "browser",
      format: "esm",
      write: false,
      // A client generated outside the project finds openapi-fetch where the project has it.
      nodePaths: [path.join(root, "node_modules")],
      logLevel: "silent",
    });
    return sizes(result.outputFiles[0].contents);
  } catch (err) {
    return { error: String(err.message ?? err) };
  }
}

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
    sides[key] = await bundleSize(contents, key);
    for (const [stubbed, replaced] of Object.entries(STUBBED))
      if (replaced.after === key) sides[stubbed] = await bundleSize(BUNDLES[replaced.from], stubbed, replaced);
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
    oursOneOperationMinusOpenapiFetchGzipBytes: diff("oursOneOperation", "openapiFetch"),
    oursMinusOpenaiSdkGzipBytes: diff("ours", "openaiSdk"),
    oursVsOpenapiFetchGzipRatio: sides.ours?.gzipBytes / sides.openapiFetch?.gzipBytes || undefined,
    validationGzipBytes: diff("oursValidating", "ours"),
    // A one-call program: what logging costs it unused, and what using logging, per-call options or webhooks adds.
    loggingUnusedGzipBytes: diff("oursOneOperation", "oursOneOperationNoLogging"),
    loggingUsedGzipBytes: diff("oursOneOperationLogging", "oursOneOperation"),
    callOptionsUsedGzipBytes: diff("oursOneOperationCallOptions", "oursOneOperation"),
    webhooksUsedGzipBytes: diff("oursOneOperationWebhooks", "oursOneOperation"),
  };
}

/** Row 5b: one operation of the 452 of ../shared/specs/stripe.json, through createBaseClient, against the runtime alone. */
export async function treeShakingRow(stripeDoc) {
  if (!existsSync(stripeDoc)) return { skipped: `${stripeDoc} not found` };
  const dir = await tmpDir("stripe");
  const out = path.join(dir, "stripe");
  expectExit0("our generate of stripe.json", await runNode([await generatorSnapshot(), "--input", stripeDoc, "--output", out]));
  const sides = {};
  for (const [key, contents] of Object.entries(TREE_SHAKING)) sides[key] = await bundleSize(contents.replaceAll(STRIPE, out), key);
  const extra = sides.oursOneOperation.gzipBytes - sides.runtime.gzipBytes;
  return { document: stripeDoc, operations: 452, sides, oneOperationMinusRuntimeGzipBytes: Number.isFinite(extra) ? extra : undefined };
}
