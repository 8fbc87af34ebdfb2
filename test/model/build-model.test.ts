import { modelFromDocument } from "../../src/model/build-model.js";
import type { OperationModel } from "../../src/model/types.js";
import type { OpenApiDocument } from "../../src/document/types.js";

const doc = (paths: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  ({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths,
    ...extra,
  }) as OpenApiDocument;
/** What a table row expects of an operation: any part of it, at any depth. */
type Expected = { [K in keyof OperationModel]?: unknown };
const only = (d: OpenApiDocument): OperationModel => {
  const ops = modelFromDocument(d, { file: "t.yaml" }).operations;
  expect(ops).toHaveLength(1);
  return ops[0]!;
};
const ok = { "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } };

describe("operations", () => {
  test("are ordered by path, then method, whatever the document's order", () => {
    const model = modelFromDocument(
      doc({
        "/b": { post: { operationId: "b2", responses: {} }, get: { operationId: "b1", responses: {} } },
        "/a": { delete: { operationId: "a2", responses: {} }, get: { operationId: "a1", responses: {} } },
      }),
      { file: "t.yaml" },
    );
    expect(model.operations.map((o) => o.name)).toEqual(["a1", "a2", "b1", "b2"]);
  });

  test.each<[string, Record<string, unknown>, Expected]>([
    [
      "merges path-level parameters, the operation's own winning",
      {
        "/x/{id}": {
          parameters: [
            { name: "id", in: "path", required: true, description: "path level" },
            { name: "q", in: "query", description: "path level" },
          ],
          get: { operationId: "x", parameters: [{ name: "q", in: "query", required: true, description: "own" }], responses: {} },
        },
      },
      {
        parameters: [
          { name: "id", in: "path", required: true, deprecated: false, description: "path level" },
          { name: "q", in: "query", required: true, deprecated: false, description: "own" },
        ],
      },
    ],
    [
      "resolves parameter $refs and sorts by location then name",
      {
        "/x": {
          get: {
            operationId: "x",
            parameters: [
              { $ref: "#/components/parameters/Trace" },
              { name: "b", in: "query" },
              { name: "a", in: "query", deprecated: true },
            ],
            responses: {},
          },
        },
      },
      {
        parameters: [
          { name: "a", in: "query", required: false, deprecated: true },
          { name: "b", in: "query", required: false, deprecated: false },
          { name: "X-Trace", in: "header", required: true, deprecated: false },
        ],
      },
    ],
    [
      "prefers a JSON body and names its component schema",
      {
        "/x": {
          post: {
            operationId: "x",
            requestBody: {
              required: true,
              content: { "multipart/form-data": { schema: {} }, "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
            responses: ok,
          },
        },
      },
      {
        body: { required: true, contentType: "application/json", kind: "json", schemaName: "Thing" },
        success: [{ status: "200", contentType: "application/json", kind: "json", schemaName: "Thing" }],
      },
    ],
    [
      "reads every kind of response and keeps errors apart",
      {
        "/x": {
          get: {
            operationId: "x",
            responses: {
              default: { $ref: "#/components/responses/Problem" },
              "404": { description: "no" },
              "204": { description: "none" },
              "200": { description: "csv", content: { "text/csv": {} } },
              "206": { description: "bytes", content: { "application/octet-stream": {} } },
              "2XX": { description: "sse", content: { "text/event-stream": {} } },
            },
          },
        },
      },
      {
        success: [
          { status: "200", contentType: "text/csv", kind: "text" },
          { status: "204", kind: "none" },
          { status: "206", contentType: "application/octet-stream", kind: "blob" },
          { status: "2XX", contentType: "text/event-stream", kind: "stream" },
        ],
        errors: [
          { status: "404", kind: "none" },
          { status: "default", contentType: "application/problem+json", kind: "json" },
        ],
      },
    ],
    [
      "takes security from the operation, else the document; [] is no auth",
      { "/x": { get: { operationId: "x", security: [{ b: [], a: [] }, {}], responses: {} } } },
      { security: [["a", "b"], []] },
    ],
    [
      "keeps docs, tags and deprecation",
      { "/x": { get: { operationId: "x", summary: "S", description: "D", tags: ["t"], deprecated: true, responses: {} } } },
      { summary: "S", description: "D", tags: ["t"], deprecated: true },
    ],
  ])("%s", (_, paths, want) => {
    const components = {
      components: {
        schemas: { Thing: { type: "object" } },
        parameters: { Trace: { name: "X-Trace", in: "header", required: true } },
        responses: { Problem: { description: "p", content: { "application/problem+json": { schema: {} } } } },
      },
    };
    expect(only(doc(paths, components))).toMatchObject(want);
  });

  test.each<[string, unknown, string | undefined]>([
    ["a string", { type: "string", enum: ["a"] }, "string"],
    ["an integer through a $ref", { $ref: "#/components/schemas/Id" }, "integer"],
    ["a 3.1 nullable type", { type: ["boolean", "null"] }, "boolean"],
    ["no single primitive", { oneOf: [{ type: "string" }, { type: "integer" }] }, undefined],
  ])("records the declared type of a path parameter: %s", (_, schema, want) => {
    const d = doc(
      { "/x/{id}": { get: { parameters: [{ name: "id", in: "path", required: true, schema }], responses: {} } } },
      { components: { schemas: { Id: { type: "integer" } } } },
    );
    expect(only(d).parameters[0]!.type).toBe(want);
  });

  test("uses the document's security when the operation has none", () => {
    expect(only(doc({ "/x": { get: { responses: {} } } }, { security: [{ key: [] }] })).security).toEqual([["key"]]);
  });

  test("names operations without operationId from method and path", () => {
    expect(only(doc({ "/pets/{color}": { get: { responses: {} } } })).name).toBe("getPetsByColor");
  });

  test("parameters that share a name across locations get fields of their own, the first location keeping the name", () => {
    const d = doc({
      "/x/{path}": {
        post: {
          parameters: [
            { name: "path", in: "path", required: true },
            { name: "path", in: "query" },
            { name: "body", in: "header" },
          ],
          requestBody: { content: { "application/json": { schema: { type: "object" } } } },
          responses: {},
        },
      },
    });
    expect(only(d).parameters.map((p) => [p.in, p.name, p.key])).toEqual([
      ["path", "path", "path"],
      ["query", "path", "path_query"],
      ["header", "body", "body_header"],
    ]);
  });

  test("rejects a $ref that points at nothing", () => {
    const d = doc({ "/x": { get: { parameters: [{ $ref: "#/components/parameters/Nope" }], responses: {} } } });
    expect(() => modelFromDocument(d, { file: "t.yaml" })).toThrow(/points at nothing/);
  });
});

describe("document facts", () => {
  test.each<[string, unknown, string]>([
    ["the first server", [{ url: "https://a.test/v1" }, { url: "https://b.test" }], "https://a.test/v1"],
    [
      "server variables at their defaults",
      [{ url: "https://{region}.a.test/{v}", variables: { region: { default: "eu" }, v: { default: "v2" } } }],
      "https://eu.a.test/v2",
    ],
    ["no servers", undefined, ""],
  ])("baseUrl: %s", (_, servers, want) => {
    expect(modelFromDocument(doc({}, servers ? { servers } : {}), { file: "t" }).baseUrl).toBe(want);
  });

  test("security schemes, by name", () => {
    const model = modelFromDocument(
      doc(
        {},
        {
          components: {
            securitySchemes: {
              bearer: { type: "http", scheme: "Bearer" },
              key: { type: "apiKey", in: "query", name: "api_key" },
              oauth: { type: "oauth2", flows: {} },
            },
          },
        },
      ),
      { file: "t" },
    );
    expect(model.securitySchemes).toEqual({
      bearer: { type: "http", scheme: "bearer" },
      key: { type: "apiKey", in: "query", name: "api_key" },
      oauth: { type: "oauth2" },
    });
  });
});

describe("names chosen by the user", () => {
  const two = (extra: Record<string, unknown> = {}) =>
    doc({
      "/files": { get: { operationId: "list-files", responses: {}, ...extra } },
      "/files/{id}": { get: { operationId: "getFile", parameters: [{ name: "id", in: "path", required: true }], responses: {} } },
      "/ping": { get: { responses: {} } },
    });

  test("x-codegen-name and the config's names win, and are taken as they are", () => {
    const model = modelFromDocument(two({ "x-codegen-name": "allFiles" }), {
      file: "t.yaml",
      names: { getFile: "fetchFile", "GET /ping": "ping" },
    });
    expect(model.operations.map((o) => o.name)).toEqual(["allFiles", "fetchFile", "ping"]);
  });

  test("the config wins over x-codegen-name", () => {
    const model = modelFromDocument(two({ "x-codegen-name": "allFiles" }), { file: "t.yaml", names: { "list-files": "filesList" } });
    expect(model.operations[0]!.name).toBe("filesList");
  });

  test.each<[string, Record<string, unknown>, Record<string, string>, RegExp]>([
    [
      "two operations wanting one name",
      {},
      { "list-files": "getFile" },
      /GET \/files \(operationId list-files\) and GET \/files\/\{id\} \(operationId getFile\) would both be named "getFile"/,
    ],
    [
      "a name that is not an identifier",
      { "x-codegen-name": "list files" },
      {},
      /the chosen name "list files" is not a JavaScript identifier/,
    ],
    ["a reserved word", {}, { getFile: "delete" }, /"delete" is a reserved word/],
    ["a name for an operation the document lacks", {}, { nope: "x" }, /renames "nope", which the document does not have/],
  ])("rejects %s", (_, extra, names, message) => {
    expect(() => modelFromDocument(two(extra), { file: "t.yaml", names, namesFile: "t.config.json" })).toThrow(message);
  });

  test("a name the runtime takes is rejected", () => {
    expect(() => modelFromDocument(two(), { file: "t.yaml", names: { getFile: "send" }, reserved: new Set(["send"]) })).toThrow(
      /taken by the generated client itself/,
    );
  });
});

describe("review regressions", () => {
  test("a */* body is bytes, not JSON", () => {
    const op = only(
      doc({
        "/x": {
          put: {
            requestBody: { content: { "*/*": { schema: { type: "string", format: "binary" } } } },
            responses: { "200": { description: "", content: { "*/*": {} } } },
          },
        },
      }),
    );
    expect(op.body).toMatchObject({ kind: "binary", contentType: "*/*" });
    expect(op.success[0]).toMatchObject({ kind: "blob" });
  });

  test("a path item given by $ref is read through it", () => {
    const model = modelFromDocument(
      doc(
        { "/a": { $ref: "#/components/pathItems/A" } },
        { components: { pathItems: { A: { get: { operationId: "getA", responses: {} } } } } },
      ),
      { file: "t.yaml" },
    );
    expect(model.operations.map((o) => [o.name, o.path])).toEqual([["getA", "/a"]]);
  });

  test("a name for an operation left out by a selection is not an error", () => {
    const d = doc({ "/a": { get: { operationId: "getA", responses: {} } } });
    expect(() => modelFromDocument(d, { file: "t.yaml", names: { other: "x" }, allOperations: new Set(["getA", "other"]) })).not.toThrow();
    expect(() => modelFromDocument(d, { file: "t.yaml", names: { other: "x" } })).toThrow(/renames "other"/);
  });
});

describe("responses: what can arrive, per status", () => {
  const responses = (method: string, declared: Record<string, unknown>) =>
    only(doc({ "/x": { [method]: { operationId: "x", responses: declared } } }));

  test("every media type of a status, JSON first, then text, streams, bytes, ranges; a key that is no media type is dropped", () => {
    const op = responses("get", {
      "200": {
        description: "Jira's avatar",
        content: { "*/*": {}, "image/png": {}, new: {}, "application/json": { schema: { type: "object" } }, "image/svg+xml": {} },
      },
    });
    expect(op.success).toEqual([
      {
        status: "200",
        contentType: "application/json",
        kind: "json",
        schemaPointer: "/paths/~1x/get/responses/200/content/application~1json/schema",
        schemaType: "unknown",
        alternatives: [
          { contentType: "image/png", kind: "blob", opaque: true },
          { contentType: "image/svg+xml", kind: "blob", opaque: true },
          { contentType: "*/*", kind: "blob", opaque: true },
        ],
      },
    ]);
  });

  test("the review's text is the union of what each media type gives", () => {
    const op = responses("get", {
      "200": {
        description: "",
        content: { "image/png": {}, "application/json": { schema: { type: "object", properties: { url: { type: "string" } } } } },
      },
    });
    expect(op.success[0]!.schemaType).toBe("{ url?: string } | Blob");
  });

  test.each(["204", "205", "304"])("a %s has no content, whatever the document declares (Jira, Zoom)", (status) => {
    const op = responses("put", { [status]: { description: "", content: { "application/json": { schema: {} } } } });
    expect([...op.success, ...op.errors].find((r) => r.status === status)).toEqual({ status, kind: "none", schemaType: "undefined" });
  });

  test.each<[string, string, Record<string, unknown>, boolean]>([
    ["Box's download: a GET's 302 to the bytes", "get", { "202": { description: "" }, "302": { description: "" } }, true],
    ["a 307, which any method follows", "post", { "202": { description: "" }, "307": { description: "" } }, true],
    ["a POST's 303, which the runtime does not follow", "post", { "202": { description: "" }, "303": { description: "" } }, false],
    [
      "GitHub's repos/delete: a 307 before the 204 it declares",
      "delete",
      { "204": { description: "" }, "307": { description: "" } },
      false,
    ],
    [
      "GitHub's repos/get: a 301 to the renamed repository, which the 200 describes",
      "get",
      { "200": { description: "", content: { "application/json": { schema: { type: "object" } } } }, "301": { description: "" } },
      false,
    ],
    ["Vercel's downloadArtifact: no 2xx at all", "get", { "400": { description: "" } }, true],
    ["a declared 2XX already describes every 2xx", "get", { "2XX": { description: "" }, "302": { description: "" } }, false],
    ["a 2xx declared without a redirect", "get", { "204": { description: "" } }, false],
  ])("%s: a 2XX of any media type is added: %s", (_, method, declared, added) => {
    const undeclared = responses(method, declared).success.filter((r) => r.undeclared);
    expect(undeclared).toEqual(
      added ? [{ status: "2XX", contentType: "*/*", kind: "blob", opaque: true, schemaType: "unknown", undeclared: true }] : [],
    );
  });

  test("a schema of bytes is opaque: a JSON answer of it is not bytes", () => {
    const op = responses("get", { "200": { description: "", content: { "*/*": { schema: { type: "string", format: "binary" } } } } });
    expect(op.success[0]).toMatchObject({ contentType: "*/*", opaque: true, schemaType: "unknown" });
  });
});
