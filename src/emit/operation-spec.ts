import { acceptHeader, mediaEssence } from "../document/media-types.js";
import type { EncodingModel, OperationModel, PaginationModel, ParameterModel, PathStep, ResponseModel } from "../model/types.js";
import { objectKey, stringLiteral } from "./text.js";

/** `{ a: "x", b: true }`, the fields in the order given, only those that are set. */
function literal(fields: Record<string, string | boolean | undefined>): string {
  const parts = Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${objectKey(k)}: ${typeof v === "string" ? stringLiteral(v) : String(v)}`);
  return `{ ${parts.join(", ")} }`;
}

function parameterLiteral(p: ParameterModel): string {
  return literal({
    in: p.in,
    name: p.key !== p.name ? p.name : undefined,
    type: p.in === "path" ? p.type : undefined,
    style: p.style,
    explode: p.explode,
    allowReserved: p.allowReserved,
    content: p.content,
  });
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
export function specLiteral(op: OperationModel, options: { dates?: boolean } = {}): string {
  const lines = [
    `operation: ${stringLiteral(op.name)},`,
    `method: ${stringLiteral(op.method.toUpperCase())},`,
    `path: ${stringLiteral(op.urlPath)},`,
  ];
  if (op.fixedQuery) lines.push(`query: ${stringLiteral(op.fixedQuery)},`);
  if (op.servers) lines.push(`servers: [${op.servers.map(stringLiteral).join(", ")}],`);
  lines.push(
    ...block(
      "params",
      op.parameters.map((p) => [p.key, parameterLiteral(p)]),
    ),
  );
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
    const { json, items, errorMember } = op.streaming;
    const fields = literal({ json, items, errorMember: /^text\/event-stream/i.test(op.streaming.contentType) ? errorMember : undefined });
    lines.push(`events: { Stream, ${fields.slice(2)},`);
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
    total: steps(p.total),
    limit: p.limit === undefined ? undefined : stringLiteral(p.limit),
    firstPage: p.firstPage === undefined || p.firstPage === 1 ? undefined : String(p.firstPage),
  };
  return `{ ${Object.entries(fields)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => `${k}: ${v}`)
    .join(", ")} }`;
}
