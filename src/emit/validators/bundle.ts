import type { OpenApiDocument } from "../../load/document.js";
import { follow, own } from "../../util/own.js";
import { refSegments } from "./compile.js";
import { normaliseSchema, type Dialect, type Direction } from "./normalise.js";

/**
 * One JSON Schema 2020-12 document with what a client checks, for every engine alike:
 * - `$defs`: the component schemas the operations reach, once, or once per direction when a
 *   `readOnly`/`writeOnly` property makes them differ (`Pet@request`, `Pet@response`);
 * - `operations.<name>.request`: `{ path, query, header, cookie, body }`, each location an object of
 *   the parameters by name, as the generated functions take them;
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

export interface OperationRef {
  name: string;
  method: string;
  path: string;
}

type Json = Record<string, any>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];
const COMPONENT = /^#\/components\/schemas\/([^/]+)(.*)$/;
const isJson = (type: string) => /^application\/(.+\+)?json(;|$)/i.test(type);
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const escapeSegment = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** Every operation, named by operationId or `METHOD /path`. */
export function allOperations(doc: OpenApiDocument): OperationRef[] {
  const out: OperationRef[] = [];
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

/** Component name → names of the components its own schema `$ref`s, and whether it marks a property. */
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
          if (m) refs.add(decodeURIComponent(m[1]!).replace(/~1/g, "/").replace(/~0/g, "~"));
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

export function schemaBundle(doc: OpenApiDocument, operations: readonly OperationRef[] = allOperations(doc)): SchemaBundle {
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
      const name = decodeURIComponent(m[1]!).replace(/~1/g, "/").replace(/~0/g, "~");
      if (!own(schemas, name)) return undefined;
      const def = defName(name, direction);
      if (!own(defs, def)) {
        defs[def] = {}; // claimed now: a cycle must not queue it twice
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
  for (const { name, method, path } of operations) {
    const item = resolve(doc, own(doc.paths, path));
    const op = own(item, method);
    if (!isObject(op)) continue;
    const params = new Map<string, Json>();
    for (const p of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
      const param = resolve(doc, p);
      if (isObject(param) && typeof param.name === "string") params.set(`${param.in}:${param.name}`, param);
    }
    const request: Json = { type: "object", properties: {} };
    const required: string[] = [];
    for (const location of ["path", "query", "header", "cookie"]) {
      const here = [...params.values()].filter((p) => p.in === location);
      if (here.length === 0) continue;
      const properties: Json = {};
      const names: string[] = [];
      for (const p of here) {
        const schema = p.schema ?? (Object.values(p.content ?? {})[0] as Json | undefined)?.schema ?? {};
        properties[p.name] = normaliseSchema(schema, requestContext);
        if (p.required === true || location === "path") names.push(p.name);
      }
      request.properties[location] = names.length ? { type: "object", properties, required: names } : { type: "object", properties };
      if (names.length) required.push(location);
    }
    const body = resolve(doc, op.requestBody);
    const bodyType = Object.keys(body?.content ?? {}).sort((a, b) => BODY_RANK(a) - BODY_RANK(b))[0];
    if (bodyType !== undefined) {
      request.properties.body = normaliseSchema(body.content[bodyType]?.schema ?? {}, requestContext);
      if (body.required === true) required.push("body");
    }
    if (required.length) request.required = required;
    const statuses: Record<string, unknown> = {};
    for (const status of Object.keys(op.responses ?? {})) {
      if (!/^2(\d\d|XX)$/i.test(status)) continue;
      const response = resolve(doc, op.responses[status]);
      const type = Object.keys(response?.content ?? {}).find(isJson);
      if (type !== undefined) statuses[status] = normaliseSchema(response.content[type]?.schema ?? {}, responseContext);
    }
    ops[name] = { request, responses: statuses };
    requests[name] = `#/operations/${escapeSegment(name)}/request`;
    responses[name] = Object.fromEntries(Object.keys(statuses).map((s) => [s, `#/operations/${escapeSegment(name)}/responses/${s}`]));
  }
  while (queue.length) {
    const [name, direction, def] = queue.shift()!;
    defs[def] = normaliseSchema(schemas[name], direction === "request" ? requestContext : responseContext);
  }
  return { schema: { $defs: defs, operations: ops }, requests, responses };
}
