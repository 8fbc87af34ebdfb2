import { pointer, pointerSegments } from "../document/pointer.js";
import { follow, own } from "../document/own.js";
import { target } from "../document/refs.js";
import type { OpenApiDocument } from "../document/types.js";

/**
 * Where a node of the OpenAPI 3 conversion of a Swagger 2.0 document came from, so that a problem
 * found in the conversion is shown at the line the user wrote. The rules follow what
 * swagger2openapi does:
 *
 * | OpenAPI 3 (converted)                                   | Swagger 2.0 (original)                                 |
 * | ------------------------------------------------------- | ------------------------------------------------------ |
 * | /openapi                                                | /swagger                                               |
 * | /servers/…                                              | /host (else /basePath, /schemes): inexact              |
 * | /components/schemas/X/…                                 | /definitions/X/…                                       |
 * | /components/parameters/X/schema/type                    | /parameters/X/type (a 2.0 parameter holds its schema)  |
 * | /components/responses/X/content/{type}/schema/…         | /responses/X/schema/…                                  |
 * | /components/securitySchemes/X/flows/{flow}/scopes       | /securityDefinitions/X/scopes                          |
 * | /components/requestBodies/X/…                           | the body of the first operation that uses it           |
 * | /paths/P/M/parameters/i                                 | /paths/P/M/parameters/j: body and form parameters left |
 * |                                                         | the list, so i counts only the others                 |
 * | /paths/P/M/requestBody/content/{type}/schema/…          | /paths/P/M/parameters/j/schema/… (the `in: body` one)  |
 * | /paths/P/M/requestBody/content/{type}/schema/properties/F/… | /paths/P/M/parameters/j/… (the `in: formData` F)  |
 * | /paths/P/M/responses/C/content/{type}/schema/…          | /paths/P/M/responses/C/schema/…                        |
 * | /paths/P/M/responses/C/headers/H/schema/…               | /paths/P/M/responses/C/headers/H/…                     |
 * | anything else                                           | the same pointer                                       |
 *
 * A node the conversion made from several (a server from host, basePath and schemes), or that the
 * original does not have (a default response, a keyword renamed inside a schema), is placed at its
 * nearest ancestor that exists in the original, and the result says it is not exact.
 */
export interface OriginalPointer {
  pointer: string;
  /** False when the node was placed at the nearest Swagger node that exists rather than the one that made it. */
  exact: boolean;
}

type Segments = string[];
interface Mapped {
  segments: Segments;
  exact: boolean;
}

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);

const same = (segments: Segments): Mapped => ({ segments, exact: true });
const near = (segments: Segments): Mapped => ({ segments, exact: false });

/** The name swagger2openapi gives a component (it replaces characters a 3.0 component name may not hold). */
function sanitised(name: string): string {
  return name
    .replace("[]", "Array")
    .split("/")
    .join("_")
    .replace(/[^A-Za-z0-9_\-.]+|\s+/g, "_");
}

/** The original key of a component the conversion may have renamed. */
function originalName(section: unknown, name: string): string {
  if (own(section, name) !== undefined || section === null || typeof section !== "object") return name;
  return Object.keys(section).find((key) => sanitised(key) === name) ?? name;
}

/** A parameter list entry, through a `$ref` to a document-level parameter. */
function resolveParameter(original: unknown, entry: unknown): unknown {
  const ref = own(entry, "$ref");
  return typeof ref === "string" ? target(original as OpenApiDocument, ref) : entry;
}

/** Where a parameter list entry is written: a `$ref` to `#/parameters/X` is written at /parameters/X. */
function parameterLocation(original: unknown, list: Segments, index: number): Segments {
  const ref = own(follow(original, [...list, String(index)]), "$ref");
  if (typeof ref === "string" && ref.startsWith("#/parameters/")) {
    const target = pointerSegments(ref);
    if (follow(original, target) !== undefined) return target;
  }
  return [...list, String(index)];
}

/** Body and form parameters became the request body; the conversion's parameter i is the i-th of the others. */
function isBodyLike(parameter: unknown): boolean {
  const where = own(parameter, "in");
  return where === "body" || where === "formData";
}

