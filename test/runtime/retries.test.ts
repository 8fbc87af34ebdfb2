// When a call is repeated, how long it waits, and how timeouts and the caller's signal cut it short,
// counted by what a local server saw.
import type { Middleware } from "openapi-fetch";
import {
  ApiAbortError,
  ApiConnectionError,
  ApiTimeoutError,
  InternalServerError,
  createClient,
} from "../../generated/openai-uploads/index.js";
import { configureClient, send, type OperationSpec } from "./internals.js";
import { asResponse, type RequestOptions } from "../../generated/openai-uploads/index.js";
import { closedPort, json, later, startServer, upload, type Handler, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const client = (options: Parameters<typeof createClient>[0] = {}) => createClient({ baseUrl: server.url, apiKey: "k", ...options });
const cancel = (
  options: Parameters<typeof createClient>[0] = {},
  call: Parameters<ReturnType<typeof createClient>["cancelUpload"]>[1] = {},
) => client(options).cancelUpload({ upload_id: "u" }, call);

/** Fails the first `n` requests with `fail`, then answers an Upload. */
const failing =
  (n: number, fail: Handler): Handler =>
  (req, res, seen) =>
    seen.length <= n ? fail(req, res, seen) : json(res, 200, upload("u"));
const status =
  (code: number, headers: Record<string, string> = { "retry-after-ms": "10" }): Handler =>
  (_req, res) =>
    json(res, code, { error: { message: `status ${code}` } }, headers);
const gaps = () => server.seen.slice(1).map((s, i) => s.at - server.seen[i]!.at);

describe("which failures are retried", () => {
  test.each([408, 409, 429, 500, 502, 503, 504])("%i is retried", async (code) => {
    server.reset(failing(1, status(code)));
    await expect(cancel()).resolves.toEqual(upload("u"));
    expect(server.seen).toHaveLength(2);
  });

  test.each([400, 401, 403, 404, 422])("%i is not", async (code) => {
    server.reset(status(code));
    await expect(cancel()).rejects.toMatchObject({ status: code });
    expect(server.seen).toHaveLength(1);
  });

  test("x-should-retry overrides the status, both ways", async () => {
    server.reset(status(500, { "x-should-retry": "false" }));
    await expect(cancel()).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(1);

    server.reset(failing(1, status(400, { "x-should-retry": "true", "retry-after-ms": "10" })));
    await expect(cancel()).resolves.toEqual(upload("u"));
    expect(server.seen).toHaveLength(2);
  });

  test("a connection reset is retried", async () => {
    server.reset(failing(1, (_req, res) => res.socket!.destroy()));
    await expect(cancel()).resolves.toEqual(upload("u"));
    expect(server.seen).toHaveLength(2);
  });

  test("a timeout is retried, each attempt with the whole timeout", async () => {
    server.reset(failing(1, (_req, res) => later(1000, () => json(res, 200, upload("late")))));
    await expect(cancel({ timeout: 100 })).resolves.toEqual(upload("u"));
    expect(server.seen).toHaveLength(2);
  });

  test("2 retries by default, then the last error", async () => {
    server.reset(status(503));
    await expect(cancel()).rejects.toMatchObject({ status: 503, message: "503 status 503" });
    expect(server.seen).toHaveLength(3);
  });

  test("maxRetries per client, and per call over it; 0 turns retries off", async () => {
    server.reset(status(500));
    await expect(cancel({ maxRetries: 4 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(5);

    server.reset(status(500));
    await expect(cancel({ maxRetries: 4 }, { maxRetries: 1 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(2);

    server.reset(status(500));
    await expect(cancel({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(1);

    const port = await closedPort();
    const refused = createClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: "k", maxRetries: 0 });
    await expect(refused.cancelUpload({ upload_id: "u" })).rejects.toBeInstanceOf(ApiConnectionError);
  });

  test("the same body is sent again, JSON and multipart alike", async () => {
    server.reset(failing(1, status(500)));
    await client().completeUpload({ upload_id: "u", body: { part_ids: ["p1", "p2"] } });
    expect(server.seen.map((s) => s.body.toString())).toEqual(['{"part_ids":["p1","p2"]}', '{"part_ids":["p1","p2"]}']);

    server.reset(failing(1, status(500)));
    await client().addUploadPart({ upload_id: "u", body: { data: new Uint8Array([1, 2, 3]) } });
    expect(server.seen).toHaveLength(2);
    expect(server.seen[1]!.body.length).toBe(server.seen[0]!.body.length);
    expect(server.seen[1]!.body.includes(Buffer.from([1, 2, 3]))).toBe(true);
  });

  test("a stream body cannot be sent twice, so it is not retried", async () => {
    server.reset(status(500));
    const api = configureClient({ baseUrl: server.url, securitySchemes: {} });
    const spec: OperationSpec = { method: "PUT", path: "/blob", body: "application/octet-stream" };
    const body = new Blob(["streamed bytes"]).stream();
    await expect(send(api, spec, { body })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]!.body.toString()).toBe("streamed bytes");
  });
});

describe("how long a retry waits", () => {
  test("retry-after-ms first", async () => {
    server.reset(failing(1, status(429, { "retry-after-ms": "300", "retry-after": "5" })));
    await cancel();
    expect(gaps()[0]).toBeGreaterThanOrEqual(290);
    expect(gaps()[0]).toBeLessThan(1000);
  });

  test("then retry-after in seconds", async () => {
    server.reset(failing(1, status(503, { "retry-after": "1" })));
    await cancel();
    expect(gaps()[0]).toBeGreaterThanOrEqual(990);
    expect(gaps()[0]).toBeLessThan(1800);
  });

  test("or as an HTTP date", async () => {
    server.reset(failing(1, status(503, { "retry-after": new Date(Date.now() + 2000).toUTCString() })));
    await cancel();
    // The date has whole seconds: the wait is between one and two seconds.
    expect(gaps()[0]).toBeGreaterThanOrEqual(900);
    expect(gaps()[0]).toBeLessThan(2500);
  });

  test("otherwise, or beyond 60 seconds, exponential backoff from 0.5 s with up to 25 % jitter", async () => {
    server.reset(failing(1, status(500, {})));
    await cancel();
    server.reset(failing(1, status(500, { "retry-after": "120" })));
    await cancel();
    for (const gap of [...gaps(), server.seen[1]!.at - server.seen[0]!.at]) {
      expect(gap).toBeGreaterThanOrEqual(370);
      expect(gap).toBeLessThan(700);
    }
  });

  test("the backoff doubles up to 8 s", async () => {
    // No server: a fetch that always answers 500, and timers that record their delay and fire at once.
    const waits: number[] = [];
    const realSetTimeout = globalThis.setTimeout;
    globalThis.setTimeout = ((fn: () => void, ms: number) => {
      if (ms < 60_000) waits.push(ms);
      return realSetTimeout(fn, ms < 60_000 ? 0 : ms);
    }) as typeof setTimeout;
    try {
      const api = client({ maxRetries: 7, fetch: async () => new Response("{}", { status: 500 }) });
      await expect(api.cancelUpload({ upload_id: "u" })).rejects.toBeInstanceOf(InternalServerError);
    } finally {
      globalThis.setTimeout = realSetTimeout;
    }
    const bases = [500, 1000, 2000, 4000, 8000, 8000, 8000];
    expect(waits).toHaveLength(bases.length);
    waits.forEach((ms, i) => {
      expect(ms).toBeGreaterThanOrEqual(bases[i]! * 0.75);
      expect(ms).toBeLessThanOrEqual(bases[i]!);
    });
  });
});

describe("timeouts", () => {
  test("10 minutes by default; per client, and per call over it", async () => {
    server.reset((_req, res) => later(300, () => json(res, 200, upload("u"))));
    await expect(cancel()).resolves.toEqual(upload("u"));
    await expect(cancel({ timeout: 50, maxRetries: 0 })).rejects.toBeInstanceOf(ApiTimeoutError);
    await expect(cancel({ timeout: 50 }, { timeout: 2000 })).resolves.toEqual(upload("u"));
    const started = Date.now();
    await expect(cancel({}, { timeout: 50, maxRetries: 0 })).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(Date.now() - started).toBeLessThan(250);
  });

  test("a timeout aborts the request: the server sees the connection close unanswered", async () => {
    const dropped: boolean[] = [];
    server.reset((_req, res) => {
      res.on("close", () => dropped.push(!res.writableEnded));
      later(2000, () => json(res, 200, upload("u")));
    });
    await expect(cancel({ timeout: 50, maxRetries: 0 })).rejects.toBeInstanceOf(ApiTimeoutError);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(dropped).toEqual([true]);
  });

  test("the timeout reaches a custom fetch, and a request that a middleware rebuilt", async () => {
    const hang = (request: Request) =>
      new Promise<Response>((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    await expect(cancel({ timeout: 50, maxRetries: 0, fetch: hang })).rejects.toBeInstanceOf(ApiTimeoutError);

    server.reset((_req, res) => later(2000, () => json(res, 200, upload("u"))));
    const rebuild: Middleware = { onRequest: ({ request }) => new Request(request, { headers: { "X-Rebuilt": "1" } }) };
    await expect(cancel({ timeout: 50, maxRetries: 0, middleware: [rebuild] })).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(server.seen[0]!.headers["x-rebuilt"]).toBe("1");
  });

  test("the timeout covers reading the body", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": "1000" });
      res.write('{"id":');
    });
    await expect(cancel({ timeout: 100, maxRetries: 1 })).rejects.toBeInstanceOf(ApiTimeoutError);
    expect(server.seen).toHaveLength(2);
  });
});

describe("the caller's signal", () => {
  test("already aborted: nothing is sent", async () => {
    server.reset(status(200));
    const reason = new Error("not wanted");
    const err = await cancel({}, { signal: AbortSignal.abort(reason) }).catch((e) => e);
    expect(err).toBeInstanceOf(ApiAbortError);
    expect(err.cause).toBe(reason);
    expect(server.seen).toHaveLength(0);
  });

  test("aborted during the request: it stops at once and is not retried", async () => {
    server.reset((_req, res) => later(2000, () => json(res, 200, upload("u"))));
    const started = Date.now();
    await expect(cancel({}, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(ApiAbortError);
    expect(Date.now() - started).toBeLessThan(500);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.seen).toHaveLength(1);
  });

  test("aborted during the wait before a retry: it stops at once", async () => {
    server.reset(status(503, { "retry-after-ms": "5000" }));
    const started = Date.now();
    await expect(cancel({}, { signal: AbortSignal.timeout(100) })).rejects.toBeInstanceOf(ApiAbortError);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(server.seen).toHaveLength(1);
  });

  test("with no timeout at all, the signal still reaches the request", async () => {
    server.reset((_req, res) => later(2000, () => json(res, 200, upload("u"))));
    const started = Date.now();
    await expect(cancel({ timeout: Infinity }, { signal: AbortSignal.timeout(50) })).rejects.toBeInstanceOf(ApiAbortError);
    expect(Date.now() - started).toBeLessThan(500);
  });

  test("a body read through asResponse ends with the idle timeout when it stalls, and with the caller's signal", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write("first chunk");
    });
    const api = configureClient({ baseUrl: server.url, securitySchemes: {} });
    const download = asResponse((client, params: object, options?: RequestOptions) =>
      send(client, { method: "GET", path: "/stream", responses: { 200: ["application/octet-stream"] } }, params, options),
    );
    const stalled = (await download(api, {}, { timeout: 100 })).body!.getReader();
    expect(new TextDecoder().decode((await stalled.read()).value)).toBe("first chunk");
    await expect(stalled.read()).rejects.toMatchObject({ name: "TimeoutError" });

    const controller = new AbortController();
    const aborted = (await download(api, {}, { signal: controller.signal, timeout: Infinity })).body!.getReader();
    expect(new TextDecoder().decode((await aborted.read()).value)).toBe("first chunk");
    const next = aborted.read();
    controller.abort();
    await expect(next).rejects.toBeDefined();
  });
});
