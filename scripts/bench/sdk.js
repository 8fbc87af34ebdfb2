// Row 11: what the opt-in SDK files cost: resource namespaces ("namespaces"), mocks ("mocks") and
// api.md (always written). For a user who does not use them (target: nothing) and one who does:
// - bundle: the browser app of row 5 against a folder generated with and without each setting, the
//   one-operation program (createBaseClient), and a test bundle with the mocks and msw/browser;
// - type-check: a one-call program against the full OpenAI client with and without them, a call
//   through a namespace, and a handler with an override (tsc, strict, sides interleaved);
// - generation time of the full OpenAI document with both on, and api.md's size on OpenAI and GitHub.
import { existsSync, readdirSync, statSync } from "node:fs";
import { mkdir, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { BUNDLES } from "./entries.js";
import { TSC_FLAGS } from "./typecheck.js";
import { TSC, expectExit0, generatorSnapshot, interleave, median, pairedRatio, root, runNode, tmpDir } from "./util.js";

const UPLOADS = "spec/openai-uploads.yaml";
const SETTINGS = { plain: {}, namespaces: { namespaces: "paths" }, mocks: { mocks: true }, both: { namespaces: "paths", mocks: true } };

async function generateWith(doc, settings, dir, name) {
  const config = path.join(dir, `${name}.config.json`);
  await writeFile(config, JSON.stringify(settings));
  const out = path.join(dir, name);
  const r = await runNode([await generatorSnapshot(), "--input", doc, "--output", out, "--config", config]);
  expectExit0(`generating ${doc} (${name})`, r);
  return { out, ms: r.ms };
}

async function gzipBytes(contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, sourcefile: "entry.ts", loader: "ts" },
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    write: false,
    nodePaths: [path.join(root, "node_modules")],
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

const APP = BUNDLES.ours;
const APP_NAMESPACED = APP.replaceAll("api.createUpload(", "api.uploads.create(")
  .replaceAll("api.addUploadPart(", "api.uploads.parts.create(")
  .replaceAll("api.completeUpload(", "api.uploads.complete(")
  .replaceAll("api.cancelUpload(", "api.uploads.cancel(");
const ONE = BUNDLES.oursOneOperation;
const MOCKS_TEST = `import { setupWorker } from "msw/browser";
import { handlers } from "./generated/openai-uploads/mocks.js";
export const worker = setupWorker(...handlers);
`;
const MSW_ALONE = `import { setupWorker } from "msw/browser";
import { http, HttpResponse } from "msw";
export const worker = setupWorker(http.post("https://api.openai.com/v1/uploads/:id/cancel", () => HttpResponse.json({})));
`;

async function bundleSides(log) {
  const dir = await tmpDir("sdk-bundle");
  const folders = {};
  for (const [name, settings] of Object.entries(SETTINGS)) folders[name] = (await generateWith(UPLOADS, settings, dir, name)).out;
  // Each program imports "./generated/openai-uploads/…": resolved inside the folder named.
  const against = async (program, folder) => {
    const base = path.join(dir, `program-${path.basename(folder)}`);
    await mkdir(path.join(base, "generated"), { recursive: true });
    if (!existsSync(path.join(base, "generated", "openai-uploads")))
      await symlink(folder, path.join(base, "generated", "openai-uploads"), "dir");
    return gzipBytes(program, base);
  };
  log("   bundles");
  const sides = {
    app: await against(APP, folders.plain),
    appInNamespacesFolder: await against(APP, folders.namespaces),
    appNamespaced: await against(APP_NAMESPACED, folders.namespaces),
    appInMocksFolder: await against(APP, folders.mocks),
    oneOperation: await against(ONE, folders.plain),
    oneOperationInBothFolder: await against(ONE, folders.both),
    mocksTest: await against(MOCKS_TEST, folders.mocks),
    mswAlone: await against(MSW_ALONE, folders.mocks),
  };
  return {
    gzipBytes: sides,
    namespacesCostToCreateClient: sides.appInNamespacesFolder - sides.app,
    namespacedCallsCost: sides.appNamespaced - sides.app,
    mocksCostToApp: sides.appInMocksFolder - sides.app,
    bothCostToOneOperation: sides.oneOperationInBothFolder - sides.oneOperation,
    mocksOwnBytes: sides.mocksTest - sides.mswAlone,
  };
}

const PROGRAMS = {
  flat: (folder) => `import { createClient } from "./${folder}/index.js";
const api = createClient({ apiKey: "k" });
const u = await api.cancelUpload({ upload_id: "u" });
u.status;
`,
  namespaced: (folder) => `import { createClient } from "./${folder}/index.js";
const api = createClient({ apiKey: "k" });
const u = await api.uploads.cancel({ upload_id: "u" });
u.status;
`,
  mocks: (folder) => `import { handleCancelUpload } from "./${folder}/mocks.js";
export const handler = handleCancelUpload({ status: 404, error: { error: { message: "m", type: "t", param: null, code: null } } });
`,
};

async function typecheckSides(openaiDoc, { runs, warmup, log }) {
  const dir = await tmpDir("sdk-typecheck");
  log("   generating the OpenAI client without and with namespaces and mocks");
  const plain = await generateWith(openaiDoc, {}, dir, "plain");
  const both = await generateWith(openaiDoc, SETTINGS.both, dir, "both");
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }) + "\n");
  const programs = {
    flatPlain: PROGRAMS.flat("plain"),
    flatInBoth: PROGRAMS.flat("both"),
    namespaced: PROGRAMS.namespaced("both"),
    mocks: PROGRAMS.mocks("both"),
  };
  for (const [name, text] of Object.entries(programs)) await writeFile(path.join(dir, `${name}.ts`), text);
  const tsc = path.join(root, TSC);
  const sides = Object.keys(programs).map((key) => ({
    key,
    run: async () => {
      const r = await runNode([tsc, ...TSC_FLAGS, `${key}.ts`], { cwd: dir });
      if (r.code !== 0) throw new Error(`tsc ${key}.ts exited ${r.code}: ${r.stdout.slice(0, 600)}`);
      // tsc's own counts: the work a program costs, whatever else the machine is doing.
      const count = (name) => Number(new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(r.stdout)?.[1]);
      return { ms: r.ms, types: count("Types"), files: count("Files"), checkS: count("Check time") };
    },
  }));
  const got = await interleave(sides, { runs, warmup, log });
  const ms = (key) => (got[key].error ? [] : got[key].samples.map((x) => x?.ms));
  const sizes = (folder) => {
    const files = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(folder, f)).isFile());
    return Object.fromEntries(
      ["api.md", "mocks.js", "resources.d.ts", "resources.js"]
        .map((f) => [f, existsSync(path.join(folder, f)) ? statSync(path.join(folder, f)).size : 0])
        .concat([["folder", files.reduce((n, f) => n + statSync(path.join(folder, f)).size, 0)]]),
    );
  };
  return {
    document: openaiDoc,
    command: `tsc ${TSC_FLAGS.join(" ")} <file>.ts`,
    programs,
    wallMs: Object.fromEntries(Object.keys(programs).map((k) => [k, median(ms(k))])),
    types: Object.fromEntries(Object.keys(programs).map((k) => [k, median(got[k].samples.map((x) => x?.types))])),
    files: Object.fromEntries(Object.keys(programs).map((k) => [k, median(got[k].samples.map((x) => x?.files))])),
    checkS: Object.fromEntries(Object.keys(programs).map((k) => [k, median(got[k].samples.map((x) => x?.checkS))])),
    errors: Object.fromEntries(Object.keys(programs).flatMap((k) => (got[k].error ? [[k, String(got[k].error)]] : []))),
    ratios: {
      flatInBothVsFlatPlain: pairedRatio(ms("flatInBoth"), ms("flatPlain")),
      namespacedVsFlatPlain: pairedRatio(ms("namespaced"), ms("flatPlain")),
      mocksVsFlatPlain: pairedRatio(ms("mocks"), ms("flatPlain")),
    },
    generateMs: { plain: plain.ms, both: both.ms },
    bytes: { plain: sizes(plain.out), both: sizes(both.out) },
  };
}