function parameterIndex(original: unknown, list: Segments, convertedIndex: number): string | undefined {
  const entries = follow(original, list);
  if (!Array.isArray(entries)) return undefined;
  let kept = -1;
  for (let i = 0; i < entries.length; i++) {
    if (!isBodyLike(resolveParameter(original, entries[i])) && ++kept === convertedIndex) return String(i);
  }
  return undefined;
}

/** Inside a parameter: a 2.0 parameter holds its schema keywords itself; `style` and `explode` were `collectionFormat`. */
function parameterRest(rest: Segments): Mapped {
  if (rest[0] === "schema") return same(rest.slice(1));
  if (rest[0] === "style" || rest[0] === "explode") return same(["collectionFormat"]);
  return same(rest);
}

/** Inside a response: `content/{type}/schema` was `schema`, examples were keyed by media type, headers held their schema. */
function responseRest(rest: Segments): Mapped {
  if (rest[0] === "content") {
    if (rest[2] === "schema") return same(["schema", ...rest.slice(3)]);
    if ((rest[2] === "examples" || rest[2] === "example") && rest[1] !== undefined) return near(["examples", rest[1]]);
    return near([]);
  }
  if (rest[0] === "headers" && rest[1] !== undefined) {
    return rest[2] === "schema" ? same(["headers", rest[1], ...rest.slice(3)]) : same(rest);
  }
  return same(rest);
}

/** Inside a security scheme: an OAuth flow's fields were the scheme's own; `scheme: basic` was `type: basic`. */
function securityRest(rest: Segments): Mapped {
  if (rest[0] === "flows") return rest.length > 2 ? same(rest.slice(2)) : near(["flow"]);
  if (rest[0] === "scheme") return same(["type"]);
  return same(rest);
}

/**
 * The body or form parameters an operation's request body was made from (the operation's own
 * first, then its path's): where each is listed (`entry`), and where it is defined (`body`, the
 * document-level parameter a listed `$ref` names).
 */
function bodyParameters(
  original: unknown,
  path: string,
  method: string,
): { entry?: Segments; body?: Segments; form: Map<string, Segments> } {
  const form = new Map<string, Segments>();
  let entry: Segments | undefined;
  let body: Segments | undefined;
  for (const list of [
    ["paths", path, method, "parameters"],
    ["paths", path, "parameters"],
  ]) {
    const entries = follow(original, list);
    if (!Array.isArray(entries)) continue;
    entries.forEach((listed, i) => {
      const parameter = resolveParameter(original, listed);
      const name = own(parameter, "name");
      if (own(parameter, "in") === "body" && !body) {
        entry = [...list, String(i)];
        body = parameterLocation(original, list, i);
      } else if (own(parameter, "in") === "formData" && typeof name === "string" && !form.has(name)) {
        form.set(name, parameterLocation(original, list, i));
      }
    });
  }
  return { entry, body, form };
}

/** A request body's node, from the operation's body parameter or the form parameter of the property. */
function requestBodyRest(original: unknown, converted: unknown, path: string, method: string, rest: Segments): Mapped {
  const operation: Segments = ["paths", path, method];
  const { entry, body, form } = bodyParameters(original, path, method);
  if (body && entry) {
    if (rest.length === 0 || rest[0] === "$ref") return same(entry);
    if (rest[0] === "content" && rest[2] === "schema") return same([...body, "schema", ...rest.slice(3)]);
    if (rest[0] === "description" || rest[0] === "required") return same([...body, rest[0]]);
    return near(body);
  }
  const first = form.values().next().value;
  if (!first) return near(operation);
  if (rest[0] === "content" && rest[2] === "schema") {
    if (rest[3] === "properties" && rest[4] !== undefined) {
      const parameter = form.get(rest[4]);
      return parameter ? same([...parameter, ...rest.slice(5)]) : near(first);
    }
    if (rest[3] === "required" && rest[4] !== undefined) {
      const name = follow(converted, [...operation, "requestBody", ...rest.slice(0, 5)]);
      const parameter = typeof name === "string" ? form.get(name) : undefined;
      return parameter ? same([...parameter, "required"]) : near(first);
    }
  }
  return near(first);
}

