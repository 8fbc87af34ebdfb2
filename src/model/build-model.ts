import type { OpenApiDocument } from "../load/document.js";
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
import { operationIdOf, operationsOf } from "./walk-operations.js";

export type ModelOptions = NamingOptions & PaginationOptions;

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** model: the bundled document → the operations to emit, named, in a stable order, and the schemas they use. */
export function buildModel(doc: OpenApiDocument, options: ModelOptions): ApiModel {
  const { file } = options;
  const found = operationsOf(doc, file);
  const unnamed = found.map(({ path, method, operation: op, pathItem, pointer, itemPointer }) => {
    const operationId = operationIdOf(op);
    // fetch refuses a body on GET and HEAD: one the document declares there cannot be sent.
    const sendsBody = method !== "get" && method !== "head";
    const body = sendsBody ? requestBodyOf(doc, file, op.requestBody, `${pointer}/requestBody`) : undefined;
    const parameters = parametersOf(doc, file, path, pathItem, op, pointer, itemPointer, body);
    const servers = ownServers(op.servers ?? pathItem.servers);
    const idempotency = idempotencyHeader(parameters);
    return {
      ...(operationId !== undefined ? { operationId } : {}),
      method,
      path,
      urlPath: urlPathOf(path),
      ...(servers ? { servers } : {}),
      ...(idempotency ? { idempotencyHeader: idempotency } : {}),
      pointer,
      ...(text(op.summary) ? { summary: op.summary! } : {}),
      ...(text(op.description) ? { description: op.description! } : {}),
      deprecated: op.deprecated === true,
      tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [],
      parameters,
      ...optional("body", body),
      ...(!sendsBody && op.requestBody !== undefined ? { droppedBody: true as const } : {}),
      ...responsesOf(doc, file, op.responses, ["paths", path, method]),
      security: securityOf(op.security ?? doc.security),
      ...optional("streaming", streamingOf(doc, file, op.responses, op.requestBody, pointer)),
      ...optional("pagination", paginationOf(doc, file, { path, method, operation: op, pointer }, parameters, body, options)),
      ...optional("responseHeaders", responseHeadersOf(doc, file, op.responses, pointer)),
      "x-codegen-name": op["x-codegen-name"],
    };
  });
  const names = nameOperations(unnamed, doc, options);
  const operations = unnamed.map(({ "x-codegen-name": _, ...op }, i): OperationModel => ({ ...names[i]!, ...op }));
  return {
    title: text(doc.info?.title) ?? "API",
    version: String(doc.info?.version ?? ""),
    baseUrl: serverUrl(doc.servers),
    securitySchemes: securitySchemesOf(doc, file),
    operations,
    schemas: schemasOf(doc, found),
  };
}

/** The path as requested: a `#…` suffix (a document's way to tell operations on one path apart) is not sent, a `?` cannot start a query. */
export function urlPathOf(path: string): string {
  return path.split("#")[0]!.replace(/\?/g, "%3F");
}

/** An operation's or path's own servers, resolved; undefined when it has none (the document's apply). */
function ownServers(servers: unknown): string[] | undefined {
  if (!Array.isArray(servers) || servers.length === 0) return undefined;
  const urls = servers.map((server) => serverUrl([server])).filter((url) => url !== "");
  return urls.length > 0 ? urls : undefined;
}

/** The header parameter that carries an idempotency key, by its conventional name in any case. */
function idempotencyHeader(parameters: readonly ParameterModel[]): string | undefined {
  return parameters.find((p) => p.in === "header" && /^idempotency-key$/i.test(p.name))?.name;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
