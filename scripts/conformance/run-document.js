// One document, in a process of its own (a crash or a leak stays with it): generate and bundle the
// client, start the validating server, call every operation once, and write the results as JSON.
// argv: <document> <result.json> [--fresh]
import { writeFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";
import { buildArguments, credentialsFor, samplingDocument } from "./arguments.js";
import { prepareClient } from "./client.js";
import { findOperation, itemOperations, loadDocument } from "./document.js";
import { startServer } from "./server.js";

const CALL_TIMEOUT_MS = 30_000;

/** Every operation of the document, as "METHOD path" with its operationId. */
function documentOperations(doc) {
  const ops = [];
  for (const [p, item] of Object.entries(doc.paths ?? {}))
    for (const [method, op] of itemOperations(item)) ops.push({ method, path: p, operationId: op.operationId });
  return ops;
}

const describeError = (err) => {
  if (!err || typeof err !== "object") return String(err);
  const cause = err.cause ? `; cause: ${err.cause?.message ?? err.cause}` : "";
  return `${err.name ?? "Error"}: ${err.message}${cause}`.slice(0, 1000);
};

function withTimeout(promise) {
  let timer;
  const timeout = new Promise(
    (_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${CALL_TIMEOUT_MS} ms`)), CALL_TIMEOUT_MS)),
  );
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** JSON with object keys sorted, to compare values. */
function canonical(value) {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v,
  );
}

/**
 * Whether a rejection is about the sampled value rather than the wire: every error points into a
 * JSON body, and that body is exactly the value the harness gave the client. Then the client sent
 * what it was given, and the sampler (or a document's contradictory schema) is at fault.
 */
function sampleAtFault(request, body) {
  // Errors on parameters name their location; the validator's discriminator errors name the URL.
  if (!request.errors?.length || request.errors.some((e) => /^[./](query|params|path|headers|cookies)\b/.test(e.path))) return false;
  if (!/json/i.test(request.headers?.["content-type"] ?? "") || request.body === undefined || request.bodyTruncated) return false;
  try {
    return canonical(JSON.parse(request.body)) === canonical(JSON.parse(JSON.stringify(body)));
  } catch {
    return false;
  }
}

/**
 * Whether a multipart rejection is only the validator's: it never parses a part as JSON, while the
 * OpenAPI text makes application/json the default for object and array properties. Every error must
 * be "must be object/array" on a field whose text parses as JSON of that kind.
 */
function multipartJsonPartsOnly(request) {
  if (!/^multipart\//i.test(request.headers?.["content-type"] ?? "") || !request.fields || !request.errors?.length) return false;
  let fields;
  try {
    fields = JSON.parse(request.fields);
  } catch {
    return false;
  }
  return request.errors.every((e) => {
    const m = /^[./]body[./]([^./]+)$/.exec(e.path);
    const kind = /must be (object|array)$/.exec(e.message)?.[1];
    if (!m || !kind || typeof fields[m[1]] !== "string") return false;
    try {
      const parsed = JSON.parse(fields[m[1]]);
      return kind === "array" ? Array.isArray(parsed) : parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
    } catch {
      return false;
    }
  });
}

/** What happened to one operation, from the requests the server saw and what the call returned. */
function outcome(entry, error, body) {
  const requests = entry.requests;
  if (requests.length === 0)
    return error
      ? { outcome: "client error", error: describeError(error) }
      : { outcome: "not sent", error: "the call resolved without sending a request" };
  const worst = requests.find((r) => r.verdict === "validator error") ?? requests.find((r) => r.verdict === "rejected") ?? requests[0];
  let verdict = worst.verdict;
  if (verdict === "rejected" && sampleAtFault(worst, body)) verdict = "sample rejected";
  else if (verdict === "rejected" && multipartJsonPartsOnly(worst)) verdict = "validator limitation";
  const result = { outcome: verdict, request: worst };
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
  report.generation = {
    ok: client.ok,
    cached: client.cached,
    seconds: +client.seconds.toFixed(2),
    excluded: client.excluded,
    error: client.error,
  };
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
  const server = await startServer(
    doc,
    sampling.document,
    apiJson.operations.map((o) => ({ method: o.method, path: o.path })).filter((o) => findOperation(doc, o.method, o.path)),
  );
  report.validatorAdjustments = server.adjustments;
  const credentials = credentialsFor(doc);
  // Operations with servers of their own (Box's uploads, Stripe's files) are pointed at the local server too.
  const servers = Object.fromEntries(apiJson.operations.flatMap((o) => o.servers ?? []).map((url) => [url, server.url + server.basePath]));
  const api = createClient({
    baseUrl: server.url + server.basePath,
    servers,
    apiKey: "wire-token",
    credentials,
    maxRetries: 0,
    timeout: CALL_TIMEOUT_MS,
  });
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
      const result = { ...row, ...outcome(entry, error, args.params.body), ms: Math.round(performance.now() - callStarted) };
      if (args.skipped.length) result.argumentsSkipped = args.skipped;
      if (args.bodyType) result.bodyType = args.bodyType;
      result.arguments = preview(args.params);
      report.results.push(result);
    }
    report.canary = await canary(server, report.results);
  } finally {
    await server.close();
  }
  for (const op of ops) {
    if (seen.has(`${op.method} ${op.path}`)) continue;
    const excluded = client.excluded.includes(op.path);
    report.results.push({
      ...op,
      outcome: "not generated",
      error: excluded ? "the generator refused this path (see generation.output)" : "not in api.json",
    });
  }
  report.seconds = +((performance.now() - started) / 1000).toFixed(2);
  return report;
}

/**
 * Proof that the validator is awake: two accepted requests are sent again by hand, made invalid:
 * one with an undeclared query parameter, and (where there is one) a JSON object body replaced by
 * a string. Both must be rejected.
 */
async function canary(server, results) {
  const replay = async (target, change) => {
    const entry = { method: target.method, path: target.path, op: {}, requests: [] };
    server.expect(entry);
    const { authorization, cookie } = target.request.headers;
    const headers = { ...(authorization ? { authorization } : {}), ...(cookie ? { cookie } : {}), ...(change.headers ?? {}) };
    const url = change.url ?? target.request.url;
    try {
      await fetch(server.url + url, { method: target.method, headers, body: change.body }).then((r) => r.arrayBuffer());
    } catch {}
    server.expect(undefined);
    const verdict = entry.requests[0]?.verdict ?? "not received";
    return { operation: `${target.method} ${target.path}`, change: change.what, verdict, ok: verdict === "rejected" };
  };
  const checks = [];
  const plain = results.find(
    (r) => r.outcome === "accepted" && !r.request.body && !r.request.fields && ["GET", "DELETE"].includes(r.method),
  );
  if (plain)
    checks.push(
      await replay(plain, {
        what: "an undeclared query parameter",
        url: plain.request.url + (plain.request.url.includes("?") ? "&" : "?") + "wire_canary=1",
      }),
    );
  const json = results.find(
    (r) => r.outcome === "accepted" && /json/i.test(r.request?.headers?.["content-type"] ?? "") && /^\s*\{/.test(r.request.body ?? ""),
  );
  if (json)
    checks.push(
      await replay(json, {
        what: "a string for a JSON object body",
        headers: { "content-type": "application/json" },
        body: JSON.stringify("wire-canary"),
      }),
    );
  return checks;
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