async function referenceDocSize(doc) {
  if (!existsSync(doc)) return { skipped: `${doc} not found` };
  const dir = await tmpDir("sdk-apimd");
  const { out } = await generateWith(doc, {}, dir, "plain");
  const files = readdirSync(out, { recursive: true, encoding: "utf8" }).filter((f) => statSync(path.join(out, f)).isFile());
  const folder = files.reduce((n, f) => n + statSync(path.join(out, f)).size, 0);
  const apiMd = statSync(path.join(out, "api.md")).size;
  return { apiMdBytes: apiMd, folderBytes: folder, share: apiMd / folder };
}

export async function sdkRow(openaiDoc, githubDoc, shared) {
  const row = { bundle: await bundleSides(shared.log) };
  if (existsSync(openaiDoc)) {
    row.typecheck = await typecheckSides(openaiDoc, shared);
    shared.log("   api.md on GitHub");
    row.apiMd = {
      openai: {
        apiMdBytes: row.typecheck.bytes.plain["api.md"],
        folderBytes: row.typecheck.bytes.plain.folder,
        share: row.typecheck.bytes.plain["api.md"] / row.typecheck.bytes.plain.folder,
      },
      github: await referenceDocSize(githubDoc),
    };
  } else row.skipped = `${openaiDoc} not found: the type-check and api.md sides`;
  return row;
}

