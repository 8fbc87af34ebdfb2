// The candidate samples of one operation, before anyone judges them: request params objects (the
// full sample, the required-only sample, one per oneOf/anyOf branch), invalid variants of a valid
// one (a required property removed, a value outside an enum, a wrong primitive), and 2xx bodies.
import { isStructured } from "./operation-inputs.js";
import { Binary, Unsampleable } from "./sampler.js";

// Branch samples per operation and direction: enough for every branch of a chat message union.
export const MAX_BRANCHES = { request: 24, response: 8 };

/** The value of the body for its media type: what the params object holds for it. */
function bodyValue(sampler, body, options) {
  const base = body.contentType.split(";")[0].trim().toLowerCase();
  if (!body.input) return { value: isStructured(base) ? {} : new Binary(), leaves: [], objects: [] };
  const r = sampler.sample(body.input, { ...options, direction: "request", path: ["body"] });
  if (!isStructured(base) && base.startsWith("text/") && typeof r.value !== "string")
    throw new Unsampleable(`a ${base} body that is not a string`);
  return r;
}

/** One params object: every parameter and the body ("full"), or only the required ones. */
function paramsSample(sampler, inputs, mode, choices, sites) {
  const value = {};
  const leaves = [];
  const objects = [];
  const options = { direction: "request", mode, choices, sites };
  for (const p of inputs.params) {
    if (mode === "required" && !p.required) continue;
    const r = sampler.sample(p.input, { ...options, path: [p.key] });
    value[p.key] = r.value;
    leaves.push(...r.leaves);
    objects.push(...r.objects);
  }
  if (inputs.body && (mode === "full" || inputs.body.required)) {
    const r = bodyValue(sampler, inputs.body, options);
    value.body = r.value;
    leaves.push(...r.leaves);
    objects.push(...r.objects);
  }
  return { value, leaves, objects };
}

/**
 * The full sample, the required-only one, and one per branch: each oneOf/anyOf met while sampling
 * (in the full sample, then in the branch samples) gets a sample for each of its other branches.
 * `build(mode, choices, sites)` makes one; a branch that cannot be sampled is kept as `failed`.
 */
function withBranches(build, cap) {
  const out = [];
  const attempt = (kind, mode, choices, sites) => {
    try {
      out.push({ kind, ...build(mode, choices, sites) });
    } catch (err) {
      if (!(err instanceof Unsampleable)) throw err;
      out.push({ kind, failed: err.message });
    }
  };
  const sites = new Map();
  attempt("full", "full", new Map(), sites);
  attempt("required", "required", new Map(), new Map());
  const queue = [...sites].map(([site, info]) => ({ site, info, choices: new Map() }));
  const queued = new Set(sites.keys());
  let branches = 0;
  while (queue.length > 0 && branches < cap) {
    const { site, info, choices } = queue.shift();
    for (let i = 1; i < info.count && branches < cap; i++, branches++) {
      const chosen = new Map(choices).set(site, i);
      const found = new Map();
      attempt(`branch ${i + 1}/${info.count} of ${site}`, "full", chosen, found);
      for (const [next, nextInfo] of found) {
        if (queued.has(next)) continue;
        queued.add(next);
        queue.push({ site: next, info: nextInfo, choices: chosen });
      }
    }
  }
  return dedupe(out);
}

/** Samples with the same value are one sample (the first kind names it). */
function dedupe(samples) {
  const seen = new Map();
  const out = [];
  for (const s of samples) {
    if (s.failed) {
      out.push(s);
      continue;
    }
    const key = canonical(s.value);
    const first = seen.get(key);
    if (first) first.alsoKinds = [...(first.alsoKinds ?? []), s.kind];
    else {
      seen.set(key, s);
      out.push(s);
    }
  }
  return out;
}

/** A stable text of a sample (Binary values marked), for comparing samples. */
export function canonical(value) {
  return JSON.stringify(value, (_k, v) => (v instanceof Binary ? { $binary: v.text } : v));
}

export function requestCandidates(sampler, inputs) {
  return withBranches((mode, choices, sites) => paramsSample(sampler, inputs, mode, choices, sites), MAX_BRANCHES.request);
}

export function responseCandidates(sampler, response) {
  return withBranches(
    (mode, choices, sites) => sampler.sample(response.input, { direction: "response", mode, choices, sites }),
    MAX_BRANCHES.response,
  );
}

/** A copy of a sample's value (Binary values kept as they are). */
function copy(v) {
  if (v instanceof Binary) return v;
  if (Array.isArray(v)) return v.map(copy);
  if (v !== null && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copy(x)]));
  return v;
}

function setAt(root, path, replace) {
  const out = copy(root);
  let node = out;
  for (const key of path.slice(0, -1)) node = node[key];
  replace(node, path.at(-1));
  return out;
}

/** A value of the same JSON type outside `values`. */
function outsideEnum(values) {
  if (values.every((v) => typeof v === "number")) return Math.max(...values) + 1;
  if (values.every((v) => typeof v === "boolean")) return !values[0];
  return "not-in-the-enum";
}

const WRONG = { string: 12345, integer: "12345", number: "12345", boolean: "true" };

/**
 * The invalid variants of a valid params object (`base`, with the leaves and objects the sampler
 * reported): each at most once for the parameters and once for the body. The independent validator
 * decides later whether each really is invalid.
 */
export function invalidCandidates(inputs, base) {
  const out = [];
  const inParams = (x) => x.path.length === 1 && x.path[0] !== "body";
  const inBody = (x) => x.path[0] === "body" && x.path.length > 1;
  const where = (path) => path.join(".");

  const requiredKey = inputs.params.find((p) => p.required && p.key in base.value)?.key ?? (inputs.body?.required ? "body" : undefined);
  if (requiredKey !== undefined && requiredKey in base.value) {
    out.push({ kind: "missing required parameter", at: requiredKey, value: setAt(base.value, [requiredKey], (o, k) => delete o[k]) });
  }
  const bodyObject = base.objects.find((o) => o.path.length === 1 && o.path[0] === "body" && o.required.length > 0);
  if (bodyObject) {
    const tag = bodyObject.schema.discriminator?.propertyName;
    const name = bodyObject.required.find((r) => r !== tag) ?? bodyObject.required[0];
    out.push({
      kind: "missing required body property",
      at: `body.${name}`,
      value: setAt(base.value, ["body", name], (o, k) => delete o[k]),
    });
  }
  for (const [scope, pick] of [
    ["parameter", inParams],
    ["body", inBody],
  ]) {
    const enumLeaf = base.leaves.find((l) => l.kind === "enum" && pick(l));
    if (enumLeaf) {
      const v = outsideEnum(enumLeaf.schema.enum);
      out.push({
        kind: `value outside the enum (${scope})`,
        at: where(enumLeaf.path),
        value: setAt(base.value, enumLeaf.path, (o, k) => (o[k] = v)),
      });
    }
    const primitive = base.leaves.find((l) => l.kind in WRONG && pick(l));
    if (primitive) {
      const v = WRONG[primitive.kind];
      out.push({
        kind: `wrong primitive (${scope})`,
        at: where(primitive.path),
        value: setAt(base.value, primitive.path, (o, k) => (o[k] = v)),
      });
    }
  }
  return out;
}
