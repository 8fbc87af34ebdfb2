import { specLiteral } from "../../src/emit/operation-spec.js";
import { errorType, paramsRequired, paramsType, resultType } from "../../src/emit/operation-types.js";
import { commentText, lineCommentText, objectKey, propertyName, stringLiteral } from "../../src/emit/text.js";
import type { EncodingModel, OperationModel, ParameterModel, ResponseModel } from "../../src/model/types.js";

describe("text that reaches the generated code", () => {
  test.each([
    ["ends no comment", "a */ b", "a *\\/ b"],
    ["turns line and paragraph separators into newlines", "a\u2028b\u2029c\r\nd\re", "a\nb\nc\nd\ne"],
    ["replaces control characters", "a\u0000b\u001bc", "a\ufffdb\ufffdc"],
    ["trims trailing spaces and outer blank lines", "\n\na  \n b \n\n", "a\n b"],
  ])("commentText %s", (_, given, want) => expect(commentText(given)).toBe(want));

  test("lineCommentText is one line", () => expect(lineCommentText("a\nb\u2028c */")).toBe("a b c *\\/"));

  test.each([
    ["plain", '"plain"'],
    ['quote " and backslash \\', '"quote \\" and backslash \\\\"'],
    ["separators \u2028\u2029", '"separators \\u2028\\u2029"'],
    // biome-ignore lint/suspicious/noTemplateCurlyInString: a document's text that looks like a template
    ["${x}`", '"${x}`"'],
  ])("stringLiteral(%j)", (given, want) => {
    expect(stringLiteral(given)).toBe(want);
    expect(JSON.parse(stringLiteral(given))).toBe(given);
  });

  test("objectKey computes __proto__, which a plain key would make the prototype", () => {
    expect(objectKey("__proto__")).toBe('["__proto__"]');
    expect(objectKey("X-Key")).toBe('"X-Key"');
    // biome-ignore lint/security/noGlobalEval: the test runs the literal as JavaScript reads it
    expect(Object.keys(eval(`({ ${objectKey("__proto__")}: 1 })`))).toEqual(["__proto__"]);
  });

  test.each([
    ["upload_id", "upload_id"],
    ["X-Request-Id", '"X-Request-Id"'],
    ["class", "class"],
    ["2x", '"2x"'],
  ])("propertyName(%j)", (given, want) => expect(propertyName(given)).toBe(want));
});

/** Table rows leave out what the emitters do not read. */
type Row<T> = Omit<T, "schemaType">;
const param = (p: Omit<Row<ParameterModel>, "key">): ParameterModel => ({ schemaType: "string", key: p.name, ...p });
const response = (r: Row<ResponseModel>): ResponseModel => ({ schemaType: "unknown", ...r });
const op = (over: Partial<OperationModel>): OperationModel => ({
  name: "op",
  types: { params: "OpParams", result: "OpResult", error: "OpError", event: "OpEvent", item: "OpItem", headers: "OpHeaders" },
  method: "get",
  path: "/x",
  urlPath: "/x",
  pointer: "/paths/~1x/get",
  deprecated: false,
  tags: [],
  parameters: [],
  success: [],
  errors: [],
  security: [],
  ...over,
});

