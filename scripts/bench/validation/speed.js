#!/usr/bin/env node
// Validation speed: ns per validation of a request body, valid and invalid (issues collected), for
// each engine. Engines run in one process, interleaved: every round runs every engine on every input
// once, in an order rotated by the round; each sample is one timed batch sized during the warm-up to
// take about 20 ms. Reported: the median of the rounds, and how many rounds.
//   node scripts/bench/validation/speed.js [--rounds 21] [--warmup 3]
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { ENGINES, heyApiZod, heyName, zod } from "./engines.js";
import { CHAT_INVALID, CHAT_VALID, largestBodies, loadInput, sample, spoil } from "./inputs.js";
import { SPECS } from "./paths.js";

const escapePointer = (s) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const bodyPointer = (op) => `#/operations/${escapePointer(op)}/request/properties/body`;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const UPLOAD_VALID = {
  filename: "a.jsonl",
  purpose: "fine-tune",
  bytes: 2147483648,
  mime_type: "text/jsonl",
  expires_after: { anchor: "created_at", seconds: 3600 },
};
const UPLOAD_INVALID = { ...UPLOAD_VALID, bytes: "ten", expires_after: { anchor: "created_at", seconds: 60 } };

/** The cases: { doc, op, pointer, zodName, valid, invalid }; the shared documents' only when they are there. */
export async function speedCases({ githubBodies = 3, shared = existsSync(path.join(SPECS, "openai.yaml")) } = {}) {
  const uploads = await loadInput("spec/openai-uploads.yaml");
  const cases = [{ input: uploads, op: "createUpload", label: "Upload createUpload body", valid: UPLOAD_VALID, invalid: UPLOAD_INVALID }];
  if (shared) {
    const openai = await loadInput("openai.yaml");
    const github = await loadInput("github.json");
    cases.push({
      input: openai,
      op: "createChatCompletion",
      label: "OpenAI CreateChatCompletionRequest",
      valid: CHAT_VALID,
      invalid: CHAT_INVALID,
    });
    for (const { name, size } of largestBodies(github.bundle, githubBodies)) {
      const valid = sample(github.bundle.schema, github.bundle.schema.operations[name].request.properties.body);
      cases.push({
        input: github,
        op: name,
        label: `GitHub ${name} (resolved schema ${Math.round(size / 1024)} KB)`,
        valid,
        invalid: spoil(valid),
      });
    }
  }
  for (const c of cases) {
    c.pointer = bodyPointer(c.op);
    c.zodName = `z${heyName(c.op)}Body`;
  }
  return cases;
}

function timeBatch(fn, value, n) {
  let sink = 0;
  const start = performance.now();
  for (let i = 0; i < n; i++) sink += fn(value).length;
  const ms = performance.now() - start;
  return { nsPerOp: (ms * 1e6) / n, sink };
}

export async function speedFigures({ rounds = 21, warmup = 3, log = () => {}, shared } = {}) {
  const cases = await speedCases({ shared });
  const docs = [...new Set(cases.map((c) => c.input))];
  // Loaded validators: engine → case → fn.
  const fns = {};
  const agreement = [];
  for (const engine of ENGINES) {
    fns[engine.key] = [];
    for (const input of docs) {
      const mine = cases.filter((c) => c.input === input);
      let get;
      if (engine === zod) {
        const dir = mkdtempSync(path.join(os.tmpdir(), "zod-"));
        log(`  generating zod for ${input.name}`);
        try {
          get = await zod.load(input, undefined, { source: heyApiZod(input.file, { out: dir }) });
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      } else
        get = await engine.load(
          input,
          mine.map((c) => c.pointer),
        );
      for (const c of mine) {
        let fn;
        try {
          fn = get(engine === zod ? c.zodName : c.pointer);
        } catch (err) {
          fn = undefined;
          agreement.push(`${engine.key} ${c.label}: ${err.message}`);
        }
        const idx = cases.indexOf(c);
        fns[engine.key][idx] = fn;
        if (fn) {
          const v = fn(c.valid).length;
          const i = fn(c.invalid).length;
          if (v !== 0)
            agreement.push(`${engine.key} ${c.label}: the valid value has ${v} issues: ${JSON.stringify(fn(c.valid).slice(0, 2))}`);
          if (i === 0) agreement.push(`${engine.key} ${c.label}: the invalid value passes`);
          c.issues = { ...c.issues, [engine.key]: i };
        }
      }
    }
  }
  const keys = ENGINES.map((e) => e.key);
  const samples = {};
  const sizes = {};
  for (let round = 0; round < warmup + rounds; round++) {
    const order = keys.map((_, i) => keys[(i + round) % keys.length]);
    for (const [ci, c] of cases.entries()) {
      for (const key of order) {
        const fn = fns[key][ci];
        if (!fn) continue;
        for (const kind of ["valid", "invalid"]) {
          const id = `${key}|${ci}|${kind}`;
          if (round === 0) {
            // Size the batch: about 20 ms.
            let n = 16;
            while (timeBatch(fn, c[kind], n).nsPerOp * n < 5e6 && n < 1 << 22) n *= 2;
            sizes[id] = Math.max(16, Math.round((n * 20e6) / (timeBatch(fn, c[kind], n).nsPerOp * n)));
          }
          const { nsPerOp } = timeBatch(fn, c[kind], sizes[id]);
          if (round >= warmup) (samples[id] ??= []).push(nsPerOp);
        }
      }
    }
    log(`  round ${round + 1}/${warmup + rounds}${round < warmup ? " (warm-up)" : ""}`);
  }
  const rows = cases.map((c, ci) => {
    const row = {
      case: c.label,
      bytes: { valid: JSON.stringify(c.valid).length, invalid: JSON.stringify(c.invalid).length },
      issues: c.issues,
      engines: {},
    };
    for (const key of keys) {
      const v = samples[`${key}|${ci}|valid`];
      const i = samples[`${key}|${ci}|invalid`];
      row.engines[key] = v
        ? {
            validNs: median(v),
            invalidNs: median(i),
            rounds: v.length,
            batch: { valid: sizes[`${key}|${ci}|valid`], invalid: sizes[`${key}|${ci}|invalid`] },
          }
        : { error: "not available" };
    }
    return row;
  });
  return {
    method: `median of ${rounds} interleaved rounds after ${warmup} warm-up rounds; one sample = ns per call over a ~20 ms batch; engine order rotated each round; all-errors mode everywhere`,
    node: process.version,
    cpu: os.cpus()[0]?.model,
    rows,
    agreement,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "21" },
      warmup: { type: "string", default: "3" },
      json: { type: "boolean", default: false },
    },
  });
  const figures = await speedFigures({
    rounds: Number(values.rounds),
    warmup: Number(values.warmup),
    log: (l) => process.stderr.write(l + "\n"),
  });
  if (values.json) console.log(JSON.stringify(figures, null, 2));
  else {
    console.log(figures.method);
    for (const r of figures.rows) {
      console.log(`\n${r.case} (${r.bytes.valid} bytes)`);
      for (const [k, e] of Object.entries(r.engines))
        console.log(
          `  ${k.padEnd(9)} ${e.error ?? `valid ${(e.validNs / 1000).toFixed(2)} µs, invalid ${(e.invalidNs / 1000).toFixed(2)} µs (n=${e.rounds}, issues ${r.issues?.[k]})`}`,
        );
    }
    for (const a of figures.agreement) console.log("note: " + a);
  }
}
