// A deterministic sampler of OpenAPI schemas, for the types suite: the same document gives the same
// values every run. It reads a schema as OpenAPI says (3.0: `$ref` siblings ignored; 3.1: applied),
// merges `allOf`, takes one branch of each `oneOf`/`anyOf` (the caller chooses which, by the
// branch list's pointer), puts the discriminator's real value in the tag (see discriminator.js),
// leaves readOnly properties out of requests and writeOnly ones out of responses, and in
// "required" mode writes only what is required: a property with a `default` is left out of a
// request unless required, and kept in a response (the server fills it in, as issue 17 reads it).
// Values it cannot make are an `Unsampleable` error; an independent validator judges the rest.
import { createRequire } from "node:module";
import { discriminatorValues, ownTagValues } from "./discriminator.js";
import { child, get, refPointer } from "./pointer.js";

const RandExp = createRequire(import.meta.url)("randexp");

/** A `format: binary` value: a Blob in the params object, a string for a JSON Schema validator. */
export class Binary {
  constructor(text = "bytes") {
    this.text = text;
  }
}

export class Unsampleable extends Error {}

// Optional properties are written down to this depth in "full" mode (required ones always), and a
// sample larger than this many values gets only required properties from then on. Responses are
// smaller: a full Stripe object with its expandable fields would be a 6 KB literal, and tsc time
// grows with them (20 MB of response literals took tsc a minute).
const FULL_DEPTH = { request: 6, response: 3 };
const BUDGET = { request: 1500, response: 150 };
const MAX_DEPTH = 40;

const FORMATS = {
  "date-time": "2024-01-02T03:04:05Z",
  date: "2024-01-02",
  time: "03:04:05Z",
  duration: "P1D",
  email: "user@example.com",
  "idn-email": "user@example.com",
  hostname: "example.com",
  "idn-hostname": "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
  uri: "https://example.com/path",
  url: "https://example.com/path",
  iri: "https://example.com/path",
  "uri-reference": "/path",
  "iri-reference": "/path",
  "uri-template": "https://example.com/{id}",
  uuid: "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  byte: "c2FtcGxl",
  int32: "1",
  int64: "1",
  regex: "^a$",
  "json-pointer": "/a",
  "relative-json-pointer": "0",
  password: "secret",
};

const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

const LOWER = ["minimum", "minLength", "minItems", "minProperties"];
const UPPER = ["maximum", "maxLength", "maxItems", "maxProperties"];

function intersectTypes(a, b) {
  const list = (t) => (Array.isArray(t) ? t : [t]);
  const out = [];
  for (const x of list(a)) {
    for (const y of list(b)) {
      if (x === y) out.push(x);
      else if ((x === "integer" && y === "number") || (x === "number" && y === "integer")) out.push("integer");
    }
  }
  if (out.length === 0) throw new Unsampleable(`allOf of types ${JSON.stringify(a)} and ${JSON.stringify(b)}`);
  return out.length === 1 ? out[0] : [...new Set(out)];
}

/** One schema from several that must all hold (allOf members, a chosen branch, a tag). */
export function merge(parts) {
  const m = {};
  for (const p of parts) {
    for (const [k, v] of Object.entries(p)) {
      if (v === undefined) continue;
      if (k === "properties") {
        m.properties ??= {};
        for (const [name, s] of Object.entries(v))
          m.properties[name] = Object.hasOwn(m.properties, name) ? { all: [m.properties[name], s] } : s;
      } else if (k === "required") m.required = [...new Set([...(m.required ?? []), ...v])];
      else if (k === "patterns") m.patterns = [...(m.patterns ?? []), ...v];
      else if (k === "type") m.type = m.type === undefined ? v : intersectTypes(m.type, v);
      else if (k === "enum") m.enum = m.enum ? m.enum.filter((x) => v.some((y) => same(x, y))) : v;
      else if (k === "const") {
        if ("const" in m && !same(m.const, v)) throw new Unsampleable(`allOf of const ${JSON.stringify(m.const)} and ${JSON.stringify(v)}`);
        m.const = v;
      } else if (LOWER.includes(k)) m[k] = m[k] === undefined ? v : Math.max(m[k], v);
      else if (UPPER.includes(k)) m[k] = m[k] === undefined ? v : Math.min(m[k], v);
      else if (k === "items") m.items = m.items ? { all: [m.items, v] } : v;
      else if (k === "additionalProperties") m[k] = v === false || m[k] === false ? false : (m[k] ?? v);
      else if (k === "readOnly" || k === "writeOnly" || k === "exclusiveMinimum" || k === "exclusiveMaximum") m[k] = m[k] || v;
      else if (!(k in m)) m[k] = v;
    }
  }
  if (m.enum && m.enum.length === 0) throw new Unsampleable("allOf of enums without a common value");
  return m;
}