/** The first operation whose request body is the shared `#/components/requestBodies/{name}`. */
function userOfRequestBody(converted: unknown, name: string): [string, string] | undefined {
  const target = "#/components/requestBodies/" + encodeURIComponent(name);
  const paths = own(converted, "paths");
  if (paths === null || typeof paths !== "object") return undefined;
  for (const path of Object.keys(paths)) {
    const item = own(paths, path);
    for (const method of Object.keys(item ?? {})) {
      const ref = own(own(own(item, method), "requestBody"), "$ref");
      if (METHODS.has(method) && (ref === target || ref === "#/components/requestBodies/" + name)) return [path, method];
    }
  }
  return undefined;
}

/** Where each kind of component was in a Swagger 2.0 document. */
const SECTIONS = { schemas: "definitions", parameters: "parameters", responses: "responses", securitySchemes: "securityDefinitions" };

function components(original: unknown, converted: unknown, s: Segments): Mapped {
  const [, section, name, ...rest] = s;
  if (name === undefined) {
    const from = own(SECTIONS, section ?? "");
    return near(typeof from === "string" ? [from] : []);
  }
  const named = (key: string, inner: Mapped): Mapped => ({
    segments: [key, originalName(own(original, key), name), ...inner.segments],
    exact: inner.exact,
  });
  switch (section) {
    case "schemas":
      return named("definitions", same(rest));
    case "parameters":
      return named("parameters", parameterRest(rest));
    case "responses":
      return named("responses", responseRest(rest));
    case "securitySchemes":
      return named("securityDefinitions", securityRest(rest));
    case "requestBodies": {
      const user = userOfRequestBody(converted, name);
      if (user) return requestBodyRest(original, converted, user[0], user[1], rest);
      return near(own(own(original, "parameters"), name) !== undefined ? ["parameters", name] : []);
    }
    default:
      return near([]);
  }
}

function paths(original: unknown, converted: unknown, s: Segments): Mapped {
  const [root, path, key, ...rest] = s as [string, string | undefined, string | undefined, ...string[]];
  if (path === undefined || key === undefined) return same(s);
  if (key === "parameters") {
    const index = parameterIndex(original, [root, path, "parameters"], Number(rest[0]));
    if (index === undefined) return near([root, path, "parameters"]);
    const inner = parameterRest(rest.slice(1));
    return { segments: [root, path, "parameters", index, ...inner.segments], exact: inner.exact };
  }
  if (!METHODS.has(key)) return same(s);
  const operation = [root, path, key];
  const [field, ...inside] = rest;
  if (field === "parameters") {
    const index = parameterIndex(original, [...operation, "parameters"], Number(inside[0]));
    if (index === undefined) return near([...operation, "parameters"]);
    const inner = parameterRest(inside.slice(1));
    return { segments: [...operation, "parameters", index, ...inner.segments], exact: inner.exact };
  }
  if (field === "requestBody") return requestBodyRest(original, converted, path, key, inside);
  if (field === "responses" && inside[0] !== undefined) {
    const inner = responseRest(inside.slice(1));
    return { segments: [...operation, "responses", inside[0], ...inner.segments], exact: inner.exact };
  }
  if (field === "servers") return near([...operation, "schemes"]);
  return same(s);
}

function mapSegments(original: unknown, converted: unknown, s: Segments): Mapped {
  switch (s[0]) {
    case "openapi":
      return same(["swagger"]);
    case "servers": {
      const from = ["host", "basePath", "schemes", "x-ms-parameterized-host", "x-servers"].find((k) => own(original, k) !== undefined);
      return near(from ? [from] : []);
    }
    case "components":
      return components(original, converted, s);
    case "paths":
    case "x-ms-paths":
      return paths(original, converted, s);
    default:
      return same(s);
  }
}

/**
 * The pointer in the Swagger 2.0 document (`original`) of the node at `ptr` in its OpenAPI 3
 * conversion (`converted`): by the rules above, then cut back to the deepest node that exists.
 */
export function swaggerPointer(original: unknown, converted: unknown, ptr: string): OriginalPointer {
  const mapped = mapSegments(original, converted, pointerSegments(ptr));
  let n = mapped.segments.length;
  while (n > 0 && follow(original, mapped.segments.slice(0, n)) === undefined) n--;
  return { pointer: pointer(mapped.segments.slice(0, n)), exact: mapped.exact && n === mapped.segments.length };
}
