import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { readConfig } from "../../src/load/config.js";
import { InputError } from "../../src/util/input-error.js";
import { root } from "../tsc.js";

const dir = path.join(root, ".tmp", "config-test");
const read = async (config: unknown) => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "api.config.json"), JSON.stringify(config, null, 2));
  return readConfig("api.config.json", dir);
};

test("the pagination setting: operations or patterns, each false or a style with where its values are", async () => {
  const pagination = {
    listFiles: { style: "cursor", param: "after", next: "$.last_id" },
    "GET /logs": false,
    "admin-*": { style: "link" },
  };
  await expect(read({ pagination })).resolves.toMatchObject({ pagination });
  await expect(read({ include: ["x"] })).resolves.not.toHaveProperty("pagination");
});

test.each<[string, unknown, string, string]>([
  ["not an object", [], '"pagination" must map operations to settings', "/pagination"],
  ["an entry that is true", { listFiles: true }, 'the pagination of "listFiles" must be false or an object', "/pagination/listFiles"],
  ["no style", { listFiles: { param: "after" } }, 'the pagination of "listFiles" needs a style', "/pagination/listFiles/style"],
  ["an unknown style", { listFiles: { style: "token" } }, 'the pagination of "listFiles" needs a style', "/pagination/listFiles/style"],
  [
    "an unknown field",
    { listFiles: { style: "cursor", cursor: "$.x" } },
    'unknown pagination field "cursor"',
    "/pagination/listFiles/cursor",
  ],
  [
    "a path that is not a string",
    { listFiles: { style: "cursor", next: 1 } },
    'the pagination field "next" must be a string',
    "/pagination/listFiles/next",
  ],
  [
    "a first page that is not an integer",
    { "GET /x/{id}": { style: "page", firstPage: "1" } },
    'the pagination field "firstPage" must be an integer',
    "/pagination/GET ~1x~1{id}/firstPage",
  ],
])("a pagination setting that is %s is an error with its place", async (_, pagination, message, pointer) => {
  const error = await read({ pagination }).catch((e: InputError) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).problems[0]).toMatchObject({ message, pointer, file: "api.config.json", line: expect.any(Number) });
});

test('"query": "tanstack", and "invalidates": mutations to the queries they make stale', async () => {
  const invalidates = { updatePet: ["getPet", "GET /pets"], "POST /adoptions": [] };
  await expect(read({ query: "tanstack", invalidates })).resolves.toMatchObject({ query: "tanstack", invalidates });
  await expect(read({ query: "tanstack" })).resolves.not.toHaveProperty("invalidates");
  await expect(read({})).resolves.not.toHaveProperty("query");
});

test.each<[string, unknown, string, string]>([
  ["another library", { query: "swr" }, '"query" must be "tanstack"', "/query"],
  ["invalidations without the query setting", { invalidates: {} }, '"invalidates" needs "query": "tanstack"', "/invalidates"],
  ["invalidations as a list", { query: "tanstack", invalidates: ["getPet"] }, '"invalidates" must map mutations', "/invalidates"],
  ["queries that are not a list", { query: "tanstack", invalidates: { updatePet: "getPet" } }, "must be a list", "/invalidates/updatePet"],
  ["an empty query pattern", { query: "tanstack", invalidates: { "PATCH /a/b": [""] } }, "must be a list", "/invalidates/PATCH ~1a~1b"],
])("a query setting with %s is an error with its place", async (_, config, message, pointer) => {
  const error = await read(config).catch((e: InputError) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).problems[0]).toMatchObject({ message: expect.stringContaining(message), pointer, line: expect.any(Number) });
});

test("the namespaces and mocks settings: a grouping or an object with hand-placed methods; true or a seed", async () => {
  const namespaces = { by: "paths", methods: { createThreadAndRun: "threads.createAndRun", listModels: false } };
  await expect(read({ namespaces, mocks: { seed: 7 } })).resolves.toMatchObject({ namespaces, mocks: { seed: 7 } });
  await expect(read({ namespaces: "tags", mocks: true })).resolves.toMatchObject({ namespaces: "tags", mocks: true });
});

test.each<[string, unknown, string, string]>([
  ["namespaces: another grouping", { namespaces: "operationId" }, '"namespaces" must be "tags" or "paths"', "/namespaces"],
  ["namespaces: an object without by", { namespaces: { methods: {} } }, '"namespaces.by" must be "tags" or "paths"', "/namespaces/by"],
  ["namespaces: an unknown field", { namespaces: { by: "tags", names: {} } }, 'unknown namespaces field "names"', "/namespaces/names"],
  [
    "namespaces: a method that is true",
    { namespaces: { by: "tags", methods: { a: true } } },
    'the method of "a" must be a dotted name or false',
    "/namespaces/methods/a",
  ],
  ["mocks: a string", { mocks: "yes" }, '"mocks" must be true, false or { "seed": n }', "/mocks"],
  ["mocks: a negative seed", { mocks: { seed: -1 } }, '"mocks.seed" must be a whole number', "/mocks/seed"],
])("%s is an error with its place", async (_, config, message, pointer) => {
  const error = await read(config).catch((e: InputError) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).problems[0]).toMatchObject({ message, pointer, file: "api.config.json", line: expect.any(Number) });
});
