// What a call resolves to or throws, through the generated Uploads client against a local server:
// one class per failure, messages built from the body, raw access, and no credential anywhere.
import { inspect } from "node:util";
import { connectionMessage } from "../../src/runtime/errors.js";
import {
  ApiAbortError,
  ApiClientError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
  cancelUpload,
  createClient,
  isApiError,
  withResponse,
} from "../../generated/openai-uploads/index.js";
import { configureClient, send, type OperationSpec } from "./internals.js";
import { closedPort, json, later, startServer, upload, type TestServer } from "./server.js";

const SECRET = "sk-test-SECRET-5f2e6cc0";
let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const client = (options: Parameters<typeof createClient>[0] = {}) =>
  createClient({ baseUrl: server.url + "/v1", apiKey: SECRET, maxRetries: 0, ...options });

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (err) {
    return err;
  }
  throw new Error("expected the call to fail");
}

describe("an answer outside 2xx is an ApiError of the status's class", () => {
  test.each([
    [400, BadRequestError],
    [401, AuthenticationError],
    [403, PermissionDeniedError],
    [404, NotFoundError],
    [409, ConflictError],
    [422, UnprocessableEntityError],
    [429, RateLimitError],
    [500, InternalServerError],
    [503, InternalServerError],
    [418, ApiError],
    [300, ApiError],
  ])("%i → %p", async (status, Class) => {
    server.reset((_req, res) =>
      json(res, status, { error: { message: "No such upload: upload_xyz", type: "invalid_request_error" } }, { "x-request-id": "req_123" }),
    );
    const err = await rejection(client().cancelUpload({ upload_id: "upload_xyz" }));
    expect(err).toBeInstanceOf(Class);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toBeInstanceOf(ApiClientError);
    expect(err.name).toBe(Class.name);
    expect(err.status).toBe(status);
    expect(err.message).toBe(`${status} No such upload: upload_xyz`);
    expect(err.error).toEqual({ error: { message: "No such upload: upload_xyz", type: "invalid_request_error" } });
    expect(err.headers.get("x-request-id")).toBe("req_123");
    expect(err.requestId).toBe("req_123");
    expect(err.operation).toBe("cancelUpload");
  });

  test("the message says when there is no body, and uses a top-level message or the text otherwise", async () => {
    const api = client();
    server.reset((_req, res) => res.writeHead(404).end());
    let err = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(err.message).toBe("404 status code (no body)");
    expect(err.error).toBeUndefined();
    expect(err.requestId).toBeUndefined();

    server.reset((_req, res) => json(res, 400, { message: "bad things" }));
    err = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(err.message).toBe("400 bad things");

    server.reset((_req, res) => json(res, 409, { error: "locked" }, { "x-should-retry": "false" }));
    err = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(err.message).toBe("409 locked");

    server.reset((_req, res) => res.writeHead(502, { "content-type": "text/plain" }).end("upstream down"));
    err = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(InternalServerError);
    expect(err.message).toBe("502 upstream down");
    expect(err.error).toBe("upstream down");

    server.reset((_req, res) => json(res, 422, { detail: [{ loc: ["body"], msg: "field required" }] }));
    err = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(err.message).toBe('422 {"detail":[{"loc":["body"],"msg":"field required"}]}');
  });

  test("isApiError recognises an ApiError, and its operation when asked", async () => {
    server.reset((_req, res) => json(res, 404, { error: { message: "gone" } }));
    const err = await rejection(client().cancelUpload({ upload_id: "u" }));
    expect(isApiError(err)).toBe(true);
    expect(isApiError(err, "cancelUpload")).toBe(true);
    expect(isApiError(err, "createUpload")).toBe(false);
    expect(isApiError(new Error("404"))).toBe(false);
    if (isApiError(err)) expect(err.status).toBe(404);
  });
});

