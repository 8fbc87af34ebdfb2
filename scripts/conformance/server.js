// The local server the generated client talks to: every request is checked by
// express-openapi-validator (an independent, maintained validator) against the document, recorded,
// and answered with a sample of the operation's success response, so the client's response path runs.
import http from "node:http";
import { createRequire } from "node:module";
import { deref, findOperation } from "./document.js";
import { sampleSchema } from "./arguments.js";
import { operationsDocument, pathShape, validatorDocument, validatorPath } from "./validator-document.js";

const require = createRequire(import.meta.url);
const express = require("express");
const cookieParser = require("cookie-parser");
const OpenApiValidator = require("express-openapi-validator");
let ajv;
const ajv2020 = () => {
  const Ajv2020 = require("ajv/dist/2020").default;
  ajv ??= new Ajv2020({ strict: false, allErrors: true });
  return ajv;
};

const LIMIT = "100mb";
const JSONISH = /json/i;
const MAX_RECORDED_BODY = 2000;
// Operations per validator instance: measured on the six documents (see README-wire.md).
const GROUP_SIZE = 40;

/** What the server saw of one request, kept for the report (bodies cut at 2,000 characters). */
function record(req) {
  const headers = { ...req.headers };
  delete headers.host;
  delete headers.connection;
  delete headers["content-length"];
  delete headers["accept-encoding"];
  delete headers["accept-language"];
  delete headers["sec-fetch-mode"];
  delete headers["user-agent"];
  const raw = req.rawBody;
  return {
    method: req.wireMethod ?? req.method,
    url: req.originalUrl,
    headers,
    // The whole body when it is JSON (run-document compares it with what the client was given).
    body: raw
      ? JSONISH.test(req.headers["content-type"] ?? "")
        ? raw.toString("utf8")
        : raw.toString("utf8").slice(0, MAX_RECORDED_BODY)
      : undefined,
    // A multipart body is consumed by the validator's uploader: what it parsed stands in for it.
    ...(!raw && req.body && typeof req.body === "object" && Object.keys(req.body).length
      ? { fields: JSON.stringify(req.body).slice(0, MAX_RECORDED_BODY) }
      : {}),
    ...(req.files?.length
      ? { files: req.files.map((f) => `${f.fieldname}: ${f.originalname ?? ""} (${f.size} bytes, ${f.mimetype})`) }
      : {}),
  };
}

/** The success response to send for an operation: its lowest 2xx (or 2XX, or default), sampled. */
export function sampleResponse(doc, op) {
  const responses = op?.responses ?? {};
  const codes = Object.keys(responses);
  const key =
    codes.filter((c) => /^2\d\d$/.test(c)).sort()[0] ??
    codes.find((c) => /^2xx$/i.test(c)) ??
    (codes.includes("default") ? "default" : undefined);
  const status = key === undefined || !/^2\d\d$/.test(key) ? 200 : Number(key);
  const response = deref(doc, responses[key]);
  const content = response?.content ?? {};
  const types = Object.keys(content);
  if (types.length === 0 || status === 204 || status === 205) return { status, headers: {}, body: "" };
  const type = types.find((t) => JSONISH.test(t)) ?? types[0];
  const media = deref(doc, content[type]) ?? {};
  const value = media.example ?? sampleSchema(doc, media.schema, { skipWriteOnly: true });
  const wire = type === "*/*" ? "application/json" : type;
  const body = JSONISH.test(wire) ? JSON.stringify(value ?? {}) : typeof value === "string" ? value : JSON.stringify(value ?? "");
  return { status, headers: { "content-type": wire }, body };
}

/**
 * Operations in groups of GROUP_SIZE, in calling order; an operation whose path would match the same
 * requests as another of its group (`/a/{x}` beside `/a/{y}`, `/f/{id}#x` beside `/f/{id}`) gets a
 * group of its own, so that the validator judges it by its own definition. "METHOD path" → group.
 */
function groupOperations(operations) {
  const groupOf = new Map();
  let current = [];
  for (const op of operations) {
    const shape = pathShape(op.path);
    const key = validatorPath(op.path).key;
    const clash = current.some((m) => pathShape(m.path) === shape && (validatorPath(m.path).key !== key || m.method === op.method));
    let group;
    if (clash) group = [op];
    else {
      if (current.length >= GROUP_SIZE) current = [];
      current.push(op);
      group = current;
    }
    groupOf.set(`${op.method} ${op.path}`, group);
  }
  return groupOf;
}

/**
 * Starts the server for one document. Before each call the harness names the operation it expects
 * with `expect(entry)`; the server appends what it saw and what the validator said to
 * `entry.requests`; responses are sampled from `samples` (the document for sampling). `operations` ({ method, path }, in the order they will be called) are grouped
 * for the validator. Resolves to { url, basePath, adjustments, expect, close }.
 */
