// Argument values for one operation, sampled from its schemas by openapi-sampler: every parameter,
// required or not, and every body property, so that serialisation styles are exercised.
import { createRequire } from "node:module";
import { deref } from "./document.js";

const require = createRequire(import.meta.url);
const { sample } = require("openapi-sampler");
const RandExp = require("randexp");

// OpenAPI 3.x, Parameter Object: header parameters with these names "SHALL be ignored".
// OpenAPI says to ignore the first three; fetch writes Content-Length and the connection headers itself.
const IGNORED_HEADERS = new Set(["accept", "content-type", "authorization", "content-length", "host", "connection", "transfer-encoding"]);
const JSONISH = /json/i;

const TYPE_CHECKS = {
  integer: Number.isInteger,
  number: (v) => typeof v === "number",
  string: (v) => typeof v === "string",
  boolean: (v) => typeof v === "boolean",
  array: Array.isArray,
  object: (v) => v !== null && typeof v === "object" && !Array.isArray(v),
  null: (v) => v === null,
};

/** Why `example` contradicts the schema it sits in (its enum, const, type or pattern), if it does. */
function contradiction(schema, example) {
  const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => same(e, example))) return "not in its enum";
  if ("const" in schema && !same(schema.const, example)) return "not its const";
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.length && !(example === null && schema.nullable) && !types.some((t) => TYPE_CHECKS[t]?.(example) ?? true))
    return "not of its type";
  if ((schema.format === "uri" || schema.format === "url") && typeof example === "string" && !/^[a-z][a-z\d+.-]*:/i.test(example))
    return "not matching its format";
  if (typeof schema.pattern === "string" && typeof example === "string") {
    try {
      if (!new RegExp(schema.pattern, "u").test(example)) return "not matching its pattern";
    } catch {}
  }
  return undefined;
}

/**
 * A copy of the document for sampling, without the schema examples that contradict their own schema
 * (openapi-sampler takes an example over everything else): a document fault must not pass for a
 * client fault. Returns { document, dropped: { reason: count } }.
 */
export function samplingDocument(source) {
  const doc = structuredClone(source);
  const dropped = {};
  const seen = new Set();
  const stack = [doc];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node) && (node.type !== undefined || node.enum !== undefined)) {
      if ("example" in node) {
        const why = contradiction(node, node.example);
        if (why) {
          delete node.example;
          dropped[`schema example ${why}`] = (dropped[`schema example ${why}`] ?? 0) + 1;
        }
      }
      if ("default" in node) {
        const why = contradiction(node, node.default);
        if (why) {
          delete node.default;
          dropped[`schema default ${why}`] = (dropped[`schema default ${why}`] ?? 0) + 1;
        }
      }
      if (Array.isArray(node.examples)) {
        const kept = node.examples.filter((e) => !contradiction(node, e));
        if (kept.length !== node.examples.length) {
          dropped["schema examples[] entry contradicting its schema"] =
            (dropped["schema examples[] entry contradicting its schema"] ?? 0) + node.examples.length - kept.length;
          node.examples = kept;
        }
      }
    }
    for (const value of Object.values(node)) if (value && typeof value === "object") stack.push(value);
  }
  return { document: doc, dropped };
}

/** A sample of `schema`; undefined when the sampler fails on it (a recursive or contradictory schema). */
export function sampleSchema(doc, schema, options) {
  if (!schema) return undefined;
  try {
    return sample(schema, { quiet: true, ...options }, doc);
  } catch {
    return undefined;
  }
}

/** The media type the client is asked to send: the one api.json names, else the document's first. */
export function requestMedia(doc, op, contentType) {
  const content = deref(doc, op.requestBody)?.content ?? {};
  const type = contentType && content[contentType] ? contentType : Object.keys(content)[0];
  return type === undefined ? undefined : { type, media: deref(doc, content[type]) ?? {} };
}

const isBinary = (s) =>
  s && s.type === "string" && (s.format === "binary" || s.contentMediaType !== undefined || s.contentEncoding === "binary");