/** The keywords of one schema object that the sampler reads, with subschemas as located inputs. */
function own(s, at) {
  const o = {};
  for (const k of [
    "type",
    "enum",
    "format",
    "default",
    "readOnly",
    "writeOnly",
    "uniqueItems",
    "multipleOf",
    "discriminator",
    ...LOWER,
    ...UPPER,
  ])
    if (s[k] !== undefined) o[k] = s[k];
  if ("const" in s) o.const = s.const;
  if (typeof s.pattern === "string") o.patterns = [s.pattern];
  // 3.0's boolean exclusiveMinimum; 3.1's number (a 3.1 document with booleans is read by intent).
  for (const [ex, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ]) {
    if (typeof s[ex] === "number") {
      o[bound] = s[ex];
      o[ex] = true;
    } else if (s[ex] === true) o[ex] = true;
  }
  if (isObject(s.properties)) {
    o.properties = {};
    for (const [name, sub] of Object.entries(s.properties)) o.properties[name] = { node: sub, at: child(child(at, "properties"), name) };
  }
  if (Array.isArray(s.required)) o.required = s.required.filter((r) => typeof r === "string");
  if (s.items !== undefined && !Array.isArray(s.items)) o.items = { node: s.items, at: child(at, "items") };
  if (Array.isArray(s.prefixItems)) o.prefixItems = s.prefixItems.map((sub, i) => ({ node: sub, at: child(child(at, "prefixItems"), i) }));
  if (s.additionalProperties === false) o.additionalProperties = false;
  else if (isObject(s.additionalProperties))
    o.additionalProperties = { node: s.additionalProperties, at: child(at, "additionalProperties") };
  else if (s.additionalProperties === true) o.additionalProperties = { node: {}, at: child(at, "additionalProperties") };
  if (isObject(s.propertyNames)) o.propertyNames = { node: s.propertyNames, at: child(at, "propertyNames") };
  return o;
}

/**
 * The sampler of one document. `sample(input, options)` returns { value, leaves, objects } where
 * `input` is { node, at } (a schema and its pointer), and options are
 * { direction: "request" | "response", mode: "full" | "required", choices: Map<pointer, index>,
 * sites: Map<pointer, { count, at }> } (filled with every oneOf/anyOf met, in order).
 */
