// What calls leave behind on a long-lived signal (a page's, a server's shutdown signal) shared by many
// of them: no MaxListenersExceededWarning, no listener once a call or the stream it returned is over,
// however it ends, and a stalled stream that ends by its idle timeout rather than holding on.
import type http from "node:http";
import {
  ApiConnectionError,
  ApiTimeoutError,
  asResponse,
  createClient,
  type RequestOptions,
  type Stream,
} from "../../generated/openai-uploads/index.js";
import { faults, startRaw, startRecorder, trackAbortListeners, warningsDuring, type Handler, type Recorder } from "../support/faults.js";
import { configureClient, openStream, send, type OperationSpec } from "./internals.js";
import { upload } from "./server.js";

let server: Recorder;
beforeAll(async () => (server = await startRecorder()));
afterAll(() => server.close());

const answer: Handler = (_req, res) => {
  const text = JSON.stringify(upload("u"));
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
};
/** Holds every answer until `n` requests are in flight together, then answers them all. */
const together = (n: number): Handler => {
  const waiting: Array<() => void> = [];
  return (req, res, seen) => {
    waiting.push(() => answer(req, res, seen));
    if (waiting.length === n) waiting.splice(0).forEach((go) => go());
  };
};

describe("one signal shared by many calls", () => {
  test("the check is not vacuous: 11 listeners on one signal make Node warn", async () => {
    const warnings = await warningsDuring(async () => {
      const signal = new AbortController().signal;
      for (let i = 0; i < 11; i++) signal.addEventListener("abort", () => {});
    });
    expect(warnings).toEqual([expect.stringMatching(/^MaxListenersExceededWarning: Possible EventTarget memory leak/)]);
  });

  test("20 concurrent calls: no warning, and one listener on the signal at most", async () => {
    const controller = new AbortController();
    const listeners = trackAbortListeners(controller.signal);
    const api = createClient({ baseUrl: server.url, apiKey: "k" });
    server.handle(together(20));
    const warnings = await warningsDuring(async () => {
      const calls = Array.from({ length: 20 }, () => api.cancelUpload({ upload_id: "u" }, { signal: controller.signal }));
      await expect(Promise.all(calls)).resolves.toHaveLength(20);
    });
    expect(warnings).toEqual([]);
    expect(server.seen).toHaveLength(20);
    expect([listeners.peak, listeners.active]).toEqual([1, 0]);
  });

  test("12 bodies held open through asResponse: no warning, one listener until the last is cancelled", async () => {
    const controller = new AbortController();
    const listeners = trackAbortListeners(controller.signal);
    const api = createClient({ baseUrl: server.url, apiKey: "k" });
    // Each answer sends its head and a first chunk, and stays open.
    server.handle((_req, res) => res.writeHead(200, { "content-type": "application/json" }).write("{"));
    let bodies: Response[] = [];
    const warnings = await warningsDuring(async () => {
      bodies = await Promise.all(
        Array.from({ length: 12 }, () => api.cancelUpload.asResponse({ upload_id: "u" }, { signal: controller.signal })),
      );
    });
    expect(warnings).toEqual([]);
    expect(listeners.active).toBe(1);
    for (const body of bodies.slice(1)) await body.body!.cancel();
    expect(listeners.active).toBe(1);
    await bodies[0]!.body!.cancel();
    expect([listeners.peak, listeners.active]).toEqual([1, 0]);
  });

  test("aborting it ends every call in flight through its one listener, each with the reason", async () => {
    const controller = new AbortController();
    const listeners = trackAbortListeners(controller.signal);
    const api = createClient({ baseUrl: server.url, apiKey: "k" });
    // Holds every answer until all 15 have arrived, and then still never answers.
    let arrived!: () => void;
    const all = new Promise<void>((resolve) => (arrived = resolve));
    server.handle((_req, _res, seen) => seen.length === 15 && arrived());
    const calls = Array.from({ length: 15 }, () => api.cancelUpload({ upload_id: "u" }, { signal: controller.signal }).catch((e) => e));
    await all;
    expect(listeners.active).toBe(1);
    controller.abort("shutting down");
    const errors = await Promise.all(calls);
    expect(errors.map((e) => [e.name, e.cause])).toEqual(Array(15).fill(["ApiAbortError", "shutting down"]));
    expect([listeners.peak, listeners.active]).toEqual([1, 0]);
  });

  test("2,000 calls with timeout Infinity, 200 at a time: no listener left, and no warning", async () => {
    const controller = new AbortController();
    const listeners = trackAbortListeners(controller.signal);
    const api = createClient({ baseUrl: server.url, apiKey: "k", timeout: Infinity });
    server.handle(answer);
    const warnings = await warningsDuring(async () => {
      for (let batch = 0; batch < 10; batch++) {
        const calls = Array.from({ length: 200 }, () => api.cancelUpload({ upload_id: "u" }, { signal: controller.signal }));
        await Promise.all(calls);
      }
    });
    expect(warnings).toEqual([]);
    expect(server.seen).toHaveLength(2000);
    expect([listeners.peak, listeners.active]).toEqual([1, 0]);
    // The signal still works for the next call.
    controller.abort();
    await expect(api.cancelUpload({ upload_id: "u" }, { signal: controller.signal })).rejects.toMatchObject({ name: "ApiAbortError" });
  });
});

