import type { AttemptSignal } from "./signals.js";

/**
 * A response body handed to the caller still belongs to its call: every chunk restarts the idle
 * timeout, so a stalled body ends with a timeout error rather than hanging, and when it ends (read
 * to the end, cancelled, or failed) the call's listeners and timer are released. A failure is
 * the call's error class (`failed` makes it): `ApiTimeoutError`, `ApiAbortError` or
 * `ApiConnectionError`, as for any call, not the platform's `DOMException` or `TypeError`.
 */
export function watchedBody(
  body: ReadableStream<Uint8Array>,
  attempt: AttemptSignal,
  release: () => void,
  failed: (cause: unknown) => unknown,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  const done = () => {
    attempt.release();
    release();
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          done();
          controller.close();
        } else {
          attempt.touch();
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        done();
        controller.error(failed(attempt.timedOut() ? new DOMException("no data within the timeout", "TimeoutError") : error));
      }
    },
    cancel(reason) {
      done();
      return reader.cancel(reason);
    },
  });
}
