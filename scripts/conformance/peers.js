#!/usr/bin/env node
// The peers' own fixtures: every document of a folder (hey-api's `specs/3.0.x` and `specs/3.1.x`,
// kept outside this project) that openapi-typescript accepts must generate here, and the folder
// must type-check under `strict` without `skipLibCheck`.
//
//   node scripts/conformance/peers.js <folder>... [--json out.json]
//
// Bring the fixtures with git, e.g. `git archive HEAD specs/3.0.x specs/3.1.x | tar -x -C /tmp/peers`
// in a clone of hey-api/openapi-ts. Each document is read by openapi-typescript first (its
// `openapiTS`, which lints and bundles as its command line does); one it refuses is skipped, with
// its reason. The rest are generated into .tmp/peers/ and compiled by one real `tsc` per batch.
// Exits 1 when an accepted document fails to generate or to type-check.
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureBuilt } from "../generate.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const out = path.join(root, ".tmp", "peers");
const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const json = jsonAt === -1 ? undefined : args[jsonAt + 1];
const folders = args.filter((a, i) => !a.startsWith("--") && i !== jsonAt + 1);
if (folders.length === 0) {
  console.error("usage: node scripts/conformance/peers.js <folder>... [--json out.json]");
  process.exit(2);
}
ensureBuilt();
const { default: openapiTS } = await import("openapi-typescript");
const { main } = await import("../../dist/cli/main.js");

const STRICT = {
  strict: true,
  noEmit: true,
  target: "es2022",
  lib: ["es2022", "dom"],
  types: [],
  skipLibCheck: false,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  module: "nodenext",
  moduleResolution: "nodenext",
};

const rows = [];
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
writeFileSync(path.join(out, "package.json"), JSON.stringify({ type: "module" }));
for (const folder of folders) {
  const files = readdirSync(folder)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort();
  for (const name of files) {
    const file = path.resolve(folder, name);
    const row = { document: `${path.basename(folder)}/${name}` };
    rows.push(row);
    try {
      await openapiTS(pathToFileURL(file), { silent: true });
    } catch (err) {
      row.openapiTypescript = `refused: ${String(err.message).split("\n")[0].slice(0, 160)}`;
      continue;
    }
    row.openapiTypescript = "accepted";
    const dir = `${path.basename(folder)}_${name.replace(/\.(ya?ml|json)$/, "")}`.replace(/[^\w.-]/g, "_");
    let err = "";
    const code = await main(["--input", file, "--output", path.join(out, dir)], { out: () => {}, err: (t) => void (err += t) }, root);
    row.generated = code === 0 ? "yes" : `no: ${err.replace(/\s+/g, " ").slice(0, 300)}`;
    if (code === 0) row.folder = dir;
  }
}

// One tsc per batch of folders: most of a run is tsc's start.
const generated = rows.filter((r) => r.folder);
const BATCH = 40;
for (let i = 0; i < generated.length; i += BATCH) {
  const batch = generated.slice(i, i + BATCH);
  const project = path.join(out, `tsconfig.${i / BATCH}.json`);
  writeFileSync(project, JSON.stringify({ compilerOptions: STRICT, files: batch.map((r) => path.join(out, r.folder, "index.d.ts")) }));
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", project], { encoding: "utf8" });
  const output = result.stdout + result.stderr;
  for (const r of batch) {
    const errors = output.split("\n").filter((l) => l.includes(`/${r.folder}/`) || l.startsWith(`${r.folder}/`));
    r.typeChecks = errors.length === 0 ? "yes" : `no: ${errors.slice(0, 3).join(" | ").slice(0, 400)}`;
  }
  if (result.status !== 0 && batch.every((r) => r.typeChecks === "yes"))
    for (const r of batch) r.typeChecks = `tsc failed: ${output.slice(0, 300)}`;
}

const accepted = rows.filter((r) => r.openapiTypescript === "accepted");
const failed = accepted.filter((r) => r.generated !== "yes" || r.typeChecks !== "yes");
for (const r of rows.filter((x) => x.openapiTypescript !== "accepted"))
  console.log(`skipped ${r.document}: openapi-typescript ${r.openapiTypescript}`);
for (const r of failed) console.log(`FAILED ${r.document}: generated ${r.generated}; type-checks ${r.typeChecks ?? "-"}`);
console.log(
  `${rows.length} documents; openapi-typescript accepts ${accepted.length}; generated and type-checked strictly: ${accepted.length - failed.length}; failed: ${failed.length}`,
);
if (json) writeFileSync(json, JSON.stringify(rows, null, 2));
process.exitCode = failed.length > 0 ? 1 : 0;
