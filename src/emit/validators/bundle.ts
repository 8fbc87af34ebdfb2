import type { OpenApiDocument } from "../../load/document.js";
import { follow, own, setOwn } from "../../util/own.js";
import { refSegments } from "./compile.js";
import { type Dialect, type Direction, normaliseSchema } from "./normalise.js";

/**
 * One JSON Schema 2020-12 document with what a client checks, for every engine alike:
 * - `$defs`: the component schemas the operations reach, once, or once per direction when a
 *   `readOnly`/`writeOnly` property makes them differ (`Pet@request`, `Pet@response`);
 * - `operations.<name>.request`: the params object a generated function takes, path, query, header
 *   and cookie parameters by their field and `body` (checked for the media type `contentType` chooses);
 * - `operations.<name>.responses.<status>`: each 2xx JSON body.
 * The document must be bundled (only `#` references) and have its quirks normalised.
 */
export interface SchemaBundle {
  schema: { $defs: Record<string, unknown>; operations: Record<string, { request: unknown; responses: Record<string, unknown> }> };
  /** Operation name → pointer of its request schema. */
  requests: Record<string, string>;
  /** Operation name → status → pointer of its response schema. */
  responses: Record<string, Record<string, string>>;
}

/** An operation to check, and how its function takes its values. */
export interface BundleOperation {
  /** The function's name: the key of its checks. */
  name: string;
  method: string;
  /** The path as the document writes it (its key in `paths`). */
  path: string;
  /** The params object's field of a parameter, by `<in>:<name>`, when it is not the name. */
  keys?: Readonly<Record<string, string>>;
  /** The media types the body can be sent as, the default first (the document's JSON, multipart, form, text, other when absent). */
  bodyTypes?: readonly string[];
  /** Parameters the path holds but the document does not declare: sent as strings. */
  undeclared?: readonly string[];
}

type Json = Record<string, any>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const COMPONENT = /^#\/components\/schemas\/([^/]+)(.*)$/;
const isJson = (type: string) => /^application\/(.+\+)?json(;|$)/i.test(type);
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const escapeSegment = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
const componentName = (segment: string) => decodeURIComponent(segment).replace(/~1/g, "/").replace(/~0/g, "~");

/** Every operation, named by operationId or `METHOD /path` (for measuring engines on whole documents). */
export function allOperations(doc: OpenApiDocument): BundleOperation[] {
  const out: BundleOperation[] = [];
  for (const path of Object.keys(doc.paths ?? {})) {
    const item = resolve(doc, own(doc.paths, path));
    for (const method of METHODS) {
      const op = own(item, method);
      if (isObject(op))
        out.push({
          name: typeof op.operationId === "string" && op.operationId ? op.operationId : `${method.toUpperCase()} ${path}`,
          method,
          path,
        });
    }
  }
  return out;
}

function resolve(doc: OpenApiDocument, node: unknown): any {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === "string" && hops < 32; hops++) {
    current = current.$ref.startsWith("#") ? follow(doc, refSegments(current.$ref)) : undefined;
  }
  return current;
}

/** Whether a schema marks a property readOnly or writeOnly, and the components its own schema `$ref`s. */
function scan(node: unknown, refs: Set<string>): boolean {
  let marks = false;
  const stack = [node];
  while (stack.length) {
    const n = stack.pop();
    if (Array.isArray(n)) stack.push(...n);
    else if (isObject(n)) {
      if (n.readOnly === true || n.writeOnly === true) marks = true;
      for (const [k, v] of Object.entries(n)) {
        if (k === "$ref" && typeof v === "string") {
          const m = COMPONENT.exec(v);
          if (m) refs.add(componentName(m[1]!));
        } else if (k === "mapping" && isObject(v)) {
          for (const t of Object.values(v))
            if (typeof t === "string") stack.push({ $ref: t.startsWith("#") ? t : `#/components/schemas/${t}` });
        } else if (typeof v === "object") stack.push(v);
      }
    }
  }
  return marks;
}

/** The components whose schemas differ by direction: those that reach a readOnly or writeOnly mark. */
function directionalComponents(schemas: Json): Set<string> {
  const refs = new Map<string, Set<string>>();
  const out = new Set<string>();
  for (const name of Object.keys(schemas)) {
    const set = new Set<string>();
    if (scan(schemas[name], set)) out.add(name);
    refs.set(name, set);
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const [name, set] of refs) {
      if (out.has(name)) continue;
      for (const r of set)
        if (out.has(r)) {
          out.add(name);
          changed = true;
          break;
        }
    }
  }
  return out;
}

const BODY_RANK = (type: string) =>
  isJson(type) ? 0 : /^multipart\//i.test(type) ? 1 : /^application\/x-www-form-urlencoded/i.test(type) ? 2 : /^text\//i.test(type) ? 3 : 4;

/** The schema of a media type of a request body, or `{}`. */
const mediaSchema = (content: unknown, type: string) => own(own(content, type), "schema") ?? {};

