import type { MediaType, OpenApiDocument, RequestBody, Response, Schema, SchemaObject } from "../document/types.js";
import { schemaNameOf } from "../document/component-names.js";
import { resolve } from "../document/refs.js";
import { isObject, own } from "../document/own.js";
import { isJsonMediaType, isStreamMediaType } from "../document/media-types.js";
import type { StreamingModel } from "./types.js";

/** The schema, `$ref`s followed (silently: lint checked them). */
function schemaOf(doc: OpenApiDocument, schema: unknown, file: string, at: string): SchemaObject | undefined {
  const s = resolve<Schema>(doc, schema as Schema, file, at);
  return isObject(s) ? s : undefined;
}

/** The schema and the schemas it is made of (allOf, oneOf, anyOf), two levels down. */
function shapes(doc: OpenApiDocument, schema: SchemaObject | undefined, file: string, at: string, depth = 0): SchemaObject[] {
  if (!schema) return [];
  const members = [...(schema.allOf ?? []), ...(schema.oneOf ?? []), ...(schema.anyOf ?? [])];
  return [schema, ...(depth < 2 ? members.flatMap((m) => shapes(doc, schemaOf(doc, m, file, at), file, at, depth + 1)) : [])];
}

const hasProperty = (shapes: SchemaObject[], name: string) =>
  shapes.some((s) => isObject(s.properties) && Object.hasOwn(s.properties, name));

/** What load/oas-3.2.ts marks a media type whose `itemSchema` it wrote as `schema: { type: array, items }` with. */
const ITEM_SCHEMA = "x-oas32-item-schema";

/**
 * Whether a media type of an answer is read item by item: the sequential media types always
 * (`isStreamMediaType`), and multipart/mixed when OpenAPI 3.2's `itemSchema` types its parts.
 */
export function isItemStream(type: string, media: unknown): boolean {
  return isStreamMediaType(type) || (/^multipart\/mixed\s*(;|$)/i.test(type) && own(media, ITEM_SCHEMA) === true);
}

/**
 * How an operation's streamed answer reads (text/event-stream, JSON lines), from what its schema
 * says: each item's schema (OpenAPI 3.2's `itemSchema`, else `schema`), whether the data is JSON,
 * whether the schema describes whole events (`{ event, data }`) or their data, whether an item with
 * an `error` member is the API reporting a failure (its schema has no such member), and, when the
 * operation answers JSON or a stream, the boolean body property that chooses (`stream`).
 */
export function streamingOf(
  doc: OpenApiDocument,
  file: string,
  responses: Record<string, unknown> | undefined,
  requestBody: unknown,
  at: string,
): StreamingModel | undefined {
  for (const status of Object.keys(responses ?? {})
    .filter((s) => /^2/.test(s))
    .sort()) {
    const response = resolve<Response>(doc, own(responses, status), file, `${at}/responses/${status}`) ?? {};
    const content = response.content ?? {};
    const contentType = Object.keys(content).find((type) => isItemStream(type, own(content, type)));
    if (contentType === undefined) continue;
    const media = own(content, contentType) as MediaType;
    const fromItems = own(media, ITEM_SCHEMA) === true;
    const itemSchema = fromItems ? own(schemaOf(doc, media.schema, file, at), "items") : (media.itemSchema ?? media.schema);
    const item = schemaOf(doc, itemSchema, file, at);
    const all = shapes(doc, item, file, at);
    const events =
      /^text\/event-stream/i.test(contentType) && hasProperty(all, "data") && (hasProperty(all, "event") || hasProperty(all, "id"));
    // OpenAPI 3.2 describes whole events, `data` a string unless its content is JSON (then typed by `contentSchema`).
    const data = fromItems && events ? all.map((s) => schemaOf(doc, own(s.properties, "data"), file, at)).find(Boolean) : item;
    const dataIsText = data?.type === "string" && data.format === undefined;
    const partType = /^multipart\//i.test(contentType) ? own(own(media, "x-oas32-itemEncoding"), "contentType") : undefined;
    const answersJson = Object.keys(content).some((type) => isJsonMediaType(type) && !isStreamMediaType(type));
    const toggle = answersJson ? streamToggle(doc, file, requestBody, at) : undefined;
    const schemaName = schemaNameOf(itemSchema);
    return {
      status,
      contentType,
      itemSource: fromItems || media.itemSchema !== undefined ? "itemSchema" : "schema",
      ...(schemaName ? { schemaName } : {}),
      json: !dataIsText,
      items: events ? "events" : "data",
      errorMember: !hasProperty(all, "error"),
      ...(toggle ? { toggle } : {}),
      ...(typeof partType === "string" ? { partType } : {}),
    };
  }
  return undefined;
}

/** The boolean body property that asks for a stream (OpenAI's `stream: true`), when the body has one. */
function streamToggle(doc: OpenApiDocument, file: string, requestBody: unknown, at: string): string | undefined {
  const body = resolve<RequestBody>(doc, requestBody as RequestBody, file, `${at}/requestBody`);
  const media = Object.entries(body?.content ?? {}).find(([type]) => isJsonMediaType(type))?.[1];
  const all = shapes(doc, schemaOf(doc, media?.schema, file, at), file, at);
  for (const shape of all) {
    const stream = schemaOf(doc, own(shape.properties, "stream"), file, at);
    const types = Array.isArray(stream?.type) ? stream.type : [stream?.type];
    if (types.includes("boolean")) return "stream";
  }
  return undefined;
}
