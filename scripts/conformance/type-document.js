// The types suite for one document: generate its folder (validators on), sample every operation's
// params and 2xx bodies from the document, keep what the independent judge (openapi-ajv.js) says
// is valid or invalid, type-check them as literals against `<Op>Params` / `<Op>Result` in one strict
// program with the folder, and put the same samples through the generated validators.
//
//   node scripts/conformance/type-document.js <document> <report.json> [--fresh]
//
// (What types.js runs in a child process per document.) The report's shape is in README.md.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { ensureBuilt } from "../generate.js";
import { loadDocument, METHODS } from "./document.js";
import { createJudge } from "./openapi-ajv.js";
import { operationInputs } from "./operation-inputs.js";
import { Binary, createSampler } from "./sampler.js";
import { prepareFolder, typeNames } from "./type-client.js";
import { typeCheck, writeSamples } from "./type-program.js";
import { canonical, invalidCandidates, requestCandidates, responseCandidates } from "./type-samples.js";

const require = createRequire(import.meta.url);

/** The document as OpenAPI 3 (a Swagger 2.0 one converted as the generator converts it). */
export async function loadOpenApi(file) {
  const doc = loadDocument(file);
  if (doc?.swagger === undefined) return doc;
  const s2o = require("swagger2openapi");
  return s2o.convertObj(doc, { patch: true, warnOnly: true, anchors: true, resolve: false, direct: true });
}

function countOperations(doc) {
  let n = 0;
  for (const item of Object.values(doc.paths ?? {})) for (const m of METHODS) if (item?.[m]) n++;
  return n;
}

/** A value for the generated validators: bytes as a Blob, as the caller passes them. */
function forRuntime(v) {
  if (v instanceof Binary) return new Blob([v.text]);
  if (Array.isArray(v)) return v.map(forRuntime);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, forRuntime(x)]));
  return v;
}

/** The JSON of a sample's value (bytes marked), for the report. */
const plain = (v) => JSON.parse(canonical(v) ?? "null");

/**
 * The candidates of every operation, judged: { samples, dropped } where each sample is
 * { id, op, method, path, direction, status?, kind, at?, expect, value, type, base? } and
 * `dropped` lists candidates the judge did not confirm (with why).
 */
export function buildSamples(doc, api, names) {
  const sampler = createSampler(doc);
  const judge = createJudge(doc);
  const samples = [];
  const dropped = [];
  const operations = [];
  for (const op of api.operations) {
    const where = { op: op.name, method: op.method, path: op.path };
    const types = names.get(op.name);
    if (!types?.params) {
      dropped.push({ ...where, reason: "no …Params type found in operations.d.ts" });
      continue;
    }
    let inputs;
    try {
      inputs = operationInputs(doc, op);
    } catch (err) {
      dropped.push({ ...where, reason: err.message });
      continue;
    }
    operations.push(op.name);
    const check = judge.request(inputs);
    const valid = [];
    for (const c of requestCandidates(sampler, inputs)) {
      if (c.failed) {
        dropped.push({ ...where, direction: "request", kind: c.kind, reason: `cannot sample: ${c.failed}` });
        continue;
      }
      const verdict = check(c.value);
      if (verdict.ok !== true) {
        dropped.push({
          ...where,
          direction: "request",
          kind: c.kind,
          reason: verdict.error ?? "valid candidate rejected by the judge",
          errors: verdict.errors,
          value: plain(c.value),
        });
        continue;
      }
      const sample = {
        id: samples.length,
        ...where,
        direction: "request",
        kind: c.kind,
        expect: "valid",
        type: types.params,
        value: c.value,
      };
      if (c.alsoKinds) sample.alsoKinds = c.alsoKinds;
      samples.push(sample);
      valid.push({ sample, candidate: c });
    }
    // Invalid variants of the full and the required-only sample: each measured only while its base compiles.
    const seen = new Set();
    for (const base of valid.filter((v) => v.candidate.kind === "full" || v.candidate.kind === "required")) {
      for (const c of invalidCandidates(inputs, base.candidate)) {
        const key = canonical(c.value);
        if (seen.has(key)) continue;
        seen.add(key);
        const verdict = check(c.value);
        if (verdict.ok !== false) {
          dropped.push({
            ...where,
            direction: "request",
            kind: c.kind,
            reason: verdict.error ?? "invalid candidate accepted by the judge",
            at: c.at,
          });
          continue;
        }
        const sample = {
          id: samples.length,
          ...where,
          direction: "request",
          kind: c.kind,
          at: c.at,
          expect: "invalid",
          type: types.params,
        };
        samples.push({ ...sample, value: c.value, base: base.sample.id, judge: verdict.errors });
      }
    }
    if (!types.result) continue;
    for (const response of inputs.responses) {
      const checkResponse = judge.response(response.input);
      for (const c of responseCandidates(sampler, response)) {
        if (c.failed) {
          dropped.push({ ...where, direction: "response", status: response.status, kind: c.kind, reason: `cannot sample: ${c.failed}` });
          continue;
        }
        const verdict = checkResponse(c.value);
        if (verdict.ok !== true) {
          dropped.push({
            ...where,
            direction: "response",
            status: response.status,
            kind: c.kind,
            reason: verdict.error ?? "valid candidate rejected by the judge",
            errors: verdict.errors,
            value: plain(c.value),
          });
          continue;
        }
        samples.push({
          id: samples.length,
          ...where,
          direction: "response",
          status: response.status,
          kind: c.kind,
          expect: "valid",
          type: types.result,
          value: c.value,
        });
      }
    }
  }
  return { samples, dropped, operations, judgeNotes: judge.notes };
}

