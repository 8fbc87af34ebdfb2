// What a call refuses before it sends anything, how a hung credential ends, and idempotency keys over
// retries: through the generated Uploads client and hand-written specs, against a recording server.
import { ApiAbortError, ApiTimeoutError, InvalidParameterError, createClient } from "../../generated/openai-uploads/index.js";
import { startRecorder, type Handler, type Recorder } from "../support/faults.js";
import { configureClient, send, type OperationSpec } from "./internals.js";
import { later, upload } from "./server.js";

let server: Recorder;
beforeAll(async () => (server = await startRecorder()));
afterAll(() => server.close());

const answer: Handler = (_req, res) => {
  const text = JSON.stringify(upload("u"));
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
};
beforeEach(() => server.handle(answer));

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

/** Counts the attempts that reached fetch, whether or not the server saw them. */
function counted() {
  const counter = { calls: 0, fetch: (request: Request) => (counter.calls++, fetch(request)) };
  return counter;
}

const cyclic = () => {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
};

describe("a value that cannot be sent is an InvalidParameterError naming it: nothing sent, never retried", () => {
  const spec: OperationSpec = {
    operation: "putThing",
    method: "PUT",
    path: "/things/{id}",
    params: {
      id: { in: "path" },
      q: { in: "query" },
      tags: { in: "query", style: "form", explode: true },
      "X-Trace": { in: "header" },
    },
    body: "application/json",
    responses: { "200": ["application/json"] },
  };
  test.each<[string, Record<string, unknown>, object, string]>([
    ["a lone surrogate in a path value", { id: "a\uD800b" }, {}, "id"],
    ["a lone surrogate in a query value", { id: "1", q: "x\uDC00" }, {}, "q"],
    ["a lone surrogate in a query array", { id: "1", tags: ["ok", "\uD83D"] }, {}, "tags"],
    ["CR/LF in a header parameter", { id: "1", "X-Trace": "t\r\nX-Injected: 1" }, {}, "X-Trace"],
    ["a character above U+00FF in a header parameter", { id: "1", "X-Trace": "t\u2028" }, {}, "X-Trace"],
    ["CR/LF in a per-call header", { id: "1" }, { headers: { "x-a": "1\r\nX-Injected: 1" } }, "headers.x-a"],
    ["a per-call header name with a space", { id: "1" }, { headers: { "x a": "1" } }, "headers.x a"],
    ["an array of objects in a form query", { id: "1", tags: [{ a: 1 }] }, {}, "tags"],
    ["a BigInt in a JSON body", { id: "1", body: { n: 1n } }, {}, "body"],
    ["a cyclic JSON body", { id: "1", body: cyclic() }, {}, "body"],
  ])("%s", async (_what, params, options, parameter) => {
    const counter = counted();
    const client = configureClient({ baseUrl: server.url, securitySchemes: {} }, { fetch: counter.fetch });
    const error = await rejection(send(client, spec, params, options));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect([error.parameter, error.operation]).toEqual([parameter, "putThing"]);
    expect(error.message).toContain(`parameter "${parameter}" of putThing`);
    expect(counter.calls).toBe(0);
    expect(server.seen).toEqual([]);
  });

  test.each<[string, (api: ReturnType<typeof createClient>) => Promise<unknown>, string]>([
    ["a lone surrogate in upload_id", (api) => api.cancelUpload({ upload_id: "\uDFFF" }), "upload_id"],
    ["a BigInt in the body", (api) => api.completeUpload({ upload_id: "u", body: { part_ids: [], md5: 1n as never } }), "body"],
    ["a cyclic body", (api) => api.completeUpload({ upload_id: "u", body: cyclic() as never }), "body"],
    ["CR/LF in a per-call header", (api) => api.cancelUpload({ upload_id: "u" }, { headers: { "x-a": "\n" } }), "headers.x-a"],
  ])("the generated client: %s", async (_what, call, parameter) => {
    const counter = counted();
    const error = await rejection(call(createClient({ baseUrl: server.url, apiKey: "k", fetch: counter.fetch })));
    expect([error.constructor, error.parameter]).toEqual([InvalidParameterError, parameter]);
    expect(counter.calls).toBe(0);
  });

  test("CR/LF in a client header is refused by createClient itself", () => {
    const create = () => createClient({ baseUrl: server.url, headers: { "openai-organization": "org\r\nX-Injected: 1" } });
    expect(create).toThrow(InvalidParameterError);
    expect(create).toThrow('parameter "headers.openai-organization" of createClient');
  });
});

