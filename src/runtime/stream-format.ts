/** The framings of streamed answers, by the Content-Type a server sends. */
export type StreamFormatName = "sse" | "jsonl" | "json-seq" | "multipart";

/** Which format a response's Content-Type is, if it is a streamed one. */
export function streamFormatOf(contentType: string | null): StreamFormatName | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === undefined) return undefined;
  if (type === "text/event-stream") return "sse";
  // JSON text sequences, also as a suffix (`application/geo+json-seq`).
  if (/^application\/([\w.-]+\+)?json-seq$/.test(type)) return "json-seq";
  // JSON lines, and the `+json` stream types that are written the same way (`application/stream+json`).
  if (/^application\/(jsonl|x-jsonlines|jsonlines|x-ndjson|ndjson|x-json-stream|json-stream|([\w.-]*\.)?stream\+json)$/.test(type))
    return "jsonl";
  // The parts of a multipart/mixed body: a stream only for an operation that declares it one (OpenAPI 3.2's `itemSchema`).
  if (type === "multipart/mixed") return "multipart";
  return undefined;
}
