import { InvalidResponseError } from "./errors.js";
import type { OperationSpec } from "./spec.js";

/** How a response's media type is read: JSON parsed, text as a string, anything else as bytes. */
export type Reading = "json" | "text" | "bytes" | "events";

/** A media type without its parameters, lower-case: `text/html; charset=utf-8` is `text/html`. */
const essence = (type: string) => type.split(";")[0]!.trim().toLowerCase();
const isJson = (type: string) => /^application\/(?:[^/]+\+)?json$/.test(type);

export function readingOf(mediaType: string): Reading {
  const type = essence(mediaType);
  if (isJson(type)) return "json";
  if (type === "text/event-stream" || /^application\/(?:jsonl|x-ndjson|json-seq)$/.test(type)) return "events";
  if (type.startsWith("text/")) return "text";
  return "bytes";
}

/**
 * The media types the document declares for a 2xx status: the exact status, its range (`2XX`), or
 * for a status it does not list, what it declares for its first one with content. `[]`: no content.
 */
export function declaredTypes(spec: OperationSpec, status: number): readonly string[] {
  const responses = spec.responses;
  if (!responses) return [];
  const exact = responses[status] ?? responses[`${String(status)[0]}XX`];
  if (exact !== undefined) return exact;
  for (const key in responses) if (responses[key]!.length > 0) return responses[key]!;
  return [];
}

/** Whether a declared media type or range covers `type` (both essences); any JSON type stands for another: they read alike. */
const covers = (declared: string, type: string) =>
  declared === type ||
  declared === "*/*" ||
  (declared.endsWith("/*") && type.startsWith(declared.slice(0, -1))) ||
  (isJson(declared) && isJson(type));

// A string of this many characters cannot be made (V8's limit is about 2^29): such a body is read as bytes or a stream.
const isTooLong = (error: unknown) => error instanceof RangeError || (error as { code?: unknown })?.code === "ERR_STRING_TOO_LONG";

/** The error for a 2xx answer that cannot be what the document declares. */
const invalid = (response: Response, operation: string, reason: string, body = "", cause?: unknown) =>
  new InvalidResponseError(response.status, body, response.headers, operation, cause, reason);

async function textOf(response: Response, operation: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isTooLong(error)) throw invalid(response, operation, "is too large to read as text: read it with `asResponse`", "", error);
    throw error;
  }
}

/**
 * The media type a 2xx answer is read as: the Content-Type the server sends, when the document
 * declares it for the status (or a range that covers it), else an `InvalidResponseError` with the
 * first `limit` bytes of the body as text: an HTML page from a proxy is never data. The first
 * declared type when the server names none; undefined when the status declares no content.
 */
export async function answeredType(response: Response, spec: OperationSpec, operation: string, limit: number): Promise<string | undefined> {
  const declared = declaredTypes(spec, response.status);
  if (declared.length === 0 || spec.method === "HEAD") {
    await response.body?.cancel();
    return undefined;
  }
  const sent = response.headers.get("content-type");
  if (!sent) return declared[0];
  // The usual answer names a declared type exactly (those are essences already).
  if (declared.includes(sent)) return sent;
  const type = essence(sent);
  if (declared.some((d) => covers(d, type))) return type;
  const body = await textOf(await boundedResponse(response, limit), operation);
  throw invalid(response, operation, `is ${type}: the document declares ${declared.join(", ")}`, body);
}

/**
 * The data of a 2xx answer read as `type` (see `answeredType`), so that bytes are never decoded as
 * text and nothing is lost: JSON parsed, text as a string, anything else as a Blob. An answer
 * without a body, or an empty one where JSON is declared, is an `InvalidResponseError`.
 */
export async function readData(response: Response, type: string, operation: string): Promise<unknown> {
  if (response.body === null) throw invalid(response, operation, `is missing: the document declares ${type}`);
  const reading = readingOf(type);
  if (reading === "bytes") return response.blob();
  const text = await textOf(response, operation);
  if (reading === "text" || reading === "events") return text;
  if (text === "") throw invalid(response, operation, `is empty: the document declares ${type}`);
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw invalid(response, operation, "is not valid JSON", text, cause);
  }
}

/** At most `limit` bytes of a body, for error answers: a 20 MB HTML page is not kept whole. */
export async function boundedResponse(response: Response, limit: number): Promise<Response> {
  if (!(limit < Infinity) || response.body === null) return response;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size >= limit) {
      void reader.cancel().catch(() => {});
      break;
    }
  }
  const bytes = new Uint8Array(Math.min(size, limit));
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk.subarray(0, bytes.length - at), at);
    at += Math.min(chunk.byteLength, bytes.length - at);
  }
  return new Response(bytes, { status: response.status, statusText: response.statusText, headers: response.headers });
}
