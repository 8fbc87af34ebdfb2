import { componentOf, componentRef, mappingRef, schemaNameOf } from "../../src/document/component-names.js";
import { DocumentEdit } from "../../src/document/edit.js";
import { deref, reachableComponents, resolve, resolveWhere } from "../../src/document/refs.js";
import { forEachSchemaRoot } from "../../src/document/schema-roots.js";
import { mapSubschemas, subschemas, walkSchema } from "../../src/document/schema-walk.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { InputError } from "../../src/util/input-error.js";

describe("the component-name codec", () => {
  test.each<[string, unknown, ReturnType<typeof componentOf>]>([
    ["a schema", "#/components/schemas/Upload", { kind: "schemas", name: "Upload", rest: [] }],
    ["escaped and URI-encoded names", "#/components/schemas/a~1b%20c~0d", { kind: "schemas", name: "a/b c~d", rest: [] }],
    ["below a component", "#/components/schemas/Tag/allOf/0", { kind: "schemas", name: "Tag", rest: ["allOf", "0"] }],
    ["not a component", "#/paths/~1a/get", undefined],
    ["another file", "other.yaml#/components/schemas/A", undefined],
    ["not a string", 42, undefined],
  ])("componentOf: %s", (_, ref, want) => expect(componentOf(ref)).toEqual(want));

  test("schemaNameOf names whole component schemas only, from a $ref or a node holding one", () => {
    expect(schemaNameOf({ $ref: "#/components/schemas/a~1b" })).toBe("a/b");
    expect(schemaNameOf("#/components/schemas/A/properties/x")).toBeUndefined();
    expect(schemaNameOf("#/components/parameters/A")).toBeUndefined();
  });

  test("componentRef escapes, and round-trips through componentOf", () => {
    expect(componentRef("schemas", "a/b~c")).toBe("#/components/schemas/a~1b~0c");
    expect(componentOf(componentRef("schemas", "a/b~c"))).toEqual({ kind: "schemas", name: "a/b~c", rest: [] });
  });

  test("mappingRef: a discriminator mapping's bare name is a component schema", () => {
    expect(mappingRef("Dog")).toBe("#/components/schemas/Dog");
    expect(mappingRef("#/components/schemas/Dog")).toBe("#/components/schemas/Dog");
    expect(mappingRef("other.yaml#/Dog")).toBe("other.yaml#/Dog");
  });
});

