import type { OpenApiDocument } from "../document/types.js";
import { normalise, type SchemaHome } from "../normalise/normalise.js";
import { enumLists } from "./enum-lists.js";
import { type NamingOptions, nameOperations } from "./operation-names.js";
import { type PaginationOptions, paginationOf } from "./pagination.js";
import { parametersOf } from "./parameters.js";
import { requestBodyOf } from "./request-body.js";
import { responseHeadersOf } from "./response-headers.js";
import { responsesOf } from "./responses.js";
import { schemasOf } from "./schemas.js";
import { securityOf, securitySchemesOf } from "./security.js";
import { serverUrl } from "./servers.js";
import { streamingOf } from "./streaming.js";
import type { ParameterModel } from "./types.js";
import type { ApiModel, OperationModel } from "./types.js";
import type { Warning } from "../util/input-error.js";
import { operationIdOf, operationsOf } from "./walk-operations.js";

export type ModelOptions = NamingOptions &
  PaginationOptions & {
    /** Each operation's notes about the document's faults that it reaches (see `faultsByOperation`), by its pointer. */
    faults?: ReadonlyMap<string, string[]> | undefined;
  };

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** model: the schema home → the operations to emit, named, in a stable order, and the schemas they use. */
export function buildModel(home: SchemaHome, options: ModelOptions): ApiModel {
  const { file } = options;
  const doc = home.document;
  const found = operationsOf(doc, file);
  const warnings = new Map<string, Warning>();
  const paging: ModelOptions = {
    ...options,
    onUndeclared: (at, paths) => {
      for (const path of paths) {
        const key = `${at.file}\u0000${at.pointer}\u0000${path}`;
        if (warnings.has(key)) continue;
        warnings.set(key, {
          message: `the pagination setting names ${path}, which the document's answers do not declare: the client follows it as written`,
          ...at,
          fix: "declare the field in the document's response schema when you can; nothing else is needed",
        });
      }
    },
  };
  const unnamed = found.map(({ path, method, operation: op, pathItem, pointer, itemPointer, at }) => {
    const operationId = operationIdOf(op);
    // fetch refuses a body on GET and HEAD: one the document declares there cannot be sent.
    const sendsBody = method !== "get" && method !== "head";
    const body = sendsBody ? requestBodyOf(doc, file, op.requestBody, `${pointer}/requestBody`) : undefined;
    const ignored = new Set<string>();
    const parameters = parametersOf(doc, file, path, pathItem, op, pointer, itemPointer, body, ignored);
    const servers = ownServers(op.servers ?? pathItem.servers, doc.servers);
    const idempotency = idempotencyHeader(parameters);
    return {
      ...(operationId !== undefined ? { operationId } : {}),
      method,
      path,
      ...(at ? { typesKey: { path: at.key, method: at.field } } : {}),
      ...urlOf(path),
      ...servers,
      ...(idempotency ? { idempotencyHeader: idempotency } : {}),
      pointer,
      ...(text(op.summary) ? { summary: op.summary! } : {}),
      ...(text(op.description) ? { description: op.description! } : {}),
      deprecated: op.deprecated === true,
      tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [],
      parameters,
      ...(ignored.size > 0 ? { ignoredHeaders: [...ignored].sort() } : {}),
      ...optional("body", body),
      ...(!sendsBody && op.requestBody !== undefined ? { droppedBody: true as const } : {}),
      ...optional("faults", options.faults?.get(pointer)),
      ...responsesOf(doc, file, op.responses, ["paths", path, method], method),
      security: securityOf(op.security ?? doc.security),
      ...optional("streaming", streamingOf(doc, file, op.responses, op.requestBody, pointer)),
      ...optional("pagination", paginationOf(doc, file, { path, method, operation: op, pointer }, parameters, body, paging)),
      ...optional("responseHeaders", responseHeadersOf(doc, file, op.responses, pointer)),
      "x-codegen-name": op["x-codegen-name"],
    };
  });
  const names = nameOperations(unnamed, doc, options);
  const operations = unnamed.map(({ "x-codegen-name": _, ...op }, i): OperationModel => ({ ...names[i]!, ...op }));
  const exported = operations.flatMap((op) => [op.name, ...Object.values(op.types)]);
  return {
    document: doc,
    notes: home.notes,
    enums: enumLists(home.written, new Set([...(options.reserved ?? []), ...exported])),
    title: text(doc.info?.title) ?? "API",
    version: String(doc.info?.version ?? ""),
    baseUrl: serverUrl(doc.servers),
    securitySchemes: securitySchemesOf(doc, file),
    operations,
    schemas: schemasOf(doc, found),
    ...(warnings.size > 0 ? { warnings: [...warnings.values()] } : {}),
  };
}