describe("failures without an answer", () => {
  test("a refused connection is an ApiConnectionError that keeps the cause", async () => {
    const port = await closedPort();
    const err = await rejection(client({ baseUrl: `http://127.0.0.1:${port}/v1` }).cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect(err).not.toBeInstanceOf(ApiTimeoutError);
    // The code and the host, so that a user sees what to fix (a server not started, a wrong port).
    expect(err.message).toBe(`Connection error: ECONNREFUSED 127.0.0.1:${port}.`);
    expect(err.operation).toBe("cancelUpload");
    expect(String(err.cause?.cause?.code ?? err.cause?.code)).toBe("ECONNREFUSED");
  });

  test("a connection reset before the answer is an ApiConnectionError", async () => {
    server.reset((_req, res) => res.socket!.destroy());
    const err = await rejection(client().cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect(err.cause).toBeDefined();
  });

  test("a failing DNS lookup (a fetch that throws) is an ApiConnectionError with that cause", async () => {
    const cause = new TypeError("fetch failed", {
      cause: Object.assign(new Error("getaddrinfo ENOTFOUND api.example"), { code: "ENOTFOUND" }),
    });
    const api = client({ fetch: async () => Promise.reject(cause) });
    const err = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect(err.cause).toBe(cause);
  });

  test("a timeout is an ApiTimeoutError, a subclass of ApiConnectionError", async () => {
    server.reset((_req, res) => later(2000, () => json(res, 200, upload("u"))));
    const err = await rejection(client({ timeout: 50 }).cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(ApiTimeoutError);
    expect(err).toBeInstanceOf(ApiConnectionError);
    expect(err.message).toBe("Request timed out.");
  });

  test("an abort by the caller is an ApiAbortError whose cause is the signal's reason", async () => {
    server.reset((_req, res) => later(2000, () => json(res, 200, upload("u"))));
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 30);
    const err = await rejection(client().cancelUpload({ upload_id: "u" }, { signal: controller.signal }));
    expect(err).toBeInstanceOf(ApiAbortError);
    expect(err).not.toBeInstanceOf(ApiConnectionError);
    expect(err.cause).toEqual(new Error("user left"));
  });
});

describe("a 2xx body that is not the declared JSON", () => {
  test("is an InvalidResponseError with the status, the text and the parse error", async () => {
    server.reset((_req, res) =>
      res.writeHead(200, { "content-type": "application/json", "x-request-id": "req_html" }).end("<html>proxy</html>"),
    );
    const err = await rejection(client().cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect(err.status).toBe(200);
    expect(err.body).toBe("<html>proxy</html>");
    expect(err.requestId).toBe("req_html");
    expect(err.cause).toBeInstanceOf(SyntaxError);
    expect(err.message).toBe("200 response body is not valid JSON");
  });

  // A regression of af1969b (found with git bisect), which read any Content-Type and resolved this page typed as `Upload`.
  test("sent as a type the document does not declare (a proxy's HTML page), it is an InvalidResponseError, not the data", async () => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": "text/html", "x-request-id": "req_html" }).end("<html>proxy</html>"));
    const err = await rejection(client().cancelUpload({ upload_id: "u" }));
    expect(err).toBeInstanceOf(InvalidResponseError);
    expect([err.status, err.body, err.requestId, err.headers.get("content-type")]).toEqual([
      200,
      "<html>proxy</html>",
      "req_html",
      "text/html",
    ]);
    expect(err.message).toBe("200 response body is text/html: the document declares application/json");
    expect(server.seen).toHaveLength(1);
  });

  test("an empty 200 and a 204, where the document declares a body, are the same typed error, not undefined", async () => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end());
    const empty = await rejection(client().cancelUpload({ upload_id: "u" }));
    server.reset((_req, res) => res.writeHead(204).end());
    const noContent = await rejection(client().cancelUpload({ upload_id: "u" }));
    expect([empty, noContent].map((e) => [e.constructor, e.message])).toEqual([
      [InvalidResponseError, "200 response body is empty: the document declares application/json"],
      [InvalidResponseError, "204 response body is missing: the document declares application/json"],
    ]);
  });
});

describe("raw access", () => {
  test("every method has .withResponse, resolving to the data, the response and the request id", async () => {
    server.reset((_req, res) => json(res, 200, upload("u"), { "x-request-id": "req_ok", "openai-processing-ms": "12" }));
    const { data, response, requestId } = await client().cancelUpload.withResponse({ upload_id: "u" }, { headers: { "x-trace": "1" } });
    expect(data).toEqual(upload("u"));
    expect(response.status).toBe(200);
    expect(response.headers.get("openai-processing-ms")).toBe("12");
    expect(requestId).toBe("req_ok");
    expect(server.seen).toHaveLength(1);
    expect(server.seen[0]!.headers["x-trace"]).toBe("1");
  });

  test("withResponse wraps a generated function the same way", async () => {
    server.reset((_req, res) => json(res, 200, upload("u")));
    const { data, response, requestId } = await withResponse(cancelUpload)(client(), { upload_id: "u" });
    expect(data.id).toBe("u");
    expect(response.ok).toBe(true);
    expect(requestId).toBeUndefined();
    expect(server.seen).toHaveLength(1);
  });
});

