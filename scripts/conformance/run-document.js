// One document, in a process of its own (a crash or a leak stays with it): generate and bundle the
// client, start the validating server, call every operation once, and write the results as JSON.
// argv: <document> <result.json> [--fresh]
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { buildArguments, credentialsFor, samplingDocument } from "./arguments.js";
import { prepareClient } from "./client.js";
import { findOperation, loadDocument, METHODS } from "./document.js";
import { startServer } from "./server.js";

const CALL_TIMEOUT_MS = 30_000;

/** Every operation of the document, as "METHOD path" with its operationId. */
function documentOperations(doc) {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) if (item?.[m]) ops.push({ method: m.toUpperCase(), path: p, operationId: item[m].operationId });
  }
  return ops;
}

const describeError = (err) => {
  if (!err || typeof err !== "object") return String(err);
  const cause = err.cause ? `; cause: ${err.cause?.message ?? err.cause}` : "";
  return `${err.name ?? "Error"}: ${err.message}${cause}`.slice(0, 1000);
};

function withTimeout(promise) {
  let timer;
  const timeout = new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What happened to one operation, from the requests the server saw and what the call returned. */
function outcome(entry, error) {
  const requests = entry.requests;
  if (requests.length === 0) return error ? { outcome: "client error", error: describeError(error) } : { outcome: "not sent", error: "the call resolved without sending a request" };
  const worst = requests.find((r) => r.verdict === "validator error") ?? requests.find((r) => r.verdict === "rejected") ?? requests[0];
  const result = { outcome: worst.verdict, request: worst };
  // A call that threw after an accepted request: the client could not read the sample response.
  if (worst.verdict === "accepted" && error) result.responseError = describeError(error);
  if (requests.length > 1) result.requestCount = requests.length;
  return result;
}

async function run(file, { fresh }) {
  const started = performance.now();
  const doc = loadDocument(file);
  const ops = documentOperations(doc);
  const report = { document: path.basename(file), openapi: doc.openapi, operations: ops.length, results: [] };
  const client = await prepareClient(file, { fresh });
  report.generation = { ok: client.ok, cached: client.cached, seconds: +client.seconds.toFixed(2), excluded: client.excluded, error: client.error };
  if (!client.ok) {
    report.generation.output = client.generatorOutput.slice(0, 4000);
    for (const op of ops) report.results.push({ ...op, outcome: "not generated", error: client.error });
    report.seconds = +((performance.now() - started) / 1000).toFixed(2);
    return report;
  }
  if (client.excluded.length) report.generation.output = client.generatorOutput.slice(0, 4000);

  const apiJson = JSON.parse((await import("node:fs")).readFileSync(client.api, "utf8"));
  const { createClient } = await import(pathToFileURL(client.bundle).href);
  // Arguments and responses are sampled from a copy without the examples that contradict their schema.
  const sampling = samplingDocument(doc);
  report.documentExamplesDropped = sampling.dropped;
  const server = await startServer(doc, sampling.document, apiJson.operations.map((o) => ({ method: o.method, path: o.path })).filter((o) => findOperation(doc, o.method, o.path)));
  report.validatorAdjustments = server.adjustments;
  const credentials = credentialsFor(doc);
  const api = createClient({ baseUrl: server.url + server.basePath, apiKey: "wire-token", credentials, maxRetries: 0, timeout: CALL_TIMEOUT_MS });
  const seen = new Set();
  try {
    for (const apiOp of apiJson.operations) {
      const found = findOperation(doc, apiOp.method, apiOp.path);
      const key = `${apiOp.method} ${apiOp.path}`;
      seen.add(key);
      const row = { method: apiOp.method, path: apiOp.path, operationId: apiOp.operationId, name: apiOp.name };
      if (!found) {
        report.results.push({ ...row, outcome: "harness error", error: "api.json names an operation the document does not have" });
        continue;
      }
      const entry = { method: apiOp.method, path: apiOp.path, op: found.op, requests: [] };
      let args;
      try {
        args = buildArguments(sampling.document, findOperation(sampling.document, apiOp.method, apiOp.path), apiOp);
      } catch (err) {
        report.results.push({ ...row, outcome: "harness error", error: `building arguments: ${describeError(err)}` });
        continue;
      }
      server.expect(entry);
      let error;
      const callStarted = performance.now();
      try {
        const fn = api[apiOp.name];
        if (typeof fn !== "function") throw new Error(`the client has no method ${apiOp.name}`);
        await withTimeout(fn(args.params));
      } catch (err) {
        error = err;
      }
      server.expect(undefined);
      const result = { ...row, ...outcome(entry, error), ms: Math.round(performance.now() - callStarted) };
      if (args.skipped.length) result.argumentsSkipped = args.skipped;
      if (args.bodyType) result.bodyType = args.bodyType;
      result.arguments = preview(args.params);
      report.results.push(result);
    }
  } finally {
    await server.close();
  }
  for (const op of ops) {
    if (seen.has(`${op.method} ${op.path}`)) continue;
    const excluded = client.excluded.includes(op.path);
    report.results.push({ ...op, outcome: "not generated", error: excluded ? "the generator refused this path (see generation.output)" : "not in api.json" });
  }
  report.seconds = +((performance.now() - started) / 1000).toFixed(2);
  return report;
}

/** The arguments as JSON, Blobs shown as such, cut at 1,500 characters. */
function preview(params) {
  const text = JSON.stringify(params, (_k, v) => (v instanceof Blob ? `<Blob ${v.size} bytes>` : v));
  return text && text.length > 1500 ? `${text.slice(0, 1500)}…` : text;
}

const [file, out, ...flags] = process.argv.slice(2);
let report;
try {
  report = await run(path.resolve(file), { fresh: flags.includes("--fresh") });
} catch (err) {
  report = { document: path.basename(file), fatal: String(err?.stack ?? err), results: [] };
}
writeFileSync(out, JSON.stringify(report));
// Open sockets or timers left by a client must not keep the process alive.
process.exit(0);
