// Issue 18's runtime faults: answers a server may give that once made the client retry what no
// retry can fix, deliver a page's items twice, page forever, or fail with a platform error instead
// of the call's own class. Each against a local node:http server, counted by what it saw.
import type http from "node:http";
import {
  ApiAbortError,
  ApiConnectionError,
  ApiTimeoutError,
  asResponse,
  InvalidResponseError,
  type RequestOptions,
} from "../../generated/openai-uploads/index.js";
import { paginated } from "../../generated/openai-uploads/runtime/pages.js";
import type { PaginationSpec } from "../../generated/openai-uploads/runtime/spec.js";
import { validatorTable } from "../../generated/openai-uploads/runtime/validation.js";
import { validatorFor } from "../validators/load.js";
import { configureClient, type OperationSpec, send } from "./internals.js";
import { json, type Seen, startServer, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const collect = async <T>(items: AsyncIterable<T>, into: T[]) => {
  for await (const item of items) into.push(item);
  return into;
};

describe("a response validator that overflows the stack on a valid 20,000-deep tree", () => {
  // A real compiled validator of a recursive schema: each level of the value is a level of its recursion.
  const tree = { type: "object", properties: { child: { $ref: "#" } } };
  const validators = validatorTable({ getTree: { request: () => [], responses: { "200": validatorFor(tree) } } });
  const getTree: OperationSpec = { operation: "getTree", method: "GET", path: "/tree", responses: { 200: ["application/json"] } };

  test("is an InvalidResponseError naming the overflow, sent once: never an ApiConnectionError, never retried", async () => {
    const depth = 20_000;
    const body = `${'{"child":'.repeat(depth)}{}${"}".repeat(depth)}`;
    server.reset((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(body));
    const client = configureClient({ baseUrl: server.url, securitySchemes: {} }, { validators, maxRetries: 2 });
    const call = send(client, getTree, {});
    await expect(call).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(call).rejects.not.toBeInstanceOf(ApiConnectionError);
    await expect(call).rejects.toMatchObject({
      status: 200,
      operation: "getTree",
      message: "200 response body could not be checked (RangeError: Maximum call stack size exceeded)",
      cause: expect.any(RangeError),
    });
    expect(server.seen).toHaveLength(1);
    // A shallow tree is checked as usual: the validator is real and runs.
    server.reset((_req, res) => json(res, 200, { child: { child: "not an object" } }));
    await expect(send(client, getTree, {})).rejects.toMatchObject({ name: "ResponseValidationError", issues: [{ path: "/child/child" }] });
  });
});

describe("pages that would go round", () => {
  const client = () => configureClient({ baseUrl: server.url, securitySchemes: {} }, { maxRetries: 0 });
  const list = (params: OperationSpec["params"], pagination: PaginationSpec) =>
    paginated({ operation: "listThings", method: "GET", path: "/things", params, responses: { 200: ["application/json"] }, pagination });
  const urlStyle = list({ limit: { in: "query" } }, { style: "url", items: ["data"], next: ["next"] });

  test.each([
    ["a javascript: URL", "javascript:alert(1)"],
    ["a URL that pages by its path, without a query", "/things/page/2"],
    ["an absolute URL that pages by its path", "https://api.example.com/things/page/2"],
  ])("a next-page URL the client cannot follow (%s) ends the pages after the first, fetched once", async (_, next) => {
    server.reset((_req, res) => json(res, 200, { data: [1, 2, 3], next }));
    const got: unknown[] = [];
    const error = await collect(urlStyle.all(client(), { limit: 3 }), got).catch((e: unknown) => e);
    expect(got).toEqual([1, 2, 3]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(
      `200 response body gives a next-page URL the client cannot follow (${next}): it follows an http(s) URL's query, and this one has none`,
    );
    expect(server.seen).toHaveLength(1);
  });

  test("a next-page URL whose query asks for the first page again is caught before it is fetched", async () => {
    server.reset((_req, res) => json(res, 200, { data: [1, 2, 3], next: "/things/page/2?limit=3" }));
    const got: unknown[] = [];
    const error = await collect(urlStyle.all(client(), { limit: 3 }), got).catch((e: unknown) => e);
    expect(got).toEqual([1, 2, 3]);
    expect((error as Error).message).toMatch(/names in the next-page URL \/things\/page\/2\?limit=3 a page already fetched/);
    expect(server.seen.map((s) => s.url)).toEqual(["/things?limit=3"]);
  });

  /** A server that ignores the offset (or page number): the same three items, whatever is asked. */
  const ignoring = (_req: Seen, res: http.ServerResponse) => json(res, 200, { data: [{ id: "a" }, { id: "b" }, { id: "c" }] });

  test.each<[string, PaginationSpec, string]>([
    ["offset", { style: "offset", items: ["data"], param: ["offset"] }, "offset"],
    ["page", { style: "page", items: ["data"], param: ["page"] }, "page"],
  ])("%s pagination a server ignores stops before the same items come twice", async (_, pagination, param) => {
    server.reset(ignoring);
    const got: unknown[] = [];
    const error = await collect(list({ [param]: { in: "query" } }, pagination).all(client(), {}), got).catch((e: unknown) => e);
    expect(got).toEqual([{ id: "a" }, { id: "b" }, { id: "c" }]);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as Error).message).toBe(
      `200 response body repeats the items of the page before although ${param} changed: the server ignores ${param}, and the pages stop rather than go round forever`,
    );
    expect(server.seen).toHaveLength(2);
  });

  test("an offset server that pages properly is followed to its end (the check costs nothing there)", async () => {
    const all = Array.from({ length: 7 }, (_, i) => ({ id: i }));
    server.reset((req, res) => {
      const offset = Number(new URL(req.url, "http://x").searchParams.get("offset") ?? 0);
      json(res, 200, { data: all.slice(offset, offset + 3) });
    });
    const got = await collect(
      list({ offset: { in: "query" } }, { style: "offset", items: ["data"], param: ["offset"] }).all(client(), {}),
      [],
    );
    expect(got).toEqual(all);
  });
});

describe("a body read through asResponse fails with the call's error classes", () => {
  const download = asResponse((client, params: object, options?: RequestOptions) =>
    send(
      client,
      { operation: "download", method: "GET", path: "/stream", responses: { 200: ["application/octet-stream"] } },
      params,
      options,
    ),
  );
  const client = () => configureClient({ baseUrl: server.url, securitySchemes: {} });

  test("stalling past the idle timeout: ApiTimeoutError, not a raw DOMException", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write("first chunk");
    });
    const response = await download(client(), {}, { timeout: 100 });
    const error = await response.text().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiTimeoutError);
    expect(error).toMatchObject({ operation: "download", cause: { name: "TimeoutError" } });
  });

  test("the caller's signal: ApiAbortError with its reason", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.write("first chunk");
    });
    const controller = new AbortController();
    const reader = (await download(client(), {}, { signal: controller.signal, timeout: Infinity })).body!.getReader();
    await reader.read();
    const next = reader.read();
    controller.abort("enough");
    await expect(next).rejects.toBeInstanceOf(ApiAbortError);
    await expect(next).rejects.toMatchObject({ cause: "enough" });
  });
});
