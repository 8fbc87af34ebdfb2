// The wire conformance harness (scripts/conformance/): its pure helpers, table-driven, and its
// validating server on 127.0.0.1 with requests whose validity the OpenAPI text decides.
import { describe, expect, it, beforeAll, afterAll } from "@jest/globals";
import path from "node:path";
import { pathToFileURL } from "node:url";

// The harness is plain JavaScript outside src/: imported by URL so that tsc does not look for types.
const load = (file: string): Promise<any> => import(pathToFileURL(path.resolve("scripts/conformance", file)).href);

describe("reasonOf", () => {
  const cases: Array<[{ path?: string; message: string }, string]> = [
    [{ path: ".query.expand[0]", message: "Unknown query parameter 'expand[0]'" }, "query: Unknown query parameter '…'"],
    [{ path: "/body/amount", message: "must be integer" }, "body: must be integer"],
    [{ path: "/params/id", message: 'must match pattern "^AC[0-9]{32}$"' }, 'path: must match pattern "…"'],
    [{ path: "", message: "routed to GET /v1/a/{b}, not to GET /v1/a/c" }, "routed to METHOD /…, not to METHOD /…"],
    [{ message: "must NOT have more than 12 items" }, "must NOT have more than N items"],
  ];
  it.each(cases)("%j → %s", async (error, reason) => {
    const { reasonOf } = await load("reasons.js");
    expect(reasonOf(error)).toBe(reason);
  });

  it("groups by reason, counting operations once and keeping the first as the example", async () => {
    const { groupReasons } = await load("reasons.js");
    const op = (name: string, messages: string[]) => ({
      name,
      request: { errors: messages.map((message) => ({ path: "/body/x", message })) },
    });
    const groups = groupReasons([op("a", ["must be object", "must be object"]), op("b", ["must be object", "must be string"])]);
    expect(groups.map((g: any) => [g.reason, g.count, g.example.name])).toEqual([
      ["body: must be object", 2, "a"],
      ["body: must be string", 1, "b"],
    ]);
  });
});

describe("validatorPath and serverBasePath", () => {
  const paths: Array<[string, { key: string; query: string[][] }]> = [
    ["/files/{file_id}", { key: "/files/{file_id}", query: [] }],
    ["/files/{file_id}#add_shared_link", { key: "/files/{file_id}", query: [] }],
    ["/responses?beta=true", { key: "/responses", query: [["beta", "true"]] }],
    ["/enterprises/{enterprise}/teams/{enterprise-team}", { key: "/enterprises/{enterprise}/teams/{p_enterprise_team}", query: [] }],
  ];
  it.each(paths)("%s", async (p, expected) => {
    const { validatorPath } = await load("validator-document.js");
    const { key, query } = validatorPath(p);
    expect({ key, query }).toEqual(expected);
  });

  const servers: Array<[object | undefined, string]> = [
    [{ url: "https://api.openai.com/v1" }, "/v1"],
    [{ url: "https://api.box.com/2.0/" }, "/2.0"],
    [
      { url: "https://{region}.example.com/{version}/api", variables: { region: { default: "eu" }, version: { default: "v3" } } },
      "/v3/api",
    ],
    [{ url: "/relative" }, "/relative"],
    [undefined, ""],
  ];
  it.each(servers)("server %j → %s", async (server, base) => {
    const { serverBasePath } = await load("validator-document.js");
    expect(serverBasePath(server)).toBe(base);
  });
});

describe("refusedPaths", () => {
  it("reads the operations the generator names and returns their paths once each", async () => {
    const { refusedPaths } = await load("client.js");
    const stderr = [
      "error: k.json:1:2 (/paths/~1api~1v1~1nodes~1{name}~1proxy~1{path}/get): parameter clash",
      "error: k.json:1:3 (/paths/~1api~1v1~1nodes~1{name}~1proxy~1{path}/put): parameter clash",
      "error: no pointer here",
    ].join("\n");
    expect(refusedPaths(stderr)).toEqual(["/api/v1/nodes/{name}/proxy/{path}"]);
  });
});

describe("samplingDocument", () => {
  it("drops the examples and defaults that contradict their own schema, and counts them", async () => {
    const { samplingDocument } = await load("arguments.js");
    const doc = {
      components: {
        schemas: {
          Event: { type: "string", enum: ["DISMISS"], example: '"DISMISS"' },
          Count: { type: "integer", example: 3, default: "three" },
          Sid: { type: "string", pattern: "^AC[0-9]{2}$", example: "AC12" },
          Url: { type: "string", format: "uri", example: "com/github/x" },
        },
      },
    };
    const { document, dropped } = samplingDocument(doc);
    const s = document.components.schemas;
    expect([s.Event.example, s.Count.example, s.Count.default, s.Sid.example, s.Url.example]).toEqual([
      undefined,
      3,
      undefined,
      "AC12",
      undefined,
    ]);
    expect(dropped).toEqual({
      "schema example not in its enum": 1,
      "schema default not of its type": 1,
      "schema example not matching its format": 1,
    });
    expect(doc.components.schemas.Event.example).toBe('"DISMISS"');
  });
});

