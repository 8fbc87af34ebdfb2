// Row 5: bytes a browser app ships, minified by esbuild and gzipped at level 9.
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BUNDLES } from "./entries.js";
import { root } from "./util.js";

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
      const code = result.outputFiles[0].contents;
      sides[key] = { rawBytes: code.length, gzipBytes: gzipSync(code, { level: 9 }).length };
    } catch (err) {
      sides[key] = { error: String(err.message ?? err) };
    }
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
  };
}
