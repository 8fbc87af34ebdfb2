// createClient({ validate, validators }) with the generated Upload client against a node:http
// server: invalid params never reach the network, a response that drifts from the document rejects
// with the data and the issues, and each mode checks only its side.
import {
  ApiClientError,
  type ClientOptions,
  createClient,
  InvalidParameterError,
  RequestValidationError,
  ResponseValidationError,
} from "../../generated/openai-uploads/index.js";
import { cancelUpload, createUpload, validators } from "../../generated/openai-uploads/validators.js";
import { json, startServer, type TestServer, upload } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, upload("upload_1"))));

const client = (options: ClientOptions = {}) => createClient({ baseUrl: server.url + "/v1", apiKey: "k", maxRetries: 0, ...options });
const valid = { filename: "a.jsonl", purpose: "batch", bytes: 10, mime_type: "text/jsonl" } as const;

describe("request validation", () => {
  test("an invalid createUpload body rejects with the issue at /body/bytes, and the server receives nothing", async () => {
    const bad = { body: { ...valid, bytes: "ten" } } as unknown as Parameters<ReturnType<typeof client>["createUpload"]>[0];
    const call = client({ validate: "requests", validators }).createUpload(bad);
    await expect(call).rejects.toBeInstanceOf(RequestValidationError);
    await expect(call).rejects.toBeInstanceOf(ApiClientError);
    await expect(call).rejects.toMatchObject({
      operation: "createUpload",
      issues: [{ path: "/body/bytes", message: "must be integer", keyword: "type" }],
      message: "invalid params for createUpload: /body/bytes must be integer",
    });
    expect(server.seen).toEqual([]);
  });

  test("every issue is listed, in the params object's terms", async () => {
    const call = client({ validators }).completeUpload({ upload_id: 7, body: { part_ids: ["a", 2], extra: true } } as never);
    await expect(call).rejects.toMatchObject({
      issues: [
        { path: "/upload_id", keyword: "type" },
        { path: "/body/part_ids/1", keyword: "type" },
        { path: "/body/extra", keyword: "additionalProperties" },
      ],
    });
    expect(server.seen).toEqual([]);
  });

  test("valid params are sent as they are", async () => {
    await expect(client({ validate: "all", validators }).createUpload({ body: valid })).resolves.toMatchObject({ id: "upload_1" });
    expect(JSON.parse(server.seen[0]!.body.toString())).toEqual(valid);
  });

  test("a Blob part passes; a number where bytes go does not", async () => {
    server.reset((_req, res) => json(res, 200, { id: "part_1", object: "upload.part", created_at: 1, upload_id: "u" }));
    const api = client({ validators });
    await expect(api.addUploadPart({ upload_id: "u", body: { data: new Blob(["abc"]) } })).resolves.toMatchObject({ id: "part_1" });
    await expect(api.addUploadPart({ upload_id: "u", body: { data: 3 } } as never)).rejects.toMatchObject({
      issues: [{ path: "/body/data", keyword: "type" }],
    });
    expect(server.seen).toHaveLength(1);
  });

  test("the operation functions check too, with a base client", async () => {
    const { createBaseClient, createUpload: send } = await import("../../generated/openai-uploads/index.js");
    const base = createBaseClient({ baseUrl: server.url + "/v1", apiKey: "k", validators });
    await expect(send(base, { body: { ...valid, purpose: "nope" } } as never)).rejects.toMatchObject({
      issues: [{ path: "/body/purpose", keyword: "enum" }],
    });
    expect(server.seen).toEqual([]);
  });
});