describe("credentials never show", () => {
  const shows = (value: unknown) =>
    [
      `${(value as object).toString?.()}`,
      inspect(value, { depth: Infinity }),
      inspect(value, { depth: Infinity, showHidden: true }),
      JSON.stringify(value) ?? "",
      (value as Error)?.stack ?? "",
    ].some((text) => text.includes(SECRET));

  test("in the client", () => {
    const api = client({ credentials: { ApiKeyAuth: SECRET } });
    expect(shows(api)).toBe(false);
    expect(shows(Object.entries(api))).toBe(false);
  });

  test("in an error with an answer, a connection error, or a missing-credential error", async () => {
    server.reset((_req, res) => json(res, 401, { error: { message: "Incorrect API key provided" } }));
    const errors = [await rejection(client().cancelUpload({ upload_id: "u" }))];
    const port = await closedPort();
    errors.push(await rejection(client({ baseUrl: `http://127.0.0.1:${port}/v1` }).cancelUpload({ upload_id: "u" })));
    server.reset((_req, res) => later(1000, () => json(res, 200, upload("u"))));
    errors.push(await rejection(client({ timeout: 20 }).cancelUpload({ upload_id: "u" })));
    errors.push(await rejection(createClient({ baseUrl: server.url }).cancelUpload({ upload_id: "u" })));
    expect(errors.map((e) => e.name)).toEqual(["AuthenticationError", "ApiConnectionError", "ApiTimeoutError", "MissingCredentialError"]);
    for (const err of errors) expect(shows(err)).toBe(false);
    // What went to the server did carry it: the check above is not vacuous.
    expect(server.seen.some((s) => s.headers.authorization === `Bearer ${SECRET}`)).toBe(true);
  });

  test("when the key travels in the URL", async () => {
    const defaults = { baseUrl: server.url, securitySchemes: { Key: { type: "apiKey", in: "query", name: "key" } } };
    const spec: OperationSpec = {
      operation: "getThing",
      method: "GET",
      path: "/thing/{id}",
      params: { id: { in: "path" } },
      security: [["Key"]],
    };
    server.reset((_req, res) => json(res, 403, { error: { message: "forbidden" } }));
    const answered = await rejection(send(configureClient(defaults, { apiKey: SECRET, maxRetries: 0 }), spec, { id: "1" }));
    expect(server.seen[0]!.url).toBe(`/thing/1?key=${SECRET}`);
    const port = await closedPort();
    const refused = await rejection(
      send(configureClient({ ...defaults, baseUrl: `http://127.0.0.1:${port}` }, { apiKey: SECRET, maxRetries: 0 }), spec, { id: "1" }),
    );
    const invalid = await rejection(send(configureClient(defaults, { apiKey: SECRET }), spec, { id: ".." }));
    expect([answered, refused, invalid].map((e) => e.name)).toEqual([
      "PermissionDeniedError",
      "ApiConnectionError",
      "InvalidParameterError",
    ]);
    for (const err of [answered, refused, invalid]) expect(shows(err)).toBe(false);
  });
});

describe("a connection error's message: the cause's code and the host, nothing else of the URL", () => {
  // Shaped as Node's fetch reports them: a TypeError "fetch failed" whose cause carries the code.
  const failed = (cause: object) => Object.assign(new TypeError("fetch failed"), { cause });
  test.each<[string, unknown, string | undefined, string]>([
    [
      "refused",
      failed({ code: "ECONNREFUSED", address: "127.0.0.1", port: 4010 }),
      "http://127.0.0.1:4010/v1?k=s",
      "Connection error: ECONNREFUSED 127.0.0.1:4010.",
    ],
    [
      "no such host",
      failed({ code: "ENOTFOUND", hostname: "api.example.test" }),
      "https://api.example.test/x",
      "Connection error: ENOTFOUND api.example.test.",
    ],
    [
      "a code without a host: the URL's host",
      failed({ code: "ECONNRESET" }),
      "https://u:p@api.example.test:8443/x?token=t",
      "Connection error: ECONNRESET api.example.test:8443.",
    ],
    [
      "a browser's TypeError: the host alone",
      new TypeError("Failed to fetch"),
      "https://api.example.test/x",
      "Connection error: api.example.test.",
    ],
    ["nothing known", new Error("x"), undefined, "Connection error."],
  ])("%s", (_name, cause, url, message) => {
    expect(connectionMessage(cause, url)).toBe(message);
  });
});