export function createSampler(doc) {
  const v31 = /^3\.[1-9]/.test(String(doc.openapi ?? ""));

  /** Follows `$ref`s: the schema, its pointer, the component schema it is (if it is one), 3.1 siblings. */
  function resolve(node, at) {
    let s = node;
    let pointer = at;
    let component;
    const siblings = [];
    for (let hops = 0; isObject(s) && typeof s.$ref === "string"; hops++) {
      if (hops > 50) throw new Unsampleable(`$ref loop at ${pointer}`);
      const target = refPointer(s.$ref);
      if (target === undefined) throw new Unsampleable(`$ref outside the document: ${s.$ref}`);
      if (v31) {
        const { $ref, ...rest } = s;
        if (Object.keys(rest).length > 0) siblings.push({ node: rest, at: pointer });
      }
      pointer = target;
      s = get(doc, target);
      if (s === undefined) throw new Unsampleable(`$ref to nothing: ${target}`);
      if (/^\/components\/schemas\/[^/]+$/.test(target)) component = target;
    }
    return { s, pointer, component, siblings };
  }

  /**
   * A located input as one merged schema, with `$component` when it is a component schema. Cached
   * per sample (the branch choices are fixed within one) by pointer, for a flatten from the top.
   */
  function flatten(input, ctx, stack = []) {
    const cacheable = stack.length === 0 && input.at !== undefined && !input.all;
    if (cacheable && ctx.flattened.has(input.at)) return ctx.flattened.get(input.at);
    const m = flattenNew(input, ctx, stack);
    if (cacheable) ctx.flattened.set(input.at, m);
    return m;
  }

  function flattenNew(input, ctx, stack) {
    if (input.all) return merge(input.all.map((i) => flatten(i, ctx, stack)));
    const { s, pointer, component, siblings } = resolve(input.node, input.at);
    if (s === false) throw new Unsampleable(`schema false at ${pointer}`);
    if (s === true || !isObject(s)) return {};
    const parts = [own(s, pointer), ...siblings.map((x) => flatten(x, ctx, stack))];
    // A schema met again while merging itself (a branch that allOf's its own parent): its own keywords only.
    const cyclic = stack.includes(pointer);
    const inner = [...stack, pointer];
    const parents = [];
    const exclude = new Set();
    const requiredOf = (node) => {
      const r = resolve(node, undefined).s;
      return isObject(r) && Array.isArray(r.required) ? r.required : [];
    };
    if (!cyclic) {
      (Array.isArray(s.allOf) ? s.allOf : []).forEach((m, i) => {
        const part = flatten({ node: m, at: child(child(pointer, "allOf"), i) }, ctx, inner);
        parts.push(part);
        if (isObject(part.discriminator) && typeof part.discriminator.propertyName === "string") parents.push(part);
      });
      for (const kw of ["oneOf", "anyOf"]) {
        const branches = Array.isArray(s[kw]) ? s[kw] : [];
        if (branches.length === 0) continue;
        const site = child(pointer, kw);
        if (!ctx.sites.has(site)) ctx.sites.set(site, { count: branches.length, component });
        const index = Math.min(ctx.choices.get(site) ?? 0, branches.length - 1);
        const branchAt = child(site, index);
        const branch = flatten({ node: branches[index], at: branchAt }, ctx, inner);
        parts.push(branch);
        const d = s.discriminator;
        if (isObject(d) && typeof d.propertyName === "string") {
          const target = resolve(branches[index], branchAt);
          const values = discriminatorValues(
            d,
            target.pointer === branchAt ? undefined : target.pointer,
            ownTagValues(doc, branches[index], d.propertyName),
          );
          if (values.length > 0)
            parts.push({ properties: { [d.propertyName]: { node: { enum: values }, at: undefined } }, required: [d.propertyName] });
        }
        // "Exactly one of": what only the other branches require is left out (in full mode too).
        if (kw === "oneOf") {
          const mine = new Set(requiredOf(branches[index]));
          for (const [i, other] of branches.entries()) {
            if (i !== index) for (const name of requiredOf(other)) if (!mine.has(name)) exclude.add(name);
          }
        }
      }
    }
    const m = merge(parts);
    if (!isObject(s.discriminator)) delete m.discriminator;
    else m.discriminator = s.discriminator;
    // A parent (in allOf) with a discriminator names this component schema's tag: mapping, own value, or its name.
    if (component !== undefined) {
      for (const p of parents) {
        const name = p.discriminator.propertyName;
        const values = discriminatorValues(p.discriminator, component, ownTagValues(doc, s, name));
        if (values.length === 0) continue;
        m.properties = { ...m.properties, [name]: { node: { const: values[0] }, at: undefined } };
        m.required = [...new Set([...(m.required ?? []), name])];
      }
    }
    delete m.$component;
    if (component !== undefined) m.$component = component;
    if (exclude.size > 0) m.$exclude = new Set([...(m.$exclude ?? []), ...exclude]);
    return m;
  }

  /** The component schema an input leads to without merging anything (for recursion checks). */
  function componentOf(input) {
    if (input.all) return undefined;
    try {
      return resolve(input.node, input.at).component;
    } catch {
      return undefined;
    }
  }

  function typeOf(m) {
    const types = Array.isArray(m.type) ? m.type : m.type === undefined ? [] : [m.type];
    const t = types.find((x) => x !== "null") ?? types[0];
    if (t !== undefined) return t;
    if (m.properties || m.additionalProperties !== undefined || m.required || m.minProperties !== undefined) return "object";
    if (m.items || m.prefixItems) return "array";
    if (m.patterns || m.format || m.minLength !== undefined || m.maxLength !== undefined) return "string";
    if (m.minimum !== undefined || m.maximum !== undefined || m.multipleOf !== undefined) return "number";
    return "any";
  }

  function stringValue(m) {
    if (m.format === "binary") return new Binary();
    let v = FORMATS[m.format] ?? "sample";
    const length = { min: m.minLength ?? 0, max: m.maxLength ?? Number.POSITIVE_INFINITY };
    for (const pattern of m.patterns ?? []) v = matching(pattern, v, length);
    // Free text (no pattern, no format with a syntax) is padded or cut to its length.
    if (!m.patterns && (!FORMATS[m.format] || m.format === "password")) {
      if (v.length < length.min) v = v.padEnd(length.min, "x");
      if (v.length > length.max) v = v.slice(0, length.max);
    }
    return v;
  }

  function numberValue(m, integer) {
    const step = typeof m.multipleOf === "number" && m.multipleOf > 0 ? m.multipleOf : integer ? 1 : 0.5;
    const lo = typeof m.minimum === "number" ? m.minimum + (m.exclusiveMinimum ? step : 0) : undefined;
    const hi = typeof m.maximum === "number" ? m.maximum - (m.exclusiveMaximum ? step : 0) : undefined;
    // 1.5 for a number: a value an integer branch beside it (oneOf) does not also match.
    let v = lo ?? (hi !== undefined ? Math.min(hi, integer ? 1 : 1.5) : integer ? 1 : 1.5);
    if (typeof m.multipleOf === "number" && m.multipleOf > 0) v = Math.ceil(v / m.multipleOf) * m.multipleOf;
    if (integer) v = Math.ceil(v);
    if (hi !== undefined && v > hi) v = integer ? Math.floor(hi) : hi;
    return v;
  }

  /** Samples one value; `path` is where it goes in the params object or body. */
  function value(input, path, depth, ctx) {
    if (depth > MAX_DEPTH) throw new Unsampleable(`deeper than ${MAX_DEPTH} at ${path.join(".")}`);
    ctx.size++;
    const m = flatten(input, ctx);
    const component = m.$component;
    if (component !== undefined) ctx.stack.push(component);
    try {
      return valueFrom(m, path, depth, ctx);
    } finally {
      if (component !== undefined) ctx.stack.pop();
    }
  }

  function valueFrom(m, path, depth, ctx) {
    if ("const" in m) {
      ctx.leaves.push({ path, schema: m, kind: "const" });
      return m.const;
    }
    if (Array.isArray(m.enum) && m.enum.length > 0) {
      ctx.leaves.push({ path, schema: m, kind: "enum" });
      return m.enum.find((x) => x !== null) ?? m.enum[0];
    }
    const type = typeOf(m);
    if (type === "object") return objectValue(m, path, depth, ctx);
    if (type === "array") return arrayValue(m, path, depth, ctx);
    ctx.leaves.push({ path, schema: m, kind: type });
    if (type === "string") return stringValue(m);
    if (type === "integer" || type === "number") return numberValue(m, type === "integer");
    if (type === "boolean") return true;
    if (type === "null") return null;
    return "any";
  }

  function objectValue(m, path, depth, ctx) {
    const out = {};
    const props = m.properties ?? {};
    const required = new Set(m.required ?? []);
    const full = ctx.mode === "full" && depth < FULL_DEPTH[ctx.direction] && ctx.size < BUDGET[ctx.direction];
    const names = full ? [...new Set([...Object.keys(props), ...required])] : [...required];
    // What is received has its defaulted properties (the server fills them in): issue 17's reading.
    if (ctx.direction === "response" && !full) {
      for (const [name, input] of Object.entries(props)) if (!required.has(name) && defaulted(input, ctx)) names.push(name);
    }
    for (const name of names) {
      let input = props[name];
      if (!input) {
        // Required but not defined: any value does (a document fault); the additionalProperties schema if any.
        input = isObject(m.additionalProperties) ? m.additionalProperties : { node: { type: "string" }, at: undefined };
      }
      if (!required.has(name) && m.$exclude?.has(name)) continue;
      const sub = flatten(input, ctx);
      if (ctx.direction === "request" && sub.readOnly) continue;
      if (ctx.direction === "response" && sub.writeOnly) continue;
      // An optional property that leads back into a schema being sampled would never end.
      if (!required.has(name) && ctx.stack.includes(componentOf(input) ?? sub.$component)) continue;
      out[name] = value(input, [...path, name], depth + 1, ctx);
    }
    if (Object.keys(props).length === 0 && isObject(m.additionalProperties) && (full || (m.minProperties ?? 0) > 0)) {
      const names = m.propertyNames ? flatten(m.propertyNames, ctx) : {};
      const key = (names.patterns ?? []).reduce((k, pattern) => matching(pattern, k), "key");
      out[key] = value(m.additionalProperties, [...path, key], depth + 1, ctx);
    }
    ctx.objects.push({ path, required: [...required].filter((r) => r in out), schema: m });
    return out;
  }

  function defaulted(input, ctx) {
    try {
      return flatten(input, ctx).default !== undefined;
    } catch {
      return false;
    }
  }

  function arrayValue(m, path, depth, ctx) {
    const out = [];
    const prefix = m.prefixItems ?? [];
    prefix.forEach((p, i) => out.push(value(p, [...path, i], depth + 1, ctx)));
    let count = Math.max(m.minItems ?? 0, 1);
    if (m.maxItems !== undefined) count = Math.min(count, m.maxItems);
    if (!m.items) return out;
    const recursive = ctx.stack.includes(componentOf(m.items));
    if (recursive && (m.minItems ?? 0) <= out.length) return out;
    for (let i = out.length; i < count; i++) out.push(vary(value(m.items, [...path, i], depth + 1, ctx), i, m.uniqueItems));
    return out;
  }

  return {
    v31,
    flatten,
    /** One value for `input` ({ node, at }), with where its leaves and objects are. */
    sample(input, { direction, mode, choices = new Map(), sites = new Map(), path = [] }) {
      const ctx = { direction, mode, choices, sites, stack: [], leaves: [], objects: [], size: 0, flattened: new Map() };
      const v = value(input, path, 0, ctx);
      return { value: v, leaves: ctx.leaves, objects: ctx.objects };
    },
  };
}

/** Items of a `uniqueItems` array made different (the i-th). */
function vary(v, i, unique) {
  if (!unique || i === 0) return v;
  if (typeof v === "string") return `${v}${i}`;
  if (typeof v === "number") return v + i;
  return v;
}

/** A deterministic random source seeded by the text: the same pattern gives the same string. */
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

/**
 * A string matching `pattern` (and of a length within `length`), or `value` when it already does
 * (or none is found).
 */
export function matching(pattern, value, length = { min: 0, max: Number.POSITIVE_INFINITY }) {
  const fits = (v) => v.length >= length.min && v.length <= length.max;
  let re;
  try {
    re = new RegExp(pattern, "u");
  } catch {
    try {
      re = new RegExp(pattern);
    } catch {
      return value;
    }
  }
  if (re.test(value) && fits(value)) return value;
  try {
    const gen = new RandExp(pattern);
    const random = seeded(pattern);
    gen.randInt = (from, to) => from + Math.floor(random() * (to - from + 1));
    gen.max = Math.max(8, Math.min(length.min, 64));
    for (let i = 0; i < 40; i++) {
      const candidate = gen.gen();
      if (re.test(candidate) && fits(candidate)) return candidate;
    }
  } catch {}
  return value;
}