describe("a streamed answer releases the signal however it ends", () => {
  const events: OperationSpec = {
    operation: "streamEvents",
    method: "POST",
    path: "/events",
    accept: "text/event-stream",
    responses: { "200": ["text/event-stream"] },
    events: { open: openStream, json: true },
  };
  const call = (client: ReturnType<typeof configureClient>, _params?: object, options: RequestOptions = {}) =>
    send(client, events, {}, options);
  const EVENTS = 'data: {"n":1}\n\ndata: {"n":2}\n\ndata: [DONE]\n\n';
  const HEAD = ["Content-Type: text/event-stream", "Transfer-Encoding: chunked"];
  const FIRST = 'data: {"n":1}\n\n';
  const chunked = (text: string) => `${Buffer.byteLength(text).toString(16)}\r\n${text}\r\n`;

  /** Where the answer comes from: the whole stream from node:http, or its first event and then a fault. */
  const origins = {
    whole: async () => {
      server.handle((_req, res: http.ServerResponse) => res.writeHead(200, { "content-type": "text/event-stream" }).end(EVENTS));
      return { url: server.url, close: async () => {} };
    },
    reset: () => startRaw(faults.cutBody(HEAD, chunked(FIRST), "reset")),
    stall: () => startRaw(faults.cutBody(HEAD, chunked(FIRST), "stall")),
  };

  /** Reads the body of an asResponse answer, or only its first chunk and cancels. */
  const readBody = async (response: Response, cancel: boolean): Promise<string> => {
    const reader = response.body!.getReader();
    if (cancel) {
      const first = await reader.read();
      await reader.cancel();
      return new TextDecoder().decode(first.value);
    }
    let text = "";
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) text += new TextDecoder().decode(chunk.value);
    return text;
  };
  /** Loops over a Stream, or breaks after its first item. */
  const readStream = async (stream: Stream<{ n: number }>, cancel: boolean): Promise<number[]> => {
    const items: number[] = [];
    for await (const item of stream) {
      items.push(item.n);
      if (cancel) break;
    }
    return items;
  };

  test.each<[string, keyof typeof origins, boolean, unknown]>([
    ["read to its end", "whole", false, EVENTS],
    ["cancelled after its first chunk", "whole", true, expect.stringMatching(/^data: \{"n":1\}/)],
    ["failing with a reset", "reset", false, { name: "ApiConnectionError", cause: { name: "TypeError" } }],
    ["stalling past the idle timeout", "stall", false, { name: "ApiTimeoutError", cause: { name: "TimeoutError" } }],
  ])("an asResponse body %s", async (_how, origin, cancel, outcome) => {
    const at = await origins[origin]();
    const controller = new AbortController();
    const listeners = trackAbortListeners(controller.signal);
    try {
      const client = configureClient({ baseUrl: at.url, securitySchemes: {} }, { timeout: 200 });
      const response = await asResponse(call)(client, {}, { signal: controller.signal });
      expect(listeners.active).toBe(1);
      const read = readBody(response, cancel);
      if (origin === "whole") expect(await read).toEqual(outcome);
      else await expect(read).rejects.toMatchObject(outcome as object);
      expect([listeners.peak, listeners.active]).toEqual([1, 0]);
    } finally {
      await at.close();
    }
  });

  test.each<[string, keyof typeof origins, boolean, unknown]>([
    ["read to its end", "whole", false, [1, 2]],
    ["left after its first item", "whole", true, [1]],
    ["failing with a reset", "reset", false, ApiConnectionError],
    ["stalling past the idle timeout", "stall", false, ApiTimeoutError],
  ])("an event Stream %s", async (_how, origin, cancel, outcome) => {
    const at = await origins[origin]();
    const controller = new AbortController();
    const listeners = trackAbortListeners(controller.signal);
    try {
      const client = configureClient({ baseUrl: at.url, securitySchemes: {} }, { timeout: 200 });
      const stream = (await call(client, {}, { signal: controller.signal })) as Stream<{ n: number }>;
      expect(listeners.active).toBe(1);
      const read = readStream(stream, cancel);
      if (Array.isArray(outcome)) expect(await read).toEqual(outcome);
      else await expect(read).rejects.toBeInstanceOf(outcome as typeof Error);
      expect([listeners.peak, listeners.active]).toEqual([1, 0]);
    } finally {
      await at.close();
    }
  });
});
