import type { OpenApiDocument, RequestBody } from "../load/document.js";
import { componentSchemaName, resolve } from "../load/refs.js";
import { own } from "../util/own.js";
import { describeSchema } from "./describe-schema.js";
import { bodyKind, preferredBodyType } from "./media-types.js";
import type { BodyModel } from "./types.js";

/** The body the client sends: the preferred of the declared media types. */
export function requestBodyOf(doc: OpenApiDocument, file: string, raw: unknown, at: string): BodyModel | undefined {
  if (raw === undefined) return undefined;
  const rb = resolve<RequestBody>(doc, raw as RequestBody, file, at) ?? {};
  const contentType = preferredBodyType(Object.keys(rb.content ?? {}));
  if (contentType === undefined) return undefined;
  const schema = own(rb.content, contentType)?.schema;
  const schemaName = componentSchemaName(schema);
  return {
    required: rb.required === true,
    contentType,
    kind: bodyKind(contentType),
    ...(schemaName ? { schemaName } : {}),
    ...(typeof rb.description === "string" && rb.description.trim() !== "" ? { description: rb.description } : {}),
    schemaType: describeSchema(schema, doc),
  };
}