/** The params object's schema: one property per parameter field and `body`, chosen by `contentType` when the body has several. */
function requestSchema(doc: OpenApiDocument, item: Json, op: Json, spec: BundleOperation, normalise: (s: unknown) => unknown): Json {
  const params = new Map<string, Json>();
  for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const param = resolve(doc, p);
    if (isObject(param) && typeof param.name === "string") params.set(`${param.in}:${param.name}`, param);
  }
  const properties: Json = {};
  const required: string[] = [];
  for (const [id, p] of params) {
    if (!["path", "query", "header", "cookie"].includes(p.in)) continue;
    const key = spec.keys?.[id] ?? p.name;
    const schema = p.schema ?? (Object.values(p.content ?? {})[0] as Json | undefined)?.schema ?? {};
    setOwn(properties, key, normalise(schema));
    if (p.required === true || p.in === "path") required.push(key);
  }
  for (const name of spec.undeclared ?? []) {
    if (own(properties, name) === undefined) setOwn(properties, name, {});
    required.push(name);
  }
  const out: Json = { type: "object", properties };
  const body = resolve(doc, op.requestBody);
  const declared = Object.keys(body?.content ?? {});
  const types = spec.bodyTypes ?? [...declared].sort((a, b) => BODY_RANK(a) - BODY_RANK(b)).slice(0, 1);
  if (types.length === 1) properties.body = normalise(mediaSchema(body?.content, types[0]!));
  else if (types.length > 1) {
    // `contentType` chooses the media type, and so the body's schema; the first is the default.
    properties.contentType = { enum: [...types] };
    let chain: Json = { properties: { body: normalise(mediaSchema(body?.content, types[0]!)) } };
    for (const type of types.slice(1).reverse()) {
      chain = {
        if: { properties: { contentType: { const: type } }, required: ["contentType"] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
        then: { properties: { body: normalise(mediaSchema(body?.content, type)) } },
        else: chain,
      };
    }
    out.allOf = [chain];
  }
  if (types.length > 0 && body?.required === true) required.push("body");
  if (required.length) out.required = [...new Set(required)];
  return out;
}

export function schemaBundle(doc: OpenApiDocument, operations: readonly BundleOperation[] = allOperations(doc)): SchemaBundle {
  const dialect: Dialect = String(doc.openapi ?? "3.0").startsWith("3.0") ? "3.0" : "3.1";
  const schemas: Json = doc.components?.schemas ?? {};
  const directional = directionalComponents(schemas);
  const defs: Record<string, unknown> = {};
  const queue: Array<[string, Direction, string]> = [];
  const defName = (name: string, direction: Direction) => (directional.has(name) ? `${name}@${direction}` : name);

  const context = (direction: Direction) => ({
    dialect,
    direction,
    resolve: (ref: string) => (ref.startsWith("#") ? follow(doc, refSegments(ref)) : undefined),
    ref: (ref: string) => {
      const m = COMPONENT.exec(ref);
      if (!m) return undefined; // anything else is inlined
      const name = componentName(m[1]!);
      if (!own(schemas, name)) return undefined;
      const def = defName(name, direction);
      if (!own(defs, def)) {
        setOwn(defs, def, {}); // claimed now: a cycle must not queue it twice
        queue.push([name, direction, def]);
      }
      return `#/$defs/${escapeSegment(def)}${m[2]}`;
    },
  });
  const requestContext = context("request");
  const responseContext = context("response");

  const ops: SchemaBundle["schema"]["operations"] = {};
  const requests: Record<string, string> = {};
  const responses: Record<string, Record<string, string>> = {};
  for (const spec of operations) {
    const { name, method, path } = spec;
    const item = resolve(doc, own(doc.paths, path));
    const op = own(item, method);
    if (!isObject(op)) continue;
    const request = requestSchema(doc, item, op, spec, (s) => normaliseSchema(s, requestContext));
    const statuses: Record<string, unknown> = {};
    for (const status of Object.keys(op.responses ?? {})) {
      if (!/^2(\d\d|XX)$/i.test(status)) continue;
      const response = resolve(doc, own(op.responses, status));
      const type = Object.keys(response?.content ?? {}).find(isJson);
      if (type !== undefined) statuses[status] = normaliseSchema(mediaSchema(response.content, type), responseContext);
    }
    setOwn(ops, name, { request, responses: statuses });
    requests[name] = `#/operations/${escapeSegment(name)}/request`;
    responses[name] = Object.fromEntries(Object.keys(statuses).map((s) => [s, `#/operations/${escapeSegment(name)}/responses/${s}`]));
  }
  while (queue.length) {
    const [name, direction, def] = queue.shift()!;
    setOwn(defs, def, normaliseSchema(schemas[name], direction === "request" ? requestContext : responseContext));
  }
  return { schema: { $defs: defs, operations: ops }, requests, responses };
}
