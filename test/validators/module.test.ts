import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadDocument } from "../../src/load/load-document.js";
import { normalise } from "../../src/normalise/normalise.js";
import { schemaBundle } from "../../src/emit/validators/bundle.js";
import { emitValidatorModule, emitValidators } from "../../src/emit/validators/module.js";
import { root, tsc } from "../tsc.js";
import { evaluate, type Issue } from "./load.js";

type Tables = { requests: Record<string, (v: unknown) => Issue[]>; responses: Record<string, Record<string, (v: unknown) => Issue[]>> };
const load = (source: string) => evaluate<Tables>(source, "return { requests, responses };");

const uploads = async () =>
  normalise((await loadDocument(path.join(root, "spec/openai-uploads.yaml"), root, { lint: false })).document).document;

describe("emitValidators: the Upload operations", () => {
  let tables: Tables;
  let source: string;
  beforeAll(async () => {
    source = emitValidators(await uploads()).source;
    tables = load(source);
  });

  test.each<[string, string, unknown, Array<Partial<Issue>>]>([
    ["a valid createUpload", "createUpload", { body: { filename: "a.jsonl", purpose: "batch", bytes: 10, mime_type: "text/jsonl" } }, []],
    [
      "a missing and a wrong field",
      "createUpload",
      { body: { filename: "a", purpose: "nope", mime_type: "x" } },
      [
        { path: "/body/bytes", keyword: "required" },
        { path: "/body/purpose", keyword: "enum" },
      ],
    ],
    [
      "an unknown property where the schema forbids it",
      "completeUpload",
      { path: { upload_id: "u" }, body: { part_ids: [], extra: 1 } },
      [{ path: "/body/extra", keyword: "additionalProperties" }],
    ],
    ["a missing path parameter", "cancelUpload", { path: {} }, [{ path: "/path/upload_id", keyword: "required" }]],
    ["a Blob in a multipart body", "addUploadPart", { path: { upload_id: "u" }, body: { data: new Blob(["x"]) } }, []],
    ["a Uint8Array in a multipart body", "addUploadPart", { path: { upload_id: "u" }, body: { data: new Uint8Array(3) } }, []],
    [
      "a number where bytes are expected",
      "addUploadPart",
      { path: { upload_id: "u" }, body: { data: 3 } },
      [{ path: "/body/data", keyword: "type" }],
    ],
  ])("request: %s", (_, op, input, want) => {
    expect(tables.requests[op]!(input)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  const upload = { id: "upload_1", created_at: 1, filename: "a", bytes: 1, purpose: "batch", status: "pending", expires_at: 2 };
  test.each<[string, unknown, Array<Partial<Issue>>]>([
    ["a pending upload: file is null (nullable inside allOf)", { ...upload, file: null }, []],
    ["extra properties are allowed", { ...upload, new_field: true }, []],
    ["a wrong status", { ...upload, status: "gone" }, [{ path: "/status", keyword: "enum" }]],
    ["a wrong nested file", { ...upload, file: { id: 1 } }, [{ path: "/file/bytes", keyword: "required" }]],
  ])("response: %s", (_, body, want) => {
    expect(tables.responses.cancelUpload!["200"]!(body).slice(0, want.length)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  test("the module type-checks under strict settings, with nodenext and bundler resolution", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "validators-"));
    try {
      writeFileSync(path.join(dir, "validators.ts"), source);
      for (const [module, moduleResolution] of [
        ["nodenext", "nodenext"],
        ["esnext", "bundler"],
      ] as const) {
        const result = tsc(dir, moduleResolution, ["validators.ts"], { module, moduleResolution });
        expect(result.output).toBe("");
        expect(result.status).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("schemaBundle: directions", () => {
  const doc = {
    openapi: "3.0.3",
    paths: {
      "/pets/{id}": {
        parameters: [{ name: "id", in: "path", required: true, schema: { type: "integer", format: "int64" } }],
        put: {
          operationId: "putPet",
          parameters: [{ name: "dry", in: "query", schema: { type: "boolean" } }],
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
          responses: {
            "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } },
            "404": { content: { "application/json": { schema: {} } } },
          },
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: "object",
          required: ["id", "name"],
          properties: { id: { type: "integer", readOnly: true }, name: { type: "string" }, owner: { $ref: "#/components/schemas/Owner" } },
        },
        Owner: { type: "object", properties: { name: { type: "string", nullable: true } } },
      },
    },
  };

  test("a schema with readOnly gets one definition per direction; others one", () => {
    const bundle = schemaBundle(doc);
    expect(Object.keys(bundle.schema.$defs).sort()).toEqual(["Owner", "Pet@request", "Pet@response"]);
    expect(bundle.responses).toEqual({ putPet: { "200": "#/operations/putPet/responses/200" } });
  });

  test.each<[string, unknown, Array<Partial<Issue>>]>([
    ["valid", { path: { id: 1 }, query: { dry: true }, body: { name: "Rex", owner: { name: null } } }, []],
    ["readOnly id sent", { path: { id: 1 }, body: { id: 1, name: "Rex" } }, [{ path: "/body/id", keyword: "readOnly" }]],
    ["int64 as a number, path parameter required", { body: { name: "Rex" } }, [{ path: "/path", keyword: "required" }]],
    ["wrong query type", { path: { id: 1 }, query: { dry: "yes" }, body: { name: "Rex" } }, [{ path: "/query/dry", keyword: "type" }]],
  ])("request: %s", (_, input, want) => {
    const { requests } = load(emitValidatorModule(schemaBundle(doc)).source);
    expect(requests.putPet!(input)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  test("the response requires the readOnly id", () => {
    const { responses } = load(emitValidatorModule(schemaBundle(doc)).source);
    expect(responses.putPet!["200"]!({ name: "Rex" })).toEqual([expect.objectContaining({ path: "/id", keyword: "required" })]);
  });
});
