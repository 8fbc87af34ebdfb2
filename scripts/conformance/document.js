// Reading an OpenAPI document as plain data, independently of the generator, and finding its operations.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SPECS_DIR = path.resolve(root, "../shared/specs");
export const DEFAULT_DOCUMENTS = ["stripe.json", "kubernetes.json", "box.json", "twilio.json", "openai.yaml", "github.json"];
export const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

// Dates stay strings (a `2024-01-01` example is not a Date); merge keys still work.
const YAML_SCHEMA = yaml.CORE_SCHEMA.extend([yaml.types.merge]);

export function loadDocument(file) {
  const text = readFileSync(file, "utf8").replace(/^\uFEFF/, "");
  return /\.json$/i.test(file) ? JSON.parse(text) : yaml.load(text, { schema: YAML_SCHEMA });
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
  const op = item?.[method.toLowerCase()];
  if (!op) return undefined;
  const params = new Map();
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = deref(doc, raw);
    if (param?.name && param.in) params.set(`${param.in} ${param.name}`, param);
  }
  return { item, op, parameters: [...params.values()] };
}
