// The generated validators.js of pets.yaml (OpenAPI 3.0) and pets-3.1.yaml (its 3.1 twin), made by
// the real command line and imported as a client would: each rule, per OpenAPI version.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { schemaBundle } from "../../src/emit/validators/bundle.js";
import { emitValidatorModule } from "../../src/emit/validators/module.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import { root } from "../tsc.js";
import { evaluate, type Issue } from "./load.js";

type Checks = Record<string, { request: (v: unknown) => Issue[]; responses: Record<string, (v: unknown) => Issue[]> }>;
const versions: Record<string, Checks> = {};

beforeAll(async () => {
  const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t) };
  for (const [version, input] of [
    ["3.0", "test/fixtures/pets.yaml"],
    ["3.1", "test/fixtures/pets-3.1.yaml"],
  ] as const) {
    const out = `.tmp/validators/${version}`;
    expect(await main(["--input", input, "--output", out], quiet, root)).toBe(0);
    versions[version] = await import(pathToFileURL(path.join(root, out, "validators.js")).href);
  }
}, 60000);

const pet = { id: 1, name: "Rex", kind: "dog" };
const owner = { id: "0b5e2f0c-58c4-4f5a-9f0e-2c1d3b4a5f6e", name: "Ann" };
type Case = [string, string, "request" | string, unknown, Array<Partial<Issue>>];

// Each case holds in both versions: the 3.1 document says the same in 3.1's words.
const BOTH: Case[] = [
  ["a valid new pet", "createPet", "request", { body: { name: "Rex", kind: "dog" } }, []],
  ["readOnly id sent", "createPet", "request", { body: { id: 1, name: "Rex", kind: "dog" } }, [{ path: "/body/id", keyword: "readOnly" }]],
  ["readOnly id not required in a request", "createPet", "request", { body: { name: "Rex", kind: "dog" } }, []],
  [
    "name too long",
    "createPet",
    "request",
    { body: { name: "x".repeat(41), kind: "dog" } },
    [{ path: "/body/name", keyword: "maxLength" }],
  ],
  [
    "kind not in the named enum",
    "createPet",
    "request",
    { body: { name: "Rex", kind: "fish" } },
    [{ path: "/body/kind", keyword: "enum" }],
  ],
  ["status null (nullable)", "createPet", "request", { body: { name: "Rex", kind: "dog", status: null } }, []],
  [
    "status not in its enum",
    "createPet",
    "request",
    { body: { name: "Rex", kind: "dog", status: "lost" } },
    [{ path: "/body/status", keyword: "enum" }],
  ],
  [
    "weight 0 (exclusive minimum)",
    "createPet",
    "request",
    { body: { name: "Rex", kind: "dog", weight: 0 } },
    [{ path: "/body/weight", keyword: "exclusiveMinimum" }],
  ],
  ["weight 0.5", "createPet", "request", { body: { name: "Rex", kind: "dog", weight: 0.5 } }, []],
  [
    "birthday not a date",
    "createPet",
    "request",
    { body: { name: "Rex", kind: "dog", birthday: "2024-02-30" } },
    [{ path: "/body/birthday", keyword: "format" }],
  ],
  [
    "duplicate tags",
    "createPet",
    "request",
    { body: { name: "Rex", kind: "dog", tags: ["a", "a"] } },
    [{ path: "/body/tags", keyword: "uniqueItems" }],
  ],
  ["a missing body", "createPet", "request", {}, [{ path: "/body", keyword: "required" }]],
  ["query parameters", "listPets", "request", { kind: "cat", limit: 100, since: "2024-01-01T00:00:00Z", tags: ["a"] }, []],
  ["limit above its maximum", "listPets", "request", { limit: 101 }, [{ path: "/limit", keyword: "maximum" }]],
  ["since not a date-time", "listPets", "request", { since: "yesterday" }, [{ path: "/since", keyword: "format" }]],
  ["too many tags", "listPets", "request", { tags: ["a", "b", "c", "d"] }, [{ path: "/tags", keyword: "maxItems" }]],
  ["a header breaks its pattern", "listPets", "request", { "X-Trace": "xyz" }, [{ path: "/X-Trace", keyword: "pattern" }]],
  ["int64 path parameter as a number", "getPet", "request", { petId: 2 ** 40 }, []],
  ["path parameter missing", "getPet", "request", {}, [{ path: "/petId", keyword: "required" }]],
  ["path parameter below its minimum", "getPet", "request", { petId: 0 }, [{ path: "/petId", keyword: "minimum" }]],
  [
    "the default media type's schema",
    "updatePet",
    "request",
    { petId: 1, body: { name: "" } },
    [
      { path: "/body/kind", keyword: "required" },
      { path: "/body/name", keyword: "minLength" },
    ],
  ],
  [
    "contentType chooses the schema",
    "updatePet",
    "request",
    { petId: 1, contentType: "application/merge-patch+json", body: { status: null } },
    [],
  ],
  [
    "contentType chooses, and the chosen schema checks",
    "updatePet",
    "request",
    { petId: 1, contentType: "application/merge-patch+json", body: { name: "" } },
    [{ path: "/body/name", keyword: "minLength" }],
  ],
  [
    "an undeclared contentType",
    "updatePet",
    "request",
    { petId: 1, contentType: "text/plain", body: { name: "Rex", kind: "dog" } },
    [{ path: "/contentType", keyword: "enum" }],
  ],
  [
    "writeOnly password required in a request",
    "createOwner",
    "request",
    { body: { name: "Ann" } },
    [{ path: "/body/password", keyword: "required" }],
  ],
  [
    "a short password, a wrong e-mail",
    "createOwner",
    "request",
    { body: { name: "Ann", password: "short", email: "ann" } },
    [
      { path: "/body/email", keyword: "format" },
      { path: "/body/password", keyword: "minLength" },
    ],
  ],
  [
    "readOnly deep inside: a pet's id in an owner's pets",
    "createOwner",
    "request",
    { body: { name: "Ann", password: "long enough", pets: [{ id: 1, name: "Rex", kind: "dog" }] } },
    [{ path: "/body/pets/0/id", keyword: "readOnly" }],
  ],
  [
    "the discriminator picks the branch",
    "addPetEvent",
    "request",
    { petId: 1, body: { type: "checkup", on: "2024-13-01" } },
    [{ path: "/body/on", keyword: "format" }],
  ],
  [
    "an unknown discriminator value",
    "addPetEvent",
    "request",
    { petId: 1, body: { type: "vaccination" } },
    [{ path: "/body/type", keyword: "discriminator" }],
  ],
  [
    "an adoption's owner is checked as a request",
    "addPetEvent",
    "request",
    { petId: 1, body: { type: "adoption", at: "2024-01-01T10:00:00+01:00", owner: { name: "Ann", password: "long enough" } } },
    [],
  ],
  ["a pet as the server sends it", "getPet", "200", { ...pet, createdAt: "2024-01-01T00:00:00Z", extra: true }, []],
  ["the readOnly id is required in a response", "getPet", "200", { name: "Rex", kind: "dog" }, [{ path: "/id", keyword: "required" }]],
  ["writeOnly password not required in a response", "createOwner", "201", owner, []],
  ["an owner's id not a uuid", "createOwner", "201", { ...owner, id: "7" }, [{ path: "/id", keyword: "format" }]],
  ["lastSeen null", "createOwner", "201", { ...owner, lastSeen: null }, []],
  ["a list of pets, one wrong", "listPets", "200", [pet, { ...pet, kind: 3 }], [{ path: "/1/kind", keyword: "type" }]],
  [
    "events of both kinds",
    "listPetEvents",
    "200",
    [
      { type: "checkup", on: "2024-02-29" },
      { type: "adoption", at: "2024-01-01T00:00:00Z", owner },
    ],
    [],
  ],
];

