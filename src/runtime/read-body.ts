import { InvalidResponseError } from "./errors.js";
import type { OperationSpec } from "./spec.js";

/** How a response's media type is read: JSON parsed, text as a string, anything else as bytes. */
export type Reading = "json" | "text" | "bytes" | "events";

export function readingOf(mediaType: string): Reading {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  if (/^application\/(?:[^/]+\+)?json$/.test(type)) return "json";
  if (type === "text/event-stream" || /^application\/(?:jsonl|x-ndjson|json-seq)$/.test(type)) return "events";
  if (type.startsWith("text/")) return "text";
  return "bytes";
}

/**
 * The media type the document declares for a 2xx status: the exact status, its range (`2XX`), or
 * for a status it does not list, what it declares for its first one. `""` means no content.
 */
export function declaredType(spec: OperationSpec, status: number): string {
  const responses = spec.responses;
  if (!responses) return "";
  const exact = responses[String(status)] ?? responses[`${String(status)[0]}XX`];
  if (exact !== undefined) return exact;
  for (const key in responses) if (responses[key]) return responses[key]!;
  return "";
}

// A string of this many characters cannot be made (V8's limit is about 2^29): such a body is read as bytes or a stream.
const isTooLong = (error: unknown) => error instanceof RangeError || (error as { code?: unknown })?.code === "ERR_STRING_TOO_LONG";

async function textOf(response: Response, operation: string): Promise<string> {
  try {
    return await response.text();
  } catch (error) {
    if (isTooLong(error))
      throw new InvalidResponseError(
        response.status,
        "",
        response.headers,
        operation,
        error,
        "is too large to read as text: read it with `asResponse`",
      );
    throw error;
  }
}

/**
 * The data of a 2xx answer, read by the Content-Type the server sends (what the document declares
 * when it sends none), so that bytes are never decoded as text and nothing is lost: JSON parsed,
 * text as a string, anything else as a Blob. `undefined` when the document declares no content
 * for the status; an answer without a body where it declares one is an `InvalidResponseError`.
 */
export async function readData(response: Response, spec: OperationSpec, operation: string): Promise<unknown> {
  const declared = declaredType(spec, response.status);
  if (declared === "" || spec.method === "HEAD") {
    await response.body?.cancel();
    return undefined;
  }
  if (response.body === null) {
    throw new InvalidResponseError(
      response.status,
      "",
      response.headers,
      operation,
      undefined,
      `is missing: the document declares ${declared}`,
    );
  }
  const reading = readingOf(response.headers.get("content-type") || declared);
  if (reading === "bytes") return response.blob();
  const text = await textOf(response, operation);
  if (reading === "text" || reading === "events") return text;
  if (text === "")
    throw new InvalidResponseError(
      response.status,
      "",
      response.headers,
      operation,
      undefined,
      `is empty: the document declares ${declared}`,
    );
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw new InvalidResponseError(response.status, text, response.headers, operation, cause);
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
