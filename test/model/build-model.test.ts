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
