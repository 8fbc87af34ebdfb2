/**
 * The one table of media types: how a body travels, and how a response is read. The emitter types
 * by it, the runtime is told the media types themselves (and reads a Content-Type by the same
 * rules: `test/document/media-types.test.ts` holds both to one table), and the review shows it.
 */
export type BodyKind = "json" | "multipart" | "form" | "text" | "binary";
export type ResponseKind = "json" | "text" | "blob" | "stream" | "none";

export const isJsonMediaType = (type: string): boolean => /^application\/(.+\+)?json(;|$)/i.test(type);

/** A media type without its parameters, lower-case: `Text/HTML; charset=utf-8` is `text/html`. */
export const mediaEssence = (type: string): string => type.split(";")[0]!.trim().toLowerCase();

// RFC 9110's `type "/" subtype *( OWS ";" OWS parameter )`, the parameters without control characters.
const MEDIA_TYPE = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+[ \t]*(;[^\0-\x1f\x7f]*)?$/;

/** Whether a `content` key is a media type or range at all (Zoom's `new` is not): no answer can be of any other. */
export const isMediaType = (type: string): boolean => MEDIA_TYPE.test(type);

/** `*\/*` and `image/*`: a range of media types, which a document uses to say "any of them". */
export const isMediaRange = (type: string): boolean => /^[^/]+\/\*$/.test(mediaEssence(type));

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

/** How an answer of this media type is read: JSON parsed, text a string, streams item by item, anything else a Blob. */
export function responseKind(contentType: string | undefined): ResponseKind {
  if (contentType === undefined) return "none";
  if (isStreamMediaType(contentType)) return "stream";
  if (isJsonMediaType(contentType)) return "json";
  if (/^text\//i.test(contentType)) return "text";
  return "blob";
}

/**
 * Every way an answer the declared media type covers can be read: its own kind, or for a range
 * each kind of a media type inside it (`text/*`: text, and event streams; `application/*`: JSON,
 * JSON lines and bytes; `*\/*`: all of them).
 */
export function responseKinds(contentType: string): ResponseKind[] {
  const essence = mediaEssence(contentType);
  if (!isMediaRange(essence)) return [responseKind(contentType)];
  const top = essence.slice(0, -2);
  if (top === "*") return ["json", "text", "stream", "blob"];
  if (top === "text") return ["text", "stream"];
  if (top === "application") return ["json", "stream", "blob"];
  return ["blob"];
}

const BODY_RANK: Record<BodyKind, number> = { json: 0, multipart: 1, form: 2, text: 3, binary: 4 };
const RESPONSE_RANK: Record<ResponseKind, number> = { json: 0, text: 1, stream: 2, blob: 3, none: 5 };
// A range says least about what arrives: after every media type.
const responseRank = (type: string) => (isMediaRange(type) ? 4 : RESPONSE_RANK[responseKind(type)]);

/** JSON first (what can be typed and parsed best), then the rest; ties in the order given (the document's). */
function byPreference(types: readonly string[], rank: (type: string) => number): string[] {
  return [...types].sort((a, b) => rank(a) - rank(b) || types.indexOf(a) - types.indexOf(b));
}

export const preferredBodyType = (types: readonly string[]) => byPreference(types, (t) => BODY_RANK[bodyKind(t)])[0];
/** A response's media types, the one read when the server names none first: JSON, text, streams, bytes, ranges. */
export const responseTypesByPreference = (types: readonly string[]) => byPreference(types, responseRank);
export const preferredResponseType = (types: readonly string[]) => responseTypesByPreference(types)[0];

/**
 * The `Accept` header for the media types an operation's 2xx answers declare: JSON types first,
 * then the other media types at q=0.9, then ranges (`image/*`, `*\/*`) at q=0.8, so that a server
 * that can answer JSON does; only the tiers present are ranked (one type alone has no q).
 */
export function acceptHeader(types: readonly string[]): string | undefined {
  const unique = [...new Set(types.filter(isMediaType).map((t) => t.trim()))];
  const tier = (t: string) => (isJsonMediaType(t) ? 0 : isMediaRange(t) ? 2 : 1);
  const present = [...new Set(unique.map(tier))].sort();
  const Q = ["", ";q=0.9", ";q=0.8"];
  const ordered = [...unique].sort((a, b) => tier(a) - tier(b) || unique.indexOf(a) - unique.indexOf(b));
  return ordered.length === 0 ? undefined : ordered.map((t) => t + Q[present.indexOf(tier(t))]).join(", ");
}
