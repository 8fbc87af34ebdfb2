// What reaches the server: credentials per security scheme, path values that cannot escape their
// segment, each kind of body, headers, the base URL, a custom fetch and middleware.
import type { Middleware } from "openapi-fetch";
import {
  InvalidParameterError,
  InvalidResponseError,
  MissingCredentialError,
  createClient,
  type ClientOptions,
} from "../../generated/openai-uploads/index.js";
import { configureClient, multipart, send, styles, urlencoded, type ClientDefaults, type OperationSpec } from "./internals.js";
import { json, parseMultipart, startServer, upload, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, { ok: true })));

const SCHEMES: ClientDefaults["securitySchemes"] = {
  Bearer: { type: "http", scheme: "bearer" },
  Basic: { type: "http", scheme: "basic" },
  HeaderKey: { type: "apiKey", in: "header", name: "X-API-Key" },
  QueryKey: { type: "apiKey", in: "query", name: "api_key" },
  CookieKey: { type: "apiKey", in: "cookie", name: "session" },
};
const custom = (options: ClientOptions = {}) =>
  configureClient({ baseUrl: server.url, securitySchemes: SCHEMES }, { maxRetries: 0, ...options });
const get = (security: string[][]): OperationSpec => ({ operation: "getThing", method: "GET", path: "/thing", security });
const uploads = (options: ClientOptions = {}) => createClient({ baseUrl: server.url + "/v1", apiKey: "sk-1", ...options });

describe("credentials", () => {
  test("the generated client sends its apiKey as a bearer token", async () => {
    server.reset((_req, res) => json(res, 200, upload("u")));
    await uploads().cancelUpload({ upload_id: "u" });
    expect(server.seen[0]!.headers.authorization).toBe("Bearer sk-1");
  });

  test.each([
    ["Bearer", { apiKey: "t0k" }, { authorization: "Bearer t0k" }, "/thing"],
    [
      "Basic",
      { credentials: { Basic: { username: "ann", password: "pässwörd" } } },
      { authorization: "Basic " + Buffer.from("ann:pässwörd").toString("base64") },
      "/thing",
    ],
    ["HeaderKey", { apiKey: "k1" }, { "x-api-key": "k1" }, "/thing"],
    ["QueryKey", { apiKey: "k 2&x" }, {}, "/thing?api_key=k%202%26x"],
    ["CookieKey", { credentials: { CookieKey: "c3" } }, { cookie: "session=c3" }, "/thing"],
  ] as const)("%s with %j", async (scheme, options, headers, url) => {
    await send(custom(options as ClientOptions), get([[scheme]]), {});
    expect(server.seen[0]!.headers).toMatchObject(headers);
    expect(server.seen[0]!.url).toBe(url);
  });

  test("one key satisfies a bearer or API-key scheme, never HTTP basic, which needs a username and a password", async () => {
    await expect(send(custom({ apiKey: "ann:secret" }), get([["Basic"]]), {})).rejects.toThrow(
      new MissingCredentialError(
        "getThing needs credentials for Basic (a username and a password): pass `apiKey` or `credentials` to createClient",
        "getThing",
      ),
    );
    await send(custom({ apiKey: "sk_test" }), get([["Basic"], ["Bearer"]]), {});
    expect(server.seen.map((r) => r.headers.authorization)).toEqual(["Bearer sk_test"]);
  });

  test("an async key is called before every attempt", async () => {
    server.reset((_req, res, seen) => (seen.length === 1 ? json(res, 500, {}, { "retry-after-ms": "10" }) : json(res, 200, {})));
    let calls = 0;
    const api = custom({ apiKey: async () => `token-${++calls}`, maxRetries: 1 });
    await send(api, get([["Bearer"]]), {});
    expect(calls).toBe(2);
    expect(server.seen.map((s) => s.headers.authorization)).toEqual(["Bearer token-1", "Bearer token-2"]);
  });

  test("the first alternative with every credential is used; all schemes of it are applied", async () => {
    await send(custom({ credentials: { HeaderKey: "h", QueryKey: "q" } }), get([["Bearer"], ["HeaderKey", "QueryKey"]]), {});
    expect(server.seen[0]!.headers["x-api-key"]).toBe("h");
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
    expect(server.seen[0]!.url).toBe("/thing?api_key=q");
  });

  test("an empty alternative makes credentials optional", async () => {
    await send(custom(), get([["Bearer"], []]), {});
    expect(server.seen[0]!.headers.authorization).toBeUndefined();
  });

  test("a required credential that is missing fails before sending, naming the schemes", async () => {
    const err = await send(custom(), get([["Bearer"], ["HeaderKey", "QueryKey"]]), {}).catch((e) => e);
    expect(err).toBeInstanceOf(MissingCredentialError);
    expect(err.operation).toBe("getThing");
    expect(err.message).toBe(
      "getThing needs credentials for Bearer or HeaderKey + QueryKey: pass `apiKey` or `credentials` to createClient",
    );
    await expect(createClient({ baseUrl: server.url }).cancelUpload({ upload_id: "u" })).rejects.toThrow(
      "cancelUpload needs credentials for ApiKeyAuth: pass `apiKey` or `credentials` to createClient",
    );
    expect(server.seen).toHaveLength(0);
  });

  test("a per-call Authorization header wins over the credential", async () => {
    await send(custom({ apiKey: "t0k" }), get([["Bearer"]]), {}, { headers: { Authorization: "Bearer other" } });
    expect(server.seen[0]!.headers.authorization).toBe("Bearer other");
  });
});

