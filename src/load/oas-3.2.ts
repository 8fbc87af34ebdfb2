import { isObject, own, setOwn } from "../document/own.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import { METHODS, type OpenApiDocument } from "../document/types.js";
import type { ConversionNote } from "./convert-swagger.js";
import type { OriginalPointer } from "./swagger-pointer.js";

/**
 * OpenAPI 3.2, in the form the tools below the generator read. Redocly 1.34 lints a 3.2 document
 * as 3.1 and openapi-typescript 7.13 types 3.1, so what 3.2 adds is written in 3.1 terms, each
 * fact kept in an `x-oas32-*` mark that the generator's own readers (the model, the selection)
 * take back:
 * - a path item's `query` operation and each of its `additionalOperations` become a path item of
 *   their own, keyed `<path>#QUERY` (`#` is never sent, as in Box's keys), with the operation as its
 *   `post` and `x-oas32-operation: { path, method }`: openapi-typescript types it there, and every
 *   reader of operations meets it once;
 * - an `in: querystring` parameter becomes `in: query` with its content's schema, marked with its
 *   media type and encoding (`x-oas32-querystring`): the params object has it by name;
 * - `itemSchema` becomes `schema: { type: array, items }` (3.2: sequential media types are read as
 *   arrays of their items), marked `x-oas32-item-schema`; for server-sent events whose `data` says
 *   its content is JSON (`contentMediaType`, `contentSchema`), `data` is typed by `contentSchema`,
 *   as the client parses it; `itemEncoding` and `prefixEncoding` are kept as marks;
 * - fields 3.1 does not define are kept as marks (`tags`' `parent`, `kind` and `summary`, a server's
 *   `name`, a security scheme's `deprecated` and `oauth2MetadataUrl`, the `deviceAuthorization`
 *   flow, `$self`) or dropped where nothing reads them (an Example's `serializedValue`, a
 *   response's `summary`); an Example's `dataValue` is its `value`; media types `$ref`d from
 *   `components.mediaTypes` are copied in.
 * `map` places a pointer of the result in the document as written.
 */

const MARK = "x-oas32-";
const FIXED = new Set<string>([...METHODS, "query"]);
const JSON_TYPE = /^application\/(.+\+)?json(;|$)/i;

type Json = Record<string, any>;

export const isOas32 = (doc: unknown): boolean => isObject(doc) && typeof doc.openapi === "string" && /^3\.2\.\d+/.test(doc.openapi);

/** The retrieval URI's view of `$self`: references to `<$self>#/…` are references into this document. */
export function withLocalSelfRefs(doc: Json, location: string): Json {
  const self = typeof doc.$self === "string" ? doc.$self : undefined;
  if (self === undefined) return doc;
  let base: string;
  try {
    base = new URL(self, /^[a-z][a-z0-9+.-]*:/i.test(location) ? location : `file://${location}`).href.replace(/#.*$/, "");
  } catch {
    return doc;
  }
  const visit = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(visit);
    if (!isObject(node)) return node;
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      const local = key === "$ref" && typeof value === "string" && (value === base || value.startsWith(`${base}#`));
      setOwn(out, key, local ? `#${value.slice(base.length + 1)}` : visit(value));
    }
    return out;
  };
  return visit(doc) as Json;
}

export interface Downgraded {
  document: OpenApiDocument;
  map: (ptr: string) => OriginalPointer;
  notes: ConversionNote[];
}

/** Moves `from` to `mark` on `node` (a copy), when it is there. */
function markField(node: Json, from: string, mark = MARK + from): Json {
  if (!Object.hasOwn(node, from)) return node;
  const { [from]: value, ...rest } = node;
  return { ...rest, [mark]: value };
}

function withoutField(node: Json, field: string): Json {
  if (!Object.hasOwn(node, field)) return node;
  const { [field]: _, ...rest } = node;
  return rest;
}

const mapValues = (map: unknown, f: (value: any, key: string) => unknown): unknown => {
  if (!isObject(map)) return map;
  const out: Json = {};
  for (const key of Object.keys(map)) setOwn(out, key, f(own(map, key), key));
  return out;
};

/** An Example Object as 3.1 reads it: `dataValue` is the value; `serializedValue` says nothing about the data. */
function example(node: unknown): unknown {
  if (!isObject(node) || typeof node.$ref === "string") return node;
  let out = withoutField(node, "serializedValue");
  if (Object.hasOwn(out, "dataValue")) {
    const { dataValue, ...rest } = out;
    out = Object.hasOwn(rest, "value") ? rest : { ...rest, value: dataValue };
  }
  return out;
}