export async function startServer(doc, samples, operations) {
  const { document, basePath, adjustments, methods, querystrings } = validatorDocument(doc);
  let expected;
  const app = express();
  app.set("query parser", "extended");
  const verify = (req, _res, buf) => (req.rawBody = buf);
  // JSON-like types, and */* when it parses as JSON; the rest is kept as bytes or text.
  const isJson = (req) => JSONISH.test(req.headers["content-type"] ?? "");
  app.use(express.json({ type: isJson, strict: false, limit: LIMIT, verify }));
  app.use(express.urlencoded({ extended: true, limit: LIMIT, parameterLimit: 1_000_000, verify }));
  app.use(express.text({ type: "text/*", limit: LIMIT, verify }));
  app.use(
    express.raw({
      type: (req) => !/^multipart\//i.test(req.headers["content-type"] ?? "") && req.headers["content-type"] !== undefined,
      limit: LIMIT,
      verify,
    }),
  );
  app.use(cookieParser());
  // One validator per group of operations, on the document cut down to the group (see
  // operationsDocument), made when the harness names the group's first operation.
  const groups = groupOperations(operations);
  const note = (why) => (adjustments[why] = (adjustments[why] ?? 0) + 1);
  let validators;
  const middleware = (apiSpec, coerceBody) =>
    express.Router().use(
      OpenApiValidator.middleware({
        apiSpec,
        // Form and multipart fields are text on the wire: their body schemas are read with type
        // coercion ("5" as an integer, one value as an array), as the text's form serialisation
        // implies; JSON bodies are checked without it.
        validateRequests: { allowUnknownQueryParameters: false, coerceTypes: coerceBody ? "array" : false },
        validateResponses: false,
        // Without handlers it checks that each scheme's credential is present, in the right place.
        validateSecurity: true,
        validateApiSpec: false,
        ignoreUndocumented: false,
        fileUploader: { limits: { fileSize: 100 * 2 ** 20 } },
      }),
    );
  // The last few groups' validators are kept: a group of one called between two calls of a big
  // group must not cost the big group a second start.
  const recent = new Map();
  const useGroupOf = (entry) => {
    const group = groups.get(`${entry.method} ${entry.path}`) ?? [entry];
    if (recent.has(group)) return (validators = recent.get(group));
    const spec = operationsDocument(document, group, note, methods);
    // Each made on first use: most groups never see a form body.
    const made = {};
    validators = {
      json: () => (made.json ??= middleware(structuredClone(spec), false)),
      form: () => (made.form ??= middleware(structuredClone(spec), true)),
    };
    recent.set(group, validators);
    if (recent.size > 3) recent.delete(recent.keys().next().value);
  };
  const FORM = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;
  // Bytes the validator does not look at: with a media range such as */* it accepts any body sent
  // as application/octet-stream. An object passed through String() is still plainly wrong.
  app.use((req, _res, next) => {
    if (req.rawBody?.length === 15 && req.rawBody.toString() === "[object Object]") {
      const err = new Error("the body is the text [object Object] (an object passed through String())");
      return next(Object.assign(err, { status: 400, errors: [{ path: ".body", message: err.message }] }));
    }
    next();
  });
  // OpenAPI 3.2 (oas-3.2.js): a method the validator does not know is presented as the one its
  // operation is validated as; a querystring that is not a form is checked here, then hidden.
  app.use((req, _res, next) => {
    const key = expected && `${expected.method} ${expected.path}`;
    if (key && methods[key] && req.method === expected.method) {
      req.wireMethod = req.method;
      req.method = methods[key];
    }
    const qs = key && querystrings[key];
    if (!qs) return next();
    const at = req.url.indexOf("?");
    const raw = at === -1 ? "" : req.url.slice(at + 1);
    const fail = (message) => next(Object.assign(new Error(message), { status: 400, errors: [{ path: ".query", message }] }));
    if (raw === "") return qs.required ? fail(`the querystring parameter ${qs.name} is required`) : next();
    let value;
    try {
      value = JSON.parse(decodeURIComponent(raw));
    } catch {
      return fail(`the query string is not the JSON of ${qs.name}: ${raw.slice(0, 100)}`);
    }
    const check = ajv2020().compile(qs.schema);
    if (!check(value)) return fail(`the querystring ${qs.name}: ${check.errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
    req.url = req.url.slice(0, at);
    next();
  });
  app.use((req, res, next) => {
    if (!validators) return next();
    const kind = FORM.test(req.headers["content-type"] ?? "") ? "form" : "json";
    validators[kind]()(req, res, next);
  });
  app.use((req, res) => {
    const entry = expected;
    const seen = { ...record(req), verdict: "accepted" };
    const route = req.openapi?.openApiRoute;
    seen.route = route;
    const want = entry ? basePath + validatorPath(entry.path).key : undefined;
    if (entry && route !== undefined && route !== want && route.replace(/:(\w+)/g, "{$1}") !== want) {
      seen.verdict = "rejected";
      seen.status = 404;
      seen.errors = [{ path: "", message: `routed to ${req.method} ${route}, not to ${entry.method} ${want}` }];
      entry.requests.push(seen);
      return res.status(404).json({ wire: "rejected", errors: seen.errors });
    }
    if (req.rawBody?.length && Buffer.isBuffer(req.body))
      seen.bodyUnchecked = `${req.headers["content-type"]}: bytes the validator does not parse`;
    entry?.requests.push(seen);
    const answer = entry
      ? sampleResponse(samples, findOperation(samples, entry.method, entry.path).op)
      : { status: 200, headers: {}, body: "" };
    res.status(answer.status).set(answer.headers).send(answer.body);
  });
  app.use((err, req, res, _next) => {
    const status = Number(err.status) || 500;
    const errors = (err.errors ?? [{ path: "", message: String(err.message ?? err) }]).map((e) => ({
      path: e.path ?? "",
      message: String(e.message),
    }));
    // 4xx: the validator rejected the request; anything else: the validator itself failed.
    const seen = { ...record(req), verdict: status >= 400 && status < 500 ? "rejected" : "validator error", status, errors };
    if (seen.verdict === "validator error" && err.stack) seen.stack = String(err.stack).split("\n").slice(0, 4).join("\n");
    expected?.requests.push(seen);
    res.status(status >= 400 && status < 600 ? status : 500).json({ wire: seen.verdict, errors });
  });
  const server = http.createServer(app);
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    basePath,
    adjustments,
    expect: (entry) => {
      expected = entry;
      if (entry) useGroupOf(entry);
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
