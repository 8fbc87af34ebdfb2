// The repairs of faults that touch a few parts of a document: what stands in for each, copy-on-write.
import { repairDocument, UNRESOLVED, type Fault } from "../../src/load/local-faults.js";

const doc = () => ({
  paths: {
    "/a": {
      tags: [],
      get: {
        parameters: [{ $ref: "#/components/parameters/Gone" }, { name: "x", in: "query" }, { $ref: "#/components/parameters/Gone2" }],
        requestBody: { $ref: "#/components/requestBodies/Gone" },
        responses: { "200": { $ref: "#/components/responses/Gone" }, default: null },
      },
    },
  },
  components: {
    schemas: {
      A: {
        properties: { b: { $ref: "#/components/schemas/Nope" } },
        discriminator: { mapping: { x: "gone.yml", y: "#/components/schemas/A" } },
      },
    },
    headers: { H: { $ref: "#/components/headers/Gone" } },
  },
});

test.each<[string, Fault, (d: any) => unknown, unknown]>([
  [
    "a schema",
    { kind: "unresolved", pointer: "/components/schemas/A/properties/b", ref: "#/components/schemas/Nope" },
    (d) => d.components.schemas.A.properties.b,
    { [UNRESOLVED]: "#/components/schemas/Nope" },
  ],
  [
    "a mapping entry",
    { kind: "unresolved", pointer: "/components/schemas/A/discriminator/mapping/x", ref: "gone.yml" },
    (d) => d.components.schemas.A.discriminator.mapping,
    { y: "#/components/schemas/A" },
  ],
  [
    "a request body",
    { kind: "unresolved", pointer: "/paths/~1a/get/requestBody", ref: "R" },
    (d) => d.paths["/a"].get.requestBody,
    { content: { "application/json": { schema: { [UNRESOLVED]: "R" } } } },
  ],
  [
    "a response",
    { kind: "unresolved", pointer: "/paths/~1a/get/responses/200", ref: "R" },
    (d) => d.paths["/a"].get.responses["200"].content,
    { "application/json": { schema: { [UNRESOLVED]: "R" } } },
  ],
  [
    "a header component",
    { kind: "unresolved", pointer: "/components/headers/H", ref: "R" },
    (d) => d.components.headers.H,
    { schema: { [UNRESOLVED]: "R" } },
  ],
  ["a null", { kind: "null", pointer: "/paths/~1a/get/responses/default" }, (d) => Object.keys(d.paths["/a"].get.responses), ["200"]],
  ["an unexpected key", { kind: "unexpected", pointer: "/paths/~1a/tags", key: "tags" }, (d) => Object.keys(d.paths["/a"]), ["get"]],
])("%s", (_name, fault, at, expected) => {
  const input = doc();
  const before = JSON.stringify(input);
  expect(at(repairDocument(input, [fault]))).toEqual(expected);
  expect(JSON.stringify(input)).toBe(before);
});

test("parameters are left out, their indexes taken before any is removed", () => {
  const faults: Fault[] = [
    { kind: "unresolved", pointer: "/paths/~1a/get/parameters/0", ref: "#/components/parameters/Gone" },
    { kind: "unresolved", pointer: "/paths/~1a/get/parameters/2", ref: "#/components/parameters/Gone2" },
  ];
  expect(repairDocument(doc(), faults).paths["/a"].get.parameters).toEqual([{ name: "x", in: "query" }]);
});