/** Server-sent events whose `data` is JSON by its `contentMediaType`: typed by `contentSchema`, as the client reads it. */
function eventData(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  let out = schema;
  const data = isObject(schema.properties) ? own(schema.properties, "data") : undefined;
  if (
    isObject(data) &&
    typeof data.contentMediaType === "string" &&
    JSON_TYPE.test(data.contentMediaType) &&
    data.contentSchema !== undefined
  )
    out = { ...out, properties: { ...schema.properties, data: data.contentSchema } };
  for (const key of ["allOf", "oneOf", "anyOf"]) if (Array.isArray(out[key])) out = { ...out, [key]: out[key].map(eventData) };
  return out;
}

/** Rewrites of pointers, [before, after], for `map` to undo. */
type Moves = Array<[string[], string[]]>;

class Downgrade {
  readonly notes: ConversionNote[] = [];
  /** Operations and path-level fields moved to a path item of their own: as written → moved. */
  readonly moves: Moves = [];
  /** `itemSchema` → `schema/items`, in the result's terms (undone before `moves`). */
  readonly items: Moves = [];
  private readonly mediaTypes: Json;

  constructor(
    private readonly doc: Json,
    /** Where the document was read: a server URL relative to it resolves against it, when it is a URL (3.2: not `$self`). */
    private readonly location?: string,
  ) {
    this.mediaTypes = isObject(doc.components) && isObject(doc.components.mediaTypes) ? doc.components.mediaTypes : {};
  }

  run(): OpenApiDocument {
    let out: Json = markField(this.doc, "$self");
    if (Array.isArray(out.servers))
      out = { ...out, servers: out.servers.map((s: unknown, i: number) => this.server(s, ["servers", String(i)])) };
    if (Array.isArray(out.tags))
      out = {
        ...out,
        tags: out.tags.map((t: unknown) => (isObject(t) ? ["parent", "kind", "summary"].reduce((node, k) => markField(node, k), t) : t)),
      };
    if (isObject(out.paths)) out = { ...out, paths: this.paths(out.paths) };
    if (isObject(out.webhooks))
      out = { ...out, webhooks: mapValues(out.webhooks, (item, name) => this.pathItem(item, ["webhooks", name])) };
    if (isObject(out.components)) out = { ...out, components: this.components(out.components) };
    return out as OpenApiDocument;
  }

  private note(at: string[], message: string): void {
    this.notes.push({ pointer: pointer(at), message });
  }

  /** 3.2's Server Object has a `name`; its variables must have a default, in their enum when there is one, and appear once. */
  private server(server: unknown, at: string[]): unknown {
    if (!isObject(server)) return server;
    const url = typeof server.url === "string" ? server.url : "";
    for (const [name, variable] of Object.entries(isObject(server.variables) ? server.variables : {})) {
      const where = [...at, "variables", name];
      if (!isObject(variable)) continue;
      if (typeof variable.default !== "string")
        this.note(where, `the server variable \`${name}\` has no default, which OpenAPI 3.2 requires`);
      else if (Array.isArray(variable.enum) && variable.enum.length === 0)
        this.note(where, `the server variable \`${name}\` has an empty enum`);
      else if (Array.isArray(variable.enum) && !variable.enum.includes(variable.default))
        this.note(where, `the default of the server variable \`${name}\` is not one of its enum`);
      if (url.split(`{${name}}`).length > 2) this.note(where, `the server variable \`${name}\` appears more than once in the URL`);
    }
    const named = markField(server, "name");
    if (this.location && /^https?:\/\//i.test(this.location) && url && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url) && !url.startsWith("{")) {
      // Variables stay as they are: only the literal part is resolved.
      const resolved = new URL(url.replace(/\{/g, "%7B").replace(/\}/g, "%7D"), this.location).href
        .replace(/%7B/g, "{")
        .replace(/%7D/g, "}");
      return { ...named, url: resolved.replace(/\/$/, "") };
    }
    return named;
  }

