#!/usr/bin/env node
// How the request validator of the wire suite was chosen: each candidate sits behind an HTTP server
// on 127.0.0.1 and gets
//  1. hand-written requests whose validity the OpenAPI text decides (serialisation styles, bodies,
//     3.1 schemas, security), to see which candidate reads the wire as the specification says;
//  2. every real document: start-up time and memory, then one request per operation, for speed.
// The candidates are not dependencies of the project: install them in a scratch folder and name it
//   npm install --prefix /tmp/valeval openapi-backend express-openapi-validator express
//   VALIDATORS_FROM=/tmp/valeval node scripts/conformance/eval-validators.js [docs...]
// Prism (@stoplight/prism-cli, a devDependency) comes from the project.
import http from "node:http";
import { createRequire } from "node:module";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { loadDocument, SPECS_DIR, DEFAULT_DOCUMENTS } from "./document.js";
import { validatorDocument } from "./validator-document.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fromProject = createRequire(path.join(root, "package.json"));
const fromScratch = process.env.VALIDATORS_FROM
  ? createRequire(path.join(path.resolve(process.env.VALIDATORS_FROM), "package.json"))
  : fromProject;

/** Reads a request body into a Buffer. */
const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req
      .on("data", (c) => chunks.push(c))
      .on("end", () => resolve(Buffer.concat(chunks)))
      .on("error", reject);
  });
const listen = (server) =>
  new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(`http://127.0.0.1:${server.address().port}`)));

/** Each candidate: start(doc) → { url, close() }; 200 with "ok" when valid, 4xx with messages otherwise. */
const CANDIDATES = {
  "openapi-backend": async (doc) => {
    const { OpenAPIBackend } = fromScratch(fromScratch.resolve("openapi-backend"));
    const qs = fromScratch(fromScratch.resolve("qs", { paths: [path.dirname(fromScratch.resolve("openapi-backend"))] }));
    const apiRoot = doc.servers?.[0]?.url && doc.servers[0].url !== "/" ? doc.servers[0].url : undefined;
    const api = new OpenAPIBackend({
      definition: structuredClone(doc),
      apiRoot,
      quick: true,
      validate: true,
      strict: false,
      ajvOpts: { strict: false },
    });
    await api.init();
    const server = http.createServer(async (req, res) => {
      const raw = await readBody(req);
      const type = String(req.headers["content-type"] ?? "").split(";")[0];
      // openapi-backend parses JSON bodies itself; a form body has to be given to it as an object.
      const body = raw.length === 0 ? undefined : type === "application/x-www-form-urlencoded" ? qs.parse(raw.toString()) : raw.toString();
      const [p, q] = req.url.split("?");
      let result;
      try {
        result = api.validateRequest({ method: req.method, path: p, query: q ?? "", headers: req.headers, body });
      } catch (err) {
        result = { valid: false, errors: [{ message: String(err.message) }] };
      }
      res.writeHead(result.valid ? 200 : 400, { "content-type": "application/json" });
      res.end(JSON.stringify(result.valid ? "ok" : result.errors.map((e) => `${e.instancePath ?? ""} ${e.message}`)));
    });
    return { url: await listen(server), close: () => server.close() };
  },
  "express-openapi-validator": async (doc) => {
    const express = fromScratch(fromScratch.resolve("express"));
    const OpenApiValidator = fromScratch(fromScratch.resolve("express-openapi-validator"));
    const app = express();
    app.use(express.json({ type: ["application/json", "application/*+json"], limit: "50mb", strict: false }));
    app.use(fromScratch(fromScratch.resolve("cookie-parser"))());
    app.use(express.urlencoded({ extended: true }));
    app.use(express.text({ type: "text/*" }));
    const middleware = OpenApiValidator.middleware({
      apiSpec: structuredClone(doc),
      validateRequests: { allowUnknownQueryParameters: false },
      validateResponses: false,
      validateSecurity: true,
      validateApiSpec: false,
      ignoreUndocumented: false,
    });
    app.use(middleware);
    app.use((_req, res) => res.json("ok"));
    app.use((err, _req, res, _next) =>
      res
        .status(err.status >= 400 && err.status < 500 ? err.status : 500)
        .json((err.errors ?? [err]).map((e) => `${e.path ?? ""} ${e.message}`)),
    );
    const server = http.createServer(app);
    const url = await listen(server);
    return { url, close: () => server.close() };
  },
  prism: async (doc) => {
    const { getHttpOperationsFromSpec } = fromProject(fromProject.resolve("@stoplight/prism-http"));
    const { createServer } = fromProject(fromProject.resolve("@stoplight/prism-http-server"));
    const { createLogger } = fromProject(fromProject.resolve("@stoplight/prism-core"));
    const operations = await getHttpOperationsFromSpec(structuredClone(doc));
    const logger = createLogger("eval", { level: "silent" });
    const config = {
      validateRequest: true,
      validateResponse: false,
      checkSecurity: true,
      errors: true,
      isProxy: false,
      upstreamProxy: undefined,
      mock: { dynamic: false },
    };
    const server = createServer(operations, { cors: false, config, components: { logger } });
    const address = await server.listen(0, "127.0.0.1");
    // Prism answers invalid requests 422 (or the operation's own 400/401/403) with the violations in the body.
    return { url: address.replace("0.0.0.0", "127.0.0.1"), close: () => server.close(), prism: true };
  },
};

