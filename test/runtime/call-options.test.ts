// Per-call options beside the call's own settings, as openapi-fetch 0.17 and the official SDK have them: a
// fetch and middleware for one call, and the RequestInit fields a framework reads (`cache`, `next`,
// `credentials`, `keepalive`, `priority`), which reach fetch as the caller gave them.
import type { Middleware } from "openapi-fetch";
import { type ClientOptions, createClient, InvalidParameterError, type RequestOptions } from "../../generated/openai-uploads/index.js";
import { json, startServer, type TestServer, upload } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, upload("u", "cancelled"))));

const uploads = (options: ClientOptions = {}) => createClient({ baseUrl: server.url + "/v1", apiKey: "sk-1", maxRetries: 0, ...options });

const FETCH_OPTIONS = {
  cache: "no-store",
  credentials: "include",
  keepalive: true,
  priority: "high",
  next: { revalidate: 60, tags: ["uploads"] },
} as const satisfies RequestOptions;

describe("a fetch for one call", () => {
  test("replaces the client's for each of the call's attempts, retries included, and for that call only", async () => {
    server.reset((_req, res, seen) => (seen.length === 1 ? json(res, 503, {}, { "retry-after-ms": "1" }) : json(res, 200, upload("u"))));
    const byClient: string[] = [];
    const byCall: string[] = [];
    const api = uploads({ maxRetries: 1, fetch: (request) => (byClient.push(request.url), fetch(request)) });
    await api.cancelUpload({ upload_id: "u" }, { fetch: (request) => (byCall.push(request.url), fetch(request)) });
    expect(byCall).toEqual([`${server.url}/v1/uploads/u/cancel`, `${server.url}/v1/uploads/u/cancel`]);
    expect(byClient).toEqual([]);
    await api.cancelUpload({ upload_id: "u" });
    expect(byClient).toHaveLength(1);
  });

  test("gets a request that carries the attempt's signal: the call's timeout aborts it", async () => {
    let signal: AbortSignal | undefined;
    const hang = (request: Request) => {
      signal = request.signal;
      return new Promise<Response>((_resolve, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
    };
    await expect(uploads().cancelUpload({ upload_id: "u" }, { fetch: hang, timeout: 20 })).rejects.toMatchObject({
      name: "ApiTimeoutError",
    });
    expect(signal?.aborted).toBe(true);
    expect(server.seen).toEqual([]);
  });
});

describe("middleware for one call", () => {
  test("runs after the client's, for that call only, and sees the request the call's options made", async () => {
    const order: string[] = [];
    const named = (name: string): Middleware => ({
      onRequest({ request }) {
        order.push(`${name} ${request.method} ${request.cache}`);
        request.headers.set(`x-${name}`, "1");
      },
      onResponse({ response }) {
        order.push(`${name} ${response.status}`);
      },
    });
    const api = uploads({ middleware: [named("client")] });
    await api.cancelUpload({ upload_id: "u" }, { middleware: [named("call")], cache: "no-store" });
    expect(order).toEqual(["client POST no-store", "call POST no-store", "call 200", "client 200"]);
    expect(server.seen[0]!.headers).toMatchObject({ "x-client": "1", "x-call": "1" });
    order.length = 0;
    await api.cancelUpload({ upload_id: "u" });
    expect(order).toEqual(["client POST default", "client 200"]);
  });
});

describe("RequestInit fields a framework reads", () => {
  test("reach a caller's fetch on the request, `next` as its property, on every redirect hop", async () => {
    server.reset((req, res) =>
      req.url === "/v1/uploads/u/cancel" ? res.writeHead(307, { location: "/v1/moved" }).end() : json(res, 200, upload("u")),
    );
    const seen: Array<Record<string, unknown>> = [];
    const recording = (request: Request) => {
      const { cache, credentials, keepalive, url } = request;
      seen.push({ url, cache, credentials, keepalive, next: (request as Request & { next?: unknown }).next });
      return fetch(request);
    };
    await uploads().cancelUpload({ upload_id: "u" }, { ...FETCH_OPTIONS, fetch: recording });
    const expected = { cache: "no-store", credentials: "include", keepalive: true, next: FETCH_OPTIONS.next };
    expect(seen).toEqual([
      { url: `${server.url}/v1/uploads/u/cancel`, ...expected },
      { url: `${server.url}/v1/moved`, ...expected },
    ]);
    expect(server.seen.map((s) => s.url)).toEqual(["/v1/uploads/u/cancel", "/v1/moved"]);
  });

  test("reach the global fetch in its init, as given, with the attempt's signal", async () => {
    const calls: Array<{ init: RequestInit & { next?: unknown }; input: unknown }> = [];
    const real = globalThis.fetch;
    globalThis.fetch = (input, init) => {
      calls.push({ input, init: init! });
      return real(input, init);
    };
    try {
      await uploads().cancelUpload({ upload_id: "u" }, FETCH_OPTIONS);
      await uploads().cancelUpload({ upload_id: "u" }, { timeout: Infinity });
    } finally {
      globalThis.fetch = real;
    }
    const [withOptions, without] = calls;
    // The URL and its init, so that fetch builds the one Request (see transport.ts, PendingRequest).
    expect(withOptions!.input).toBe(`${server.url}/v1/uploads/u/cancel`);
    expect(withOptions!.init).toMatchObject({ ...FETCH_OPTIONS, method: "POST", signal: expect.any(AbortSignal) });
    expect(withOptions!.init.next).toBe(FETCH_OPTIONS.next);
    // A call without them, and without a timer, gives fetch neither the options nor a signal.
    expect(Object.keys(without!.init).filter((k) => k in FETCH_OPTIONS || k === "signal")).toEqual([]);
  });

  test.each([
    [{ cache: "only-if-cached" }, "cache", 'must be one of default force-cache no-cache no-store reload, not "only-if-cached"'],
    [{ credentials: "all" }, "credentials", 'must be one of include omit same-origin, not "all"'],
    [{ keepalive: "yes" }, "keepalive", 'must be true or false, not "yes"'],
    [{ priority: 1 }, "priority", "must be one of auto high low, not 1"],
    [{ next: 60 }, "next", "must be an object, not 60"],
    [{ fetch: "fetch" }, "fetch", 'must be a function, not "fetch"'],
    [{ middleware: { onRequest() {} } }, "middleware", "must be a list of middleware, not object"],
  ])("%j is an InvalidParameterError before anything is sent", async (options, option, reason) => {
    const error = await uploads()
      .cancelUpload({ upload_id: "u" }, options as RequestOptions)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect(error).toMatchObject({ operation: "cancelUpload", parameter: option, message: expect.stringContaining(reason) });
    expect(server.seen).toEqual([]);
  });
});
