import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { OpenApiDocument } from "../load.js";

export interface TypesJob {
  /** Hands the document over; resolves to `schema.d.ts` without its header. */
  emit(document: OpenApiDocument): Promise<string>;
  /** Stops the thread if `emit` will not be called (the document was bad). */
  cancel(): void;
}

const WORKER = new URL("./types-worker.js", import.meta.url);

/**
 * openapi-typescript's import (~0.5 s) and transform are the longest steps. Started first, on a
 * second thread, they overlap with loading and linting the document, importing ts-morph and emitting
 * the wrappers on the main thread. Where the compiled worker is not there (tests running the
 * TypeScript sources), the same function runs in this thread.
 */
export function startTypes(): TypesJob {
  if (!existsSync(fileURLToPath(WORKER))) {
    return { emit: async (document) => (await import("./types.js")).emitTypes(document), cancel: () => {} };
  }
  const worker = new Worker(WORKER);
  worker.unref();
  const result = new Promise<string>((resolve, reject) => {
    worker.once("message", (message: { text?: string; error?: string }) => {
      void worker.terminate();
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(`openapi-typescript failed: ${message.error}`));
    });
    worker.once("error", reject);
  });
  result.catch(() => {}); // observed by emit(); a cancelled job's rejection is not an error
  return {
    emit(document) {
      worker.postMessage(document);
      return result;
    },
    cancel() {
      void worker.terminate();
    },
  };
}
