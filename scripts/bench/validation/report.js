#!/usr/bin/env node
// Markdown tables from bench/validation.json: node scripts/bench/validation/report.js [file]
import { readFileSync } from "node:fs";
import path from "node:path";
import { root } from "./paths.js";

const ENGINES = ["ours", "ajv", "cfworker", "zod", "zodMini"];
const LABEL = {
  ours: "own emitter",
  ajv: "ajv standalone",
  cfworker: "@cfworker/json-schema",
  zod: "zod 4 (hey-api)",
  zodMini: "zod/mini (hey-api)",
};
const kb = (n) => (n === undefined ? "–" : n >= 1e6 ? `${(n / 1e6).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);
const us = (ns) => (ns === undefined ? "–" : ns >= 1e5 ? `${Math.round(ns / 1000)} µs` : `${(ns / 1000).toFixed(2)} µs`);
const s = (ms) => (ms === undefined ? "–" : ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

export function render(f) {
  const out = [];
  const row = (cells) => out.push(`| ${cells.join(" | ")} |`);
  out.push(
    `Node ${f.meta.node}, ${f.meta.cpus} × ${f.meta.cpu}; load average ${f.meta.loadAverageAtStart?.map((x) => x.toFixed(1)).join(" ")} at start, ${f.meta.loadAverageAtEnd?.map((x) => x.toFixed(1)).join(" ")} at end.`,
    "",
  );

  out.push("### Validation speed (per call; valid / invalid with all issues collected)", "", f.speed.method + ".", "");
  row(["input", ...ENGINES.filter((e) => f.speed.rows[0].engines[e]).map((e) => LABEL[e])]);
  row(["---", ...ENGINES.filter((e) => f.speed.rows[0].engines[e]).map(() => "---")]);
  for (const r of f.speed.rows) {
    row([
      `${r.case}, ${r.bytes.valid} B`,
      ...ENGINES.filter((e) => r.engines[e]).map((e) => {
        const x = r.engines[e];
        return x.error ? x.error : `${us(x.validNs)} / ${us(x.invalidNs)} (${r.issues?.[e]} issues, n=${x.rounds})`;
      }),
    ]);
  }
  if (f.speed.agreement.length) out.push("", "Disagreements:", ...f.speed.agreement.map((a) => `- ${a.slice(0, 400)}`));

  out.push("", "### Generated size and time to generate", "", f.generate.method + ".", "");
  row(["document", "engine", "time", "files", "bytes", "gzip -9"]);
  row(["---", "---", "---", "---", "---", "---"]);
  for (const r of f.generate.rows) {
    for (const e of ENGINES) {
      const x = r.engines[e];
      if (!x) continue;
      if (x.error) {
        row([r.document, LABEL[e], "error", x.error.slice(0, 120), "", ""]);
        continue;
      }
      const files = Object.entries(x.files ?? {});
      row([
        r.document,
        LABEL[e],
        `${s(x.ms)} (n=${x.samples})`,
        files.map(([n]) => n).join(", "),
        kb(files.reduce((a, [, v]) => a + v.bytes, 0)),
        kb(files.reduce((a, [, v]) => a + v.gzipBytes, 0)),
      ]);
    }
  }

  out.push("", "### Bundle: the four Upload operations' validators and the engine's runtime", "", f.bundle.esbuild + ".", "");
  row(["engine", "minified", "gzip", "runtime it pulls in"]);
  row(["---", "---", "---", "---"]);
  for (const [k, x] of Object.entries(f.bundle.sides))
    row([
      LABEL[k] ?? "openapi-fetch alone (for scale)",
      x.error ? "error" : kb(x.minBytes),
      x.error ? x.error.slice(0, 100) : kb(x.gzipBytes),
      x.runtime ?? "",
    ]);

  out.push("", "### tsc --strict on the output", "", f.typecheck.method + ".", "");
  row(["document", "engine", "passes", "errors", "tsc time", "tsc memory", "first error"]);
  row(["---", "---", "---", "---", "---", "---", "---"]);
  for (const r of f.typecheck.rows) {
    for (const e of ENGINES) {
      const x = r.engines[e];
      if (!x) continue;
      row([
        r.document,
        LABEL[e],
        x.note ? "n/a" : x.error ? "error" : x.passes ? "yes" : "no",
        x.errors ?? "",
        s(x.tscMs),
        x.memoryMB ? `${x.memoryMB} MB` : "",
        (x.note ?? x.error ?? x.firstError ?? "").replace(/\|/g, "\\|").slice(0, 140),
      ]);
    }
  }

  out.push("", "### JSON Schema Test Suite", "", `Skipped: ${f.suite.skippedFiles}`, "");
  row(["dialect", "tests", ...ENGINES.filter((e) => f.suite.dialects[0].totals[e]).map((e) => LABEL[e])]);
  row(["---", "---", ...ENGINES.filter((e) => f.suite.dialects[0].totals[e]).map(() => "---")]);
  for (const d of f.suite.dialects)
    row([
      d.dialect,
      `${d.tests} (+${d.skippedTests} skipped)`,
      ...ENGINES.filter((e) => d.totals[e]).map((e) => `${d.totals[e].pass} pass, ${d.totals[e].fail} fail`),
    ]);
  return out.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? path.join(root, "bench", "validation.json");
  process.stdout.write(render(JSON.parse(readFileSync(file, "utf8"))) + "\n");
}