describe("response validation", () => {
  test("a body that drifts from its schema rejects with the parsed data and the issues", async () => {
    const drifted = { ...upload("upload_1"), status: "archived", bytes: "5" };
    server.reset((_req, res) => json(res, 200, drifted, { "x-request-id": "req_9" }));
    const call = client({ validate: "responses", validators }).cancelUpload({ upload_id: "upload_1" });
    await expect(call).rejects.toBeInstanceOf(ResponseValidationError);
    await expect(call).rejects.toMatchObject({
      operation: "cancelUpload",
      status: 200,
      data: drifted,
      requestId: "req_9",
      issues: [
        { path: "/bytes", keyword: "type" },
        { path: "/status", keyword: "enum" },
      ],
    });
  });

  test("unknown extra properties are allowed; a missing required one is not", async () => {
    server.reset((_req, res) => json(res, 200, { ...upload("upload_1"), new_field: { a: 1 } }));
    await expect(client({ validators }).cancelUpload({ upload_id: "upload_1" })).resolves.toMatchObject({ new_field: { a: 1 } });
    const { id: _, ...withoutId } = upload("upload_1");
    server.reset((_req, res) => json(res, 200, withoutId));
    await expect(client({ validators }).cancelUpload({ upload_id: "upload_1" })).rejects.toMatchObject({
      issues: [{ path: "/id", keyword: "required" }],
    });
  });

  test("withResponse is checked too; asResponse, whose body is the caller's to read, is not", async () => {
    server.reset((_req, res) => json(res, 200, { id: 1 }));
    const api = client({ validators });
    await expect(api.cancelUpload.withResponse({ upload_id: "u" })).rejects.toBeInstanceOf(ResponseValidationError);
    const response = await api.cancelUpload.asResponse({ upload_id: "u" });
    expect(await response.json()).toEqual({ id: 1 });
  });

  test("an answer of a media type the document does not declare is refused whatever `validate` says", async () => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<html>portal</html>"));
    for (const validate of ["all", "responses", "off"] as const)
      await expect(client({ validate, validators }).cancelUpload({ upload_id: "u" })).rejects.toMatchObject({
        name: "InvalidResponseError",
        body: "<html>portal</html>",
      });
  });

  test("a drifted response is not retried: the server answered", async () => {
    server.reset((_req, res) => json(res, 200, { id: 1 }));
    await expect(client({ validators, maxRetries: 3 }).cancelUpload({ upload_id: "u" })).rejects.toBeInstanceOf(ResponseValidationError);
    expect(server.seen).toHaveLength(1);
  });
});

describe("modes and options", () => {
  test.each<[ClientOptions["validate"], boolean, boolean]>([
    [undefined, true, true],
    ["all", true, true],
    ["requests", true, false],
    ["responses", false, true],
    ["off", false, false],
  ])("validate: %s checks requests %s, responses %s", async (validate, requests, responses) => {
    server.reset((_req, res) => json(res, 200, { id: 1 }));
    const api = client({ validate, validators });
    const sent = api.createUpload({ body: { ...valid, bytes: "ten" } } as never);
    if (requests) await expect(sent).rejects.toBeInstanceOf(RequestValidationError);
    else if (responses) await expect(sent).rejects.toBeInstanceOf(ResponseValidationError);
    else await expect(sent).resolves.toEqual({ id: 1 });
    const received = api.cancelUpload({ upload_id: "u" });
    if (responses) await expect(received).rejects.toBeInstanceOf(ResponseValidationError);
    else await expect(received).resolves.toEqual({ id: 1 });
  });

  test("without validators nothing is checked", async () => {
    server.reset((_req, res) => json(res, 200, { id: 1 }));
    await expect(client().createUpload({ body: { ...valid, bytes: "ten" } } as never)).resolves.toEqual({ id: 1 });
  });

  test.each([
    [{ validate: "all" }, 'parameter "validate" of createClient needs `validators`, from the generated validators.js'],
    [
      { validate: "everything", validators },
      'parameter "validate" of createClient must be "requests", "responses", "all" or "off", not "everything"',
    ],
    [{ validate: true, validators }, 'parameter "validate" of createClient must be "requests", "responses", "all" or "off", not boolean'],
  ])("createClient(%j) is refused", (options, message) => {
    expect(() => client(options as ClientOptions)).toThrow(
      new InvalidParameterError("createClient", "validate", message.replace(/^.*?createClient /, "")),
    );
  });
});

describe("the per-operation checks, on their own", () => {
  test.each<[string, unknown, Array<{ path: string; keyword: string }>]>([
    ["valid", { body: valid }, []],
    ["a missing body", {}, [{ path: "/body", keyword: "required" }]],
    [
      "a missing field and a wrong one",
      { body: { filename: "a", purpose: "nope", mime_type: "x" } },
      [
        { path: "/body/bytes", keyword: "required" },
        { path: "/body/purpose", keyword: "enum" },
      ],
    ],
    [
      "expires_after out of range",
      { body: { ...valid, expires_after: { anchor: "created_at", seconds: 60 } } },
      [{ path: "/body/expires_after/seconds", keyword: "minimum" }],
    ],
  ])("createUpload.request: %s", (_, params, want) => {
    expect(createUpload.request(params)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  test.each<[string, unknown, Array<{ path: string; keyword: string }>]>([
    ["a pending upload: file is null (nullable inside allOf)", { ...upload("u"), file: null }, []],
    [
      "a completed one with its file",
      { ...upload("u"), file: { id: "f", object: "file", bytes: 1, created_at: 1, filename: "a", purpose: "batch", status: "processed" } },
      [],
    ],
    ["a file without bytes", { ...upload("u"), file: { id: "f" } }, [{ path: "/file/bytes", keyword: "required" }]],
  ])("cancelUpload.responses[200]: %s", (_, body, want) => {
    expect(cancelUpload.responses[200](body).slice(0, want.length)).toEqual(want.map((w) => expect.objectContaining(w)));
  });
});
