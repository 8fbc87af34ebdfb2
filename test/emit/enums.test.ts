import { emitEnumDeclarations, emitEnumModule } from "../../src/emit/enums.js";
import { enumLists } from "../../src/model/enum-lists.js";
import type { OpenApiDocument } from "../../src/document/types.js";

const lists = (schemas: Record<string, unknown>, reserved: string[] = []) =>
  enumLists({ components: { schemas } } as unknown as OpenApiDocument, new Set(reserved)).map(({ name, values }) => [name, values]);

describe("enumLists: which enums get a list, under which name", () => {
  test.each<[string, Record<string, unknown>, string[], unknown[]]>([
    ["a named enum schema, under its name", { PetKind: { type: "string", enum: ["dog", "cat"] } }, [], [["PetKindValues", ["dog", "cat"]]]],
    [
      "a property's inline enum, under the schema's and the property's names",
      { Upload: { type: "object", properties: { status: { enum: ["a", "b"] } } } },
      [],
      [["UploadStatusValues", ["a", "b"]]],
    ],
    [
      "property names become PascalCase",
      { File: { properties: { mime_type: { enum: ["x"] }, "content-kind": { enum: [1, 2] } } } },
      [],
      [
        ["FileMimeTypeValues", ["x"]],
        ["FileContentKindValues", [1, 2]],
      ],
    ],
    [
      "an array property's item enum",
      { Pet: { properties: { tags: { type: "array", items: { enum: ["a"] } } } } },
      [],
      [["PetTagsValues", ["a"]]],
    ],
    [
      "properties of inline allOf members",
      { Dog: { allOf: [{ $ref: "#/components/schemas/Pet" }, { properties: { bark: { enum: ["loud"] } } }] } },
      [],
      [["DogBarkValues", ["loud"]]],
    ],
    ["3.1's null stays in the list", { S: { type: ["string", "null"], enum: ["a", null] } }, [], [["SValues", ["a", null]]]],
    [
      "no list for $ref properties, objects, or enums of objects",
      { A: { properties: { r: { $ref: "#/x" }, o: { type: "object", enum: [{}] }, j: { enum: [{ a: 1 }] } } } },
      [],
      [],
    ],
    ["a name that is taken gets a _", { Status: { enum: ["a"] } }, ["StatusValues"], [["StatusValues_", ["a"]]]],
    [
      "the named schema keeps the name another list would take",
      { UploadStatus: { enum: ["x"] }, Upload: { properties: { status: { enum: ["y"] } } } },
      [],
      [
        ["UploadStatusValues", ["x"]],
        ["UploadStatusValues_", ["y"]],
      ],
    ],
    ["a schema name that is no identifier", { "foo.bar-baz": { enum: [true] } }, [], [["FooBarBazValues", [true]]]],
  ])("%s", (_, schemas, reserved, want) => {
    expect(lists(schemas, reserved)).toEqual(want);
  });

  test("the module freezes each list and marks it pure; the declarations type it as a readonly tuple", () => {
    const found = enumLists(
      { components: { schemas: { K: { enum: ["a", 'b"\u2028', 2, null] } } } } as unknown as OpenApiDocument,
      new Set(),
    );
    expect(emitEnumModule(found)).toBe('export const KValues = /* @__PURE__ */ Object.freeze(["a", "b\\"\\u2028", 2, null]);\n');
    expect(emitEnumDeclarations(found)).toBe(
      '/** The values of `K`. */\nexport declare const KValues: readonly ["a", "b\\"\\u2028", 2, null];\n',
    );
    expect(emitEnumModule([])).toContain("export {};");
  });
});
