import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { matches, selectOperations } from "../../src/model/select.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { generate } from "../../src/generate.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const op = { method: "post", path: "/uploads/{upload_id}/cancel", operationId: "cancelUpload", tags: ["Uploads"] };

test.each<[string, boolean]>([
  ["cancelUpload", true],
  ["cancel*", true],
  ["Uploads", true],
  ["Upl*", true],
  ["createUpload", false],
  ["/uploads/*", true],
  ["/uploads", false],
  ["/uploads*", true],
  ["POST /uploads/*/cancel", true],
  ["GET /uploads/*", false],
  ["post /uploads/{upload_id}/cancel", true],
])("pattern %j matches: %s", (pattern, want) => expect(matches(pattern, op)).toBe(want));

test("selection keeps the chosen operations and exactly the components they reach", () => {
  const doc = {
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    security: [{ key: [] }],
    paths: {
      "/a/{id}": {
        parameters: [{ $ref: "#/components/parameters/Id" }],
        get: { operationId: "getA", responses: { "200": { $ref: "#/components/responses/A" } } },
        delete: { operationId: "deleteA", responses: { "204": { description: "x" } } },
      },
      "/b": {
        get: {
          operationId: "getB",
          security: [{ admin: [] }],
          responses: { "200": { description: "B", content: { "application/json": { schema: { $ref: "#/components/schemas/B" } } } } },
        },
      },
    },
    webhooks: { ping: { post: { responses: {} } } },
    components: {
      parameters: { Id: { name: "id", in: "path", required: true, schema: { $ref: "#/components/schemas/Id" } } },
      responses: { A: { description: "A", content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } } },
      schemas: {
        A: { type: "object", properties: { child: { $ref: "#/components/schemas/Child" } } },
        Child: { type: "string" },
        Id: { type: "string" },
        B: { type: "object" },
      },
      securitySchemes: { key: { type: "apiKey", in: "header", name: "k" }, admin: { type: "http", scheme: "bearer" } },
    },
  };
  const { document, operations } = selectOperations(doc as OpenApiDocument, { include: ["/a/*"], exclude: ["deleteA"] });
  expect(operations).toBe(1);
  expect(Object.keys(document.paths!)).toEqual(["/a/{id}"]);
  expect(Object.keys(document.paths!["/a/{id}"]!).sort()).toEqual(["get", "parameters"]);
  expect(document.webhooks).toBeUndefined();
  expect(Object.fromEntries(Object.entries(document.components!).map(([k, v]) => [k, Object.keys(v as object).sort()]))).toEqual({
    parameters: ["Id"],
    responses: ["A"],
    schemas: ["A", "Child", "Id"],
    securitySchemes: ["key"],
  });
  expect(doc.paths["/a/{id}"].delete).toBeDefined(); // the input is not changed
});

const full = path.resolve(root, "../shared/specs/openai.yaml");
const fullTest = existsSync(full) ? test : test.skip;
if (!existsSync(full)) console.warn(`skipped: ${full} not found (the full OpenAI document lives in ../shared/specs/)`);

fullTest(
  "the Upload operations selected from the full OpenAI document give the fragment's wrappers and no more schemas",
  async () => {
    const { files } = await generate({
      input: full,
      command: "npm run generate",
      settings: { include: ["Uploads"], exclude: [], names: {}, validators: true },
      cwd: root,
    });
    const body = (text: string) => text.split("\n").slice(5).join("\n"); // the header names the source
    const fragment = path.join(root, "generated/openai-uploads");
    for (const name of ["operations.js", "operations.d.ts"]) {
      expect(body(files.find((f) => f.name === name)!.content)).toBe(body(readFileSync(path.join(fragment, name), "utf8")));
    }
    const schemaNames = (manifest: string) => Object.keys(JSON.parse(manifest).schemas).sort();
    const fragmentSchemas = Object.keys(
      (yaml.load(readFileSync(path.join(root, "spec/openai-uploads.yaml"), "utf8")) as any).components.schemas,
    ).sort();
    expect(schemaNames(files.find((f) => f.name === "api.json")!.content)).toEqual(fragmentSchemas);
    const onDisk = readdirSync(fragment, { recursive: true, encoding: "utf8" }).filter((n) => n.includes("."));
    expect(onDisk.map((n) => n.split(path.sep).join("/")).sort()).toEqual(files.map((f) => f.name).sort());
  },
  60000,
);
