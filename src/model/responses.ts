import type { OpenApiDocument, Response } from "../load/document.js";
import { componentSchemaName, resolve } from "../load/refs.js";
import { pointer } from "../util/json-pointer.js";
import { own } from "../util/own.js";
import { describeSchema } from "./describe-schema.js";
import { preferredResponseType, responseKind } from "./media-types.js";
import type { ResponseModel } from "./types.js";

function statusOrder(a: string, b: string): number {
  const key = (s: string) => (s === "default" ? "9ZZ" : s.toUpperCase());
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function responseOf(doc: OpenApiDocument, file: string, status: string, raw: unknown, at: string): ResponseModel {
  const response = resolve<Response>(doc, raw as Response, file, at) ?? {};
  const contentType = preferredResponseType(Object.keys(response.content ?? {}));
  const schema = contentType === undefined ? undefined : own(response.content, contentType)?.schema;
  const schemaName = componentSchemaName(schema);
  const kind = responseKind(contentType);
  return {
    status,
    ...(contentType ? { contentType } : {}),
    kind,
    ...(schemaName ? { schemaName } : {}),
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
