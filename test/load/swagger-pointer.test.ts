import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { convertSwagger } from "../../src/load/convert-swagger.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { parseText } from "../../src/load/parse-text.js";
import { swaggerPointer } from "../../src/load/swagger-pointer.js";
import { pointer } from "../../src/document/pointer.js";
import { follow } from "../../src/document/own.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

// Every rule of the mapping has a node here; the converted side comes from the real converter.
const SWAGGER = `
swagger: "2.0"
info: { title: Mapping, version: "1" }
host: api.example.test
basePath: /v1
schemes: [https]
securityDefinitions:
  oauth: { type: oauth2, flow: implicit, authorizationUrl: "https://auth.example.test", scopes: { read: Read } }
  basic: { type: basic }
parameters:
  Limit: { name: limit, in: query, type: integer, maximum: 100 }
  PetBody: { name: pet, in: body, schema: { $ref: "#/definitions/Pet" } }
responses:
  NotFound:
    description: Not found
    schema: { $ref: "#/definitions/Error Model" }
    headers: { X-Rate: { type: integer } }
definitions:
  Pet: { type: object, properties: { name: { type: string } } }
  Error Model: { type: object, properties: { code: { type: integer } } }
paths:
  /pets/{id}:
    parameters:
      - { name: id, in: path, required: true, type: string }
    post:
      operationId: addPet
      parameters:
        - $ref: "#/parameters/Limit"
        - { name: body, in: body, description: The pet, schema: { $ref: "#/definitions/Pet" } }
        - { name: tags, in: query, type: array, items: { type: string }, collectionFormat: multi }
      responses:
        "200":
          description: ok
          schema: { type: array, items: { $ref: "#/definitions/Pet" } }
          headers: { X-Next: { type: string } }
        "404": { $ref: "#/responses/NotFound" }
    put:
      operationId: putPet
      consumes: [multipart/form-data]
      parameters:
        - { name: name, in: formData, type: string, required: true }
        - { name: photo, in: formData, type: file }
      responses: { "200": { description: ok } }
  /shared-a:
    post: { operationId: sharedA, parameters: [{ $ref: "#/parameters/PetBody" }], responses: { "200": { description: ok } } }
  /shared-b:
    post: { operationId: sharedB, parameters: [{ $ref: "#/parameters/PetBody" }], responses: { "200": { description: ok } } }
`;

async function converted(text: string, file: string) {
  const original = parseText(text, file) as object;
  const { document } = await convertSwagger(original, text, file);
  return { original, document };
}

