import { acceptHeader, mediaEssence } from "../document/media-types.js";
import type { ApiModel, EncodingModel, OperationModel, PaginationModel, ParameterModel, PathStep, ResponseModel } from "../model/types.js";
import { isPlain, type ParamSpec } from "../runtime/params.js";
import { objectKey, stringLiteral } from "./text.js";

/** `{ a: "x", b: true }`, the fields in the order given, only those that are set. */
function literal(fields: Record<string, string | boolean | undefined>): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${objectKey(k)}: ${typeof v === "string" ? stringLiteral(v) : String(v)}`);
  return `{ ${parts.join(", ")} }`;
}

/** How the runtime writes a parameter (its `ParamSpec`, without `type` and `required`). */
const written = (p: ParameterModel) =>
  ({
    in: p.querystring ? "querystring" : p.in,
    style: p.style,
    explode: p.explode,
    allowReserved: p.allowReserved,
    content: p.content,
  }) as ParamSpec;

function parameterLiteral(p: ParameterModel, credentialQuery: ReadonlySet<string>): string {
  const { in: location, ...how } = written(p);
  return literal({
    in: location,
    name: p.key !== p.name ? p.name : undefined,
    type: p.in === "path" ? p.type : undefined,
    ...how,
    // A JavaScript caller's missing required query value is refused before sending, unless a
    // credential of the operation can fill it (an API key that the document also declares as a parameter).
    required: p.in === "query" && p.required && !credentialQuery.has(p.name) ? true : undefined,
  });
}

/**
 * The runtime's serialisers the operation needs beyond the plain parameters (imported by the operations
 * file): `deepObject` when every parameter that is not plain (the runtime's own rule) is a deepObject in
 * the query and every form field with a style is a deepObject, `styles` for any other, none without either.
 */
export function paramStyles(op: OperationModel): "deepObject" | "styles" | undefined {
  const fields = Object.values(op.body?.encoding ?? {}).filter(
    (e) => e.style !== undefined || e.explode !== undefined || e.allowReserved !== undefined,
  );
  const params = op.parameters.map(written).filter((p) => !isPlain(p));
  if (fields.length === 0 && params.length === 0) return undefined;
  const deep = (style: string | undefined) => style === "deepObject";
  return fields.every((e) => deep(e.style)) && params.every((p) => p.in === "query" && deep(p.style) && p.content === undefined)
    ? "deepObject"
    : "styles";
}

/** The query parameter names an API key of the document is sent as. */
function credentialQueryNames(model: Pick<ApiModel, "securitySchemes">): Set<string> {
  return new Set(
    Object.values(model.securitySchemes).flatMap((s) => (s.type === "apiKey" && "in" in s && s.in === "query" ? [s.name] : [])),
  );
}

const encodingLiteral = (e: EncodingModel) =>
  literal({ contentType: e.contentType, style: e.style, explode: e.explode, allowReserved: e.allowReserved });

/** The runtime's form serialisers the operation's body needs (each imported by the operations file). */
export function formEncoders(op: OperationModel): Array<"urlencoded" | "multipart"> {
  const kinds = new Set(op.body ? [op.body, ...(op.body.alternatives ?? [])].map((c) => c.kind) : []);
  return [...(kinds.has("form") ? ["urlencoded" as const] : []), ...(kinds.has("multipart") ? ["multipart" as const] : [])];
}

/** A block of `key: value,` lines, or one line when it has one entry. */
function block(name: string, entries: Array<[string, string]>): string[] {
  if (entries.length === 0) return [];
  return [`${name}: {`, ...entries.map(([k, v]) => `  ${objectKey(k)}: ${v},`), "},"];
}

/** A response's media types, the preferred first; none when it declares no content. */
const mediaTypesOf = (r: ResponseModel): string[] =>
  r.contentType === undefined ? [] : [r.contentType, ...(r.alternatives ?? []).map((m) => m.contentType)];

/** The `OperationSpec` literal the runtime reads: one fact per line, so a change is one line of diff. */
export function specLiteral(op: OperationModel, options: { dates?: boolean; securitySchemes?: ApiModel["securitySchemes"] } = {}): string {
  const credentialQuery = credentialQueryNames({ securitySchemes: options.securitySchemes ?? {} });
  const lines = [
    `operation: ${stringLiteral(op.name)},`,
    `method: ${stringLiteral(op.method.toUpperCase())},`,
    `path: ${stringLiteral(op.urlPath)},`,
  ];
  if (op.fixedQuery) lines.push(`query: ${stringLiteral(op.fixedQuery)},`);
  if (op.servers) lines.push(`servers: [${op.servers.map(stringLiteral).join(", ")}],`);
  if (op.serverOfDocument) lines.push("serverOfDocument: true,");
  lines.push(
    ...block(
      "params",
      op.parameters.map((p) => [p.key, parameterLiteral(p, credentialQuery)]),
    ),
  );
  const styles = paramStyles(op);
  if (styles === "deepObject") lines.push("styles: deepObject,");
  else if (styles) lines.push("styles,");
  if (op.body) {
    lines.push(`body: ${stringLiteral(op.body.contentType)},`);
    if (op.body.alternatives)
      lines.push(`bodyTypes: [${[op.body, ...op.body.alternatives].map((c) => stringLiteral(c.contentType)).join(", ")}],`);
    lines.push(
      ...block(
        "encoding",
        Object.entries(op.body.encoding ?? {}).map(([name, e]) => [name, encodingLiteral(e)]),
      ),
    );
    const forms = formEncoders(op);
    if (forms.length > 0) lines.push(`forms: { ${forms.join(", ")} },`);
  }
  const accept = acceptHeader(op.success.flatMap((r) => (r.undeclared ? [] : mediaTypesOf(r))));
  if (accept !== undefined) lines.push(`accept: ${stringLiteral(accept)},`);
  if (op.success.length > 0) {
    const statuses = op.success.map((r) => {
      const types = [...new Set(mediaTypesOf(r).map(mediaEssence))];
      return `${objectKey(r.status.toUpperCase())}: [${types.map(stringLiteral).join(", ")}]`;
    });
    lines.push(`responses: { ${statuses.join(", ")} },`);
  }
  if (op.streaming) {
    const { json, items, errorMember, partType } = op.streaming;
    const sse = /^text\/event-stream/i.test(op.streaming.contentType);
    const fields = literal({ json, items, errorMember: sse ? errorMember : undefined, partType });
    lines.push(`events: { open: openStream, ${fields.slice(2)},`);
  }
  if (op.security.length > 0)
    lines.push(`security: [${op.security.map((names) => `[${names.map(stringLiteral).join(", ")}]`).join(", ")}],`);
  if (op.idempotencyHeader) lines.push(`idempotencyHeader: ${stringLiteral(op.idempotencyHeader)},`);
  if (op.responseHeaders) {
    const statuses = Object.entries(op.responseHeaders).map(([status, headers]): [string, string] => [
      status,
      `{ ${headers.map((h) => `${objectKey(h.name)}: ${stringLiteral(h.type)}`).join(", ")} }`,
    ]);
    lines.push("headers: {", "  read: readHeaders,", ...block("declared", statuses).map((l) => "  " + l), "},");
  }
  if (op.pagination) lines.push(`pagination: ${paginationLiteral(op.pagination)},`);
  if (options.dates) lines.push(`dates: dates.${op.name},`);
  return `{\n${lines.map((l) => "  " + l).join("\n")}\n}`;
}

const steps = (path: readonly PathStep[] | undefined) =>
  path && `[${path.map((s) => (typeof s === "number" ? String(s) : stringLiteral(s))).join(", ")}]`;

/** How the runtime's `paginated` follows the pages (`PaginationSpec`), on one line. */
function paginationLiteral(p: PaginationModel): string {
  const fields: Record<string, string | undefined> = {
    style: stringLiteral(p.style),
    items: steps(p.items),
    param: steps(p.param),
    next: steps(p.next),
    hasMore: steps(p.hasMore),
    isLast: steps(p.isLast),
    total: steps(p.total),
    limit: p.limit === undefined ? undefined : stringLiteral(p.limit),
    firstPage: p.firstPage === undefined || p.firstPage === 1 ? undefined : String(p.firstPage),
  };
  return `{ ${Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")} }`;
}
