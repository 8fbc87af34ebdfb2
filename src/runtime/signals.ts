/**
 * Signals, so that a long-lived signal shared by many calls (a page's, a server's shutdown signal)
 * carries one listener of ours however many calls are in flight, removed when the last call, or the
 * last stream one returned, ends. (Node warns of a leak past 10 listeners on one signal.)
 */

/** The call's own signal, following the caller's until `release`. */
export interface CallSignal {
  readonly signal: AbortSignal | undefined;
  release(): void;
}

/** The calls following each caller's signal, and the one listener that aborts them all. */
const followers = new WeakMap<AbortSignal, { calls: Set<() => void>; listener: () => void }>();

const NO_CALLER: CallSignal = { signal: undefined, release() {} };

export function followCaller(caller: AbortSignal | undefined): CallSignal {
  if (!caller) return NO_CALLER;
  if (caller.aborted) return { signal: caller, release() {} };
  const controller = new AbortController();
  const abort = () => controller.abort(caller.reason);
  let entry = followers.get(caller);
  if (!entry) {
    const calls = new Set<() => void>();
    const listener = () => {
      followers.delete(caller);
      for (const call of calls) call();
    };
    followers.set(caller, (entry = { calls, listener }));
    caller.addEventListener("abort", listener, { once: true });
  }
  const { calls, listener } = entry;
  calls.add(abort);
  return {
    signal: controller.signal,
    release() {
      calls.delete(abort);
      // After an abort the entry is gone already, and its `once` listener with it.
      if (calls.size === 0 && followers.get(caller)?.calls === calls) {
        followers.delete(caller);
        caller.removeEventListener("abort", listener);
      }
    },
  };
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