describe("path parameters fill their own segment only", () => {
  test.each([
    ["upload_abc", "/v1/uploads/upload_abc/cancel"],
    ["a/b", "/v1/uploads/a%2Fb/cancel"],
    ["x?y#z", "/v1/uploads/x%3Fy%23z/cancel"],
    ["...", "/v1/uploads/.../cancel"],
    ["..a", "/v1/uploads/..a/cancel"],
    ["ü 1", "/v1/uploads/%C3%BC%201/cancel"],
  ])("%j → %s", async (value, url) => {
    server.reset((_req, res) => json(res, 200, upload(value)));
    await uploads().cancelUpload({ upload_id: value });
    expect(server.seen.map((s) => s.url)).toEqual([url]);
  });

  test.each(["", ".", "..", "%2e", "%2E%2e", ".%2E", "%2e."])("%j is rejected before sending", async (value) => {
    const err = await uploads()
      .cancelUpload({ upload_id: value })
      .catch((e) => e);
    expect(err).toBeInstanceOf(InvalidParameterError);
    expect(err.parameter).toBe("upload_id");
    expect(err.operation).toBe("cancelUpload");
    expect(err.message).toBe(
      `parameter "upload_id" of cancelUpload cannot be ${JSON.stringify(value)}: it would change the path of the request`,
    );
    expect(server.seen).toHaveLength(0);
  });

  test.each([
    [undefined, "is required"],
    [42, "must be a string, not 42"],
    [null, "must be a string, not null"],
    [{ id: "u" }, "must be a string, not object"],
    [["a", "b"], "must be a string, not an array"],
    [Number.NaN, "must be a string, not NaN"],
    [Symbol("u"), "must be a string, not symbol"],
  ])("%p from a JavaScript caller is rejected as the document declares a string: %s", async (value, reason) => {
    const api = uploads();
    // @ts-expect-error upload_id is a string
    await expect(api.cancelUpload({ upload_id: value })).rejects.toThrow(new InvalidParameterError("cancelUpload", "upload_id", reason));
    // @ts-expect-error the params object is required
    await expect(api.cancelUpload()).rejects.toThrow('parameter "upload_id" of cancelUpload is required');
    expect(server.seen).toHaveLength(0);
  });

  test.each([
    [{ id: 1.5 }, "must be an integer, not 1.5"],
    [{ id: "7" }, "must be an integer, not string"],
  ])("a declared integer rejects %j", async (params, reason) => {
    const spec: OperationSpec = {
      operation: "getItem",
      method: "GET",
      path: "/items/{id}",
      params: { id: { in: "path", type: "integer" } },
    };
    await expect(send(custom(), spec, params)).rejects.toThrow(new InvalidParameterError("getItem", "id", reason));
    await send(custom(), spec, { id: 7 });
    expect(server.seen.map((r) => r.url)).toEqual(["/items/7"]);
  });

  test("without a declared type, a value fills its segment by the path style, and never leaves it", async () => {
    await send(
      custom(),
      { method: "GET", path: "/items/{id}/{flag}", params: { id: { in: "path" }, flag: { in: "path" } } },
      { id: 42, flag: true },
    );
    expect(server.seen[0]!.url).toBe("/items/42/true");
    await send(custom(), { method: "GET", path: "/items/{ids}", params: { ids: { in: "path" } } }, { ids: [1, "a/b"] });
    expect(server.seen[1]!.url).toBe("/items/1,a%2Fb");
    await expect(send(custom(), { method: "GET", path: "/items/{id}", params: { id: { in: "path" } } }, { id: {} })).rejects.toThrow(
      "would change the path of the request",
    );
    expect(server.seen).toHaveLength(2);
  });

  test("parameters and schemes named like Object's members are read from the caller's own values only", async () => {
    const spec: OperationSpec = {
      method: "GET",
      path: "/things",
      params: { constructor: { in: "query" as const }, toString: { in: "header" as const } },
      security: [["constructor"], []],
    };
    const api = configureClient(
      { baseUrl: server.url, securitySchemes: { constructor: { type: "apiKey", in: "header", name: "X-Key" } } },
      { maxRetries: 0 },
    );
    await send(api, spec, {});
    expect(server.seen[0]!.url).toBe("/things");
    expect(server.seen[0]!.headers.tostring).toBeUndefined();
    expect(server.seen[0]!.headers["x-key"]).toBeUndefined();
  });
});

