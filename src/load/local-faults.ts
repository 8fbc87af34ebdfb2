import { refusalFix } from "./access.js";
import type { NormalizedProblem } from "@redocly/openapi-core";
import { DocumentEdit } from "../document/edit.js";
import { follow, isObject } from "../document/own.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import { forEachSchemaRoot } from "../document/schema-roots.js";
import { walkSchema } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";

/**
 * Faults of a document that touch a few of its parts, not the whole (DigitalOcean as shipped has 47
 * discriminator mappings naming files that are not shipped): the client is generated around them,
 * each a warning with its place, and `--strict` refuses them as before.
 * - `unresolved`: a `$ref` (or a discriminator mapping value) that points at nothing. Where it
 *   stood the client types `unknown` (a schema, a body, a response), leaves the parameter out, or
 *   drops the mapping entry; the operations that reach it say so in their JSDoc and `api.json`.
 * - `null`: `null` where OpenAPI wants an object (`default: null` on a response): it describes
 *   nothing, and is left out.
 * - `unexpected`: a key OpenAPI does not define there (`tags: []` on a path item): nothing reads it.
 * - `extension`: anything inside an `x-` extension (Redocly reads `x-webhooks` as path items): left as it is.
 * - `server`: a `servers` list that is not one, or an entry that is no server (no `url`): left out.
 */
export type Fault =
  | {
      kind: "unresolved";
      pointer: string;
      ref: string /** What it points at instead of a schema (a schema's `$ref` to a parameter). */;
      points?: string;
    }
  | { kind: "null"; pointer: string }
  | { kind: "unexpected"; pointer: string; key: string }
  | { kind: "extension"; pointer: string }
  | { kind: "server"; pointer: string };

const NOT_SCHEMAS: Record<string, string> = {
  parameters: "a parameter",
  responses: "a response",
  requestBodies: "a request body",
  headers: "a header",
  examples: "an example",
  links: "a link",
  callbacks: "a callback",
  securitySchemes: "a security scheme",
  pathItems: "a path item",
};

/**
 * A schema's `$ref`s to components that are not schemas (hey-api's `full.yaml` types a property by
 * a Parameter Object): the linter would then read the parameter as a schema and refuse it, where
 * it stands. Each is a fault at the reference, found before linting.
 */
export function schemaRefsToNonSchemas(document: OpenApiDocument): Fault[] {
  const out: Fault[] = [];
  forEachSchemaRoot(document, (schema, at) => {
    walkSchema(schema, (node, rel) => {
      const m = typeof node.$ref === "string" ? /^#\/components\/([^/]+)\//.exec(node.$ref) : null;
      const points = m ? NOT_SCHEMAS[m[1]!] : undefined;
      if (points) out.push({ kind: "unresolved", pointer: at + pointer(rel), ref: node.$ref, points });
    });
  });
  return out;
}

/** The marker a schema that stands for an unresolved `$ref` carries: a schema of nothing but it is typed `unknown`. */
export const UNRESOLVED = "x-unresolved-ref";

/** Where a fault can be cut off: inside an operation, a webhook or a component (not a security scheme, a whole path item or the root). */
function isLocal(segments: readonly string[]): boolean {
  const [top, name, third] = segments;
  if (top === "paths") return third !== undefined;
  if (top === "webhooks") return name !== undefined;
  if (top === "components") return name !== undefined && name !== "securitySchemes" && name !== "pathItems" && segments.length > 2;
  return false;
}

const UNRESOLVED_MESSAGE = /^Can't resolve \$ref/;
const REFUSED = /refused to (read|fetch)|URLs are not fetched|a redirect led to a refused URL/;
const NULL_OBJECT = /^Expected type `\w+` \(object\) but got `null`/;
const UNEXPECTED = /^Property `(.+)` is not expected here/;

/** The `$ref` a finding is about: the `$ref` of the node at its place, or the mapping value that is there. */
export function refAt(document: unknown, at: string): string | undefined {
  const node = follow(document, pointerSegments(at));
  if (typeof node === "string" && /\/discriminator\/mapping\/[^/]+$/.test(at)) return node;
  return isObject(node) && typeof node.$ref === "string" ? node.$ref : undefined;
}

/** The fault an error finding at `at` (a pointer into `document`, the file's root) is, or undefined when it stops the whole document. */
export function faultOf(finding: NormalizedProblem, at: string, document: unknown): Fault | undefined {
  const segments = pointerSegments(at);
  if (UNRESOLVED_MESSAGE.test(finding.message) && (finding.ruleId === "no-unresolved-refs" || finding.ruleId === "bundler")) {
    // A read or fetch the access rules refused (another host, a file outside the project, a limit)
    // is no fault to generate around: the user decides, with the setting its fix names.
    if (refusalFix(finding.message) !== undefined || REFUSED.test(finding.message)) return undefined;
    const ref = refAt(document, at);
    return ref !== undefined && isLocal(segments) ? { kind: "unresolved", pointer: at, ref } : undefined;
  }
  if (finding.ruleId !== "struct" || segments.length === 0) return undefined;
  // Inside an extension (Redocly reads `x-webhooks` as path items): nothing of it reaches the client.
  if (segments.some((s) => s.startsWith("x-"))) return { kind: "extension", pointer: at };
  if (NULL_OBJECT.test(finding.message) && segments.length >= 2 && follow(document, segments) === null)
    return { kind: "null", pointer: at };
  // A `servers` list that is not one, or an entry that is no server (no `url`): the client cannot use it.
  const servers = segments.lastIndexOf("servers");
  if (servers !== -1 && segments.length - servers <= 2) return { kind: "server", pointer: pointer(segments.slice(0, servers + 2)) };
  const key = UNEXPECTED.exec(finding.message)?.[1];
  if (key === undefined || segments[segments.length - 1] !== key) return undefined;
  // A method in the wrong case (`GET:`) is an operation the client would lose: that stays an error.
  const value = follow(document, segments);
  if (isObject(value) && (value.responses !== undefined || value.operationId !== undefined)) return undefined;
  return { kind: "unexpected", pointer: at, key };
}

