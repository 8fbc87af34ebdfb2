import { validatorFor, type Issue } from "./load.js";

type Row = [string, { schema: unknown; valid: unknown[]; invalid: Array<[unknown, Array<Partial<Issue>>]> }];

const blob = new Blob(["abc"]);

describe("compileSchemas: each keyword, valid values pass and invalid ones give these issues", () => {
  test.each<Row>([
    ["type", { schema: { type: "string" }, valid: ["", "a"], invalid: [[1, [{ path: "", keyword: "type", message: "must be string" }]]] }],
    [
      "type list with null",
      {
        schema: { type: ["integer", "null"] },
        valid: [1, null, 2.0],
        invalid: [
          [1.5, [{ keyword: "type" }]],
          ["1", [{ keyword: "type" }]],
        ],
      },
    ],
    [
      "enum and const",
      {
        schema: { enum: ["a", 1, null, { b: 2 }] },
        valid: ["a", 1, null, { b: 2 }],
        invalid: [
          ["b", [{ keyword: "enum" }]],
          [{ b: 3 }, [{ keyword: "enum" }]],
          [true, [{ keyword: "enum" }]],
        ],
      },
    ],
    [
      "const with an object",
      { schema: { const: { a: [1, 2] } }, valid: [{ a: [1, 2] }], invalid: [[{ a: [2, 1] }, [{ keyword: "const" }]]] },
    ],
    [
      "large enum uses a Set",
      { schema: { enum: ["a", "b", "c", "d", "e", "f", "g", "h"] }, valid: ["h"], invalid: [["z", [{ keyword: "enum" }]]] },
    ],
    [
      "required and properties point at the property",
      {
        schema: {
          type: "object",
          required: ["bytes", "name"],
          properties: { bytes: { type: "integer", minimum: 0 }, name: { type: "string" } },
        },
        valid: [
          { bytes: 0, name: "a" },
          { bytes: 1, name: "b", extra: true },
        ],
        invalid: [
          [{ name: "a" }, [{ path: "/bytes", keyword: "required", message: "is required" }]],
          [
            { bytes: -1, name: 2 },
            [
              { path: "/bytes", keyword: "minimum" },
              { path: "/name", keyword: "type" },
            ],
          ],
        ],
      },
    ],
    [
      "names Object.prototype has are own properties only",
      {
        schema: { type: "object", required: ["toString", "__proto__"] },
        valid: [JSON.parse('{"toString": 1, "__proto__": 2}')],
        invalid: [[{}, [{ path: "/__proto__" }, { path: "/toString" }]]],
      },
    ],
    [
      "additionalProperties false and patternProperties",
      {
        schema: { type: "object", properties: { a: {} }, patternProperties: { "^x-": { type: "string" } }, additionalProperties: false },
        valid: [{ a: 1, "x-b": "c" }],
        invalid: [
          [
            { "x-b": 1, "c/d": 0 },
            [
              { path: "/c~1d", keyword: "additionalProperties" },
              { path: "/x-b", keyword: "type" },
            ],
          ],
        ],
      },
    ],
    [
      "additionalProperties schema",
      {
        schema: { additionalProperties: { type: "number" } },
        valid: [{ a: 1 }, "not an object"],
        invalid: [[{ a: "1" }, [{ path: "/a", keyword: "type" }]]],
      },
    ],
    [
      "propertyNames, min/maxProperties",
      {
        schema: { propertyNames: { maxLength: 2 }, minProperties: 1, maxProperties: 2 },
        valid: [{ ab: 1 }],
        invalid: [
          [{}, [{ keyword: "minProperties" }]],
          [{ abc: 1 }, [{ path: "/abc", keyword: "maxLength" }]],
        ],
      },
    ],
    [
      "dependentRequired",
      {
        schema: { dependentRequired: { card: ["billing"] } },
        valid: [{}, { card: 1, billing: 2 }],
        invalid: [[{ card: 1 }, [{ path: "/billing", keyword: "dependentRequired" }]]],
      },
    ],
    [
      "items, prefixItems, min/maxItems, uniqueItems",
      {
        schema: {
          type: "array",
          prefixItems: [{ type: "string" }],
          items: { type: "integer" },
          minItems: 1,
          maxItems: 3,
          uniqueItems: true,
        },
        valid: [["a"], ["a", 1, 2]],
        invalid: [
          [[], [{ keyword: "minItems" }]],
          [["a", 1, 1], [{ keyword: "uniqueItems" }]],
          [
            [1, "b"],
            [
              { path: "/0", keyword: "type" },
              { path: "/1", keyword: "type" },
            ],
          ],
        ],
      },
    ],
    [
      "contains with maxContains",
      {
        schema: { contains: { const: 1 }, maxContains: 1 },
        valid: [[1, 2]],
        invalid: [
          [[2], [{ keyword: "contains" }]],
          [[1, 1], [{ keyword: "maxContains" }]],
        ],
      },
    ],
    [
      "numbers",
      {
        schema: { type: "number", exclusiveMinimum: 0, maximum: 10, multipleOf: 0.5 },
        valid: [0.5, 10],
        invalid: [
          [0, [{ keyword: "exclusiveMinimum" }]],
          [10.5, [{ keyword: "maximum" }]],
          [0.7, [{ keyword: "multipleOf" }]],
        ],
      },
    ],
    [
      "minLength counts code points",
      {
        schema: { type: "string", minLength: 2, maxLength: 2 },
        valid: ["ab", "😀😀"],
        invalid: [
          ["😀", [{ keyword: "minLength" }]],
          ["abc", [{ keyword: "maxLength" }]],
        ],
      },
    ],
    [
      "pattern is a search, with the u flag",
      { schema: { pattern: "^\\p{Lu}" }, valid: ["Ab", 1], invalid: [["ab", [{ keyword: "pattern" }]]] },
    ],
    [
      "formats that matter on the wire",
      {
        schema: {
          type: "object",
          properties: {
            t: { format: "date-time" },
            u: { format: "uuid" },
            m: { format: "email" },
            l: { format: "uri" },
            i: { type: "integer", format: "int32" },
            j: { type: "integer", format: "int64" },
            d: { format: "date" },
          },
        },
        valid: [
          {
            t: "2024-02-29T23:59:60Z",
            u: "123e4567-e89b-12d3-a456-426614174000",
            m: "a@b.co",
            l: "https://x.y/z?q#f",
            i: 2147483647,
            j: 2 ** 53 + 2,
            d: "2024-02-29",
          },
        ],
        invalid: [
          [
            { t: "2023-02-29T00:00:00Z", u: "123", m: "a@", l: "no scheme", i: 2147483648, d: "2024-13-01" },
            [{ path: "/d" }, { path: "/i" }, { path: "/l" }, { path: "/m" }, { path: "/t" }, { path: "/u" }],
          ],
        ],
      },
    ],
    [
      "x-binary: what the runtime sends as bytes, or a string",
      {
        schema: { "x-binary": true },
        valid: [blob, new Uint8Array(2), new ArrayBuffer(1), new DataView(new ArrayBuffer(1)), new ReadableStream(), "text"],
        invalid: [
          [{}, [{ keyword: "type" }]],
          [1, [{ keyword: "type" }]],
        ],
      },
    ],
    [
      "x-forbidden: readOnly",
      {
        schema: { properties: { id: { not: {}, "x-forbidden": "readOnly" } } },
        valid: [{}],
        invalid: [[{ id: "1" }, [{ path: "/id", keyword: "readOnly", message: "is read-only and must not be sent" }]]],
      },
    ],
    [
      "allOf",
      {
        schema: { allOf: [{ required: ["a"] }, { required: ["b"] }] },
        valid: [{ a: 1, b: 2 }],
        invalid: [[{}, [{ path: "/a" }, { path: "/b" }]]],
      },
    ],
    [
      "anyOf reports the closest branch",
      {
        schema: { anyOf: [{ type: "string" }, { type: "object", required: ["id"] }] },
        valid: ["a", { id: 1 }],
        invalid: [[{}, [{ keyword: "anyOf" }, { path: "/id", keyword: "required" }]]],
      },
    ],
    [
      "anyOf with null (nullable's shape) reports the other branch directly",
      {
        schema: { anyOf: [{ type: "null" }, { type: "object", required: ["id"] }] },
        valid: [null, { id: 1 }],
        invalid: [
          [{}, [{ path: "/id", keyword: "required" }]],
          [1, [{ keyword: "type" }]],
        ],
      },
    ],
    [
      "oneOf: exactly one",
      {
        schema: { oneOf: [{ type: "integer" }, { minimum: 2 }] },
        valid: [1, 2.5],
        invalid: [[3, [{ keyword: "oneOf", message: "must match only one schema in oneOf" }]]],
      },
    ],
    ["not", { schema: { not: { type: "string" } }, valid: [1], invalid: [["a", [{ keyword: "not" }]]] }],
    [
      "if/then/else",
      {
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
        schema: { if: { type: "string" }, then: { minLength: 2 }, else: { minimum: 5 } },
        valid: ["ab", 5],
        invalid: [
          ["a", [{ keyword: "minLength" }]],
          [4, [{ keyword: "minimum" }]],
        ],
      },
    ],
    [
      "boolean schemas",
      {
        schema: { properties: { no: false, yes: true } },
        valid: [{ yes: 1 }],
        invalid: [[{ no: 1 }, [{ path: "/no", keyword: "false" }]]],
      },
    ],
    [
      "recursive $ref",
      {
        schema: {
          $defs: { node: { type: "object", properties: { next: { $ref: "#/$defs/node" }, v: { type: "integer" } } } },
          $ref: "#/$defs/node",
        },
        valid: [{ v: 1, next: { v: 2, next: {} } }],
        invalid: [[{ next: { next: { v: "x" } } }, [{ path: "/next/next/v", keyword: "type" }]]],
      },
    ],
  ])("%s", (_, { schema, valid, invalid }) => {
    const validate = validatorFor(schema);
    for (const value of valid) expect(validate(value)).toEqual([]);
    for (const [value, want] of invalid) {
      const got = validate(value).map((i) => ({ ...i }));
      const sorted = [...got].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
      expect(want.length === got.length ? (want[0]?.keyword === "anyOf" ? got : sorted) : got).toEqual(
        want.map((w) => expect.objectContaining(w)),
      );
    }
  });
});