/** Hand-written wire cases: [operation path+query, init, what the OpenAPI text says]. */
function microDocument(version) {
  const str = { type: "string" };
  const int = { type: "integer" };
  const q = (name, schema, extra = {}) => ({ name, in: "query", required: true, schema, ...extra });
  const get = (parameters) => ({
    get: { operationId: `op${Math.random().toString(36).slice(2, 8)}`, parameters, responses: { 200: { description: "ok" } } },
  });
  const post = (type, schema, extra = {}) => ({
    post: {
      operationId: `op${Math.random().toString(36).slice(2, 8)}`,
      requestBody: { required: true, content: { [type]: { schema, ...extra } } },
      responses: { 200: { description: "ok" } },
    },
  });
  const obj = { type: "object", properties: { a: str, b: int }, required: ["a"] };
  return {
    openapi: version,
    info: { title: "micro", version: "1" },
    paths: {
      "/form-explode": get([q("ids", { type: "array", items: int })]),
      "/form-no-explode": get([q("ids", { type: "array", items: int }, { explode: false })]),
      "/deep-object": get([q("filter", obj, { style: "deepObject", explode: true })]),
      "/deep-array": get([q("expand", { type: "array", items: str }, { style: "deepObject", explode: true })]),
      "/form-object": get([q("point", obj)]),
      "/form-object-no-explode": get([q("point", obj, { explode: false })]),
      "/space": get([q("ids", { type: "array", items: int }, { style: "spaceDelimited", explode: false })]),
      "/pipe": get([q("ids", { type: "array", items: int }, { style: "pipeDelimited", explode: false })]),
      "/header": get([{ name: "X-Ids", in: "header", required: true, schema: { type: "array", items: int } }]),
      "/cookie": get([{ name: "session", in: "cookie", required: true, schema: str }]),
      "/path/{ids}": get([{ name: "ids", in: "path", required: true, schema: { type: "array", items: int } }]),
      "/int": get([q("n", int)]),
      "/json": post("application/json", obj),
      "/form-body": post(
        "application/x-www-form-urlencoded",
        { type: "object", properties: { meta: { type: "object", properties: { k: str } }, tags: { type: "array", items: str } } },
        { encoding: { meta: { style: "deepObject", explode: true }, tags: { style: "form", explode: true } } },
      ),
      "/multipart": post("multipart/form-data", {
        type: "object",
        properties: { file: { type: "string", format: "binary" }, purpose: str },
        required: ["file", "purpose"],
      }),
      "/nullable": post("application/json", version.startsWith("3.1") ? { type: ["string", "null"] } : { type: "string", nullable: true }),
      "/any-type": post("*/*", obj),
      "/text": post("text/plain", str),
      "/form-int": post("application/x-www-form-urlencoded", {
        type: "object",
        properties: { n: int, ok: { type: "boolean" } },
        required: ["n"],
      }),
      "/bracket-name": get([q("ids[]", { type: "array", items: int })]),
      "/multipart-json": post("multipart/form-data", { type: "object", properties: { meta: obj }, required: ["meta"] }),
      "/secured": {
        get: { operationId: "secured", security: [{ bearer: [] }], responses: { 200: { description: "ok" }, 401: { description: "no" } } },
      },
    },
    components: { securitySchemes: { bearer: { type: "http", scheme: "bearer" } } },
  };
}

