// Runs openapi-typescript on its own thread (see types-thread.ts). Its import starts at once, while
// the main thread is still loading and linting the document.
import { parentPort } from "node:worker_threads";
import type { OpenApiDocument } from "../load.js";

const emitting = import("./types.js");

parentPort!.once("message", async (document: OpenApiDocument) => {
  try {
    const { emitTypes } = await emitting;
    parentPort!.postMessage({ text: await emitTypes(document) });
  } catch (err) {
    parentPort!.postMessage({ error: (err as Error).stack ?? String(err) });
  }
});
