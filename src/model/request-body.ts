import type { OpenApiDocument, RequestBody } from "../document/types.js";
import { schemaNameOf } from "../document/component-names.js";
import { resolveWhere } from "../document/refs.js";
import { pointer } from "../document/pointer.js";
import { own } from "../document/own.js";
import { describeSchema } from "./describe-schema.js";
import { bodyKind, preferredBodyType } from "../document/media-types.js";
import type { BodyChoice, BodyModel, EncodingModel } from "./types.js";

/** The Encoding Object's facts the runtime needs, property by property, in name order. */
function encodingOf(raw: unknown): Record<string, EncodingModel> | undefined {
  if (raw === null || typeof raw !== "object") return undefined;
  const out: Record<string, EncodingModel> = {};
  for (const name of Object.keys(raw).sort()) {
    const e = own(raw, name) as Record<string, unknown> | undefined;
    if (!e || typeof e !== "object") continue;
    const model: EncodingModel = {
      ...(typeof e.contentType === "string" ? { contentType: e.contentType } : {}),
      ...(typeof e.style === "string" ? { style: e.style } : {}),
      ...(typeof e.explode === "boolean" ? { explode: e.explode } : {}),
      ...(e.allowReserved === true ? { allowReserved: true } : {}),
    };
    if (Object.keys(model).length > 0)
      Object.defineProperty(out, name, { value: model, enumerable: true, writable: true, configurable: true });
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/** One declared media type of the body: how it travels, and its schema. */
function choiceOf(doc: OpenApiDocument, rb: RequestBody, at: string, contentType: string): BodyChoice {
  const media = own(rb.content, contentType);
  const schemaName = schemaNameOf(media?.schema);
  return {
    contentType,
    kind: bodyKind(contentType),
    ...(schemaName ? { schemaName } : {}),
    schemaType: describeSchema(media?.schema, doc),
    ...(media?.schema !== undefined ? { schemaPointer: `${at}${pointer(["content", contentType, "schema"])}` } : {}),
  };
}

/**
 * The body the client sends: the preferred of the declared media types, and the others as
 * alternatives the caller can choose (Kubernetes' patches: JSON patch, merge patch, strategic merge).
 */
export function requestBodyOf(doc: OpenApiDocument, file: string, raw: unknown, at: string): BodyModel | undefined {
  if (raw === undefined) return undefined;
  const found = resolveWhere<RequestBody>(doc, raw as RequestBody, file, at);
  const rb = found.value ?? {};
  const types = Object.keys(rb.content ?? {});
  const contentType = preferredBodyType(types);
  if (contentType === undefined) return undefined;
  const media = own(rb.content, contentType);
  const choice = choiceOf(doc, rb, found.at, contentType);
  const encoding = choice.kind === "form" || choice.kind === "multipart" ? encodingOf(media?.encoding) : undefined;
  const others = types.filter((t) => t !== contentType).sort((a, b) => types.indexOf(a) - types.indexOf(b));
  return {
    required: rb.required === true,
    ...choice,
    ...(typeof rb.description === "string" && rb.description.trim() !== "" ? { description: rb.description } : {}),
    ...(encoding ? { encoding } : {}),
    ...(others.length > 0 ? { alternatives: others.map((t) => choiceOf(doc, rb, found.at, t)) } : {}),
  };
}
