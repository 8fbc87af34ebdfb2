import type { OpenApiDocument } from "../../src/document/types.js";
import { applySchemaRules, type SchemaRule } from "../../src/normalise/schema-rules.js";
import { inlineRefs } from "../../src/normalise/inline-refs.js";
import { breakAliasCycles } from "../../src/normalise/alias-cycles.js";
import { nullTypeAsNullable } from "../../src/normalise/null-type.js";
import { requiredBranches } from "../../src/normalise/composition.js";
import { declareRequired } from "../../src/normalise/required-undeclared.js";
import { impliedArray } from "../../src/normalise/implied-array.js";
import { exclusiveBranches } from "../../src/normalise/exclusive-branches.js";
import { memberDiscriminator } from "../../src/normalise/member-discriminator.js";

const ref = ($ref: string) => ({ $ref });
const doc = (schemas: Record<string, unknown>, paths: Record<string, unknown> = {}) =>
  ({ openapi: "3.0.3", paths, components: { schemas } }) as unknown as OpenApiDocument;
const schemasOf = (d: OpenApiDocument) => d.components!.schemas as Record<string, any>;
/** One rule, as the normaliser's walk applies it. */
const rule = (r: SchemaRule) => (d: OpenApiDocument) => applySchemaRules(d, [r]);

describe("inlineRefs: references openapi-typescript cannot type become copies", () => {
  test.each<[string, OpenApiDocument, Record<string, unknown>]>([
    [
      "into an allOf member (PagerDuty's Tag/allOf/0)",
      doc({ Tag: { allOf: [{ type: "object", properties: { id: { type: "string" } } }] }, Use: ref("#/components/schemas/Tag/allOf/0") }),
      { Use: { type: "object", properties: { id: { type: "string" } } } },
    ],
    [
      "into a property (Linode's root_pass); 3.0 ignores the reference's siblings",
      doc({
        Disk: { type: "object", properties: { root_pass: { type: "string", writeOnly: true } } },
        Inst: { type: "object", properties: { root_pass: { $ref: "#/components/schemas/Disk/properties/root_pass", description: "d" } } },
      }),
      { Inst: { type: "object", properties: { root_pass: { type: "string", writeOnly: true } } } },
    ],
    [
      "3.1 applies them",
      {
        ...doc({
          Disk: { type: "object", properties: { root_pass: { type: "string" } } },
          Inst: { type: "object", properties: { root_pass: { $ref: "#/components/schemas/Disk/properties/root_pass", minLength: 8 } } },
        }),
        openapi: "3.1.0",
      },
      { Inst: { type: "object", properties: { root_pass: { type: "string", minLength: 8 } } } },
    ],
    [
      "into an array's items",
      doc({ L: { type: "array", items: { type: "integer" } }, I: ref("#/components/schemas/L/items") }),
      { I: { type: "integer" } },
    ],
    [
      "a whole component stays a reference",
      doc({ A: { type: "string" }, B: ref("#/components/schemas/A") }),
      { B: ref("#/components/schemas/A") },
    ],
    [
      "a target that reaches itself becomes a component of its own",
      doc({ T: { allOf: [{ type: "object", properties: { next: ref("#/components/schemas/T/allOf/0") } }] } }),
      {
        T: { allOf: [{ type: "object", properties: { next: ref("#/components/schemas/T_allOf_0") } }] },
        T_allOf_0: { type: "object", properties: { next: ref("#/components/schemas/T_allOf_0") } },
      },
    ],
  ])("%s", (_, given, want) => {
    const out = schemasOf(inlineRefs(given).document);
    for (const [name, schema] of Object.entries(want)) expect(out[name]).toEqual(schema);
  });

  test("a reference into paths (DigitalOcean) is copied, once", () => {
    const param = { name: "per_page", in: "query", schema: { type: "integer" } };
    const given = doc({}, { "/a": { get: { parameters: [param] } }, "/b": { get: { parameters: [ref("#/paths/~1a/get/parameters/0")] } } });
    const result = inlineRefs(given);
    expect((result.document.paths as any)["/b"].get.parameters[0]).toBe(param);
    expect(result.notes).toEqual(["1 $ref target(s) below a component or in paths copied where they are used"]);
  });

  test("a document without such references is returned as it is", () => {
    const plain = doc({ A: { type: "string" }, B: ref("#/components/schemas/A") });
    expect(inlineRefs(plain).document).toBe(plain);
  });
});