describe("a credential function that never settles ends with the call", () => {
  const hung = () => new Promise<string>(() => {});

  test("by the caller's signal: ApiAbortError with its reason, nothing sent", async () => {
    const controller = new AbortController();
    const api = createClient({ baseUrl: server.url, apiKey: hung, timeout: Infinity });
    later(20, () => controller.abort("user left"));
    const error = await rejection(api.cancelUpload({ upload_id: "u" }, { signal: controller.signal }));
    expect([error.constructor, error.cause]).toEqual([ApiAbortError, "user left"]);
    expect(server.seen).toEqual([]);
  });

  test("by the timeout: ApiTimeoutError, each attempt calling the function again", async () => {
    let calls = 0;
    const api = createClient({ baseUrl: server.url, apiKey: () => (calls++, hung()), timeout: 20, maxRetries: 1 });
    const error = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error.cause).toMatchObject({ name: "TimeoutError" });
    expect(calls).toBe(2);
    expect(server.seen).toEqual([]);
  });

  test("a key that arrives after the abort is not sent", async () => {
    const controller = new AbortController();
    let give: (key: string) => void = () => {};
    const api = createClient({ baseUrl: server.url, apiKey: () => new Promise<string>((resolve) => (give = resolve)) });
    const call = rejection(api.cancelUpload({ upload_id: "u" }, { signal: controller.signal }));
    later(10, () => controller.abort());
    expect(await call).toBeInstanceOf(ApiAbortError);
    give("late");
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(server.seen).toEqual([]);
  });
});

describe("option values are checked where they are given", () => {
  const OPTIONS: Array<[string, Record<string, unknown>, string]> = [
    ["timeout NaN (an unset environment variable)", { timeout: NaN }, "timeout"],
    ["a negative timeout", { timeout: -1 }, "timeout"],
    ["a timeout as a string", { timeout: "1000" }, "timeout"],
    ["a null timeout", { timeout: null }, "timeout"],
    ["negative maxRetries", { maxRetries: -1 }, "maxRetries"],
    ["fractional maxRetries", { maxRetries: 1.5 }, "maxRetries"],
    ["maxRetries NaN", { maxRetries: NaN }, "maxRetries"],
    ["maxRetries as a string", { maxRetries: "2" }, "maxRetries"],
    ["headers that are a string", { headers: "x-a: 1" }, "headers"],
    ["headers that are an array", { headers: [["x-a", "1"]] }, "headers"],
    ["a header value that is a number", { headers: { "x-a": 1 } }, "headers.x-a"],
    ["a header value with a line break", { headers: { "x-a": "1\n" } }, "headers.x-a"],
    ["a header name that is not a token", { headers: { "x:a": "1" } }, "headers.x:a"],
  ];
  const CLIENT_ONLY: Array<[string, Record<string, unknown>, string]> = [
    ["maxErrorBodyBytes NaN", { maxErrorBodyBytes: NaN }, "maxErrorBodyBytes"],
    ["negative maxErrorBodyBytes", { maxErrorBodyBytes: -1 }, "maxErrorBodyBytes"],
    ["maxErrorBodyBytes as a string", { maxErrorBodyBytes: "1024" }, "maxErrorBodyBytes"],
    ["a fetch that is not a function", { fetch: "https://proxy" }, "fetch"],
    ["an apiKey that is a number", { apiKey: 42 }, "apiKey"],
    ["an idempotencyHeader that is not a header name", { idempotencyHeader: "Idempotency Key" }, "idempotencyHeader.Idempotency Key"],
    ["a baseUrl that is not a URL", { baseUrl: "not a url" }, "baseUrl"],
  ];
  const CALL_ONLY: Array<[string, Record<string, unknown>, string]> = [
    ["a signal that is not an AbortSignal", { signal: { aborted: false } }, "signal"],
    ["an AbortController passed as the signal", { signal: new AbortController() }, "signal"],
    ["an idempotencyKey with a line break", { idempotencyKey: "k\r\nX-Injected: 1" }, "idempotencyKey"],
    ["an idempotencyKey that is a number", { idempotencyKey: 42 }, "idempotencyKey"],
  ];

  test.each([...OPTIONS, ...CLIENT_ONLY])("createClient refuses %s", (_what, options, parameter) => {
    let error: any;
    try {
      createClient({ baseUrl: server.url, ...options } as never);
    } catch (thrown) {
      error = thrown;
    }
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect([error.operation, error.parameter]).toEqual(["createClient", parameter]);
  });

  test.each([...OPTIONS, ...CALL_ONLY])("a call refuses %s, and sends nothing", async (_what, options, parameter) => {
    const counter = counted();
    const api = createClient({ baseUrl: server.url, apiKey: "k", fetch: counter.fetch, idempotencyHeader: "Idempotency-Key" });
    const error = await rejection(api.cancelUpload({ upload_id: "u" }, options as never));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect([error.operation, error.parameter]).toEqual(["cancelUpload", parameter]);
    expect(counter.calls).toBe(0);
  });

  test("the values these checks allow are accepted: Infinity, 0, and null to remove a header", async () => {
    const api = createClient({ baseUrl: server.url, apiKey: "k", timeout: Infinity, maxRetries: 0, maxErrorBodyBytes: Infinity });
    await api.cancelUpload({ upload_id: "u" }, { timeout: Infinity, maxRetries: 0, headers: { "x-a": null } });
    expect(server.seen).toHaveLength(1);
  });
});