const entries = (form: FormData) => {
  const all: [string, FormDataEntryValue][] = [];
  form.forEach((value, name) => all.push([name, value]));
  return all;
};

describe("request bodies", () => {
  const parts = async (data: Blob | Uint8Array) => {
    server.reset((_req, res) => json(res, 200, { id: "part_1", object: "upload.part", created_at: 1, upload_id: "u" }));
    const part = await uploads().addUploadPart({ upload_id: "u", body: { data } });
    expect(part.id).toBe("part_1");
    expect(server.seen[0]!.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await parseMultipart(server.seen[0]!);
    const field = form.get("data") as File;
    return { name: field.name, bytes: new Uint8Array(await field.arrayBuffer()), fields: entries(form).length };
  };

  test.each([
    ["a Blob", new Blob([new Uint8Array([104, 105, 0, 255])]), "blob"],
    ["a File", new File([new Uint8Array([104, 105, 0, 255])], "part.bin"), "part.bin"],
    ["a Uint8Array", new Uint8Array([104, 105, 0, 255]), "blob"],
    ["a Buffer", Buffer.from([104, 105, 0, 255]), "blob"],
  ])("multipart: data as %s arrives as a file part", async (_label, data, name) => {
    expect(await parts(data)).toEqual({ name, bytes: new Uint8Array([104, 105, 0, 255]), fields: 1 });
  });

  test("multipart: other fields as text, arrays as repeated fields, objects as JSON, nulls left out", async () => {
    await send(
      custom(),
      { method: "POST", path: "/form", body: "multipart/form-data", forms: { multipart } },
      { body: { name: "n", n: 3, tags: ["a", "b"], meta: { x: 1 }, none: null } },
    );
    const form = await parseMultipart(server.seen[0]!);
    expect(entries(form)).toEqual([
      ["name", "n"],
      ["n", "3"],
      ["tags", "a"],
      ["tags", "b"],
      ["meta", '{"x":1}'],
    ]);
  });

  test("JSON, with the declared Content-Type", async () => {
    server.reset((_req, res) => json(res, 200, upload("u")));
    await uploads().createUpload({ body: { filename: "a.jsonl", purpose: "fine-tune", bytes: 5, mime_type: "text/jsonl" } });
    expect(server.seen[0]!.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(server.seen[0]!.body.toString())).toEqual({
      filename: "a.jsonl",
      purpose: "fine-tune",
      bytes: 5,
      mime_type: "text/jsonl",
    });

    await send(custom(), { method: "PATCH", path: "/x", body: "application/merge-patch+json" }, { body: { a: null } });
    expect(server.seen[1]!.headers["content-type"]).toBe("application/merge-patch+json");
    expect(server.seen[1]!.body.toString()).toBe('{"a":null}');
  });

  test("form-urlencoded", async () => {
    await send(
      custom(),
      { method: "POST", path: "/token", body: "application/x-www-form-urlencoded", forms: { urlencoded } },
      { body: { grant_type: "client_credentials", scope: ["a", "b c"] } },
    );
    expect(server.seen[0]!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(server.seen[0]!.body.toString()).toBe("grant_type=client_credentials&scope=a&scope=b%20c");
  });

  test("text", async () => {
    await send(custom(), { method: "POST", path: "/note", body: "text/markdown" }, { body: "# hi" });
    expect(server.seen[0]!.headers["content-type"]).toBe("text/markdown");
    expect(server.seen[0]!.body.toString()).toBe("# hi");
  });

  test.each([
    ["Uint8Array", new Uint8Array([1, 2, 255])],
    ["Blob", new Blob([new Uint8Array([1, 2, 255])])],
    ["ArrayBuffer", new Uint8Array([1, 2, 255]).buffer],
  ])("binary from a %s", async (_label, body) => {
    await send(custom(), { method: "PUT", path: "/file", body: "image/png" }, { body });
    expect(server.seen[0]!.headers["content-type"]).toBe("image/png");
    expect([...server.seen[0]!.body]).toEqual([1, 2, 255]);
  });

  test("no body when none is given", async () => {
    await send(custom(), { method: "POST", path: "/empty", body: "application/json" }, {});
    expect(server.seen[0]!.body.length).toBe(0);
    expect(server.seen[0]!.headers["content-type"]).toBeUndefined();
  });
});

describe("responses are read by the Content-Type the server sends, when the document declares it", () => {
  const get = (responses: Record<string, string[]>) => send(custom(), { method: "GET", path: "/r", responses }, {});
  const answer = (type: string | null, body: string | Buffer, status = 200) =>
    server.reset((_req, res) => res.writeHead(status, type ? { "content-type": type } : {}).end(body));

  test.each<[string, Record<string, string[]>, string | null, string, unknown]>([
    ["text as a string", { 200: ["text/plain"] }, "text/plain", "plain words", "plain words"],
    ["JSON parsed", { 200: ["application/json"] }, "application/json", '{"a":1}', { a: 1 }],
    [
      "charset and other parameters ignored, any case",
      { 200: ["application/json"] },
      "Application/JSON; charset=UTF-8",
      '{"a":1}',
      { a: 1 },
    ],
    [
      "a +json type where JSON is declared (they read alike)",
      { 200: ["application/json"] },
      "application/problem+json",
      '{"a":1}',
      { a: 1 },
    ],
    ["JSON where a +json type is declared", { 200: ["application/vnd.github+json"] }, "application/json; charset=utf-8", "[1]", [1]],
    ["the first declared type when the server sends no Content-Type", { 200: ["application/json", "image/png"] }, null, "[1]", [1]],
    ["*/* covers anything: text", { 200: ["*/*"] }, "text/html", "<p>hi</p>", "<p>hi</p>"],
    ["*/* covers anything: JSON", { 200: ["*/*"] }, "application/json", "{}", {}],
    ["text/* covers text/csv", { 200: ["text/*"] }, "text/csv", "a,b", "a,b"],
    ["one of several declared types", { 200: ["application/json", "text/plain"] }, "text/plain", "plain", "plain"],
    ["nothing, when the document declares no content", { 200: [] }, "text/plain", "ignored", undefined],
    ["nothing, for a declared 204", { 200: ["application/json"], 204: [] }, null, "", undefined],
  ])("%s", async (_, responses, type, body, expected) => {
    answer(type, body, type === null && body === "" ? 204 : 200);
    await expect(get(responses)).resolves.toEqual(expected);
  });

  test.each<[string, Record<string, string[]>, string | null]>([
    ["an HTML page where JSON is declared (a proxy, a captive portal)", { 200: ["application/json"] }, "text/html; charset=utf-8"],
    ["text where JSON is declared", { 200: ["application/json"] }, "text/plain"],
    ["JSON where an event stream is declared", { 200: ["text/event-stream"] }, "application/json"],
    ["bytes where JSON is declared", { 200: ["application/json"] }, "application/octet-stream"],
    ["an image of a type not declared", { 200: ["image/png"] }, "image/jpeg"],
    ["a range that does not cover it", { 200: ["image/*"] }, "text/html"],
  ])("%s is an InvalidResponseError with the status, headers and body", async (_, responses, type) => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": type!, "x-request-id": "req_1" }).end("<html>portal</html>"));
    const error = await get(responses).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error).toMatchObject({ status: 200, body: "<html>portal</html>", requestId: "req_1" });
    expect((error as InvalidResponseError).headers.get("content-type")).toBe(type);
    expect((error as InvalidResponseError).message).toBe(
      `200 response body is ${type!.split(";")[0]}: the document declares ${responses[200]!.join(", ")}`,
    );
  });

  test("the body such an error keeps is bounded by maxErrorBodyBytes", async () => {
    answer("text/html", "x".repeat(5000));
    const client = custom({ maxErrorBodyBytes: 100 });
    const error = await send(client, { method: "GET", path: "/r", responses: { 200: ["application/json"] } }, {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "InvalidResponseError", body: "x".repeat(100) });
  });

  test("bytes as a Blob, never decoded as text", async () => {
    const bytes = [0xff, 0xfe, 0x00, 0x80, 7];
    answer("application/octet-stream", Buffer.from(bytes));
    const blob = (await get({ 200: ["application/json", "application/octet-stream"] })) as Blob;
    expect(blob.type).toBe("application/octet-stream");
    expect([...new Uint8Array(await blob.arrayBuffer())]).toEqual(bytes);
  });

  test.each([
    [
      "a 204 at a status the document does not declare, where it declares a body",
      204,
      "",
      /^204 response body is missing: the document declares application\/json$/,
    ],
    ["an empty 200 where the document declares JSON", 200, "", /^200 response body is empty: the document declares application\/json$/],
  ])("%s is an InvalidResponseError, not undefined", async (_, status, body, message) => {
    server.reset((_req, res) => res.writeHead(status, status === 204 ? {} : { "content-type": "application/json" }).end(body));
    await expect(get({ 200: ["application/json"] })).rejects.toThrow(message);
  });

  test("a 205 resolves undefined where the document declares it", async () => {
    answer(null, "", 205);
    await expect(get({ 200: ["application/json"], 205: [] })).resolves.toBeUndefined();
  });
});

