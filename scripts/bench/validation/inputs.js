// The documents and the values the speed row validates: OpenAI's CreateChatCompletionRequest
// (written by hand, a realistic request) and GitHub's largest request bodies (generated from their
// schemas), each valid and with two wrong values (one deep, one at the top).
import path from "node:path";
import { SPECS, root } from "./paths.js";

const cache = new Map();
/** The document as the generator reads it (its schema home), its model, and our schema bundle. */
export async function loadInput(name) {
  if (cache.has(name)) return cache.get(name);
  const { loadDocument } = await import("../../../dist/load/load-document.js");
  const { modelFromDocument } = await import("../../../dist/model/build-model.js");
  const { schemaBundle } = await import("../../../dist/emit/validators/bundle.js");
  const file = name.includes("/") ? path.resolve(root, name) : path.join(SPECS, name);
  const loaded = await loadDocument(file, process.cwd(), { lint: false });
  const model = modelFromDocument(loaded.document, { file });
  const input = { name, file, doc: model.document, model, bundle: schemaBundle(model) };
  cache.set(name, input);
  return input;
}

export const CHAT_VALID = {
  model: "gpt-4o",
  messages: [
    { role: "developer", content: "You are a terse assistant that answers with JSON." },
    {
      role: "user",
      content: [
        { type: "text", text: "What is in this picture, and what's the weather there?" },
        { type: "image_url", image_url: { url: "https://example.com/photo.jpg", detail: "high" } },
      ],
      name: "alice",
    },
    {
      role: "assistant",
      content: null,
      tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
    },
    { role: "tool", tool_call_id: "call_1", content: '{"temperature":21,"unit":"celsius"}' },
    { role: "assistant", content: "It is the Eiffel Tower; 21 °C in Paris." },
    { role: "user", content: "Thanks. Summarise in one sentence." },
  ],
  tools: [
    {
      type: "function",
      function: {
        name: "get_weather",
        description: "The current weather in a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
        strict: true,
      },
    },
  ],
  tool_choice: "auto",
  parallel_tool_calls: true,
  temperature: 0.7,
  top_p: 1,
  max_completion_tokens: 1024,
  n: 1,
  presence_penalty: 0,
  frequency_penalty: 0.5,
  logit_bias: { 50256: -100 },
  logprobs: true,
  top_logprobs: 3,
  response_format: {
    type: "json_schema",
    json_schema: { name: "answer", schema: { type: "object", properties: { text: { type: "string" } } }, strict: true },
  },
  seed: 42,
  stop: ["\n\n"],
  stream: false,
  metadata: { session: "abc" },
  store: false,
  user: "user-1234",
  service_tier: "auto",
};

export const CHAT_INVALID = structuredClone(CHAT_VALID);
CHAT_INVALID.temperature = 3; // maximum 2
CHAT_INVALID.messages[1].content[1].image_url.detail = "ultra"; // not in the enum, three levels down

/** Every leaf of a value with its path, deepest first. */
function leaves(value, at = [], out = []) {
  if (Array.isArray(value)) value.forEach((v, i) => leaves(v, [...at, i], out));
  else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) leaves(v, [...at, k], out);
  else out.push(at);
  return out.sort((a, b) => b.length - a.length);
}

/** The value with its deepest leaf and its first top-level leaf replaced by a value of the wrong type. */
export function spoil(value) {
  const copy = structuredClone(value);
  const all = leaves(copy);
  const deep = all[0];
  const top = all.filter((p) => p.length === 1)[0] ?? all[all.length - 1];
  for (const p of [deep, top]) {
    if (!p || p.length === 0) continue;
    const parent = p.slice(0, -1).reduce((n, k) => n[k], copy);
    const old = parent[p[p.length - 1]];
    parent[p[p.length - 1]] = typeof old === "string" ? 12345 : "not-a-" + typeof old;
  }
  return copy;
}

