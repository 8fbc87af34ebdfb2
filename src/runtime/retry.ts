import { ApiAbortError } from "./errors.js";

/** Whether a non-2xx answer is worth another attempt: the server may say so, else the status does. */
export function shouldRetry(response: Response): boolean {
  const header = response.headers.get("x-should-retry");
  if (header === "true" || header === "false") return header === "true";
  const status = response.status;
  // Request timeout, lock conflict, rate limit, server errors.
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Milliseconds before retry number `retry + 1`: what the server asks when 0–60 s, else exponential backoff with jitter. */
export function retryDelay(headers: Headers | undefined, retry: number): number {
  let wait = parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isNaN(wait)) {
    const after = headers?.get("retry-after") ?? "";
    wait = parseFloat(after) * 1000;
    if (Number.isNaN(wait)) wait = Date.parse(after) - Date.now();
  }
  if (wait >= 0 && wait <= 60_000) return wait;
  return Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() * 0.25);
}

/** Waits `ms`, or rejects with `ApiAbortError` as soon as `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined, operation: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new ApiAbortError(operation, signal!.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
  });
}