describe("breakAliasCycles: recursion TypeScript cannot write becomes unknown", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, number]>([
    [
      "through a union and a list (Vercel's EdgeConfigItemValue)",
      { V: { oneOf: [{ type: "string" }, { type: "array", items: ref("#/components/schemas/V") }] } },
      { V: { oneOf: [{ type: "string" }, { type: "array", items: {} }] } },
      1,
    ],
    ["an alias of itself", { A: ref("#/components/schemas/B"), B: ref("#/components/schemas/A") }, { B: {} }, 1],
    [
      "through an object's properties is fine",
      { N: { type: "object", properties: { next: ref("#/components/schemas/N") } } },
      { N: { type: "object", properties: { next: ref("#/components/schemas/N") } } },
      0,
    ],
  ])("%s", (_, schemas, want, notes) => {
    const result = breakAliasCycles(doc(schemas));
    for (const [name, schema] of Object.entries(want)) expect(schemasOf(result.document)[name]).toEqual(schema);
    expect(result.notes).toHaveLength(notes);
  });
});

describe("nullTypeAsNullable", () => {
  test("`type: null` beside a composition reads as nullable; alone it stays", () => {
    const result = rule(nullTypeAsNullable)(doc({ V: { type: "null", oneOf: [{ type: "string" }] }, N: { type: "null" } }));
    expect(schemasOf(result.document)).toEqual({ V: { oneOf: [{ type: "string" }], nullable: true }, N: { type: "null" } });
    expect(result.notes).toEqual(['/components/schemas/V: `type: "null"` beside a composition read as "or null"']);
  });
});

describe("requiredBranches", () => {
  const props = { a: { type: "string" }, b: { type: "integer" } };
  test.each<[string, Record<string, unknown>, Record<string, unknown>, number]>([
    [
      "anyOf branches listing required properties get them, and move beside the object (GitHub)",
      { type: "object", properties: props, anyOf: [{ required: ["a"] }, { required: ["b"] }] },
      {
        type: "object",
        properties: props,
        allOf: [
          {
            anyOf: [
              { required: ["a"], type: "object", properties: { a: props.a } },
              { required: ["b"], type: "object", properties: { b: props.b } },
            ],
          },
        ],
      },
      1,
    ],
    [
      "oneOf branches too; oneOf stays where it is",
      { type: "object", properties: props, oneOf: [{ required: ["a"] }] },
      { type: "object", properties: props, oneOf: [{ required: ["a"], type: "object", properties: { a: props.a } }] },
      1,
    ],
    [
      "an anyOf beside properties is an intersection, whatever its branches",
      { properties: props, anyOf: [{ $ref: "#/components/schemas/X" }] },
      { properties: props, allOf: [{ anyOf: [{ $ref: "#/components/schemas/X" }] }] },
      0,
    ],
    ["a lone anyOf stays", { anyOf: [{ type: "string" }, { type: "integer" }] }, { anyOf: [{ type: "string" }, { type: "integer" }] }, 0],
  ])("%s", (_, given, want, notes) => {
    const result = rule(requiredBranches)(doc({ S: given }));
    expect(schemasOf(result.document).S).toEqual(want);
    expect(result.notes).toHaveLength(notes);
  });
});

describe("declareRequired", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, number]>([
    [
      "a required name without a schema is declared, unknown (Box's accessed)",
      { type: "object", required: ["id", "accessed"], properties: { id: { type: "string" } } },
      { type: "object", required: ["id", "accessed"], properties: { id: { type: "string" }, accessed: {} } },
      1,
    ],
    [
      "beside allOf a member may declare it: left alone",
      { allOf: [{ $ref: "#/components/schemas/B" }], required: ["id"], properties: { x: {} } },
      { allOf: [{ $ref: "#/components/schemas/B" }], required: ["id"], properties: { x: {} } },
      0,
    ],
    [
      "beside allOf that no member declares: declared (DigitalOcean's uptime check method)",
      { allOf: [{ $ref: "#/components/schemas/B" }], required: ["id", "method"] },
      { allOf: [{ $ref: "#/components/schemas/B" }], required: ["id", "method"], properties: { method: {} } },
      1,
    ],
    [
      "additionalProperties: false makes it unsatisfiable: left as written",
      { type: "object", required: ["a"], properties: { b: {} }, additionalProperties: false },
      { type: "object", required: ["a"], properties: { b: {} }, additionalProperties: false },
      0,
    ],
  ])("%s", (_, given, want, notes) => {
    const result = rule(declareRequired)(doc({ S: given, B: { type: "object", properties: { id: { type: "string" } } } }));
    expect(schemasOf(result.document).S).toEqual(want);
    expect(result.notes).toHaveLength(notes);
  });
});