/** The model of a bundled document, normalised first (for tests and tools; `generate` normalises itself, with its settings). */
export function modelFromDocument(document: OpenApiDocument, options: ModelOptions): ApiModel {
  return buildModel(normalise(document), options);
}

/**
 * The path as requested. A `#…` suffix, which documents use to tell apart operations on one path
 * (Box's `/files/{file_id}#add_shared_link`), is not sent. A `?k=v` (OpenAI's `?beta=true`) is a
 * constant query: it is sent with the operation's other query parameters, each pair encoded again,
 * never as a second `?`.
 */
export function urlPathOf(path: string): { path: string; query?: string } {
  const [template, query] = path.split("#")[0]!.split(/\?(.*)/s) as [string, string | undefined];
  if (!query) return { path: template };
  const encode = (text: string) =>
    encodeURIComponent(safeDecode(text)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const pairs = query
    .split("&")
    .filter(Boolean)
    .map((pair) => pair.split("=").map(encode).join("="));
  return pairs.length > 0 ? { path: template, query: pairs.join("&") } : { path: template };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return text;
  }
}

/**
 * An operation's or path's own servers, resolved. None when it has none, or when the first is the
 * document's own first server written again (Twilio on every path, Kubernetes with a scheme where
 * the document has `//kubernetes.local`): such an operation goes where `baseUrl` sends every
 * other. One on another of the document's servers (Linode's `v4beta`) keeps it, marked, so that a
 * `baseUrl` moved elsewhere moves it too; only a server of its own (Box's uploads) stays put.
 */
function ownServers(servers: unknown, documentServers: unknown): Pick<OperationModel, "servers" | "serverOfDocument"> {
  if (!Array.isArray(servers) || servers.length === 0) return {};
  const urls = servers.map((server) => serverUrl([server])).filter((url) => url !== "");
  if (urls.length === 0) return {};
  const documents = Array.isArray(documentServers) ? documentServers.map((server) => serverUrl([server])).filter(Boolean) : [];
  if (documents.length > 0 && sameServer(urls[0]!, documents[0]!)) return {};
  return { servers: urls, ...(documents.some((d) => sameServer(urls[0]!, d)) ? { serverOfDocument: true as const } : {}) };
}

/** The same server: scheme and host in any case, a scheme-relative URL (`//host`) as any scheme, a trailing slash or not. */
export function sameServer(a: string, b: string): boolean {
  const norm = (url: string) =>
    url
      .trim()
      .replace(/^[a-z][a-z0-9+.-]*:(?=\/\/)/i, "")
      .replace(/^\/\/[^/?#]*/, (authority) => authority.toLowerCase())
      .replace(/\/+$/, "");
  return norm(a) === norm(b);
}

/** The header parameter that carries an idempotency key, by its conventional name in any case. */
function idempotencyHeader(parameters: readonly ParameterModel[]): string | undefined {
  return parameters.find((p) => p.in === "header" && /^idempotency-key$/i.test(p.name))?.name;
}

function urlOf(path: string): { urlPath: string; fixedQuery?: string } {
  const { path: urlPath, query } = urlPathOf(path);
  return { urlPath, ...(query ? { fixedQuery: query } : {}) };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