describe("idempotency keys: one per call, the same on each of its retries", () => {
  /** Fails the first `n` attempts with a retryable 500 that asks for a 1 ms wait. */
  const failFirst =
    (n: number): Handler =>
    (req, res, seen) =>
      seen.length <= n
        ? res.writeHead(500, { "content-type": "application/json", "retry-after-ms": "1" }).end('{"error":{"message":"busy"}}')
        : answer(req, res, seen);
  const keys = (name = "idempotency-key") => server.seen.map((s) => s.headers[name]);

  test("the client's idempotencyHeader: each call's attempts share a key, calls differ", async () => {
    const api = createClient({ baseUrl: server.url, apiKey: "k", idempotencyHeader: "Idempotency-Key" });
    server.handle(failFirst(2));
    await api.cancelUpload({ upload_id: "u" });
    const first = keys();
    server.handle(failFirst(2));
    await api.cancelUpload({ upload_id: "u" });
    const second = keys();
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(1);
    expect(second).toEqual([second[0], second[0], second[0]]);
    expect(first[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    expect(second[0]).not.toBe(first[0]);
  });

  test("the caller's idempotencyKey is sent instead, on every attempt", async () => {
    const api = createClient({ baseUrl: server.url, apiKey: "k", idempotencyHeader: "Idempotency-Key" });
    server.handle(failFirst(1));
    await api.cancelUpload({ upload_id: "u" }, { idempotencyKey: "order-42" });
    expect(keys()).toEqual(["order-42", "order-42"]);
  });

  const get = (declares: boolean): OperationSpec => ({
    operation: "getThing",
    method: "GET",
    path: "/thing",
    ...(declares ? { params: { "Idempotency-Key": { in: "header" } }, idempotencyHeader: "Idempotency-Key" } : {}),
    responses: { "200": ["application/json"] },
  });
  const options = { idempotencyHeader: "X-Idempotency" };

  test("a GET gets none from the client's option", async () => {
    await send(configureClient({ baseUrl: server.url, securitySchemes: {} }, options), get(false), {});
    expect(server.seen.map((s) => [s.method, s.headers["x-idempotency"]])).toEqual([["GET", undefined]]);
  });

  test("an operation that declares an Idempotency-Key header gets one per call, even a GET, over retries", async () => {
    const client = configureClient({ baseUrl: server.url, securitySchemes: {} }, options);
    server.handle(failFirst(2));
    await send(client, get(true), {});
    const first = keys();
    server.handle(failFirst(1));
    await send(client, get(true), {});
    const second = keys();
    expect([first.length, new Set(first).size, second.length, new Set(second).size]).toEqual([3, 1, 2, 1]);
    expect(first[0]).not.toBe(second[0]);
    expect(keys("x-idempotency")).toEqual([undefined, undefined]);
  });

  test("a declared Idempotency-Key the caller fills in is theirs", async () => {
    const client = configureClient({ baseUrl: server.url, securitySchemes: {} });
    server.handle(failFirst(1));
    await send(client, get(true), { "Idempotency-Key": "mine" });
    expect(keys()).toEqual(["mine", "mine"]);
  });
});

// A 204 where the operation declares a body is an InvalidResponseError: errors.test.ts, "an empty 200
// and a 204, where the document declares a body, are the same typed error, not undefined".
