/**
 * The one table of media types: how a body travels, and how a response is read. The emitter types
 * by it, the runtime is told the media type itself, and the review shows it.
 */
export type BodyKind = "json" | "multipart" | "form" | "text" | "binary";
export type ResponseKind = "json" | "text" | "blob" | "stream" | "none";

export const isJsonMediaType = (type: string): boolean => /^application\/(.+\+)?json(;|$)/i.test(type);

export function bodyKind(contentType: string): BodyKind {
  if (isJsonMediaType(contentType)) return "json";
  if (/^multipart\//i.test(contentType)) return "multipart";
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return "form";
  if (/^text\//i.test(contentType)) return "text";
  return "binary";
}

/**
 * Media types whose body is a sequence of items read as they arrive: server-sent events, JSON text
 * sequences (`application/json-seq`, a `+json-seq` suffix), JSON lines (`application/jsonl`,
 * `application/x-ndjson`) and the `+json` stream types that are JSON lines too
 * (`application/stream+json`, `application/x-json-stream`). The runtime's `streamFormatOf` reads
 * a Content-Type by the same rules.
 */
export const isStreamMediaType = (type: string): boolean =>
  /^(text\/event-stream|application\/([\w.-]+\+)?json-seq|application\/(jsonl|x-jsonlines|jsonlines|x-ndjson|ndjson|x-json-stream|json-stream|([\w.-]*\.)?stream\+json))\s*(;|$)/i.test(
    type,
  );

export function responseKind(contentType: string | undefined): ResponseKind {
  if (contentType === undefined) return "none";
  if (isStreamMediaType(contentType)) return "stream";
  if (isJsonMediaType(contentType)) return "json";
  if (/^text\//i.test(contentType)) return "text";
  return "blob";
}

const BODY_RANK: Record<BodyKind, number> = { json: 0, multipart: 1, form: 2, text: 3, binary: 4 };
const RESPONSE_RANK: Record<ResponseKind, number> = { json: 0, text: 1, stream: 2, blob: 3, none: 4 };

/** JSON first (what can be typed and parsed best), then the rest; ties in the canonical (sorted) order. */
function preferred(types: readonly string[], rank: (type: string) => number): string | undefined {
  return [...types].sort((a, b) => rank(a) - rank(b) || types.indexOf(a) - types.indexOf(b))[0];
}

export const preferredBodyType = (types: readonly string[]) => preferred(types, (t) => BODY_RANK[bodyKind(t)]);
export const preferredResponseType = (types: readonly string[]) => preferred(types, (t) => RESPONSE_RANK[responseKind(t)]);
