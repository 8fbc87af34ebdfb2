import { parseText } from "../../src/load/parse-text.js";
import { pointer, pointerSegments } from "../../src/document/pointer.js";

describe("parseText", () => {
  test.each<[string, string, string, unknown]>([
    ["an unquoted date stays a string, as Redocly reads it", "x.yaml", "version: 2024-06-01\n", { version: "2024-06-01" }],
    ["merge keys work", "x.yaml", "a: &a { x: 1 }\nb: { <<: *a, y: 2 }\n", { a: { x: 1 }, b: { x: 1, y: 2 } }],
    ["a byte order mark is ignored", "x.json", '\ufeff{"a": 1}', { a: 1 }],
    ["YAML in flow style may start with {", "x.yaml", "{ a: 1, b: [x, y] }", { a: 1, b: ["x", "y"] }],
    ["yes and on are strings, as in YAML 1.2", "x.yaml", "a: yes\nb: on\n", { a: "yes", b: "on" }],
  ])("%s", (_, file, text, want) => expect(parseText(text, file)).toEqual(want));
});

describe("JSON pointers", () => {
  test.each<[string, string[]]>([
    ["#/components/schemas/A%20B", ["components", "schemas", "A B"]],
    ["#/paths/~1a~1{id}", ["paths", "/a/{id}"]],
    ["#/bad%", ["bad%"]],
  ])("a $ref fragment %j is URI-decoded", (ref, want) => expect(pointerSegments(ref)).toEqual(want));

  test("a pointer built from names is not decoded: a path may hold %", () => {
    expect(pointerSegments(pointer(["paths", "/rate%/a%20b", "get"]))).toEqual(["paths", "/rate%/a%20b", "get"]);
  });
});