  private paths(paths: Json): Json {
    const out: Json = {};
    const taken = new Set(Object.keys(paths));
    for (const path of Object.keys(paths)) {
      const item = own(paths, path);
      const at = ["paths", path];
      if (!isObject(item) || typeof item.$ref === "string") {
        setOwn(out, path, item);
        continue;
      }
      const own_ = this.pathItem(withoutField(withoutField(item, "query"), "additionalOperations"), at);
      setOwn(out, path, own_);
      const shared = Object.fromEntries(
        ["parameters", "servers", "summary", "description"].filter((k) => Object.hasOwn(own_, k)).map((k) => [k, own_[k]]),
      );
      const extra: Array<[string, unknown, string[]]> = [];
      if (isObject(item.query)) extra.push(["QUERY", item.query, [...at, "query"]]);
      for (const [method, op] of Object.entries(isObject(item.additionalOperations) ? item.additionalOperations : {})) {
        const where = [...at, "additionalOperations", method];
        if (FIXED.has(method.toLowerCase())) {
          this.note(
            where,
            `additionalOperations may not hold ${method}, which has its own field (\`${method.toLowerCase()}\`): it is left out`,
          );
          continue;
        }
        if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(method)) {
          this.note(where, `${JSON.stringify(method)} is not an HTTP method name: it is left out`);
          continue;
        }
        if (isObject(op)) extra.push([method, op, where]);
      }
      for (const [method, op, where] of extra) {
        let key = `${path.split("#")[0]}#${method}`;
        while (taken.has(key)) key += "_";
        taken.add(key);
        setOwn(out, key, { ...shared, post: this.operation(op, ["paths", key, "post"], where), [`${MARK}operation`]: { path, method } });
        this.moves.push([where, ["paths", key, "post"]]);
        for (const k of Object.keys(shared))
          this.moves.push([
            [...at, k],
            ["paths", key, k],
          ]);
      }
    }
    return out;
  }

  private pathItem(item: unknown, at: string[]): Json {
    if (!isObject(item)) return item as Json;
    let out: Json = item;
    for (const method of METHODS) if (isObject(out[method])) out = { ...out, [method]: this.operation(out[method], [...at, method]) };
    if (Array.isArray(out.parameters))
      out = { ...out, parameters: out.parameters.map((p: unknown, i: number) => this.parameter(p, [...at, "parameters", String(i)])) };
    if (Array.isArray(out.servers))
      out = { ...out, servers: out.servers.map((s: unknown, i: number) => this.server(s, [...at, "servers", String(i)])) };
    return out;
  }

  /** `at` is where the operation is in the result; `written`, where it is in the document (for notes). */
  private operation(op: unknown, at: string[], written = at): unknown {
    if (!isObject(op)) return op;
    let out: Json = op;
    if (Array.isArray(out.parameters))
      out = { ...out, parameters: out.parameters.map((p: unknown, i: number) => this.parameter(p, [...at, "parameters", String(i)])) };
    if (isObject(out.requestBody)) out = { ...out, requestBody: this.body(out.requestBody, [...at, "requestBody"]) };
    if (isObject(out.responses))
      out = { ...out, responses: mapValues(out.responses, (r, code) => this.response(r, [...at, "responses", code])) };
    if (Array.isArray(out.servers))
      out = { ...out, servers: out.servers.map((s: unknown, i: number) => this.server(s, [...written, "servers", String(i)])) };
    if (isObject(out.callbacks))
      out = {
        ...out,
        callbacks: mapValues(out.callbacks, (cb) => mapValues(cb, (item) => (isObject(item) ? this.pathItem(item, []) : item))),
      };
    return out;
  }

  /** `in: querystring`: the whole query, by its one media type; in 3.1 terms a query parameter typed by that media type's schema. */
  private parameter(p: unknown, at: string[]): unknown {
    if (!isObject(p) || typeof p.$ref === "string") return p;
    let out: Json = p;
    if (isObject(out.examples)) out = { ...out, examples: mapValues(out.examples, example) };
    if (isObject(out.content)) out = { ...out, content: this.content(out.content, at) };
    if (out.in !== "querystring") return out;
    const [mediaType, media] = Object.entries(isObject(out.content) ? out.content : {})[0] ?? [];
    const { content: _, ...rest } = out;
    return {
      ...rest,
      in: "query",
      ...(isObject(media) && media.schema !== undefined ? { schema: media.schema } : {}),
      [`${MARK}querystring`]: {
        mediaType: mediaType ?? "application/x-www-form-urlencoded",
        ...(isObject(media) && isObject(media.encoding) ? { encoding: media.encoding } : {}),
      },
    };
  }

  private body(body: Json, at: string[]): Json {
    if (typeof body.$ref === "string") return body;
    return isObject(body.content) ? { ...body, content: this.content(body.content, at) } : body;
  }

  private response(response: unknown, at: string[]): unknown {
    if (!isObject(response) || typeof response.$ref === "string") return response;
    let out = withoutField(response, "summary");
    if (isObject(out.content)) out = { ...out, content: this.content(out.content, at) };
    if (isObject(out.headers)) out = { ...out, headers: mapValues(out.headers, (h, name) => this.parameter(h, [...at, "headers", name])) };
    return out;
  }

  private content(content: Json, at: string[]): unknown {
    return mapValues(content, (media, type) => this.media(media, type, [...at, "content", type]));
  }

  private media(media: unknown, type: string, at: string[]): unknown {
    let node = media;
    // A Media Type Object may be a reference to `components.mediaTypes` (3.2): copied in.
    for (let hops = 0; isObject(node) && typeof node.$ref === "string" && hops < 8; hops++) {
      const m = /^#\/components\/mediaTypes\/(.+)$/.exec(node.$ref);
      if (!m) break;
      node = own(this.mediaTypes, pointerSegments(`#/${m[1]}`)[0]!);
    }
    if (!isObject(node)) return node;
    let out: Json = node;
    if (isObject(out.examples)) out = { ...out, examples: mapValues(out.examples, example) };
    if (isObject(out.encoding)) out = { ...out, encoding: mapValues(out.encoding, (e) => (isObject(e) ? this.encoding(e) : e)) };
    out = markField(markField(out, "itemEncoding"), "prefixEncoding");
    if (Object.hasOwn(out, "itemSchema")) {
      const { itemSchema, ...rest } = out;
      const item = /^text\/event-stream/i.test(type) ? eventData(itemSchema) : itemSchema;
      out = { ...rest, schema: { type: "array", items: item }, [`${MARK}item-schema`]: true };
      this.items.push([
        [...at, "itemSchema"],
        [...at, "schema", "items"],
      ]);
    }
    return out;
  }

  private encoding(e: Json): Json {
    return ["encoding", "prefixEncoding", "itemEncoding"].reduce((node, k) => markField(node, k), e);
  }

  private components(components: Json): Json {
    let out = withoutField(components, "mediaTypes");
    const each = (kind: string, f: (v: unknown, k: string) => unknown) => {
      if (isObject(out[kind])) out = { ...out, [kind]: mapValues(out[kind], f) };
    };
    const at = (kind: string, name: string) => ["components", kind, name];
    each("parameters", (p, name) => this.parameter(p, at("parameters", name)));
    each("headers", (h, name) => this.parameter(h, at("headers", name)));
    each("requestBodies", (b, name) => (isObject(b) ? this.body(b, at("requestBodies", name)) : b));
    each("responses", (r, name) => this.response(r, at("responses", name)));
    each("examples", example);
    each("pathItems", (item, name) => this.pathItem(item, ["components", "pathItems", name]));
    each("securitySchemes", (s) => this.securityScheme(s));
    return out;
  }

  /** 3.2's `deprecated`, `oauth2MetadataUrl` and the `deviceAuthorization` flow, kept as marks. */
  private securityScheme(s: unknown): unknown {
    if (!isObject(s) || typeof s.$ref === "string") return s;
    let out = markField(markField(s, "deprecated"), "oauth2MetadataUrl");
    if (isObject(out.flows) && Object.hasOwn(out.flows, "deviceAuthorization"))
      out = { ...out, flows: markField(out.flows, "deviceAuthorization") };
    return out;
  }
}

/** `segments` with the longest `after` prefix of `moves` put back to its `before`. */
function undo(moves: Moves, segments: string[]): string[] {
  let best: [string[], string[]] | undefined;
  for (const move of moves) {
    const after = move[1];
    if (after.length <= segments.length && after.every((s, i) => segments[i] === s) && (!best || after.length > best[1].length))
      best = move;
  }
  return best ? [...best[0], ...segments.slice(best[1].length)] : segments;
}

/** A 3.2 document (its `$self` references made local first) in the form 3.1 readers take; see the top of this file. */
export function downgrade32(doc: Json, location?: string): Downgraded {
  const d = new Downgrade(doc, location);
  const document = d.run();
  return {
    document,
    map: (ptr) => ({ pointer: pointer(undo(d.moves, undo(d.items, pointerSegments(ptr)))), exact: true }),
    notes: d.notes,
  };
}
