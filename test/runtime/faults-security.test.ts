// Security under faults, end to end through the generated Uploads client and hand-written specs, against
// real servers on two origins: what a redirect carries to another origin, what a 3xx answering a POST
// resolves to, credentials that cannot be sent, and query parameters that data cannot add.
import { inspect } from "node:util";
import { ApiError, InvalidParameterError, createClient } from "../../generated/openai-uploads/index.js";
import { redirect, startTwoOrigins, type Handler, type Recorder, type Seen } from "../support/faults.js";
import { configureClient, send, styles, type ClientDefaults, type OperationSpec } from "./internals.js";
import { upload } from "./server.js";

const SECRET = "sk-azure-SECRET-91c4";

let a: Recorder;
let b: Recorder;
let closeServers: () => Promise<void>;
beforeAll(async () => ({ first: a, second: b, close: closeServers } = await startTwoOrigins()));
afterAll(() => closeServers());

const answer: Handler = (_req, res) => {
  const text = JSON.stringify(upload("u"));
  res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(text) }).end(text);
};
/** `/from` redirects with `status` to `to()` (read when the request arrives); anything else is answered. */
const redirecting =
  (status: number, to: () => string): Handler =>
  (req, res, seen) =>
    req.url.startsWith("/from") ? redirect(res, status, to()) : answer(req, res, seen);

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

// Azure OpenAI's scheme: the key in a header of its own, which fetch's own redirect handling forwards anywhere.
const azure = (baseUrl: string): ClientDefaults => ({
  baseUrl,
  securitySchemes: { AzureKey: { type: "apiKey", in: "header", name: "api-key" } },
});
const op = (method: "GET" | "POST"): OperationSpec => ({
  operation: "thing",
  method,
  path: "/from",
  params: { "X-Client-Trace": { in: "header" } },
  ...(method === "POST" ? { body: "application/json" } : {}),
  responses: { "200": ["application/json"] },
  security: [["AzureKey"]],
});
// Everything a call sends that is the caller's: the key, a default header, a header parameter, a per-call header.
const clientOptions = { apiKey: SECRET, headers: { "openai-organization": "org-1" }, maxRetries: 0 };
const PRIVATE = ["api-key", "openai-organization", "x-client-trace", "x-per-call"];
const privateHeaders = (seen: Seen) => PRIVATE.filter((name) => seen.headers[name] !== undefined);

describe("a redirect to another origin carries no credential and no header of the caller's", () => {
  test.each([
    [307, "POST"],
    [308, "POST"],
    [301, "GET"],
    [302, "GET"],
    [303, "GET"],
    [307, "GET"],
    [308, "GET"],
  ] as const)("%i after %s: the other origin gets the method and body, none of the caller's headers", async (status, method) => {
    a.handle(redirecting(status, () => b.url + "/to"));
    b.handle(answer);
    const client = configureClient(azure(a.url), clientOptions);
    const params = { "X-Client-Trace": "t-1", ...(method === "POST" ? { body: { n: 1 } } : {}) };
    await expect(send(client, op(method), params, { headers: { "x-per-call": "1" } })).resolves.toEqual(upload("u"));
    expect(a.seen.map(privateHeaders)).toEqual([PRIVATE]);
    expect(a.seen[0]!.headers["api-key"]).toBe(SECRET);
    expect(b.seen.map((s) => [s.method, s.url, privateHeaders(s), s.body.toString()])).toEqual([
      [method, "/to", [], method === "POST" ? '{"n":1}' : ""],
    ]);
  });

  test.each([307, 308, 302])("%i on the same origin keeps them all", async (status) => {
    const method = status === 302 ? "GET" : "POST";
    a.handle(redirecting(status, () => a.url + "/to"));
    const client = configureClient(azure(a.url), clientOptions);
    const params = { "X-Client-Trace": "t-1", ...(method === "POST" ? { body: { n: 1 } } : {}) };
    await expect(send(client, op(method), params, { headers: { "x-per-call": "1" } })).resolves.toEqual(upload("u"));
    expect(a.seen.map((s) => [s.url, privateHeaders(s)])).toEqual([
      ["/from", PRIVATE],
      ["/to", PRIVATE],
    ]);
    expect(a.seen[1]!.headers["api-key"]).toBe(SECRET);
  });

  test("the generated client: its bearer token and default headers stay home on a 307 to another origin", async () => {
    a.handle((req, res) => redirect(res, 307, b.url + req.url));
    b.handle(answer);
    const api = createClient({ baseUrl: a.url, apiKey: SECRET, headers: { "openai-organization": "org-1" } });
    await expect(api.completeUpload({ upload_id: "u", body: { part_ids: ["p"] } })).resolves.toEqual(upload("u"));
    expect(a.seen[0]!.headers).toMatchObject({ authorization: `Bearer ${SECRET}`, "openai-organization": "org-1" });
    expect(b.seen).toHaveLength(1);
    expect(b.seen[0]!.headers).not.toHaveProperty("authorization");
    expect(b.seen[0]!.headers).not.toHaveProperty("openai-organization");
    expect([b.seen[0]!.method, b.seen[0]!.url, b.seen[0]!.body.toString()]).toEqual(["POST", "/uploads/u/complete", '{"part_ids":["p"]}']);
  });
});