describe("buildArguments", () => {
  const doc = {
    openapi: "3.0.3",
    paths: {
      "/accounts/{sid}/files": {
        post: {
          parameters: [
            { name: "sid", in: "path", required: true, schema: { type: "string", pattern: "^AC[0-9a-f]{32}$" } },
            { name: "workflow", in: "query", schema: { oneOf: [{ type: "integer" }, { type: "string" }] } },
            { name: "Content-Type", in: "header", schema: { type: "string" } },
          ],
          requestBody: {
            content: {
              "multipart/form-data": {
                schema: {
                  type: "object",
                  required: ["kind"],
                  properties: {
                    file: { type: "string", format: "binary" },
                    ids: { type: "array", items: { type: "string" } },
                    a: { type: "string" },
                    b: { type: "string" },
                  },
                  oneOf: [{ required: ["a"] }, { required: ["b"] }],
                },
              },
            },
          },
          responses: { 200: { description: "ok" } },
        },
      },
    },
  };

  it("fills every parameter and property the way the document allows", async () => {
    const { buildArguments } = await load("arguments.js");
    const { findOperation } = await load("document.js");
    const found = findOperation(doc, "POST", "/accounts/{sid}/files");
    const { params, skipped, bodyType } = buildArguments(doc, found, { body: { contentType: "multipart/form-data" } });
    expect(params.sid).toMatch(/^AC[0-9a-f]{32}$/);
    // "0" would match both branches once read from the wire.
    expect(typeof params.workflow).toBe("string");
    expect(skipped).toEqual(["header Content-Type: ignored by the OpenAPI text"]);
    expect(bodyType).toBe("multipart/form-data");
    expect(params.body.file).toBeInstanceOf(Blob);
    expect(params.body.ids).toEqual(["string"]);
    // Exactly one of a and b; `kind` is required but not defined (a document fault): any value.
    expect(["a" in params.body, "b" in params.body, params.body.kind]).toEqual([true, false, "wire"]);
  });

  it("gives basic schemes a user and password, every other scheme a token", async () => {
    const { credentialsFor } = await load("arguments.js");
    const schemes = {
      basic: { type: "http", scheme: "Basic" },
      bearer: { type: "http", scheme: "bearer" },
      key: { type: "apiKey", in: "header", name: "X-Key" },
    };
    expect(credentialsFor({ components: { securitySchemes: schemes } })).toEqual({
      basic: { username: "wire-user", password: "wire-pass" },
      bearer: "wire-token",
      key: "wire-token",
    });
  });
});

describe("the validating server", () => {
  const str = { type: "string" };
  const doc = {
    openapi: "3.0.3",
    info: { title: "wire", version: "1" },
    servers: [{ url: "https://api.example.com/v2" }],
    paths: {
      "/items/{id}": {
        get: {
          parameters: [
            { name: "id", in: "path", required: true, schema: { type: "integer" } },
            { name: "X-Tags", in: "header", schema: { type: "array", items: str } },
            { name: "ids[]", in: "query", schema: { type: "array", items: str } },
          ],
          responses: {
            200: {
              description: "ok",
              content: { "application/json": { schema: { type: "object", properties: { id: { type: "integer", example: 7 } } } } },
            },
          },
        },
      },
      "/items/{id}#rename": {
        put: {
          parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer" } }],
          requestBody: {
            required: true,
            content: {
              "application/x-www-form-urlencoded": { schema: { type: "object", required: ["n"], properties: { n: { type: "integer" } } } },
            },
          },
          responses: { 204: { description: "done" } },
        },
      },
      "/patches": {
        patch: { requestBody: { $ref: "#/components/requestBodies/io.k8s.Patch" }, responses: { 200: { description: "ok" } } },
      },
    },
    components: {
      // A dotted name: the validator alone would skip this body (see validator-document.js).
      requestBodies: { "io.k8s.Patch": { required: true, content: { "application/merge-patch+json": { schema: { type: "object" } } } } },
    },
  };
  const operations = [
    { method: "GET", path: "/items/{id}" },
    { method: "PUT", path: "/items/{id}#rename" },
    { method: "PATCH", path: "/patches" },
  ];
  let server: any;
  beforeAll(async () => {
    const { startServer } = await load("server.js");
    server = await startServer(doc, doc, operations);
  });
  afterAll(() => server?.close());

  // [operation, request, verdict]: what the OpenAPI text says of each request.
  const cases: Array<[number, string, RequestInit, string]> = [
    [0, "/items/5?ids[]=a&ids[]=b", { headers: { "x-tags": "a,b" } }, "accepted"],
    [0, "/items/five", {}, "rejected"],
    [0, "/items/5?undeclared=1", {}, "rejected"],
    [1, "/items/5", { method: "PUT", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "n=3" }, "accepted"],
    [1, "/items/5", { method: "PUT", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "n=three" }, "rejected"],
    [1, "/items/5", { method: "PUT", headers: { "content-type": "application/octet-stream" }, body: "[object Object]" }, "rejected"],
    [2, "/patches", { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: "{}" }, "accepted"],
    [2, "/patches", { method: "PATCH", headers: { "content-type": "application/merge-patch+json" }, body: '"text"' }, "rejected"],
    [2, "/patches", { method: "PATCH", headers: { "content-type": "text/plain" }, body: "{}" }, "rejected"],
  ];
  it.each(cases)("operation %i: %s %j → %s", async (index, url, init, verdict) => {
    const op = operations[index]!;
    const entry = { ...op, op: (doc.paths as any)[op.path][op.method.toLowerCase()], requests: [] as any[] };
    server.expect(entry);
    const response = await fetch(server.url + server.basePath + url, init);
    const text = await response.text();
    server.expect(undefined);
    expect(entry.requests.map((r) => r.verdict)).toEqual([verdict]);
    if (verdict === "accepted" && index === 0) expect(JSON.parse(text)).toEqual({ id: 7 });
    if (verdict === "accepted" && index === 1) expect(response.status).toBe(204);
  });
});