const kb = (n) => (n === undefined ? "-" : `${(n / 1024).toFixed(1)} KB`);
const sign = (n) => (n === undefined ? "-" : `${n >= 0 ? "+" : ""}${n} B`);

export function renderSdk(row) {
  const b = row.bundle;
  const lines = [
    "SDK files (row 11): what namespaces, mocks and api.md cost a user who does not use them (target: nothing) and one who does.",
    `bundle, gzip: the Uploads app ${b.gzipBytes.app} B; its folder generated with namespaces ${sign(b.namespacesCostToCreateClient)} (createClient binds them), the app written with them ${sign(b.namespacedCallsCost)};`,
    `  generated with mocks ${sign(b.mocksCostToApp)}; one operation (createBaseClient) in a folder with both ${sign(b.bothCostToOneOperation)};`,
    `  a test bundle with every handler and msw/browser ${b.gzipBytes.mocksTest} B, of which the mocks ${sign(b.mocksOwnBytes)} beside msw alone (${b.gzipBytes.mswAlone} B).`,
  ];
  const t = row.typecheck;
  if (t) {
    const ms = (k) => `${Math.round(t.wallMs[k])} ms, ${t.types[k]} types, ${t.files[k]} files, check ${t.checkS[k]} s`;
    const x = (v) => (v === undefined ? "-" : `${v.toFixed(3)}x`);
    lines.push(
      `tsc over the full OpenAI client: one flat call ${ms("flatPlain")}; the same in a folder with namespaces and mocks ${ms("flatInBoth")} (${x(t.ratios.flatInBothVsFlatPlain)});`,
      `  the call through api.uploads.cancel ${ms("namespaced")} (${x(t.ratios.namespacedVsFlatPlain)}); a handler with a typed override ${ms("mocks")} (${x(t.ratios.mocksVsFlatPlain)}).`,
      `generation of OpenAI: ${(t.generateMs.plain / 1000).toFixed(1)} s without, ${(t.generateMs.both / 1000).toFixed(1)} s with namespaces and mocks (one run each); mocks.js ${kb(t.bytes.both["mocks.js"])}, resources.d.ts ${kb(t.bytes.both["resources.d.ts"])}, resources.js ${kb(t.bytes.both["resources.js"])}.`,
    );
  }
  if (row.apiMd) {
    const share = (s) =>
      s.skipped ? s.skipped : `${kb(s.apiMdBytes)} (${(s.share * 100).toFixed(1)}% of the folder's ${kb(s.folderBytes)})`;
    lines.push(`api.md: OpenAI ${share(row.apiMd.openai)}; GitHub ${share(row.apiMd.github)}.`);
  }
  if (row.skipped) lines.push(`SKIPPED: ${row.skipped}`);
  return lines.join("\n");
}