/** What the client does about a fault, for its warning. */
export function consequence(fault: Fault): string {
  if (fault.kind === "null") return "it describes nothing and is left out";
  if (fault.kind === "unexpected") return `the client ignores \`${fault.key}\``;
  if (fault.kind === "extension") return "it is inside an extension, which the client does not read";
  if (fault.kind === "server")
    return "that server is left out: the client has no default for it (pass `baseUrl`, or `servers` for an operation's own)";
  const segments = pointerSegments(fault.pointer);
  const parent = segments[segments.length - 2];
  if (parent === "mapping") return "the mapping entry is left out, and the operations that use it say so";
  if (parent === "parameters" && /^\d+$/.test(segments[segments.length - 1]!))
    return "the parameter is left out of the operations that use it, which say so";
  return "the operations that use it are generated with this part typed `unknown`, and say so";
}

/** The fix of a wire-neutral fault names its key; an unresolved `$ref` keeps the linter's fix. */
export function faultFix(fault: Fault): string | undefined {
  const segments = pointerSegments(fault.pointer);
  const key = segments[segments.length - 1]!;
  if (fault.kind === "null") return `remove \`${key}: null\` (a null describes nothing), or write the object OpenAPI expects there`;
  if (fault.kind === "extension")
    return "correct it for the tool that reads the extension (`x-webhooks` is Redoc's): the client does not read it";
  if (fault.kind === "server") return "write each server as an object with a `url` (`servers: [{ url: https://api.example.com }]`)";
  if (fault.kind !== "unexpected") return undefined;
  const where =
    segments[0] === "paths" && segments.length === 3 ? " (tags, like the other fields of an operation, go on the operation)" : "";
  return `remove \`${key}\` from here: OpenAPI defines no such field at this place${key === "tags" ? where : ""}; if it is a misspelling of one, correct it`;
}

/** What stands in for an unresolved `$ref`, by where it is; undefined to delete the entry. */
function standIn(segments: readonly string[], ref: string): unknown {
  const schema = { [UNRESOLVED]: ref };
  const parent = segments[segments.length - 2];
  const kind = segments[0] === "components" && segments.length === 3 ? segments[1] : undefined;
  if (parent === "mapping" || parent === "examples" || parent === "links" || parent === "callbacks") return undefined;
  if (segments[segments.length - 1] === "requestBody" || kind === "requestBodies") return { content: { "application/json": { schema } } };
  if (parent === "responses" || kind === "responses")
    return { description: `the document's $ref ${JSON.stringify(ref)} points at nothing`, content: { "application/json": { schema } } };
  if (parent === "headers" || kind === "headers") return { schema };
  return schema;
}

/**
 * The document with each fault repaired (copy-on-write: the input is not changed): unresolved
 * `$ref`s replaced by what stands in for them, parameters and mapping entries left out, `null`s
 * and unexpected keys deleted.
 */
export function repairDocument<T>(document: T, faults: readonly Fault[]): T {
  const edit = new DocumentEdit(document);
  const removed = new Map<string, { list: string[]; indexes: number[] }>();
  for (const fault of faults) {
    if (fault.kind === "extension") continue;
    const segments = pointerSegments(fault.pointer);
    const parentPath = segments.slice(0, -1);
    const last = segments[segments.length - 1]!;
    const parent = edit.get(parentPath);
    if (Array.isArray(parent)) {
      // Items of a list (parameters) go after every other edit, from the end, so that indexes hold.
      const key = pointer(parentPath);
      const entry = removed.get(key) ?? { list: parentPath, indexes: [] };
      entry.indexes.push(Number(last));
      removed.set(key, entry);
      continue;
    }
    if (!isObject(parent)) continue;
    const replacement = fault.kind === "unresolved" ? standIn(segments, fault.ref) : undefined;
    edit.update(parentPath, (value: Record<string, unknown>) => {
      const copy = { ...value };
      if (replacement === undefined) delete copy[last];
      else copy[last] = replacement;
      return copy;
    });
  }
  for (const { list, indexes } of removed.values()) {
    const drop = new Set(indexes);
    edit.update(list, (value: unknown[]) => value.filter((_, i) => !drop.has(i)));
  }
  return edit.result;
}
