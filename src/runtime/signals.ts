/**
 * Signals, so that a long-lived signal shared by many calls (a page's, a server's shutdown signal)
 * costs one listener per call at most, removed when the call, or the stream it returned, ends.
 */

/** The call's own signal, following the caller's through one listener that `release` removes. */
export interface CallSignal {
  readonly signal: AbortSignal | undefined;
  release(): void;
}

export function followCaller(caller: AbortSignal | undefined): CallSignal {
  if (!caller) return { signal: undefined, release() {} };
  if (caller.aborted) return { signal: caller, release() {} };
  const controller = new AbortController();
  const abort = () => controller.abort(caller.reason);
  caller.addEventListener("abort", abort, { once: true });
  return { signal: controller.signal, release: () => caller.removeEventListener("abort", abort) };
}

/**
 * One attempt's signal: aborted by the call's signal or, `timeout` milliseconds after the last
 * `touch()`, by its timer (an idle timeout: a stream touches it at every chunk).
 */
export interface AttemptSignal {
  readonly signal: AbortSignal | undefined;
  readonly timedOut: () => boolean;
  touch(): void;
  /** Stops the timer only: a stream keeps its own idle timer, and the call's signal still reaches the request. */
  stopTimer(): void;
  /** Aborts the attempt's request (a stream left early). */
  abort(): void;
  release(): void;
}

// setTimeout fires at once after a longer delay; a timeout that long means none.
const MAX_TIMER = 2 ** 31 - 1;

export function attemptSignal(call: AbortSignal | undefined, timeout: number): AttemptSignal {
  if (!(timeout < MAX_TIMER) && call === undefined)
    return { signal: undefined, timedOut: () => false, touch() {}, stopTimer() {}, abort() {}, release() {} };
  const controller = new AbortController();
  let timedOut = false;
  const expire = () => {
    timedOut = true;
    controller.abort(new DOMException(`no answer within ${timeout} ms`, "TimeoutError"));
  };
  let timer = timeout < MAX_TIMER ? setTimeout(expire, timeout) : undefined;
  const abort = () => controller.abort(call!.reason);
  call?.addEventListener("abort", abort, { once: true });
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    touch() {
      clearTimeout(timer);
      if (!controller.signal.aborted && timeout < MAX_TIMER) timer = setTimeout(expire, timeout);
    },
    stopTimer: () => clearTimeout(timer),
    abort: () => controller.abort(new DOMException("the stream was left before its end", "AbortError")),
    release() {
      clearTimeout(timer);
      call?.removeEventListener("abort", abort);
    },
  };
}

/** A promise that settles with `promise`, or rejects once `signal` aborts, whichever comes first (for a credential function that hangs). */
export function untilAborted<T>(promise: Promise<T> | T, signal: AbortSignal | undefined): Promise<T> {
  if (!signal || !(promise instanceof Promise)) return Promise.resolve(promise);
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const abort = () => reject(signal.reason);
    signal.addEventListener("abort", abort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener("abort", abort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", abort);
        reject(error);
      },
    );
  });
}