describe("a 301, 302 or 303 answering a POST is the answer, never a success", () => {
  test.each([301, 302, 303])("%i: an ApiError of that status; nothing is sent again, as a GET or otherwise", async (status) => {
    a.handle((_req, res) => redirect(res, status, b.url + "/to"));
    b.handle(answer);
    // Retries on (the default), to show a 3xx is not retried either.
    const api = createClient({ baseUrl: a.url, apiKey: SECRET });
    const error = await rejection(api.createUpload({ body: { bytes: 1, filename: "a", mime_type: "text/plain", purpose: "batch" } }));
    expect(error).toBeInstanceOf(ApiError);
    expect([error.name, error.status, error.error]).toEqual(["ApiError", status, "redirect\n"]);
    expect(a.seen.map((s) => s.method)).toEqual(["POST"]);
    expect(b.seen).toEqual([]);
  });
});

describe("an API key that a header cannot carry is refused before anything is sent, and never shown", () => {
  // Read from a file or an environment variable with its newline, pasted with a smart quote, or made to inject a header.
  const BAD = [
    ["a trailing newline", `${SECRET}\n`],
    ["CR/LF and a header after it", `${SECRET}\r\nX-Injected: 1`],
    ["a NUL", `${SECRET}\u0000`],
    ["a character above U+00FF", `${SECRET}\u201d`],
    ["Cyrillic", `${SECRET}ключ`],
  ];
  const shown = (error: Error) =>
    [
      error.message,
      String(error.cause ?? ""),
      error.stack ?? "",
      inspect(error, { depth: Infinity }),
      inspect(error, { depth: Infinity, showHidden: true }),
      JSON.stringify(error),
    ].join("\n");

  const forms = [
    ["a string", (key: string) => key],
    ["a function", (key: string) => () => key],
    ["an async function", (key: string) => async () => key],
  ] as const;
  const rows = BAD.flatMap(([what, key]) => forms.map(([form, make]) => [what, form, key!, make] as const));

  test.each(rows)("%s, in %s: InvalidParameterError naming the scheme", async (_what, _form, key, make) => {
    a.handle(answer);
    let called = 0;
    const made = make(key);
    const apiKey = typeof made === "function" ? () => (called++, (made as () => string | Promise<string>)()) : made;
    // The generated client (a bearer token) and Azure's header scheme. A string is refused by
    // createClient itself; what a function returns, by the call.
    const failure = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        return error as InvalidParameterError;
      }
      throw new Error("expected the call to fail");
    };
    const bearer = await failure(() => createClient({ baseUrl: a.url, apiKey }).cancelUpload({ upload_id: "u" }));
    const header = await failure(() => send(configureClient(azure(a.url), { apiKey }), op("GET"), {}));
    const refusedAt =
      typeof made === "string"
        ? ["credential for apiKey", "credential for apiKey"]
        : ["credential for ApiKeyAuth", "credential for AzureKey"];
    expect([bearer, header].map((e) => [e.constructor, e.parameter])).toEqual([
      [InvalidParameterError, refusedAt[0]],
      [InvalidParameterError, refusedAt[1]],
    ]);
    if (typeof made === "string") expect(bearer.operation).toBe("createClient");
    expect(a.seen).toEqual([]);
    // Once per call: not retried.
    expect(called).toBe(typeof made === "function" ? 2 : 0);
    for (const error of [bearer, header]) {
      expect(shown(error)).not.toContain(SECRET);
      expect(shown(error)).not.toMatch(/X-Injected|ключ/);
    }
  });
});

describe("data cannot add a query parameter", () => {
  const spec = (allowReserved: boolean): OperationSpec => ({
    operation: "listThings",
    method: "GET",
    path: "/things",
    params: { filter: { in: "query", style: "deepObject", explode: true, allowReserved }, limit: { in: "query" } },
    styles,
  });
  test.each([
    ["a deepObject key", false, { "x&limit=1000": 1 }, "filter[x&limit=1000]", "1"],
    ["a deepObject value", false, { x: "1&limit=1000" }, "filter[x]", "1&limit=1000"],
    ["a key that closes the bracket", false, { "a]&limit=1000&b[": 1 }, "filter[a]&limit=1000&b[]", "1"],
    ["a nested key", false, { a: { "b&limit=1000": 1 } }, "filter[a][b&limit=1000]", "1"],
    ["a key, with allowReserved", true, { "x&limit=1000": 1 }, "filter[x&limit=1000]", "1"],
    ["a value with #, with allowReserved", true, { x: "1#&limit=1000" }, "filter[x]", "1#&limit=1000"],
  ])("%s: the server reads back the caller's key and value, and no limit", async (_what, allowReserved, filter, name, value) => {
    a.handle(answer);
    await send(configureClient({ baseUrl: a.url, securitySchemes: {} }), spec(allowReserved), { filter, limit: 10 });
    const query = new URL(a.seen[0]!.url, a.url).searchParams;
    expect([...query]).toEqual([
      [name, value],
      ["limit", "10"],
    ]);
  });
});