/**
 * Type verdicts from the diagnostics on each sample's lines. Returns the diagnostics on no sample's
 * line (the import, say): they are counted with the folder's, never dropped, since an import that
 * fails would make every type `any` and every valid sample pass.
 */
function typeVerdicts(samples, lineMap, diagnostics) {
  const bySample = new Map();
  const unattributed = [];
  for (const d of diagnostics) {
    const id = lineMap.get(d.line);
    if (id === undefined) {
      unattributed.push({ file: "samples.ts", ...d });
      continue;
    }
    bySample.set(id, [...(bySample.get(id) ?? []), { code: d.code, message: d.message }]);
  }
  for (const s of samples) {
    const found = bySample.get(s.id) ?? [];
    // An invalid sample is rejected unless its directive went unused (TS2578).
    const accepted = s.expect === "valid" ? found.length === 0 : found.some((d) => d.code === 2578);
    s.typeVerdict = { accepted, diagnostics: found };
  }
  for (const s of samples) {
    if (s.expect === "invalid" && !samples[s.base].typeVerdict.accepted) s.unmeasured = "its valid base does not compile";
  }
  return unattributed;
}

/** The generated validators' verdicts (`validators.js`: each operation's `request` and `responses[status]`). */
async function validatorVerdicts(folder, samples) {
  const checks = await import(pathToFileURL(path.join(folder, "validators.js")).href);
  for (const s of samples) {
    const op = checks[s.op];
    const check = s.direction === "request" ? op?.request : (op?.responses?.[s.status] ?? op?.responses?.[s.status.toUpperCase()]);
    if (typeof check !== "function") {
      s.validatorVerdict = { accepted: undefined, issues: [], missing: true };
      continue;
    }
    try {
      const issues = check(forRuntime(s.value));
      s.validatorVerdict = { accepted: issues.length === 0, issues: issues.slice(0, 3) };
    } catch (err) {
      s.validatorVerdict = { accepted: undefined, issues: [], error: String(err.message ?? err).slice(0, 300) };
    }
  }
}