describe("the one $ref walk", () => {
  const doc = {
    openapi: "3.1.0",
    components: {
      schemas: {
        A: { $ref: "#/components/schemas/B" },
        B: { type: "string" },
        Loop: { $ref: "#/components/schemas/Loop2" },
        Loop2: { $ref: "#/components/schemas/Loop" },
      },
    },
  } as unknown as OpenApiDocument;

  test("follows a chain to what it names, and says where that is", () => {
    expect(resolve(doc, { $ref: "#/components/schemas/A" }, "f.yaml", "/x")).toEqual({ type: "string" });
    expect(resolveWhere(doc, { $ref: "#/components/schemas/A" }, "f.yaml", "/x").at).toBe("/components/schemas/B");
    expect(resolveWhere(doc, { type: "integer" }, "f.yaml", "/x").at).toBe("/x");
  });

  test.each([
    ["a loop", "#/components/schemas/Loop", /leads back to itself/],
    ["nothing there", "#/components/schemas/Nope", /Can't resolve \$ref "#\/components\/schemas\/Nope"/],
    ["another file", "other.yaml#/A", /cannot follow/],
  ])("reporting: %s is an InputError at the place; silent: undefined", (_, ref, message) => {
    let error: unknown;
    try {
      resolve(doc, { $ref: ref }, "f.yaml", "/paths/~1a");
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({
      file: "f.yaml",
      pointer: "/paths/~1a",
      message: expect.stringMatching(message),
    });
    expect(deref(doc, { $ref: ref })).toBeUndefined();
  });

  test("reachableComponents: through $refs and discriminator mappings (by name too), a part reaching its whole component", () => {
    const d = {
      components: {
        schemas: {
          U: { oneOf: [], discriminator: { propertyName: "k", mapping: { a: "A", b: "#/components/schemas/B" } } },
          A: { properties: { c: { $ref: "#/components/schemas/C/properties/x" } } },
          B: {},
          C: { properties: { x: {} } },
          Unused: {},
        },
      },
    } as unknown as OpenApiDocument;
    expect([...reachableComponents(d, [{ $ref: "#/components/schemas/U" }])].sort()).toEqual(
      ["A", "B", "C", "U"].map((n) => `#/components/schemas/${n}`),
    );
  });
});

describe("the subschema walker", () => {
  const schema = {
    type: "object",
    properties: { a: { type: "string" }, b: { items: { type: "integer" } } },
    allOf: [{ $ref: "#/x" }],
    additionalProperties: { type: "boolean" },
  };

  test("subschemas: every keyword that holds one", () => {
    expect(subschemas(schema)).toEqual([{ type: "boolean" }, { $ref: "#/x" }, { type: "string" }, { items: { type: "integer" } }]);
  });

  test("walkSchema: parents first, with their paths", () => {
    const seen: string[] = [];
    walkSchema(schema, (_, path) => void seen.push(path.join("/")), ["root"]);
    expect(seen).toEqual([
      "root",
      "root/additionalProperties",
      "root/allOf/0",
      "root/properties/a",
      "root/properties/b",
      "root/properties/b/items",
    ]);
  });

  test("mapSubschemas: copy-on-write", () => {
    expect(mapSubschemas(schema, (s) => s)).toBe(schema);
    const out = mapSubschemas(schema, (s, [k, key]) => (k === "properties" && key === "a" ? { type: "number" } : s));
    expect(out).not.toBe(schema);
    expect(out.properties.a).toEqual({ type: "number" });
    expect(out.properties.b).toBe(schema.properties.b);
    expect(out.allOf).toBe(schema.allOf);
  });

  test("forEachSchemaRoot: components, parameters, media types and headers; never examples", () => {
    const d = {
      paths: {
        "/a": {
          get: {
            parameters: [{ name: "q", in: "query", schema: { type: "integer" } }],
            responses: {
              "200": { content: { "application/json": { schema: {}, example: { schema: 1 } } }, headers: { X: { schema: {} } } },
            },
          },
        },
      },
      components: { schemas: { S: {} }, parameters: { P: { schema: {} } } },
    } as unknown as OpenApiDocument;
    const at: string[] = [];
    forEachSchemaRoot(d, (_, pointer) => at.push(pointer));
    expect(at.sort()).toEqual([
      "/components/parameters/P/schema",
      "/components/schemas/S",
      "/paths/~1a/get/parameters/0/schema",
      "/paths/~1a/get/responses/200/content/application~1json/schema",
      "/paths/~1a/get/responses/200/headers/X/schema",
    ]);
  });
});

describe("DocumentEdit", () => {
  test("copies each container on the way once, shares the rest, never changes the input", () => {
    const input = { a: { b: { c: 1 }, d: { e: 2 } }, f: [1, 2] };
    const frozen = JSON.stringify(input);
    const edit = new DocumentEdit(input);
    edit.set(["a", "b", "c"], 10);
    edit.set(["a", "b", "x"], 11);
    edit.update(["f", 1], (v) => v + 1);
    edit.update(["a", "d"], (v) => v);
    expect(edit.result).toEqual({ a: { b: { c: 10, x: 11 }, d: { e: 2 } }, f: [1, 3] });
    expect(JSON.stringify(input)).toBe(frozen);
    expect(edit.result.a.d).toBe(input.a.d);
  });

  test("keys are data: __proto__ is an own property", () => {
    const edit = new DocumentEdit<Record<string, unknown>>({ m: {} });
    edit.set(["m", "__proto__"], { polluted: true });
    const m = edit.result.m as Record<string, unknown>;
    expect(Object.hasOwn(m, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

test("forEachSchemaRoot enters no extension: GitHub's x-github-breaking-changes holds whole operations", () => {
  const d = {
    paths: {
      "/a": {
        get: { "x-github-breaking-changes": [{ patch: { responses: { "200": { content: { "application/json": { schema: null } } } } } }] },
      },
    },
  };
  const at: string[] = [];
  forEachSchemaRoot(d as unknown as OpenApiDocument, (_, pointer) => at.push(pointer));
  expect(at).toEqual([]);
});