describe("swaggerPointer: a node of the OpenAPI 3 conversion → the Swagger 2.0 node that produced it", () => {
  let original: object;
  let document: OpenApiDocument;
  beforeAll(async () => ({ original, document } = await converted(SWAGGER, "mapping.yaml")));

  const pets = "/paths/~1pets~1{id}";
  test.each<[string, string, string, boolean]>([
    ["the version", "/openapi", "/swagger", true],
    ["a server, made from host, basePath and schemes", "/servers/0/url", "/host", false],
    ["anything that did not move", "/info/title", "/info/title", true],
    ["a schema", "/components/schemas/Pet/properties/name/type", "/definitions/Pet/properties/name/type", true],
    ["a schema the converter renamed", "/components/schemas/Error_Model/properties/code", "/definitions/Error Model/properties/code", true],
    ["a parameter's schema keyword", "/components/parameters/Limit/schema/maximum", "/parameters/Limit/maximum", true],
    ["a response's schema", "/components/responses/NotFound/content/*~1*/schema/$ref", "/responses/NotFound/schema/$ref", true],
    [
      "a response header's schema",
      "/components/responses/NotFound/headers/X-Rate/schema/type",
      "/responses/NotFound/headers/X-Rate/type",
      true,
    ],
    [
      "an OAuth flow's URL",
      "/components/securitySchemes/oauth/flows/implicit/authorizationUrl",
      "/securityDefinitions/oauth/authorizationUrl",
      true,
    ],
    ["an http scheme", "/components/securitySchemes/basic/scheme", "/securityDefinitions/basic/type", true],
    [
      "a shared request body, from the parameter its first user names",
      "/components/requestBodies/Pet/content/application~1json/schema",
      "/parameters/PetBody/schema",
      true,
    ],
    ["the components, made from several sections", "/components", "", false],
    ["a section of them", "/components/securitySchemes", "/securityDefinitions", false],
    ["a path-level parameter's type", `${pets}/parameters/0/schema/type`, `${pets}/parameters/0/type`, true],
    ["a parameter $ref", `${pets}/post/parameters/0/$ref`, `${pets}/post/parameters/0/$ref`, true],
    [
      "a parameter after the body one left the list",
      `${pets}/post/parameters/1/schema/items/type`,
      `${pets}/post/parameters/2/items/type`,
      true,
    ],
    ["explode, which was collectionFormat", `${pets}/post/parameters/1/explode`, `${pets}/post/parameters/2/collectionFormat`, true],
    ["the body's schema", `${pets}/post/requestBody/content/application~1json/schema/$ref`, `${pets}/post/parameters/1/schema/$ref`, true],
    ["the body's description", `${pets}/post/requestBody/description`, `${pets}/post/parameters/1/description`, true],
    [
      "a shared request body's $ref, where the operation lists it",
      "/paths/~1shared-b/post/requestBody/$ref",
      "/paths/~1shared-b/post/parameters/0",
      true,
    ],
    [
      "a form field",
      `${pets}/put/requestBody/content/multipart~1form-data/schema/properties/name/type`,
      `${pets}/put/parameters/0/type`,
      true,
    ],
    [
      "a required form field",
      `${pets}/put/requestBody/content/multipart~1form-data/schema/required/0`,
      `${pets}/put/parameters/0/required`,
      true,
    ],
    [
      "a file field's format, which 2.0 wrote as type: file",
      `${pets}/put/requestBody/content/multipart~1form-data/schema/properties/photo/format`,
      `${pets}/put/parameters/1`,
      false,
    ],
    ["a response's schema inside", `${pets}/post/responses/200/content/*~1*/schema/items`, `${pets}/post/responses/200/schema/items`, true],
    ["a response's media type, made from produces", `${pets}/post/responses/200/content/*~1*`, `${pets}/post/responses/200`, false],
    [
      "an operation's response header",
      `${pets}/post/responses/200/headers/X-Next/schema/type`,
      `${pets}/post/responses/200/headers/X-Next/type`,
      true,
    ],
  ])("%s: %s → %j", (_, from, want, exact) => {
    expect(
      follow(
        document,
        from
          .split("/")
          .slice(1)
          .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")),
      ),
    ).not.toBeUndefined();
    expect(swaggerPointer(original, document, from)).toEqual({ pointer: want, exact });
  });
});

describe("swaggerPointer on the Swagger Petstore", () => {
  test("every node of the conversion is placed at a node that exists; schemas and parameters exactly", async () => {
    const file = path.join(root, "test/fixtures/petstore-2.0.yaml");
    const { original, document } = await converted(readFileSync(file, "utf8"), file);
    const inexact: string[] = [];
    let nodes = 0;
    const visit = (node: unknown, at: string[]) => {
      const ptr = pointer(at);
      const mapped = swaggerPointer(original, document, ptr);
      nodes++;
      expect(
        follow(
          original,
          mapped.pointer
            .split("/")
            .slice(1)
            .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")),
        ),
      ).not.toBeUndefined();
      if (!mapped.exact) inexact.push(ptr);
      if (node !== null && typeof node === "object") for (const [k, v] of Object.entries(node)) visit(v, [...at, k]);
    };
    visit(document, []);
    expect(nodes).toBeGreaterThan(500);
    expect(inexact.filter((p) => /^\/components\/schemas\/|\/parameters\/\d+(\/|$)/.test(p))).toEqual([]);
  });
});
