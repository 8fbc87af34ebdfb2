// The independent judge of the types suite: Ajv, given OpenAPI's meaning and nothing of ours.
// 3.0 documents are draft 4 with `nullable` (Ajv reads it beside `type`) and boolean
// exclusiveMinimum/Maximum, `$ref` siblings ignored; 3.1 documents are JSON Schema 2020-12. Two
// views of the document are added to Ajv: in the request view a readOnly property may not be sent
// (and is not required), in the response view the same for writeOnly. A discriminator selects the
// branch by its values (discriminator.js): each oneOf/anyOf branch gets its values as an enum.
import { createRequire } from "node:module";
import { discriminatorValues, ownTagValues, refTarget } from "./discriminator.js";
import { child, get, refInto, refPointer } from "./pointer.js";
import { Binary } from "./sampler.js";

const require = createRequire(import.meta.url);
const AjvDraft04 = require("ajv-draft-04");
const Ajv2020 = require("ajv/dist/2020").default;
const addFormats = require("ajv-formats");

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const SCHEMA_MAPS = ["properties", "patternProperties", "dependentSchemas", "$defs", "definitions"];
const SCHEMA_LISTS = ["allOf", "anyOf", "oneOf", "prefixItems"];
const SCHEMA_ONE = [
  "additionalProperties",
  "not",
  "if",
  "then",
  "else",
  "contains",
  "propertyNames",
  "unevaluatedItems",
  "unevaluatedProperties",
  "additionalItems",
];

/** Whether a (property) schema is readOnly/writeOnly, through `$ref`s and allOf members. */
function flagged(doc, node, flag, v31, depth = 0) {
  if (!isObject(node) || depth > 20) return false;
  if (node[flag] === true && (v31 || typeof node.$ref !== "string")) return true;
  if (typeof node.$ref === "string") {
    const target = refPointer(node.$ref);
    return target !== undefined && flagged(doc, get(doc, target), flag, v31, depth + 1);
  }
  return (Array.isArray(node.allOf) ? node.allOf : []).some((m) => flagged(doc, m, flag, v31, depth + 1));
}

const count = (notes, what) => (notes[what] = (notes[what] ?? 0) + 1);

/** Rewrites one schema object of the view in place (its subschemas are walked after). */
function viewSchema(s, at, ctx) {
  const { source, v31, direction, notes } = ctx;
  if (!v31 && typeof s.$ref === "string" && Object.keys(s).length > 1) {
    for (const k of Object.keys(s)) if (k !== "$ref") delete s[k];
    count(notes, "3.0: keywords beside a $ref are ignored");
    return;
  }
  if ("nullable" in s && (v31 || s.type === undefined)) {
    delete s.nullable;
    count(notes, v31 ? "3.1: `nullable` is not a keyword (ignored)" : "3.0: `nullable` without `type` has no effect (dropped)");
  }
  for (const [ex, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ]) {
    if (v31 && typeof s[ex] === "boolean") {
      if (s[ex] && typeof s[bound] === "number") {
        s[ex] = s[bound];
        delete s[bound];
      } else delete s[ex];
      count(notes, `3.1 document with a boolean ${ex}: read as 3.0 meant it`);
    } else if (!v31 && typeof s[ex] === "number") {
      s[bound] = s[ex];
      s[ex] = true;
      count(notes, `3.0 document with a numeric ${ex}: read as 3.1 meant it`);
    }
  }
  const d = s.discriminator;
  if (isObject(d) && typeof d.propertyName === "string") {
    const name = d.propertyName;
    for (const kw of ["oneOf", "anyOf"]) {
      if (!Array.isArray(s[kw])) continue;
      s[kw] = s[kw].map((branch) => {
        const values = discriminatorValues(d, refTarget(source, branch), ownTagValues(source, branch, name));
        if (values.length === 0) return branch;
        count(notes, "discriminator: a branch takes only its tag values");
        return { allOf: [branch, { properties: { [name]: { enum: values } }, required: [name] }] };
      });
    }
  }
  // A component schema whose allOf parent has a discriminator (and is not itself) takes its own tag values.
  if (/^\/components\/schemas\/[^/]+$/.test(at) && Array.isArray(s.allOf)) {
    for (const member of [...s.allOf]) {
      const target = refTarget(source, member);
      const parent = target === undefined ? undefined : get(source, target);
      const pd = parent?.discriminator;
      if (target === at || !isObject(pd) || typeof pd.propertyName !== "string") continue;
      const values = discriminatorValues(pd, at, ownTagValues(source, get(source, at), pd.propertyName));
      if (values.length === 0) continue;
      s.allOf.push({ properties: { [pd.propertyName]: { enum: values } }, required: [pd.propertyName] });
      count(notes, "discriminator in an allOf parent: the schema takes its own tag values");
    }
  }
  const hidden = direction === "request" ? "readOnly" : "writeOnly";
  if (isObject(s.properties)) {
    for (const [name, p] of Object.entries(s.properties)) {
      if (!flagged(source, p, hidden, v31)) continue;
      s.properties[name] = { not: {} };
      if (Array.isArray(s.required)) s.required = s.required.filter((r) => r !== name);
      count(notes, `${direction}s: a ${hidden} property may not be present (nor is it required)`);
    }
  }
}