const json = (v) => ({ method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(v) });
const multipart = () => {
  const form = new FormData();
  form.append("file", new Blob(["bytes"]), "a.txt");
  form.append("purpose", "x");
  return { method: "POST", body: form };
};
const CASES = [
  ["/form-explode?ids=1&ids=2", {}, true, "form, explode: ids=1&ids=2"],
  ["/form-explode?ids=1&ids=x", {}, false, "form, explode: a non-integer item"],
  ["/form-no-explode?ids=1,2", {}, true, "form, explode false: ids=1,2"],
  ["/form-no-explode?ids=1,x", {}, false, "form, explode false: a non-integer item"],
  ["/deep-object?filter[a]=x&filter[b]=1", {}, true, "deepObject: filter[a]=x&filter[b]=1"],
  ["/deep-object?filter[b]=1", {}, false, "deepObject: required property missing"],
  ["/deep-array?expand[0]=a&expand[1]=b", {}, true, "deepObject array (undefined by the text; Stripe's wire): expand[0]=a"],
  ["/deep-array?expand[]=a&expand[]=b", {}, true, "deepObject array (undefined by the text): expand[]=a"],
  ["/form-object?a=x&b=1", {}, true, "form object, explode: a=x&b=1"],
  ["/form-object-no-explode?point=a,x,b,1", {}, true, "form object, explode false: point=a,x,b,1"],
  ["/space?ids=1%202", {}, true, "spaceDelimited: ids=1%202"],
  ["/pipe?ids=1|2", {}, true, "pipeDelimited: ids=1|2"],
  ["/header", { headers: { "x-ids": "1,2" } }, true, "header simple array: X-Ids: 1,2"],
  ["/header", { headers: { "x-ids": "1,x" } }, false, "header simple array: a non-integer item"],
  ["/cookie", { headers: { cookie: "session=abc" } }, true, "cookie: session=abc"],
  ["/cookie", {}, false, "cookie: missing"],
  ["/path/1,2", {}, true, "path simple array: /path/1,2"],
  ["/int?n=5", {}, true, "integer query"],
  ["/int?n=abc", {}, false, "integer query: abc"],
  ["/int", {}, false, "required query missing"],
  ["/int?n=5&extra=1", {}, false, "undeclared query parameter"],
  ["/json", json({ a: "x", b: 1 }), true, "JSON body"],
  ["/json", json({ b: 1 }), false, "JSON body: required property missing"],
  ["/json", { method: "POST", headers: { "content-type": "text/plain" }, body: "x" }, false, "JSON body sent as text/plain"],
  [
    "/form-body",
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "meta[k]=v&tags=a&tags=b" },
    true,
    "form body: deepObject + exploded array",
  ],
  [
    "/form-body",
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: 'meta={"k":"v"}' },
    false,
    "form body: JSON where deepObject is declared",
  ],
  ["/multipart", multipart(), true, "multipart: file + field"],
  ["/nullable", json(null), true, "3.1 type [string, null] / 3.0 nullable: null"],
  ["/nullable", json(5), false, "nullable string: 5"],
  ["/any-type", json({ a: "x" }), true, "*/* body sent as JSON"],
  ["/text", { method: "POST", headers: { "content-type": "text/plain" }, body: "hello" }, true, "text/plain body"],
  [
    "/form-int",
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "n=5&ok=true" },
    true,
    "form body: n=5&ok=true for integer and boolean",
  ],
  [
    "/form-int",
    { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "n=x" },
    false,
    "form body: n=x for an integer",
  ],
  ["/bracket-name?ids[]=1&ids[]=2", {}, true, "query parameter named ids[]: ids[]=1&ids[]=2"],
  [
    "/multipart-json",
    (() => {
      const f = new FormData();
      f.append("meta", new Blob([JSON.stringify({ a: "x" })], { type: "application/json" }));
      return { method: "POST", body: f };
    })(),
    true,
    "multipart: object part as application/json (the text's default)",
  ],
  ["/secured", { headers: { authorization: "Bearer t" } }, true, "bearer present"],
  ["/secured", {}, false, "bearer missing"],
];

async function micro(name, version) {
  const server = await CANDIDATES[name](microDocument(version));
  const rows = [];
  try {
    for (const [url, init, expected, what] of CASES) {
      let verdict;
      try {
        const res = await fetch(server.url + url, { ...init, signal: AbortSignal.timeout(10_000) });
        const text = await res.text();
        verdict = { valid: res.status < 300, detail: res.status < 300 ? "" : `${res.status} ${text.slice(0, 200)}` };
      } catch (err) {
        verdict = { valid: false, detail: String(err) };
      }
      rows.push({ what, expected, ...verdict, right: verdict.valid === expected });
    }
  } finally {
    server.close();
  }
  return rows;
}