const FORMAT_SAMPLES = {
  "date-time": "2024-05-06T07:08:09Z",
  date: "2024-05-06",
  time: "07:08:09Z",
  uuid: "123e4567-e89b-12d3-a456-426614174000",
  email: "octocat@example.com",
  uri: "https://example.com/a",
  "uri-template": "https://example.com/{a}",
  ipv4: "192.0.2.1",
};

/** A value that uses every property of the schema (to `maxDepth`), for request bodies without an example. */
export function sample(root, node, depth = 0, maxDepth = 6) {
  const at = (ref) =>
    ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((n, k) => n?.[k], root);
  if (node === true || node === undefined) return "x";
  if (node.$ref) return sample(root, at(node.$ref), depth, maxDepth);
  if (node["x-binary"]) return "bytes";
  if (node.const !== undefined) return node.const;
  if (Array.isArray(node.enum)) return node.enum.find((v) => v !== null) ?? null;
  for (const k of ["oneOf", "anyOf"]) {
    if (Array.isArray(node[k])) {
      const branch = node[k].find((b) => !(b.type === "null")) ?? node[k][0];
      const base = { ...node, [k]: undefined };
      const v = sample(root, branch, depth, maxDepth);
      return v && typeof v === "object" && !Array.isArray(v) && base.properties ? { ...sample(root, base, depth, maxDepth), ...v } : v;
    }
  }
  if (Array.isArray(node.allOf))
    return Object.assign(
      {},
      ...node.allOf.map((m) => sample(root, m, depth, maxDepth)),
      node.properties ? sample(root, { ...node, allOf: undefined }, depth, maxDepth) : {},
    );
  const type = Array.isArray(node.type)
    ? node.type.find((t) => t !== "null")
    : (node.type ?? (node.properties ? "object" : node.items ? "array" : "string"));
  switch (type) {
    case "string": {
      const s = FORMAT_SAMPLES[node.format] ?? "sample";
      return node.minLength > s.length ? s.padEnd(node.minLength, "x") : node.maxLength < s.length ? s.slice(0, node.maxLength) : s;
    }
    case "integer":
    case "number":
      return node.minimum ?? (node.exclusiveMinimum !== undefined ? node.exclusiveMinimum + 1 : 1);
    case "boolean":
      return true;
    case "null":
      return null;
    case "array": {
      if (depth >= maxDepth) return [];
      const n = Math.max(node.minItems ?? 0, 2);
      const items = [];
      for (let i = 0; i < n; i++) items.push(sample(root, node.items, depth + 1, maxDepth));
      return node.uniqueItems ? [items[0]] : items;
    }
    default: {
      const out = {};
      const required = new Set(node.required ?? []);
      for (const [k, v] of Object.entries(node.properties ?? {})) {
        if (v?.["x-forbidden"]) continue;
        if (depth >= maxDepth && !required.has(k)) continue;
        out[k] = sample(root, v, depth + 1, maxDepth);
      }
      return out;
    }
  }
}

/** Size of a schema with every $ref inlined (each component once per path, cycles cut). */
export function resolvedSize(root, node, seen = new Set()) {
  if (node === null || typeof node !== "object") return JSON.stringify(node ?? null).length;
  if (typeof node.$ref === "string") {
    if (seen.has(node.$ref)) return 10;
    const target = node.$ref
      .slice(2)
      .split("/")
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((n, k) => n?.[k], root);
    return resolvedSize(root, target, new Set([...seen, node.$ref]));
  }
  let n = 2;
  for (const [k, v] of Object.entries(node)) n += k.length + 3 + resolvedSize(root, v, seen);
  return n;
}

/** GitHub's request bodies, largest resolved schema first. */
export function largestBodies(bundle, count = 3) {
  return Object.entries(bundle.schema.operations)
    .filter(([, op]) => op.request.properties?.body)
    .map(([name, op]) => ({ name, size: resolvedSize(bundle.schema, op.request.properties.body) }))
    .sort((a, b) => b.size - a.size)
    .slice(0, count);
}