describe("impliedArray", () => {
  test("items without a type is a list; with a type or a composition it stays", () => {
    const result = rule(impliedArray)(
      doc({ A: { items: { enum: ["a"] } }, B: { type: ["array", "null"], items: {} }, C: { oneOf: [{ type: "string" }], items: {} } }),
    );
    expect(schemasOf(result.document)).toEqual({
      A: { items: { enum: ["a"] }, type: "array" },
      B: { type: ["array", "null"], items: {} },
      C: { oneOf: [{ type: "string" }], items: {} },
    });
    expect(result.notes).toEqual(["/components/schemas/A: `items` without a `type` read as a list"]);
  });
});

describe("exclusiveBranches", () => {
  test("closed inline branches exclude each other's properties (Vercel); an open one leaves the union as it is", () => {
    const a = {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: { name: { type: "string" }, token: { type: "string" } },
    };
    const b = {
      type: "object",
      additionalProperties: false,
      required: ["name"],
      properties: { name: { type: "string" }, cdn: { type: "boolean" } },
    };
    const result = rule(exclusiveBranches)(doc({ U: { oneOf: [a, b] }, Open: { oneOf: [a, { type: "object" }] } }));
    expect(schemasOf(result.document).U.oneOf).toEqual([
      { ...a, properties: { ...a.properties, cdn: false } },
      { ...b, properties: { ...b.properties, token: false } },
    ]);
    expect(schemasOf(result.document).Open.oneOf[0]).toBe(a);
    expect(result.notes).toEqual(["/components/schemas/U: oneOf branches that allow no other properties exclude each other's"]);
  });
});

test("requiredBranches: an allOf member that only lists required names is the whole's required (DigitalOcean's firewalls_create)", () => {
  const result = rule(requiredBranches)(
    doc({ S: { allOf: [{ type: "object", properties: { name: { type: "string" } } }, { required: ["name"] }], required: ["x"] } }),
  );
  expect(schemasOf(result.document).S).toEqual({
    allOf: [{ type: "object", properties: { name: { type: "string" } } }],
    required: ["x", "name"],
  });
});

test("requiredBranches: a branch requiring a property it does not declare gets the parent's (GitHub's checksUpdate)", () => {
  const props = { status: { type: "string" }, conclusion: { type: "string", enum: ["success"] } };
  const result = rule(requiredBranches)(
    doc({
      S: { type: "object", properties: props, anyOf: [{ properties: { status: { enum: ["completed"] } }, required: ["conclusion"] }, {}] },
    }),
  );
  expect(schemasOf(result.document).S.allOf[0].anyOf[0]).toEqual({
    type: "object",
    properties: { status: { enum: ["completed"] }, conclusion: props.conclusion },
    required: ["conclusion"],
  });
});

test("declareRequired: additionalProperties true does not declare a required name (Spotify's saveEpisodesUser uris)", () => {
  const result = rule(declareRequired)(
    doc({ S: { type: "object", additionalProperties: true, properties: { ids: {} }, required: ["uris"] } }),
  );
  expect(schemasOf(result.document).S.properties).toEqual({ ids: {}, uris: {} });
});

describe("memberDiscriminator", () => {
  const tagged = { type: "object", properties: { type: { type: "string", enum: ["assign", "unassign"] } }, required: ["type"] };
  const discriminator = { propertyName: "type", mapping: {} };
  test.each<[string, unknown, unknown]>([
    [
      "an inline member with nothing to choose among loses it (DigitalOcean's floatingIPsAction_post)",
      {
        allOf: [
          { ...tagged, discriminator },
          { required: ["droplet_id"], properties: { droplet_id: { type: "integer" } } },
        ],
      },
      { allOf: [tagged, { required: ["droplet_id"], properties: { droplet_id: { type: "integer" } } }] },
    ],
    [
      "a $ref member (a component parent) keeps it",
      { allOf: [ref("#/components/schemas/Pet")] },
      { allOf: [ref("#/components/schemas/Pet")] },
    ],
    [
      "a member with a union keeps it",
      { allOf: [{ discriminator, oneOf: [ref("#/components/schemas/Pet")] }] },
      { allOf: [{ discriminator, oneOf: [ref("#/components/schemas/Pet")] }] },
    ],
    ["a schema holding one itself keeps it", { ...tagged, discriminator }, { ...tagged, discriminator }],
  ])("%s", (_, schema, expected) => {
    const result = rule(memberDiscriminator)(doc({ Pet: tagged, S: schema }));
    expect(schemasOf(result.document).S).toEqual(expected);
    expect(result.notes.length).toBe(JSON.stringify(schema) === JSON.stringify(expected) ? 0 : 1);
  });
});
