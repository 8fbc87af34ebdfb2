import type { OpenApiDocument } from "../../src/document/types.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import { buildSurface } from "../../src/review/surface.js";
import { compareSurfaces } from "../../src/review/compare.js";
import { markdownReport, reportLines } from "../../src/review/report.js";

type Json = Record<string, any>;

/** A small Uploads-like document; each case edits a copy of it. */
function base(): Json {
  return {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/uploads": {
        post: {
          operationId: "createUpload",
          requestBody: {
            required: true,
            content: { "application/json": { schema: { $ref: "#/components/schemas/CreateUploadRequest" } } },
          },
          responses: { "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Upload" } } } } },
        },
      },
      "/uploads/{upload_id}": {
        get: {
          operationId: "getUpload",
          parameters: [
            { name: "upload_id", in: "path", required: true, schema: { type: "string" } },
            { name: "expand", in: "query", schema: { type: "string", enum: ["file", "parts"] } },
          ],
          responses: { "200": { description: "OK", content: { "application/json": { schema: { $ref: "#/components/schemas/Upload" } } } } },
        },
      },
    },
    components: {
      schemas: {
        CreateUploadRequest: {
          type: "object",
          required: ["filename", "mime_type"],
          properties: {
            filename: { type: "string" },
            mime_type: { type: "string" },
            purpose: { type: "string", enum: ["batch", "vision"] },
          },
        },
        Unused: { type: "integer" },
        Upload: {
          type: "object",
          required: ["id", "status"],
          properties: { id: { type: "string" }, status: { type: "string", enum: ["pending", "completed"] }, bytes: { type: "integer" } },
        },
      },
    },
  };
}

const surface = (doc: Json) => buildSurface(modelFromDocument(doc as OpenApiDocument, { file: "t.yaml" }));
const report = (edit: (doc: Json) => void) => {
  const after = base();
  edit(after);
  return reportLines(compareSurfaces(surface(base()), surface(after)));
};
const schemas = (d: Json) => d.components.schemas;
const getUpload = (d: Json) => d.paths["/uploads/{upload_id}"].get;

