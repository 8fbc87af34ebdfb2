#!/usr/bin/env node
// Mock conformance: for each real document (../shared/specs/, or the ones named), generates the client
// with `"mocks": true` and `"validators": true`, then asks every handler of mocks.js for its answer
// (MSW's own `handler.run`, with a request to the operation's URL) and checks each 2xx JSON body with
// the generated validators (validators.js): every example the generator builds must pass them. The
// generator also checks the error bodies it builds, with the same compiled checks, and names any it
// could not make valid in the header of mocks.js; those are counted here as "refused by the document".
// `npm run conformance:mocks [-- docs...]`; exits 1 when an answer fails the validators.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const specs = path.resolve(root, "../shared/specs");
const ALL = ["openai.yaml", "github.json", "stripe.json", "kubernetes.json", "box.json", "twilio.json"];
const documents =
  process.argv.slice(2).length > 0 ? process.argv.slice(2).map((f) => path.resolve(f)) : ALL.map((n) => path.join(specs, n));
const missing = documents.filter((f) => !existsSync(f));
if (missing.length > 0) {
  console.error(`conformance:mocks: not run, ${missing.join(" and ")} not found.`);
  process.exit(1);
}

/** A URL of the operation: the document's server and its path, each parameter a plain value. */
const urlOf = (baseUrl, op) => {
  const base = (baseUrl.startsWith("//") ? `https:${baseUrl}` : baseUrl || "https://api.example").replace(/\/+$/, "");
  return `${base}${op.path.replace(/[#?].*$/, "").replace(/\{[^}]*\}/g, "x1")}`;
};

const work = mkdtempSync(path.join(os.tmpdir(), "ocg-mocks-"));
let failures = 0;
try {
  writeFileSync(path.join(work, "package.json"), JSON.stringify({ type: "module" }));
  symlinkSync(path.join(root, "node_modules"), path.join(work, "node_modules"), "dir");
  writeFileSync(path.join(work, "config.json"), JSON.stringify({ validators: true, mocks: true }));
  console.log("document        operations  2xx JSON  valid  invalid  refused by the document  generate  mocks.js");
  for (const file of documents) {
    const name = path.basename(file).replace(/\.(ya?ml|json)$/, "");
    const out = path.join(work, name);
    const started = performance.now();
    const gen = spawnSync(
      process.execPath,
      [path.join(root, "scripts/generate.js"), "--input", file, "--output", out, "--config", path.join(work, "config.json")],
      {
        cwd: root,
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    const seconds = (performance.now() - started) / 1000;
    if (gen.status !== 0) {
      failures++;
      console.log(`${name.padEnd(15)} generation failed\n${gen.stderr.trim()}`);
      continue;
    }
    const manifest = JSON.parse(readFileSync(path.join(out, "api.json"), "utf8"));
    const source = readFileSync(path.join(out, "mocks.js"), "utf8");
    const baseUrl = JSON.parse(/^const baseUrl = (.*);$/m.exec(source)[1]);
    const refused = (/^\/\/ Refused by the document's own schemas[^\n]*: (.*)$/m.exec(source)?.[1] ?? "").split(", ").filter(Boolean);
    // Each operation's checks, exported under its name: `.responses[status](body)` gives the issues.
    const validators = await import(pathToFileURL(path.join(out, "validators.js")).href);
    const mocks = await import(pathToFileURL(path.join(out, "mocks.js")).href);
    let checked = 0;
    const invalid = [];
    for (const op of manifest.operations) {
      const handlerName = `handle${op.name[0].toUpperCase()}${op.name.slice(1)}`;
      const handler = mocks[handlerName]?.();
      if (!handler) {
        invalid.push(`${op.name}: no ${handlerName} in mocks.js`);
        continue;
      }
      const request = new Request(urlOf(baseUrl, op), {
        method: op.method.toUpperCase(),
        ...(["GET", "HEAD"].includes(op.method.toUpperCase()) ? {} : { body: "{}", headers: { "content-type": "application/json" } }),
      });
      const result = await handler.run({ request, requestId: `${op.name}` });
      const response = result?.response;
      if (!response) {
        invalid.push(`${op.name}: the handler did not answer ${request.method} ${request.url}`);
        continue;
      }
      const responses = validators[op.name]?.responses ?? {};
      const check = responses[String(response.status)] ?? responses[`${String(response.status)[0]}XX`];
      if (!check || !/json/i.test(response.headers.get("content-type") ?? "")) continue;
      checked++;
      const issues = check(await response.json());
      if (issues.length > 0 && !refused.includes(`${op.name} ${response.status}`))
        invalid.push(`${op.name} ${response.status}: ${issues[0].path} ${issues[0].message}`);
    }
    if (invalid.length > 0) failures++;
    const size = `${(statSync(path.join(out, "mocks.js")).size / 1024).toFixed(0)} KB`;
    console.log(
      `${name.padEnd(15)} ${String(manifest.operations.length).padStart(10)}  ${String(checked).padStart(8)}  ${String(checked - invalid.length).padStart(5)}  ${String(invalid.length).padStart(7)}  ${String(refused.length).padStart(23)}  ${seconds.toFixed(1).padStart(6)} s  ${size.padStart(8)}`,
    );
    for (const line of invalid.slice(0, 10)) console.log(`  invalid: ${line}`);
    for (const line of refused) console.log(`  refused by the document: ${line}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failures > 0 ? 1 : 0);