/** A deterministic generator for randexp, seeded by the pattern: the same run sends the same values. */
function seeded(text) {
  let h = 2166136261;
  for (const c of text) h = Math.imul(h ^ c.charCodeAt(0), 16777619);
  return () => {
    h = (h + 0x6d2b79f5) | 0;
    let t = Math.imul(h ^ (h >>> 15), 1 | h);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A string matching `pattern` (openapi-sampler ignores patterns), or `value` when it already does. */
function matching(pattern, value) {
  let re;
  try {
    re = new RegExp(pattern, "u");
  } catch {
    return value;
  }
  if (typeof value === "string" && re.test(value)) return value;
  try {
    const gen = new RandExp(pattern);
    const random = seeded(pattern);
    gen.randInt = (from, to) => from + Math.floor(random() * (to - from + 1));
    gen.max = 8;
    for (let i = 0; i < 20; i++) {
      const candidate = gen.gen();
      if (re.test(candidate)) return candidate;
    }
  } catch {}
  return value;
}

/**
 * Walks a sampled value beside its schema: strings get their `pattern`, and with `blobs` the strings
 * of binary schemas become Blobs (a file field of a multipart body is bytes).
 */
function conform(doc, schema, value, blobs, depth = 0) {
  const s = deref(doc, schema);
  if (!s || typeof s !== "object" || depth > 30) return value;
  for (const branch of s.allOf ?? []) value = conform(doc, branch, value, blobs, depth + 1);
  if (blobs && isBinary(s))
    return new Blob([typeof value === "string" && value ? value : "wire conformance bytes"], { type: "application/octet-stream" });
  if (typeof value === "string" && typeof s.pattern === "string") return matching(s.pattern, value);
  // A format openapi-sampler does not know ("url" is ajv-formats' name for an absolute URL).
  if (typeof value === "string" && s.format === "url" && !/^[a-z][a-z\d+.-]*:\/\//i.test(value)) return "https://example.com/";
  // openapi-sampler writes "string" for `format: byte`, which is not base64 of whole bytes.
  if (typeof value === "string" && s.format === "byte" && !/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(value))
    return "d2lyZQ==";
  if (Array.isArray(value)) return value.map((v) => conform(doc, s.items, v, blobs, depth + 1));
  if (value && typeof value === "object" && !(value instanceof Blob)) {
    const alternatives = [...(s.oneOf ?? []), ...(s.anyOf ?? [])].map((b) => deref(doc, b));
    const out = {};
    for (const [k, v] of Object.entries(value)) {
      // openapi-sampler takes the first oneOf/anyOf branch.
      const branch =
        s.properties?.[k] ??
        alternatives.find((b) => b?.properties?.[k])?.properties[k] ??
        (typeof s.additionalProperties === "object" ? s.additionalProperties : undefined);
      out[k] = branch ? conform(doc, branch, v, blobs, depth + 1) : v;
    }
    // openapi-sampler fills every property, so "exactly one of" schemas (oneOf branches that only
    // require one property each, or `not: { required: [a, b] }`) get them all: keep the first.
    const own = new Set(Array.isArray(s.required) ? s.required : []);
    const requiredOf = (b) => (Array.isArray(b?.required) ? b.required : []);
    if (alternatives.length > 1 && alternatives.every((b) => b && !b.properties && !b.type && requiredOf(b).length)) {
      const keep = new Set(requiredOf(alternatives[0]));
      for (const b of alternatives.slice(1)) for (const name of requiredOf(b)) if (!keep.has(name) && !own.has(name)) delete out[name];
    }
    const not = deref(doc, s.not);
    if (requiredOf(not).length > 1 && requiredOf(not).every((name) => name in out)) {
      const drop = requiredOf(not)
        .filter((name) => !own.has(name))
        .at(-1);
      if (drop !== undefined) delete out[drop];
    }
    // A document fault (box.json's lock): a required property that `properties` does not define is
    // never sampled; any value satisfies its schema.
    for (const name of Array.isArray(s.required) ? s.required : []) {
      if (!(name in out) && !s.properties?.[name] && !alternatives.some((b) => b?.properties?.[name])) out[name] = "wire";
    }
    return out;
  }
  if (typeof value === "string" && s.oneOf?.length) return conform(doc, s.oneOf[0], value, blobs, depth + 1);
  if (typeof value === "string" && s.anyOf?.length) return conform(doc, s.anyOf[0], value, blobs, depth + 1);
  return value;
}

/** The body value for a media type, in the form the generated client takes it. */
function bodyValue(doc, { type, media }) {
  const schema = media.schema;
  const base = type.split(";")[0].trim().toLowerCase();
  const value = conform(doc, schema, sampleSchema(doc, schema, { skipReadOnly: true }), base === "multipart/form-data");
  if (base === "multipart/form-data") return value ?? {};
  if (JSONISH.test(base) || base === "application/x-www-form-urlencoded" || base === "*/*") return value ?? {};
  if (base.startsWith("text/")) return typeof value === "string" ? value : JSON.stringify(value ?? "text");
  // Anything else is bytes (application/octet-stream, image/*, ...).
  return new Blob([typeof value === "string" && value ? value : "wire conformance bytes"], { type: base });
}

/** The data of a parameter's first OpenAPI 3.2 Example Object with a `dataValue`, when it has one (3.0/3.1 examples are left to the sampler, as before). */
function exampleOf(doc, p) {
  for (const raw of Object.values(p.examples ?? {})) {
    const e = deref(doc, raw);
    if (e && Object.hasOwn(e, "dataValue")) return e.dataValue;
  }
  return undefined;
}

/** A value that fills a path segment: the runtime rightly refuses "", "." and "..". */
function pathValue(value) {
  if (value === undefined || value === null || value === "" || (typeof value === "object" && !Array.isArray(value))) return "wire";
  return value;
}

/**
 * `params` for `api[name](params)`: path, query, header and cookie parameters by their name in the
 * document, plus `body`. Also returns what was left out and why.
 */
export function buildArguments(doc, found, apiOperation) {
  const params = {};
  const skipped = [];
  for (const p of found.parameters) {
    if (p.in === "header" && IGNORED_HEADERS.has(p.name.toLowerCase())) {
      skipped.push(`header ${p.name}: ignored by the OpenAPI text`);
      continue;
    }
    const schema = p.schema ?? Object.values(p.content ?? {})[0]?.schema;
    // The parameter's own example when it gives one as OpenAPI 3.2's `dataValue` (the data; a
    // `serializedValue` is its wire form, never taken as data).
    const example = exampleOf(doc, p);
    let value = example !== undefined ? example : conform(doc, schema, sampleSchema(doc, schema, { skipReadOnly: true }), false);
    // A value that fits several oneOf branches once read from the wire ("0" is an integer and a
    // string) is rejected by "exactly one"; a non-numeric string fits the string branch alone.
    const branches = (deref(doc, schema)?.oneOf ?? []).map((b) => deref(doc, b));
    if (typeof value !== "string" && branches.some((b) => b?.type === "string" && !b.enum && !b.format && !b.pattern)) value = "wire";
    if (p.in === "path") value = pathValue(value);
    if (value === undefined) {
      skipped.push(`${p.in} ${p.name}: no sample`);
      continue;
    }
    // The params object's field: the name, unless another location shares it (api.json says `key`).
    const key = apiOperation.parameters?.find((q) => q.in === p.in && q.name === p.name)?.key ?? p.name;
    if (Object.hasOwn(params, key)) skipped.push(`${p.in} ${p.name}: name already used by another parameter`);
    else params[key] = value;
  }
  const media = requestMedia(doc, found.op, apiOperation.body?.contentType);
  if (media && apiOperation.body) params.body = bodyValue(doc, media);
  return { params, skipped, bodyType: media?.type };
}

/** Credentials for every scheme of the document: basic gets a user and password, the rest a token. */
export function credentialsFor(doc) {
  const credentials = {};
  for (const [name, raw] of Object.entries(doc.components?.securitySchemes ?? {})) {
    const scheme = deref(doc, raw);
    credentials[name] =
      scheme?.type === "http" && /^basic$/i.test(scheme.scheme ?? "") ? { username: "wire-user", password: "wire-pass" } : "wire-token";
  }
  return credentials;
}
