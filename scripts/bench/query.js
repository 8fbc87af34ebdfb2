#!/usr/bin/env node
// Row 11: what query.js ("query": "tanstack") costs a user of the full OpenAI document.
// - Type-check: `tsc` over a one-query program (`fetchQuery(retrieveFileOptions(api, params))`)
//   against the one-call program (`api.retrieveFile(params)`), interleaved, as row 3 runs them;
//   a third side, the one call beside an unused `new QueryClient()`, shows TanStack's own share.
// - Bundle: esbuild minified, gzip -9, with @tanstack/query-core left out (the app has it
//   already): one query option over the call alone, and an infinite query, a streamed query and
//   `invalidatesAfter` (the whole table) over theirs.
//
//   node scripts/bench/query.js [--runs N] [--warmup N] [--document ../shared/specs/openai.yaml]
//
// `queryRow({ runs, warmup, log })` returns the figures for `npm run bench -- --only query`.
import { symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { fmt, table } from "./report.js";
import { diagnostics, TSC_FLAGS } from "./typecheck.js";
import { expectExit0, generatorSnapshot, interleave, median, pairedRatio, root, runNode, TSC, tmpDir } from "./util.js";

const here = fileURLToPath(import.meta.url);

const PROGRAMS = {
  oneCall: `import { createClient } from "./client/index.js";
const api = createClient({ apiKey: "k" });
const file = await api.retrieveFile({ file_id: "f" });
file.id;
`,
  oneQuery: `import { QueryClient } from "@tanstack/query-core";
import { createClient } from "./client/index.js";
import { retrieveFileOptions } from "./client/query.js";
const api = createClient({ apiKey: "k" });
const file = await new QueryClient().fetchQuery(retrieveFileOptions(api, { file_id: "f" }));
file.id;
`,
  oneCallBesideTanstack: `import { QueryClient } from "@tanstack/query-core";
import { createClient } from "./client/index.js";
const api = createClient({ apiKey: "k" });
const file = await api.retrieveFile({ file_id: "f" });
file.id;
new QueryClient();
`,
};

/** Each bundle: the program with query.js, and the same call without it. */
const BUNDLES = {
  query: {
    call: `import { createBaseClient, retrieveFile } from "CLIENT/index.js";
export const r = retrieveFile(createBaseClient({ apiKey: "k" }), { file_id: "f" });`,
    option: `import { createBaseClient } from "CLIENT/index.js";
import { retrieveFileOptions } from "CLIENT/query.js";
export const o = retrieveFileOptions(createBaseClient({ apiKey: "k" }), { file_id: "f" });`,
  },
  infinite: {
    call: `import { createBaseClient, listFiles } from "CLIENT/index.js";
export const r = listFiles(createBaseClient({ apiKey: "k" }), {});`,
    option: `import { createBaseClient } from "CLIENT/index.js";
import { listFilesInfiniteOptions } from "CLIENT/query.js";
export const o = listFilesInfiniteOptions(createBaseClient({ apiKey: "k" }), {});`,
  },
  stream: {
    call: `import { createBaseClient, createChatCompletion } from "CLIENT/index.js";
export const r = createChatCompletion(createBaseClient({ apiKey: "k" }), { body: { model: "m", messages: [], stream: true } });`,
    option: `import { createBaseClient } from "CLIENT/index.js";
import { createChatCompletionStreamOptions } from "CLIENT/query.js";
export const o = createChatCompletionStreamOptions(createBaseClient({ apiKey: "k" }), { body: { model: "m", messages: [] } });`,
  },
  invalidatesAfter: {
    call: `import { createBaseClient, deleteFile } from "CLIENT/index.js";
export const r = deleteFile(createBaseClient({ apiKey: "k" }), { file_id: "f" });`,
    option: `import { createBaseClient } from "CLIENT/index.js";
import { deleteFileMutation, invalidatesAfter } from "CLIENT/query.js";
export const o = [deleteFileMutation(createBaseClient({ apiKey: "k" })), invalidatesAfter];`,
  },
};

async function gzipBytes(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: "query-bundle.js", loader: "js" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    external: ["@tanstack/query-core"],
    nodePaths: [path.join(root, "node_modules")],
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

export async function queryRow(document, { runs = 5, warmup = 1, log } = {}) {
  const dir = await tmpDir("query");
  const config = path.join(dir, "query.config.json");
  await writeFile(config, JSON.stringify({ query: "tanstack" }));
  const client = path.join(dir, "client");
  expectExit0("our generate", await runNode([await generatorSnapshot(), "--input", document, "--output", client, "--config", config]));
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }) + "\n");
  for (const [name, text] of Object.entries(PROGRAMS)) await writeFile(path.join(dir, `${name}.ts`), text);

  const tsc = path.join(root, TSC);
  const sides = Object.keys(PROGRAMS).map((key) => ({
    key,
    run: async () => {
      const r = await runNode([tsc, ...TSC_FLAGS, `${key}.ts`], { cwd: dir });
      if (r.code !== 0) throw new Error(`tsc ${key}.ts exited ${r.code}: ${r.stdout.slice(0, 600)}`);
      const d = diagnostics(r.stdout);
      return { ms: r.ms, checkS: d.checkS, types: d.types, files: d.files };
    },
  }));
  const got = await interleave(sides, { runs, warmup, log });
  const ms = (key) => (got[key].error ? [] : got[key].samples.map((x) => x?.ms));

  const bundles = {};
  for (const [key, { call, option }] of Object.entries(BUNDLES)) {
    const [callBytes, optionBytes] = [
      await gzipBytes(call.replaceAll("CLIENT", client)),
      await gzipBytes(option.replaceAll("CLIENT", client)),
    ];
    bundles[key] = { callGzipBytes: callBytes, withQueryGzipBytes: optionBytes, extraGzipBytes: optionBytes - callBytes };
  }
  return {
    document,
    command: `tsc ${TSC_FLAGS.join(" ")} <file>.ts`,
    programs: PROGRAMS,
    typecheck: Object.fromEntries(
      Object.keys(PROGRAMS).map((k) => {
        const s = got[k].samples;
        return [
          k,
          {
            wallMs: median(ms(k)),
            checkTimeS: median(s.map((x) => x?.checkS)),
            types: median(s.map((x) => x?.types)),
            files: median(s.map((x) => x?.files)),
            samples: ms(k).map(Math.round),
            error: got[k].error,
          },
        ];
      }),
    ),
    ratios: {
      oneQueryVsOneCall: pairedRatio(ms("oneQuery"), ms("oneCall")),
      oneQueryVsOneCallBesideTanstack: pairedRatio(ms("oneQuery"), ms("oneCallBesideTanstack")),
    },
    bundles,
    esbuild: "bundle, minify, platform browser, format esm, @tanstack/query-core external; gzip: node:zlib level 9",
  };
}