describe("query, header and cookie parameters", () => {
  test("are sent where the spec says; undefined ones are left out", async () => {
    const spec: OperationSpec = {
      method: "GET",
      path: "/search",
      params: {
        q: { in: "query" },
        tags: { in: "query" },
        limit: { in: "query" },
        "X-Trace": { in: "header" },
        theme: { in: "cookie" },
        lang: { in: "cookie" },
      },
      styles,
    };
    await send(
      custom({ credentials: { CookieKey: "c3" } }),
      { ...spec, security: [["CookieKey"]] },
      { q: "a b", tags: ["x", "y"], "X-Trace": "t-1", theme: "dark mode", lang: "en" },
    );
    expect(server.seen[0]!.url).toBe("/search?q=a%20b&tags=x&tags=y");
    expect(server.seen[0]!.headers["x-trace"]).toBe("t-1");
    expect(server.seen[0]!.headers.cookie).toBe("theme=dark%20mode; lang=en; session=c3");
  });
});

describe("base URL, headers, fetch and middleware", () => {
  test("the base URL defaults to the document's first server", async () => {
    const urls: string[] = [];
    const api = createClient({ apiKey: "k", fetch: async (request) => (urls.push(request.url), Response.json(upload("u"))) });
    await api.cancelUpload({ upload_id: "u" });
    expect(urls).toEqual(["https://api.openai.com/v1/uploads/u/cancel"]);
  });

  test("a trailing slash on the base URL is handled", async () => {
    server.reset((_req, res) => json(res, 200, upload("u")));
    await uploads({ baseUrl: server.url + "/v1/" }).cancelUpload({ upload_id: "u" });
    expect(server.seen[0]!.url).toBe("/v1/uploads/u/cancel");
  });

  test("a base URL that is not one fails when the client is created", () => {
    expect(() => createClient({ baseUrl: "not a url" })).toThrow("must be a URL");
  });

  test("client headers on every call; call headers override them, null removes one", async () => {
    server.reset((_req, res) => json(res, 200, upload("u")));
    const api = uploads({ headers: { "OpenAI-Organization": "org_1", "X-Team": "a" } });
    await api.cancelUpload({ upload_id: "u" });
    await api.cancelUpload({ upload_id: "u" }, { headers: { "X-Team": "b", "OpenAI-Organization": null } });
    expect(server.seen.map((s) => [s.headers["openai-organization"], s.headers["x-team"]])).toEqual([
      ["org_1", "a"],
      [undefined, "b"],
    ]);
  });

  test("a custom fetch receives every request", async () => {
    const seen: Request[] = [];
    const api = uploads({ fetch: (request) => (seen.push(request), fetch(request)) });
    server.reset((_req, res) => json(res, 200, upload("u")));
    await api.cancelUpload({ upload_id: "u" });
    expect(seen.map((r) => `${r.method} ${r.url} ${r.headers.get("authorization")}`)).toEqual([
      `POST ${server.url}/v1/uploads/u/cancel Bearer sk-1`,
    ]);
  });

  test("openapi-fetch middleware runs on every attempt and can change the request", async () => {
    server.reset((_req, res, seen) => (seen.length === 1 ? json(res, 503, {}, { "retry-after-ms": "10" }) : json(res, 200, upload("u"))));
    const statuses: number[] = [];
    const middleware: Middleware = {
      onRequest: ({ request }) => {
        request.headers.set("X-Middleware", "yes");
        return request;
      },
      onResponse: ({ response }) => void statuses.push(response.status),
    };
    await uploads({ middleware: [middleware] }).cancelUpload({ upload_id: "u" });
    expect(statuses).toEqual([503, 200]);
    expect(server.seen.map((s) => s.headers["x-middleware"])).toEqual(["yes", "yes"]);
  });
});