test.each<[string, (doc: Json) => void, string[]]>([
  ["nothing changed", () => {}, ["  no API changes"]],
  [
    "a schema removed from the document, one added",
    (d) => {
      schemas(d).Legacy = undefined;
      delete schemas(d).Legacy;
      schemas(d).Extra = { type: "string" };
    },
    ["  API changes: 0 breaking, 1 compatible", "  compatible  new schema `Extra`"],
  ],
  [
    "an unused schema deleted",
    (d) => delete schemas(d).Unused,
    ["  API changes: 1 breaking, 0 compatible", "  breaking    removed schema `Unused`"],
  ],
  [
    "names that Object's prototype also has are data",
    (d) => {
      schemas(d).Upload.properties.constructor = { type: "string" };
      schemas(d).toString = { type: "string" };
    },
    [
      "  API changes: 0 breaking, 2 compatible",
      "  compatible  `Upload`: new optional property `constructor` (received in responses)",
      "  compatible  new schema `toString`",
    ],
  ],
  [
    "an operation added",
    (d) => (d.paths["/uploads/{upload_id}/cancel"] = { post: { operationId: "cancelUpload", responses: {} } }),
    ["  API changes: 0 breaking, 1 compatible", "  compatible  new operation `cancelUpload` (POST /uploads/{upload_id}/cancel)"],
  ],
  [
    "an operation removed",
    (d) => delete d.paths["/uploads/{upload_id}"],
    ["  API changes: 1 breaking, 0 compatible", "  breaking    removed operation `getUpload` (GET /uploads/{upload_id})"],
  ],
  [
    "an operation renamed",
    (d) => (getUpload(d).operationId = "retrieveUpload"),
    ["  API changes: 1 breaking, 0 compatible", "  breaking    renamed `getUpload` → `retrieveUpload` (GET /uploads/{upload_id})"],
  ],
  [
    "parameters added, removed and made required",
    (d) => {
      const op = getUpload(d);
      op.parameters = [
        op.parameters[0],
        { name: "limit", in: "query", schema: { type: "integer" } },
        { name: "X-Org", in: "header", required: true, schema: { type: "string" } },
      ];
    },
    [
      "  API changes: 2 breaking, 1 compatible",
      "  breaking    `getUpload`: new required header parameter `X-Org`",
      "  breaking    `getUpload`: removed query parameter `expand`",
      "  compatible  `getUpload`: new optional query parameter `limit`",
    ],
  ],
  [
    "a parameter made optional, one made required",
    (d) => {
      getUpload(d).parameters[1].required = true;
    },
    ["  API changes: 1 breaking, 0 compatible", "  breaking    `getUpload`: query parameter `expand` is now required"],
  ],
  [
    "enum values of a parameter: added is fine, removed breaks",
    (d) => (getUpload(d).parameters[1].schema.enum = ["parts", "events"]),
    [
      "  API changes: 1 breaking, 0 compatible",
      '  breaking    `getUpload`: query parameter `expand`: values removed "file"; added "events"',
    ],
  ],
  [
    "request body type changed",
    (d) => (d.paths["/uploads"].post.requestBody.content["application/json"].schema = { type: "string" }),
    ["  API changes: 1 breaking, 0 compatible", "  breaking    `createUpload`: request body: type `CreateUploadRequest` → `string`"],
  ],
  [
    "response type changed",
    (d) =>
      (getUpload(d).responses["200"].content["application/json"].schema = {
        type: "array",
        items: { $ref: "#/components/schemas/Upload" },
      }),
    ["  API changes: 1 breaking, 0 compatible", "  breaking    `getUpload`: response: type `Upload` → `Upload[]`"],
  ],
  [
    "request schema: property removed, property made optional, new optional and required properties",
    (d) => {
      const s = schemas(d).CreateUploadRequest;
      delete s.properties.purpose;
      s.required = ["filename", "bytes"];
      s.properties.bytes = { type: "integer" };
      s.properties.expires_after = { type: "integer" };
    },
    [
      "  API changes: 2 breaking, 2 compatible",
      "  breaking    `CreateUploadRequest`: new required property `bytes` (sent in requests)",
      "  breaking    `CreateUploadRequest`: removed property `purpose` (sent in requests)",
      "  compatible  `CreateUploadRequest`: new optional property `expires_after` (sent in requests)",
      "  compatible  `CreateUploadRequest`: property `mime_type` is now optional (sent in requests)",
    ],
  ],
  [
    "request enum: a removed value breaks, an added one does not",
    (d) => (schemas(d).CreateUploadRequest.properties.purpose.enum = ["vision", "fine-tune"]),
    [
      "  API changes: 1 breaking, 0 compatible",
      '  breaking    `CreateUploadRequest`: property `purpose`: values removed "batch"; added "fine-tune" (sent in requests)',
    ],
  ],
  [
    "response enum: an added value is compatible",
    (d) => schemas(d).Upload.properties.status.enum.push("cancelled"),
    [
      "  API changes: 0 breaking, 1 compatible",
      '  compatible  `Upload`: property `status`: values added "cancelled" (received in responses)',
    ],
  ],
  [
    "response enum: a removed value breaks code that matches on it",
    (d) => (schemas(d).Upload.properties.status.enum = ["pending"]),
    [
      "  API changes: 1 breaking, 0 compatible",
      '  breaking    `Upload`: property `status`: values removed "completed" (received in responses)',
    ],
  ],
  [
    "response schema: a field that may now be missing breaks, a new one does not",
    (d) => {
      schemas(d).Upload.required = ["id"];
      schemas(d).Upload.properties.file = { type: "string" };
    },
    [
      "  API changes: 1 breaking, 1 compatible",
      "  breaking    `Upload`: property `status` is now optional (received in responses)",
      "  compatible  `Upload`: new optional property `file` (received in responses)",
    ],
  ],
  [
    "newly deprecated operation and schema",
    (d) => {
      getUpload(d).deprecated = true;
      schemas(d).Upload.deprecated = true;
    },
    ["  API changes: 0 breaking, 2 compatible", "  compatible  `getUpload` is now deprecated", "  compatible  `Upload` is now deprecated"],
  ],
])("%s", (_, edit, want) => {
  expect(report(edit)).toBe(want.join("\n") + "\n");
});

test("the Markdown report escapes table cells and says when a client is new", () => {
  const md = markdownReport([
    { source: "spec/a.yaml", output: "generated/a", changes: [{ breaking: true, text: "`A`: type `x | y` → `x`" }] },
    { source: "spec/b.yaml", output: "generated/b", changes: undefined },
    { source: "spec/c.yaml", output: "generated/c", changes: [] },
  ]);
  expect(md).toBe(
    [
      "## API changes\n",
      "### `spec/a.yaml` → `generated/a`\n",
      "**1 breaking**, 0 compatible.\n",
      "| | Change |\n| --- | --- |\n| **breaking** | `A`: type `x \\| y` → `x` |\n",
      "### `spec/b.yaml` → `generated/b`\n",
      "A new client.\n",
      "### `spec/c.yaml` → `generated/c`\n",
      "No API changes.\n",
    ].join("\n"),
  );
});
