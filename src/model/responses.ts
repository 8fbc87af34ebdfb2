import type { OpenApiDocument, Response } from "../document/types.js";
import { schemaNameOf } from "../document/component-names.js";
import { resolveWhere } from "../document/refs.js";
import { pointer } from "../document/pointer.js";
import { own } from "../document/own.js";
import { describeSchema } from "./describe-schema.js";
import { preferredResponseType, responseKind } from "../document/media-types.js";
import { isItemStream } from "./streaming.js";
import type { ResponseModel } from "./types.js";

function statusOrder(a: string, b: string): number {
  const key = (s: string) => (s === "default" ? "9ZZ" : s.toUpperCase());
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function responseOf(doc: OpenApiDocument, file: string, status: string, raw: unknown, at: string): ResponseModel {
  const found = resolveWhere<Response>(doc, raw as Response, file, at);
  const response = found.value ?? {};
  const contentType = preferredResponseType(Object.keys(response.content ?? {}));
  const schema = contentType === undefined ? undefined : own(response.content, contentType)?.schema;
  const schemaName = schemaNameOf(schema);
  // multipart/mixed with OpenAPI 3.2's `itemSchema` is read part by part.
  const kind =
    contentType !== undefined && isItemStream(contentType, own(response.content, contentType)) ? "stream" : responseKind(contentType);
  return {
    status,
    ...(contentType ? { contentType } : {}),
    kind,
    ...(schemaName ? { schemaName } : {}),
    ...(schema !== undefined ? { schemaPointer: `${found.at}${pointer(["content", contentType!, "schema"])}` } : {}),
    schemaType: kind === "none" ? "undefined" : kind === "blob" ? "Blob" : kind === "stream" ? "stream" : describeSchema(schema, doc),
  };
}

/** The declared responses, split into 2xx and the rest, each in status order. */
export function responsesOf(
  doc: OpenApiDocument,
  file: string,
  responses: Record<string, unknown> | undefined,
  opPath: string[],
): { success: ResponseModel[]; errors: ResponseModel[] } {
  const success: ResponseModel[] = [];
  const errors: ResponseModel[] = [];
  for (const status of Object.keys(responses ?? {}).sort(statusOrder)) {
    const model = responseOf(doc, file, status, own(responses, status), pointer([...opPath, "responses", status]));
    (/^2/.test(status) ? success : errors).push(model);
  }
  return { success, errors };
}