/** The counts of the table's row. */
export function summarise(samples, folderErrors) {
  const valid = samples.filter((s) => s.expect === "valid");
  const invalid = samples.filter((s) => s.expect === "invalid" && !s.unmeasured);
  const judged = samples.filter((s) => !s.unmeasured && s.validatorVerdict?.accepted !== undefined);
  const accepted = (list) => list.filter((s) => s.typeVerdict.accepted).length;
  return {
    validRequests: {
      accepted: accepted(valid.filter((s) => s.direction === "request")),
      total: valid.filter((s) => s.direction === "request").length,
    },
    validResponses: {
      accepted: accepted(valid.filter((s) => s.direction === "response")),
      total: valid.filter((s) => s.direction === "response").length,
    },
    valid: { accepted: accepted(valid), total: valid.length },
    invalid: { rejected: invalid.length - accepted(invalid), total: invalid.length },
    unmeasured: samples.filter((s) => s.unmeasured).length,
    agreement: { agree: judged.filter((s) => s.validatorVerdict.accepted === s.typeVerdict.accepted).length, total: judged.length },
    validatorCorrect: {
      correct: judged.filter((s) => s.validatorVerdict.accepted === (s.expect === "valid")).length,
      total: judged.length,
    },
    folderErrors: folderErrors.length,
  };
}

/** The report of one document (see README.md): everything the table and the JSON need. */
export async function runTypesDocument(file, { fresh = false, cacheDir, keep = false, allValues = false, log = () => {} } = {}) {
  const started = performance.now();
  const doc = await loadOpenApi(file);
  const report = { document: path.basename(file), file, openapi: doc.openapi, operations: countOperations(doc) };
  log(`generating ${report.document}`);
  const gen = prepareFolder(file, { fresh, ...(cacheDir ? { cacheDir } : {}) });
  report.generation = {
    ok: gen.ok,
    excluded: gen.excluded,
    cached: gen.cached,
    seconds: gen.seconds,
    ...(gen.ok ? {} : { error: gen.error, output: gen.output }),
  };
  if (!gen.ok) {
    report.fatal = `generation failed: ${gen.error}`;
    report.seconds = (performance.now() - started) / 1000;
    return report;
  }
  const api = JSON.parse(readFileSync(path.join(gen.folder, "api.json"), "utf8"));
  report.generated = api.operations.length;

  log(`sampling ${report.document}`);
  const t0 = performance.now();
  const { samples, dropped, operations, judgeNotes } = buildSamples(doc, api, typeNames(gen.folder));
  report.sampling = { seconds: (performance.now() - t0) / 1000, operations: operations.length };
  report.judgeNotes = judgeNotes;

  log(`type-checking ${samples.length} samples of ${report.document}`);
  const work = mkdtempSync(path.join(gen.entry, "samples-"));
  try {
    writeFileSync(path.join(work, "package.json"), JSON.stringify({ type: "module" }));
    const samplesFile = path.join(work, "samples.ts");
    const importPath = `${path.relative(work, gen.folder).split(path.sep).join("/")}/operations.js`;
    const lineMap = writeSamples(
      samplesFile,
      importPath,
      samples.map((s) => ({ id: s.id, type: s.type, value: s.value, expectError: s.expect === "invalid" })),
    );
    const checked = typeCheck(gen.folder, [samplesFile]);
    report.tsc = { seconds: checked.seconds, statements: samples.length };
    const unattributed = typeVerdicts(samples, lineMap, checked.samples.get(path.resolve(samplesFile)));
    report.folderErrors = [...checked.folder, ...unattributed];
  } finally {
    if (keep) report.samplesFolder = work;
    else rmSync(work, { recursive: true, force: true });
  }
  await validatorVerdicts(gen.folder, samples);
  report.summary = summarise(samples, report.folderErrors);
  // Values are kept where a sample failed something (all of them with `allValues`): a big document's
  // passing samples would make the report hundreds of megabytes.
  report.samples = samples.map(({ value, ...s }) => {
    const failed =
      s.unmeasured || (s.expect === "valid") !== s.typeVerdict.accepted || s.validatorVerdict.accepted !== s.typeVerdict.accepted;
    return failed || allValues ? { ...s, value: plain(value) } : s;
  });
  report.dropped = dropped;
  report.seconds = (performance.now() - started) / 1000;
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [file, out, ...rest] = process.argv.slice(2);
  ensureBuilt();
  let report;
  try {
    report = await runTypesDocument(path.resolve(file), {
      fresh: rest.includes("--fresh"),
      keep: rest.includes("--keep"),
      log: (m) => process.stderr.write(`types: ${m}\n`),
    });
  } catch (err) {
    report = { document: path.basename(file), file, fatal: String(err.stack ?? err) };
  }
  writeFileSync(out, JSON.stringify(report));
}
