// A 2xx answer in a streamed format, as the Stream a call resolves to. Only operations that declare
// a stream import this (their spec's `events.open`), so that a bundle of the others leaves streams out.
import { ApiAbortError, ApiConnectionError, ApiTimeoutError, InvalidResponseError, StreamError } from "./errors.js";
import type { AttemptSignal, CallSignal } from "./signals.js";
import type { StreamEvents } from "./spec.js";
import { Stream, type StreamErrors } from "./stream.js";
import { streamFormatOf } from "./stream-format.js";

/** What of the call a stream takes with it: its name, the caller's signal, the idle timeout, and what to release when it ends. */
export interface StreamCall {
  readonly operation: string;
  readonly signal: AbortSignal | undefined;
  readonly timeout: number;
  readonly attempt: AttemptSignal;
  readonly link: CallSignal;
}

/** The errors a stream throws from its loop, as this call's classes. */
function streamErrors(call: StreamCall, response: Response): StreamErrors {
  return {
    event: (data) => new StreamError(call.operation, data),
    timeout: () => new ApiTimeoutError(call.operation, undefined),
    invalid: (raw, cause) =>
      new InvalidResponseError(response.status, raw, response.headers, call.operation, cause, "holds an item that is not valid JSON"),
    connection: (cause) =>
      call.signal?.aborted ? new ApiAbortError(call.operation, call.signal.reason) : new ApiConnectionError(call.operation, cause),
  };
}

/**
 * The answer as a Stream when `type` (what it was sent as) is a streamed format; undefined otherwise,
 * and the answer is read as data. The stream takes the attempt and the call's signal with it.
 */
export function openStream(response: Response, type: string, events: StreamEvents, call: StreamCall): Stream<unknown> | undefined {
  const format = streamFormatOf(type);
  if (!format) return undefined;
  const { attempt, link } = call;
  attempt.stopTimer();
  return new Stream(response, {
    format,
    json: events.json ?? format !== "sse",
    items: events.items ?? "data",
    errorMember: events.errorMember ?? false,
    ...(events.partType !== undefined ? { partType: events.partType } : {}),
    // OpenAI's end of stream; it is never valid JSON, so it ends no stream of JSON data too early.
    ...(events.json !== false ? { done: "[DONE]" } : {}),
    errors: streamErrors(call, response),
    idleTimeout: call.timeout,
    onClose(aborted) {
      if (aborted) attempt.abort();
      attempt.release();
      link.release();
    },
  });
}