// Requests per document in the speed test: enough to see the per-request cost, bounded in time.
const SPEED_REQUESTS = 100;

/** One naive request per operation: path parameters "1", no query, "{}" as a JSON body. Speed only. */
function naiveRequests(doc) {
  const out = [];
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    for (const method of ["get", "put", "post", "delete", "patch"]) {
      if (!item?.[method]) continue;
      const hasBody = Boolean(item[method].requestBody);
      out.push([p.replace(/\{[^}]+\}/g, "1"), hasBody ? json({}) : { method: method.toUpperCase() }, method.toUpperCase()]);
      if (hasBody) out.at(-1)[1].method = method.toUpperCase();
    }
  }
  return out;
}

async function speed(name, file) {
  // Every candidate reads the document as the harness gives it to its validator (validator-document.js:
  // servers overridden, `nullable` without `type` dropped, ...), so that none fails for those alone.
  const doc = validatorDocument(loadDocument(file)).document;
  globalThis.gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  let server;
  try {
    server = await CANDIDATES[name](doc);
  } catch (err) {
    return { error: String(err.message ?? err).slice(0, 200) };
  }
  const startMs = performance.now() - t0;
  const heapMB = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
  const requests = naiveRequests(doc).slice(0, SPEED_REQUESTS);
  const base = new URL(server.url).origin + (doc.servers?.[0]?.url === "/" ? "" : (doc.servers?.[0]?.url ?? ""));
  const t1 = performance.now();
  let failed = 0;
  let notFound = 0;
  for (const [url, init] of requests) {
    try {
      const res = await fetch(base + url, { ...init, signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status >= 500) failed++;
      if (res.status === 404 || res.status === 405) notFound++;
    } catch {
      failed++;
    }
  }
  const perRequestMs = (performance.now() - t1) / requests.length;
  server.close();
  return {
    startMs: Math.round(startMs),
    heapMB: Math.round(heapMB),
    requests: requests.length,
    perRequestMs: +perRequestMs.toFixed(2),
    serverErrors: failed,
    notFound,
  };
}

// Prism throws from inside its request handler on some inputs; note it and go on.
process.on("uncaughtException", (err) => console.log(`  uncaught: ${String(err.stack).split("\n").slice(0, 2).join(" ")}`));
const only = process.env.CANDIDATES?.split(",") ?? Object.keys(CANDIDATES);
const docs = process.argv.slice(2).length ? process.argv.slice(2) : DEFAULT_DOCUMENTS.map((d) => path.join(SPECS_DIR, d));
const report = { micro: {}, speed: {} };
for (const name of process.env.SPEED_ONLY ? [] : only) {
  for (const version of ["3.0.3", "3.1.0"]) {
    const rows = await micro(name, version);
    report.micro[`${name} ${version}`] = rows;
    console.log(`\n${name} on ${version}: ${rows.filter((r) => r.right).length}/${rows.length} as the OpenAPI text says`);
    for (const r of rows.filter((r) => !r.right))
      console.log(`  wrong: ${r.what}: expected ${r.expected ? "valid" : "invalid"}; ${r.detail || "accepted"}`);
  }
}
if (!process.env.MICRO_ONLY) {
  console.log("\ncandidate                  document          start ms  heap MB  requests  ms/request  5xx/timeouts  404/405");
  for (const name of only) {
    for (const file of docs) {
      const s = await speed(name, file);
      report.speed[`${name} ${path.basename(file)}`] = s;
      console.log(
        `${name.padEnd(26)} ${path.basename(file).padEnd(17)} ` +
          (s.error
            ? `failed: ${s.error}`
            : `${String(s.startMs).padStart(8)} ${String(s.heapMB).padStart(8)} ${String(s.requests).padStart(9)} ${String(s.perRequestMs).padStart(11)} ${String(s.serverErrors).padStart(13)} ${String(s.notFound).padStart(8)}`),
      );
    }
  }
}
if (process.env.EVAL_JSON) (await import("node:fs")).writeFileSync(process.env.EVAL_JSON, JSON.stringify(report, null, 2));
