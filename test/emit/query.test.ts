import { type Invalidation, invalidations } from "../../src/emit/query/invalidation.js";
import { keyedOperations, keySegments } from "../../src/emit/query/keys.js";
import { queryPlan } from "../../src/emit/query/plan.js";
import type { ApiModel, OperationModel } from "../../src/model/types.js";
import { InputError } from "../../src/util/input-error.js";

/** An operation as the query emitter reads it: method, path, name, its path parameters from the path. */
function op(route: string, name: string, over: Partial<OperationModel> = {}): OperationModel {
  const [method, path] = route.split(" ") as [string, string];
  const urlPath = path.replace(/[#?].*$/, "");
  const names = [...urlPath.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
  const stem = name.charAt(0).toUpperCase() + name.slice(1);
  return {
    name,
    operationId: name,
    method: method.toLowerCase() as OperationModel["method"],
    path,
    urlPath,
    pointer: `/paths/${path}/${method.toLowerCase()}`,
    deprecated: false,
    tags: [],
    types: {
      params: `${stem}Params`,
      result: `${stem}Result`,
      error: `${stem}Error`,
      event: `${stem}Event`,
      item: `${stem}Item`,
      headers: `${stem}Headers`,
    },
    parameters: names.map((n) => ({ name: n, key: n, in: "path", required: true, deprecated: false, schemaType: "string" })),
    success: [{ status: "200", kind: "json", contentType: "application/json", schemaType: "object" }],
    errors: [],
    security: [],
    ...over,
  };
}

describe("key segments: the path, its parameters by params field", () => {
  test.each([
    ["/pets", [{ kind: "literal", text: "pets" }]],
    [
      "/pets/{petId}/photos",
      [
        { kind: "literal", text: "pets" },
        { kind: "param", field: "petId" },
        { kind: "literal", text: "photos" },
      ],
    ],
    // Twilio: a list and its items, once the format suffix is off the last segment.
    [
      "/Accounts/{Sid}/Calls.json",
      [
        { kind: "literal", text: "Accounts" },
        { kind: "param", field: "Sid" },
        { kind: "literal", text: "Calls" },
      ],
    ],
    [
      "/Accounts/{Sid}/Calls/{CallSid}.json",
      [
        { kind: "literal", text: "Accounts" },
        { kind: "param", field: "Sid" },
        { kind: "literal", text: "Calls" },
        { kind: "param", field: "CallSid" },
      ],
    ],
    ["/.json", [{ kind: "literal", text: ".json" }]],
    // GitHub's compare: text and parameters in one segment.
    [
      "/compare/{base}...{head}",
      [
        { kind: "literal", text: "compare" },
        { kind: "template", parts: [{ field: "base" }, { text: "..." }, { field: "head" }] },
      ],
    ],
    ["/", []],
  ])("%s", (path, want) => expect(keySegments(op(`GET ${path}`, "x"))).toEqual(want));

  test("a path parameter whose params field is renamed (another location has its name) is keyed by the field", () => {
    const renamed = op("GET /ns/{path}", "x", {
      parameters: [{ name: "path", key: "path_path", in: "path", required: true, deprecated: false, schemaType: "string" }],
    });
    expect(keySegments(renamed)).toEqual([
      { kind: "literal", text: "ns" },
      { kind: "param", field: "path_path" },
    ]);
  });
});

describe("keys that could be equal get the function name as one more segment; the plain GET keeps its own", () => {
  const suffixes = (ops: OperationModel[]) => Object.fromEntries(keyedOperations(ops).map((k) => [k.op.name, k.suffix ?? null]));
  test.each([
    [
      "a GET and a HEAD of one path",
      [op("GET /pets/{id}", "getPet"), op("HEAD /pets/{id}", "checkPet")],
      { getPet: null, checkPet: "checkPet" },
    ],
    [
      "Box's #variants of one path",
      [op("GET /files/{id}", "getFile"), op("GET /files/{id}#shared", "getSharedLink")],
      { getFile: null, getSharedLink: "getSharedLink" },
    ],
    [
      "a list beside a streamed POST",
      [op("GET /chat/completions", "listChats"), op("POST /chat/completions", "createChat", { streaming: {} as never })],
      { listChats: null, createChat: "createChat" },
    ],
    ["parameters named differently are the same place", [op("GET /a/{x}", "one"), op("HEAD /a/{y}", "two")], { one: null, two: "two" }],
    ["paths that differ", [op("GET /a/{x}", "one"), op("GET /a/{x}/b", "two")], { one: null, two: null }],
    ["no plain GET: every one named", [op("HEAD /a", "one"), op("GET /a?beta=true", "two")], { one: "one", two: "two" }],
  ])("%s", (_, ops, want) => expect(suffixes(ops)).toEqual(want));
});

/** `query(bound fields)` for each invalidation, as the table reads. */
const show = (entries: readonly Invalidation[]) =>
  entries.map((e) => `${e.query.name}(${e.bind.map(([field, from]) => (field === from ? field : `${field}←${from}`)).join(", ")})`);

describe("what a mutation makes stale, from the paths alone", () => {
  const queries = [
    op("GET /pets", "listPets"),
    op("GET /pets/{petId}", "getPet"),
    op("GET /pets/{petId}/photos", "listPetPhotos"),
    op("GET /pets/{petId}/photos/{photoId}", "getPetPhoto"),
    op("GET /owners", "listOwners"),
    op("GET /uploads/{id}/parts", "listParts"),
    op("GET /Accounts/{Sid}/Calls.json", "listCalls"),
    op("GET /Accounts/{Sid}/Calls/{CallSid}.json", "getCall"),
    op("GET /stats", "getStats"),
  ];
  test.each([
    ["PATCH /pets/{petId}", ["listPets()", "getPet(petId)", "listPetPhotos(petId)", "getPetPhoto(petId)"]],
    ["DELETE /pets/{petId}", ["listPets()", "getPet(petId)", "listPetPhotos(petId)", "getPetPhoto(petId)"]],
    // Named differently, the same place: bound by position.
    ["PUT /pets/{id}", ["listPets()", "getPet(petId←id)", "listPetPhotos(petId←id)", "getPetPhoto(petId←id)"]],
    ["POST /pets", ["listPets()"]],
    // An action on an item: the item's.
    ["POST /pets/{petId}/feed", ["listPets()", "getPet(petId)", "listPetPhotos(petId)", "getPetPhoto(petId)"]],
    // A collection under an item: its lists, not its parent.
    ["POST /pets/{petId}/photos", ["listPetPhotos(petId)"]],
    ["DELETE /pets/{petId}/photos/{photoId}", ["listPetPhotos(petId)", "getPetPhoto(petId, photoId)"]],
    // A DELETE of a collection: everything under it, for every value of what its path does not give.
    ["DELETE /pets", ["listPets()", "getPet()", "listPetPhotos()", "getPetPhoto()"]],
    ["POST /uploads/{id}/parts", ["listParts(id)"]],
    // An action on an item no query reads: what is under it.
    ["POST /uploads/{id}/complete", ["listParts(id)"]],
    ["POST /embeddings", []],
    ["POST /images/edits", []],
    ["POST /Accounts/{Sid}/Calls/{CallSid}.json", ["listCalls(Sid)", "getCall(Sid, CallSid)"]],
    ["POST /Accounts/{Sid}/Calls.json", ["listCalls(Sid)"]],
  ])("%s", (route, want) => {
    const mutation = op(route, "mutate");
    expect(show(invalidations([mutation], queries).get("mutate")!)).toEqual(want);
  });
});

describe('the config\'s "invalidates" replaces the rule for the mutations it names', () => {
  const queries = [
    op("GET /pets", "listPets"),
    op("GET /owners/{ownerId}", "getOwner"),
    op("GET /pets/{id}", "getPet", { tags: ["Pets"] }),
  ];
  const adopt = op("POST /adoptions/{ownerId}", "adopt");
  const patch = op("PATCH /pets/{id}", "updatePet");

  test("by function name, operationId, tag or METHOD /path; parameters bound by position where the paths agree, else by name", () => {
    const table = invalidations([adopt, patch], queries, { invalidates: { adopt: ["GET /owners/*", "Pets"] } });
    expect(show(table.get("adopt")!)).toEqual(["getOwner(ownerId)", "getPet()"]);
    expect(show(table.get("updatePet")!)).toEqual(["listPets()", "getPet(id)"]);
  });

  test("an empty list makes nothing stale; the first entry that matches decides", () => {
    const table = invalidations([adopt, patch], queries, { invalidates: { "PATCH /pets/*": [], updatePet: ["listPets"] } });
    expect(table.get("updatePet")).toEqual([]);
  });

  test.each([
    [{ getPet: ["listPets"] }, '"invalidates" names "getPet", which matches no mutation', "/invalidates/getPet"],
    [{ adopt: ["listPets", "nothing*"] }, '"nothing*" (for "adopt") matches no query', "/invalidates/adopt/1"],
  ])("%j is an InputError at its place in the config", (invalidates, message, pointer) => {
    const run = () => invalidations([adopt], queries, { invalidates, file: "spec/pets.config.json", pointer: "/invalidates" });
    expect(run).toThrow(InputError);
    try {
      run();
    } catch (e) {
      expect((e as InputError).problems[0]).toMatchObject({
        file: "spec/pets.config.json",
        pointer,
        message: expect.stringContaining(message),
      });
    }
  });
});

describe("what each operation gets", () => {
  const model = (operations: OperationModel[]): ApiModel => ({
    document: { openapi: "3.0.3" } as ApiModel["document"],
    notes: [],
    enums: [],
    title: "t",
    version: "1",
    baseUrl: "",
    securitySchemes: {},
    operations,
    schemas: [],
  });
  const plan = (operations: OperationModel[]) =>
    Object.fromEntries(
      queryPlan(model(operations), { api: "pets", document: "spec/pets.yaml" }).operations.map((q) => [
        q.op.name,
        [q.options, q.infinite, q.stream, q.mutation, q.key?.name, q.key?.type].filter(Boolean),
      ]),
    );

  test("queries, infinite queries, streams and mutations, each with its key and key type", () => {
    expect(
      plan([
        op("GET /pets", "listPets", { pagination: { style: "cursor" } as never }),
        op("HEAD /pets", "checkPets"),
        op("GET /pets/{id}/events", "watchPet", { streaming: {} as never }),
        op("POST /chat", "chat", { streaming: { toggle: "stream" } as never }),
        op("DELETE /pets/{id}", "deletePet"),
      ]),
    ).toEqual({
      listPets: ["listPetsOptions", "listPetsInfiniteOptions", "listPetsKey", "ListPetsKey"],
      checkPets: ["checkPetsOptions", "checkPetsKey", "CheckPetsKey"],
      watchPet: ["watchPetStreamOptions", "watchPetKey", "WatchPetKey"],
      chat: ["chatStreamOptions", "chatMutation", "chatKey", "ChatKey"],
      deletePet: ["deletePetMutation"],
    });
  });

  test("a key type name another type has is made unique", () => {
    const taken = op("GET /a", "list", { types: { ...op("GET /a", "list").types, item: "ListKey" } });
    expect(plan([taken]).list).toContain("ListKey_");
  });

  test("two operations whose functions would share an export name are an InputError naming both", () => {
    const run = () => plan([op("GET /a", "list", { pagination: { style: "page" } as never }), op("GET /b", "listInfinite")]);
    expect(run).toThrow("query.js would export listInfiniteOptions for both list and listInfinite");
  });
});
