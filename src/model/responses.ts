import { schemaNameOf } from "../document/component-names.js";
import { isMediaType, type ResponseKind, responseKind, responseKinds, responseTypesByPreference } from "../document/media-types.js";
import { own } from "../document/own.js";
import { pointer } from "../document/pointer.js";
import { resolve, resolveWhere } from "../document/refs.js";
import type { OpenApiDocument, OperationMethod, Response, SchemaObject } from "../document/types.js";
import { describeSchema } from "./describe-schema.js";
import { isItemStream } from "./streaming.js";
import type { ResponseMedia, ResponseModel } from "./types.js";

function statusOrder(a: string, b: string): number {
  const key = (s: string) => (s === "default" ? "9ZZ" : s.toUpperCase());
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

// RFC 9110: these answers end at their headers, whatever content a document declares for them.
const NO_CONTENT = new Set(["204", "205", "304"]);

/** The short text of what an answer read as `kind` is, for the review. */
const KIND_TEXT: Record<Exclude<ResponseKind, "json">, string> = { text: "string", blob: "Blob", stream: "stream", none: "undefined" };

function responseOf(doc: OpenApiDocument, file: string, status: string, raw: unknown, at: string): ResponseModel {
  const found = resolveWhere<Response>(doc, raw as Response, file, at);
  const response = found.value ?? {};
  // A key that is not a media type (Zoom's `new`) names no answer: no Content-Type can be it.
  const types = NO_CONTENT.has(status) ? [] : responseTypesByPreference(Object.keys(response.content ?? {}).filter(isMediaType));
  const media = types.map((contentType): ResponseMedia => {
    const schema = own(response.content, contentType)?.schema;
    const schemaName = schemaNameOf(schema);
    const opaque = schema === undefined || resolve<SchemaObject>(doc, schema, file, at)?.format === "binary";
    return {
      contentType,
      // multipart/mixed with OpenAPI 3.2's `itemSchema` is read part by part.
      kind: isItemStream(contentType, own(response.content, contentType)) ? "stream" : responseKind(contentType),
      ...(schemaName ? { schemaName } : {}),
      ...(schema !== undefined ? { schemaPointer: `${found.at}${pointer(["content", contentType, "schema"])}` } : {}),
      ...(opaque ? { opaque: true as const } : {}),
    };
  });
  const texts = new Set(
    media.flatMap((m) =>
      responseKinds(m.contentType).map((kind) =>
        kind !== "json" ? KIND_TEXT[kind] : m.opaque ? "unknown" : describeSchema(own(response.content, m.contentType)?.schema, doc),
      ),
    ),
  );
  const [first, ...alternatives] = media;
  return {
    status,
    ...(first ?? {}),
    kind: first?.kind ?? "none",
    schemaType: texts.size === 0 ? "undefined" : texts.has("unknown") ? "unknown" : [...texts].join(" | "),
    ...(alternatives.length > 0 ? { alternatives } : {}),
  };
}

/** Whether the runtime follows a redirect of this status for this method (see the runtime's `redirectTarget`). */
const followed = (status: string, method: OperationMethod) =>
  /^(30[78]|3XX)$/i.test(status) || (/^30[123]$/.test(status) && (method === "get" || method === "head"));

/**
 * The declared responses, split into 2xx and the rest, each in status order. Where a 2xx answer
 * the document does not describe can arrive, a `2XX` of any media type is added: such an answer is
 * read by its Content-Type and typed `unknown`. That is where it declares no 2xx at all, or a
 * redirect the runtime follows and neither 2xx content nor a 204 (Box's download: a 202 without
 * content, or a 302 to the bytes). Where it declares either, a redirect leads to the same answer
 * elsewhere (GitHub's 301 for a renamed repository, its 307 before a 204 for a deleted one).
 */
export function responsesOf(
  doc: OpenApiDocument,
  file: string,
  responses: Record<string, unknown> | undefined,
  opPath: string[],
  method: OperationMethod,
): { success: ResponseModel[]; errors: ResponseModel[] } {
  const success: ResponseModel[] = [];
  const errors: ResponseModel[] = [];
  const statuses = Object.keys(responses ?? {}).sort(statusOrder);
  for (const status of statuses) {
    const model = responseOf(doc, file, status, own(responses, status), pointer([...opPath, "responses", status]));
    (/^2/.test(status) ? success : errors).push(model);
  }
  const range = success.some((r) => /^2XX$/i.test(r.status));
  const described = success.some((r) => r.contentType !== undefined || /^20[45]$/.test(r.status));
  if (!range && (success.length === 0 || (!described && statuses.some((s) => followed(s, method)))))
    success.push({ status: "2XX", contentType: "*/*", kind: "blob", opaque: true, schemaType: "unknown", undeclared: true });
  return { success, errors };
}