export function renderQuery(row) {
  const names = {
    oneCall: "one call: api.retrieveFile(params)",
    oneQuery: "one query: fetchQuery(retrieveFileOptions(api, params))",
    oneCallBesideTanstack: "one call, and new QueryClient()",
  };
  const bundleNames = {
    query: "retrieveFileOptions over retrieveFile",
    infinite: "listFilesInfiniteOptions over listFiles",
    stream: "createChatCompletionStreamOptions over createChatCompletion",
    invalidatesAfter: "deleteFileMutation + invalidatesAfter (the table) over deleteFile",
  };
  return [
    `11. TanStack Query (query.js), ${path.basename(row.document)}: type-check (${row.command}) and bundle (${row.esbuild})`,
    table(
      ["program", "tsc ms", "check s", "types", "files", "samples"],
      Object.entries(row.typecheck).map(([k, s]) => [
        names[k],
        s.error ? "failed" : fmt.ms(s.wallMs),
        s.checkTimeS?.toFixed(2) ?? "-",
        fmt.int(s.types),
        fmt.int(s.files),
        s.samples.join(" "),
      ]),
    ),
    `  one query vs one call: ${fmt.x(row.ratios.oneQueryVsOneCall)} (target <= 1.1x); vs the call beside a QueryClient: ${fmt.x(row.ratios.oneQueryVsOneCallBesideTanstack)}`,
    table(
      ["bundle", "call KB gz", "with query.js KB gz", "extra KB gz"],
      Object.entries(row.bundles).map(([k, b]) => [
        bundleNames[k],
        fmt.kb(b.callGzipBytes),
        fmt.kb(b.withQueryGzipBytes),
        fmt.signedKb(b.extraGzipBytes),
      ]),
    ),
  ].join("\n");
}

if (process.argv[1] === here) {
  const options = {
    runs: { type: "string", default: "5" },
    warmup: { type: "string", default: "1" },
    document: { type: "string", default: path.resolve(root, "../shared/specs/openai.yaml") },
  };
  const { values } = parseArgs({ options });
  const log = (line) => process.stderr.write(line + "\n");
  const row = await queryRow(values.document, { runs: Number(values.runs), warmup: Number(values.warmup), log });
  process.stdout.write(renderQuery(row) + "\n" + JSON.stringify(row.bundles) + "\n");
}