describe.each(["3.0", "3.1"])("OpenAPI %s", (version) => {
  test.each(BOTH)("%s (%s %s)", (_, op, which, value, want) => {
    const checks = versions[version]![op]!;
    const issues = which === "request" ? checks.request(value) : checks.responses[which]!(value);
    expect(issues).toEqual(want.map((w) => expect.objectContaining(w)));
  });
});

describe("what only one version says", () => {
  test.each<[string, "3.0" | "3.1", string, unknown, Array<Partial<Issue>>]>([
    [
      "3.1: the branch the discriminator picks checks its const",
      "3.1",
      "addPetEvent",
      { petId: 1, body: { type: "adoption", on: "2024-01-01" } },
      [
        { path: "/body/at", keyword: "required" },
        { path: "/body/owner", keyword: "required" },
      ],
    ],
    // 3.1 applies a $ref's siblings; 3.0 ignores them (here a description, which changes nothing).
    [
      "3.1: a $ref with siblings still checks the target",
      "3.1",
      "createPet",
      { body: { name: "Rex", kind: "cow" } },
      [{ path: "/body/kind", keyword: "enum" }],
    ],
  ])("%s", (_, version, op, value, want) => {
    expect(versions[version]![op]!.request(value)).toEqual(want.map((w) => expect.objectContaining(w)));
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
          parameters: [{ name: "id", in: "query", schema: { type: "boolean" } }],
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
  // The model gives the query parameter its own field, as two locations share the name.
  const model = modelFromDocument(doc as unknown as OpenApiDocument, { file: "pets.yaml" });
  const load = () =>
    evaluate<Checks>(
      emitValidatorModule(schemaBundle(model))
        .source.replace(/^import .*$/m, "const validatorTable = (t) => t;")
        .replace(/^export \{ o0 as putPet \};$/m, ""),
      "return { putPet: o0 };",
    );

  test("a schema with readOnly is checked in its request view (PetWritable) and its response view (Pet)", () => {
    const bundle = schemaBundle(model);
    expect(Object.keys(bundle.schema.$defs).sort()).toEqual(["Owner", "Pet", "PetWritable"]);
    expect(bundle.responses).toEqual({ putPet: { "200": "#/operations/putPet/responses/200" } });
  });

  test.each<[string, unknown, Array<Partial<Issue>>]>([
    ["valid", { id: 1, id_query: true, body: { name: "Rex", owner: { name: null } } }, []],
    ["readOnly id sent", { id: 1, body: { id: 1, name: "Rex" } }, [{ path: "/body/id", keyword: "readOnly" }]],
    ["path parameter required", { body: { name: "Rex" } }, [{ path: "/id", keyword: "required" }]],
    ["a renamed field", { id: 1, id_query: "yes", body: { name: "Rex" } }, [{ path: "/id_query", keyword: "type" }]],
  ])("request: %s", (_, input, want) => {
    expect(load().putPet!.request(input)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  test("the response requires the readOnly id", () => {
    expect(load().putPet!.responses["200"]!({ name: "Rex" })).toEqual([expect.objectContaining({ path: "/id", keyword: "required" })]);
  });
});