describe("wrapper signatures", () => {
  test.each<[string, Partial<OperationModel>, string[], boolean]>([
    ["no parameters", {}, ["Record<string, never>"], false],
    [
      "path and optional query, through the path and method",
      {
        operationId: "getX",
        parameters: [
          param({ name: "id", in: "path", required: true, deprecated: false }),
          param({ name: "q", in: "query", required: false, deprecated: false }),
        ],
      },
      ['paths["/x"]["get"]["parameters"]["path"]', 'NonNullable<paths["/x"]["get"]["parameters"]["query"]>'],
      true,
    ],
    [
      "an optional inline body, without operationId",
      { body: { required: false, contentType: "application/json", kind: "json", schemaType: "unknown" } },
      ['{ body?: NonNullable<paths["/x"]["get"]["requestBody"]>["content"]["application/json"] }'],
      false,
    ],
    [
      "a required body by component",
      { body: { required: true, contentType: "application/json", kind: "json", schemaName: "Thing", schemaType: "Thing" } },
      ['{ body: components["schemas"]["Thing"] }'],
      true,
    ],
  ])("%s", (_, over, type, required) => {
    expect(paramsType(op(over))).toEqual(type);
    expect(paramsRequired(op(over))).toBe(required);
  });

  test.each<[string, Array<Row<ResponseModel>>, string[]]>([
    ["nothing declared", [], ["unknown"]],
    [
      "a component",
      [{ status: "200", kind: "json", contentType: "application/json", schemaName: "Thing" }],
      ['components["schemas"]["Thing"]'],
    ],
    [
      "an inline body or nothing",
      [
        { status: "200", kind: "json", contentType: "application/json" },
        { status: "204", kind: "none" },
      ],
      ['paths["/x"]["get"]["responses"][200]["content"]["application/json"]', "undefined"],
    ],
    [
      "a status range",
      [{ status: "2XX", kind: "json", contentType: "application/json" }],
      ['paths["/x"]["get"]["responses"]["2XX"]["content"]["application/json"]'],
    ],
    ["text, whatever its schema says", [{ status: "200", kind: "text", contentType: "text/plain" }], ["string"]],
    ["bytes", [{ status: "200", kind: "blob", contentType: "image/png" }], ["Blob"]],
    [
      "several media types: the union of what each gives",
      [
        {
          status: "200",
          kind: "json",
          contentType: "application/json",
          schemaName: "Avatar",
          alternatives: [
            { contentType: "image/png", kind: "blob" },
            { contentType: "image/svg+xml", kind: "blob" },
          ],
        },
      ],
      ['components["schemas"]["Avatar"]', "Blob"],
    ],
    [
      "*/* with a schema: JSON by it, text, bytes",
      [{ status: "200", kind: "blob", contentType: "*/*" }],
      ['paths["/x"]["get"]["responses"][200]["content"]["*/*"]', "string", "Blob"],
    ],
    ["text/*: text", [{ status: "200", kind: "text", contentType: "text/*" }], ["string"]],
    [
      "JSON without a schema, beside anything: unknown",
      [
        { status: "200", kind: "json", contentType: "application/json", opaque: true },
        { status: "201", kind: "blob", contentType: "image/png" },
      ],
      ["unknown"],
    ],
    [
      "a 2xx the document does not describe: unknown",
      [
        { status: "202", kind: "none" },
        { status: "2XX", kind: "blob", contentType: "*/*", undeclared: true },
      ],
      ["unknown"],
    ],
  ])("result: %s", (_, success, want) => expect(resultType(op({ success: success.map(response) }))).toEqual(want));

  test("a stream is the operation's Stream, or text where it declares none (a range)", () => {
    const streaming = {
      status: "200",
      contentType: "text/event-stream",
      itemSource: "schema",
      json: true,
      items: "data",
      errorMember: true,
    } as const;
    const sse = response({ status: "200", kind: "stream", contentType: "text/event-stream" });
    expect(resultType(op({ success: [sse], streaming }))).toEqual(["Stream<OpEvent>"]);
    expect(resultType(op({ success: [response({ status: "200", kind: "text", contentType: "text/*" })], streaming }))).toEqual([
      "string",
      "Stream<OpEvent>",
    ]);
  });

  test.each<[string, Array<Row<ResponseModel>>, string[]]>([
    ["nothing declared: every status, an unknown body", [], ["ApiError<ErrorStatus, unknown>"]],
    [
      "exact statuses, a range without them, and a default for the rest",
      [
        { status: "404", kind: "json", contentType: "application/json", schemaName: "NotFound" },
        { status: "4XX", kind: "json", contentType: "application/json", schemaName: "Invalid" },
        { status: "default", kind: "json", contentType: "application/json", schemaName: "Fallback" },
      ],
      [
        'ApiError<404, components["schemas"]["NotFound"]>',
        'ApiError<Exclude<ClientErrorStatus, 404>, components["schemas"]["Invalid"]>',
        'ApiError<Exclude<ErrorStatus, 404 | ClientErrorStatus>, components["schemas"]["Fallback"]>',
      ],
    ],
    [
      "a range alone",
      [{ status: "5XX", kind: "none" }],
      ["ApiError<ServerErrorStatus, undefined>", "ApiError<Exclude<ErrorStatus, ServerErrorStatus>, unknown>"],
    ],
  ])("errors: %s", (_, errors, want) => expect(errorType(op({ errors: errors.map(response) }))).toEqual(want));

  test("the spec literal lists each status's media types as the runtime compares them, and asks for all of them", () => {
    const literal = specLiteral(
      op({
        success: [
          response({
            status: "200",
            kind: "json",
            contentType: "application/json; charset=UTF-8",
            alternatives: [
              { contentType: "Image/PNG", kind: "blob" },
              { contentType: "application/json", kind: "json" },
              { contentType: "*/*", kind: "blob" },
            ],
          }),
          response({ status: "204", kind: "none" }),
          response({ status: "2xx", kind: "blob", contentType: "*/*", undeclared: true }),
        ],
      }),
    );
    expect(literal.split("\n").filter((l) => /accept|responses/.test(l))).toEqual([
      '  accept: "application/json; charset=UTF-8, application/json, Image/PNG;q=0.9, */*;q=0.8",',
      '  responses: { "200": ["application/json", "image/png", "*/*"], "204": [], "2XX": ["*/*"] },',
    ]);
  });

  test("the spec literal states each fact once, one per line", () => {
    const literal = specLiteral(
      op({
        name: "upload",
        method: "put",
        path: "/files/{id}#replace",
        urlPath: "/files/{id}",
        servers: ["https://upload.example/v1"],
        parameters: [
          param({ name: "id", in: "path", required: true, deprecated: false, type: "integer" }),
          param({ name: "X-Key", in: "header", required: false, deprecated: false }),
        ],
        body: { required: true, contentType: "application/octet-stream", kind: "binary", schemaType: "binary" },
        success: [response({ status: "200", kind: "json", contentType: "application/json" }), response({ status: "204", kind: "none" })],
        security: [["a", "b"], []],
      }),
    );
    expect(literal).toBe(
      [
        "{",
        '  operation: "upload",',
        '  method: "PUT",',
        '  path: "/files/{id}",',
        '  servers: ["https://upload.example/v1"],',
        "  params: {",
        '    id: { in: "path", type: "integer" },',
        '    "X-Key": { in: "header" },',
        "  },",
        '  body: "application/octet-stream",',
        '  accept: "application/json",',
        '  responses: { "200": ["application/json"], "204": [] },',
        '  security: [["a", "b"], []],',
        "}",
      ].join("\n"),
    );
  });

  test.each<[string, Array<Partial<ParameterModel>>, Record<string, EncodingModel> | undefined, string | undefined]>([
    ["a path value of style simple", [{ in: "path", style: "simple", explode: false }], undefined, undefined],
    ["a query value of style form, exploded", [{ in: "query", style: "form", explode: true }], undefined, undefined],
    ["a header value", [{ in: "header" }], undefined, undefined],
    ["a label path value", [{ in: "path", style: "label" }], undefined, "styles"],
    ["a form query value, not exploded", [{ in: "query", explode: false }], undefined, "styles"],
    ["a deepObject query value", [{ in: "query", style: "deepObject" }], undefined, "styles: deepObject"],
    [
      "a deepObject query value with allowReserved",
      [{ in: "query", style: "deepObject", allowReserved: true }],
      undefined,
      "styles: deepObject",
    ],
    ["a deepObject header value (no such style)", [{ in: "header", style: "deepObject" }], undefined, "styles"],
    [
      "a deepObject query value beside a label one",
      [
        { in: "query", style: "deepObject" },
        { in: "path", style: "label" },
      ],
      undefined,
      "styles",
    ],
    ["allowReserved", [{ in: "query", allowReserved: true }], undefined, "styles"],
    ["a content parameter", [{ in: "query", content: "application/json" }], undefined, "styles"],
    ["a cookie", [{ in: "cookie" }], undefined, "styles"],
    ["a querystring", [{ in: "query", querystring: true, content: "application/x-www-form-urlencoded" }], undefined, "styles"],
    ["a deepObject form field", [{ in: "query" }], { m: { style: "deepObject", explode: true } }, "styles: deepObject"],
    ["a form field of style form", [{ in: "query" }], { m: { style: "form", explode: true } }, "styles"],
    ["a form field with a content type only", [{ in: "query" }], { m: { contentType: "image/png" } }, undefined],
  ])("the spec literal carries the runtime's styles for %s", (_, given, encoding, styles) => {
    const body =
      encoding && ({ required: true, contentType: "multipart/form-data", kind: "multipart", schemaType: "object", encoding } as const);
    const parameters = given.map((p, i) => param({ name: `p${i}`, required: false, deprecated: false, ...p } as ParameterModel));
    const literal = specLiteral(op({ parameters, ...(body && { body }) }));
    expect(literal.split("\n").filter((line) => line.trim().startsWith("styles"))).toEqual(styles ? [`  ${styles},`] : []);
  });
});