// Ajv reads an `id` (draft 4) anywhere in what it is given: examples and extensions go (they are
// not validated anyway), lest an example's `"id": "12,"` be taken for a schema's identifier.
const dropUnread = (node) => {
  for (const k of Object.keys(node)) if (k === "example" || k === "examples" || k.startsWith("x-")) delete node[k];
};

function walkSchema(s, at, ctx, seen) {
  if (!isObject(s) || seen.has(s)) return;
  seen.add(s);
  dropUnread(s);
  viewSchema(s, at, ctx);
  for (const k of SCHEMA_MAPS) {
    if (isObject(s[k])) for (const [name, sub] of Object.entries(s[k])) walkSchema(sub, child(child(at, k), name), ctx, seen);
  }
  for (const k of SCHEMA_LISTS) if (Array.isArray(s[k])) s[k].forEach((sub, i) => walkSchema(sub, child(child(at, k), i), ctx, seen));
  if (Array.isArray(s.items)) s.items.forEach((sub, i) => walkSchema(sub, child(child(at, "items"), i), ctx, seen));
  else walkSchema(s.items, child(at, "items"), ctx, seen);
  for (const k of SCHEMA_ONE) walkSchema(s[k], child(at, k), ctx, seen);
}

/** Walks the document outside schemas, to every place a schema starts. */
function walkDocument(node, at, ctx, seen) {
  if (!isObject(node) && !Array.isArray(node)) return;
  if (isObject(node)) dropUnread(node);
  for (const [k, v] of Object.entries(node)) {
    const here = child(at, k);
    if (k === "schema" && !Array.isArray(node)) walkSchema(v, here, ctx, seen);
    else if (k === "schemas" && at === "/components" && isObject(v)) {
      for (const [name, s] of Object.entries(v)) walkSchema(s, child(here, name), ctx, seen);
    } else walkDocument(v, here, ctx, seen);
  }
}

/** The request or response view of the document, and what was changed (counted). */
export function validatorView(source, direction, notes = {}) {
  const view = structuredClone(source);
  const v31 = /^3\.[1-9]/.test(String(source.openapi ?? ""));
  walkDocument(view, "", { source, v31, direction, notes }, new Set());
  return view;
}

/** A value as JSON Schema sees it: bytes are a string (`format: binary`). */
function asJson(v) {
  if (v instanceof Binary) return v.text;
  if (Array.isArray(v)) return v.map(asJson);
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, asJson(x)]));
  return v;
}

/**
 * The judge of one document: `request(inputs)` and `response(input)` compile a check that returns
 * { ok: true } or { ok: false, errors } (or { ok: undefined, error } when Ajv itself failed).
 */
export function createJudge(source) {
  const v31 = /^3\.[1-9]/.test(String(source.openapi ?? ""));
  const notes = {};
  const Ajv = v31 ? Ajv2020 : AjvDraft04;
  const ajv = new Ajv({
    strict: false,
    validateSchema: false,
    logger: false,
    allErrors: false,
    unicodeRegExp: false,
    allowUnionTypes: true,
  });
  addFormats(ajv);
  ajv.addSchema(validatorView(source, "request", notes), "request");
  ajv.addSchema(validatorView(source, "response", notes), "response");

  const schemaOf = (base, input) => (input?.at === undefined ? (input?.node ?? {}) : { $ref: refInto(base, input.at) });
  const checker = (schema) => {
    let validate;
    try {
      validate = ajv.compile(schema);
    } catch (err) {
      return () => ({ ok: undefined, error: `Ajv could not compile it: ${String(err.message ?? err).slice(0, 300)}` });
    }
    return (value) => {
      try {
        if (validate(asJson(value))) return { ok: true };
        return { ok: false, errors: (validate.errors ?? []).slice(0, 3).map((e) => `${e.instancePath || "/"} ${e.message}`) };
      } catch (err) {
        return { ok: undefined, error: `Ajv failed: ${String(err.message ?? err).slice(0, 300)}` };
      }
    };
  };

  return {
    notes,
    /** The params object: each parameter under its field, and `body`; nothing else. */
    request(inputs) {
      const properties = {};
      const required = [];
      for (const p of inputs.params) {
        properties[p.key] = schemaOf("request", p.input);
        if (p.required) required.push(p.key);
      }
      if (inputs.body) {
        properties.body = inputs.body.input ? schemaOf("request", inputs.body.input) : {};
        if (inputs.body.required) required.push("body");
      }
      return checker({ type: "object", properties, required, additionalProperties: false });
    },
    response(input) {
      return checker(schemaOf("response", input));
    },
  };
}
