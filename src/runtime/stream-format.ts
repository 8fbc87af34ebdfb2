/** The framings of streamed answers, by the Content-Type a server sends. */
export type StreamFormatName = "sse" | "jsonl" | "json-seq";

/** Which format a response's Content-Type is, if it is a streamed one. */
export function streamFormatOf(contentType: string | null): StreamFormatName | undefined {
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "text/event-stream") return "sse";
  if (type === "application/jsonl" || type === "application/x-ndjson") return "jsonl";
  if (type === "application/json-seq") return "json-seq";
  return undefined;
}