describe("compileSchemas: OpenAPI's discriminator", () => {
  const root = {
    $defs: {
      Cat: { type: "object", required: ["kind", "claws"], properties: { kind: { const: "cat" }, claws: { type: "integer" } } },
      Dog: { type: "object", required: ["kind"], properties: { kind: { enum: ["dog", "puppy"] }, bark: { type: "string" } } },
    },
    oneOf: [{ $ref: "#/$defs/Cat" }, { $ref: "#/$defs/Dog" }],
    discriminator: { propertyName: "kind" },
  };
  const validate = validatorFor(root);

  test.each<[string, unknown, Array<Partial<Issue>>]>([
    ["a cat", { kind: "cat", claws: 10 }, []],
    ["a puppy, by the branch's enum", { kind: "puppy" }, []],
    ["the chosen branch's issues only", { kind: "cat", claws: "sharp" }, [{ path: "/claws", keyword: "type" }]],
    [
      "an unknown value, when every branch pins its value",
      { kind: "cow" },
      [{ path: "/kind", keyword: "discriminator", message: 'must be one of "cat", "dog", "puppy"' }],
    ],
    ["no value: the plain oneOf", { claws: 1 }, [{ keyword: "oneOf" }, { path: "/kind", keyword: "required" }]],
  ])("%s", (_, value, want) => {
    expect(validate(value)).toEqual(want.map((w) => expect.objectContaining(w)));
  });

  test("a mapping names branches by $ref", () => {
    const mapped = validatorFor({ ...root, discriminator: { propertyName: "kind", mapping: { kitty: "#/$defs/Cat" } } });
    expect(mapped({ kind: "kitty", claws: 1 })).toEqual([expect.objectContaining({ path: "/kind", keyword: "const" })]);
    expect(mapped({ kind: "dog" })).toEqual([]);
  });
});
