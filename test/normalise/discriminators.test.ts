import type { OpenApiDocument } from "../../src/document/types.js";
import { discriminatorFacts, explicitDiscriminators } from "../../src/normalise/discriminators.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const doc = (schemas: Record<string, unknown>) => ({ openapi: "3.1.0", components: { schemas } }) as unknown as OpenApiDocument;
const schemasOf = (d: OpenApiDocument) => d.components!.schemas as Record<string, any>;
const tag = (values: unknown[], extra: Record<string, unknown> = {}) => ({ type: "string", enum: values, ...extra });

describe("explicitDiscriminators: one value per branch, as OpenAPI means it", () => {
  test.each<[string, Record<string, unknown>, Record<string, unknown>, Record<string, string>]>([
    [
      "a branch's own enum is its value (OpenAI's chat messages)",
      {
        Msg: { oneOf: [ref("User"), ref("System")], discriminator: { propertyName: "role" } },
        User: { type: "object", required: ["role"], properties: { role: tag(["user"]) } },
        System: { type: "object", required: ["role"], properties: { role: { type: "string", const: "system" } } },
      },
      {
        User: { type: "object", required: ["role"], properties: { role: tag(["user"]) } },
        System: { type: "object", required: ["role"], properties: { role: { type: "string", const: "system" } } },
      },
      { user: "#/components/schemas/User", system: "#/components/schemas/System" },
    ],
    [
      "a mapping wins over the branch's own enum",
      {
        U: { oneOf: [ref("Dog")], discriminator: { propertyName: "kind", mapping: { doggo: "#/components/schemas/Dog" } } },
        Dog: { type: "object", properties: { kind: tag(["dog"], { description: "d" }) } },
      },
      { Dog: { type: "object", properties: { kind: tag(["doggo"], { description: "d" }) } } },
      { doggo: "#/components/schemas/Dog" },
    ],
    [
      "an optional, nullable tag stays optional and nullable (OpenAI's ItemReferenceParam)",
      {
        U: { oneOf: [ref("Ref")], discriminator: { propertyName: "type" } },
        Ref: { type: "object", properties: { type: { anyOf: [tag(["item_reference"]), { type: "null" }] } } },
      },
      { Ref: { type: "object", properties: { type: { anyOf: [tag(["item_reference"]), { type: "null" }] } } } },
      { item_reference: "#/components/schemas/Ref" },
    ],
    [
      "a branch that is itself a union takes its members' values (OpenAI's Item)",
      {
        U: { oneOf: [ref("Item")], discriminator: { propertyName: "type" } },
        Item: { oneOf: [ref("A"), ref("B")] },
        A: { type: "object", properties: { type: tag(["a"]) } },
        B: { type: "object", properties: { type: tag(["b"]) } },
      },
      { Item: { oneOf: [ref("A"), ref("B")] } },
      { a: "#/components/schemas/Item", b: "#/components/schemas/Item" },
    ],
    [
      "a schema inheriting through allOf gets its name, or its own value",
      {
        Pet: { type: "object", properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } },
        Cat: { allOf: [ref("Pet"), { type: "object", properties: { lives: { type: "integer" } } }] },
        Dog: { allOf: [ref("Pet"), { type: "object", properties: { kind: tag(["dog"]) } }] },
      },
      {
        Cat: {
          allOf: [
            ref("Pet"),
            { type: "object", properties: { lives: { type: "integer" } } },
            { type: "object", properties: { kind: tag(["Cat"]) }, required: ["kind"] },
          ],
        },
        Dog: { allOf: [ref("Pet"), { type: "object", properties: { kind: tag(["dog"]) } }] },
      },
      { Cat: "#/components/schemas/Cat", dog: "#/components/schemas/Dog" },
    ],
  ])("%s", (_, schemas, want, mapping) => {
    const result = explicitDiscriminators(doc(schemas));
    const out = schemasOf(result.document);
    for (const [name, schema] of Object.entries(want)) expect(out[name]).toEqual(schema);
    const holder = Object.values(out).find((s) => s.discriminator);
    expect(holder.discriminator.mapping).toEqual(mapping);
  });

  test("a branch that says nothing takes its schema's name, required, in its union only (GitHub's public-user is used alone too)", () => {
    const Cat = { type: "object", properties: { n: { type: "integer" } } };
    const result = explicitDiscriminators(doc({ U: { oneOf: [ref("Cat")], discriminator: { propertyName: "kind" } }, Cat }));
    const out = schemasOf(result.document);
    expect(out.Cat).toBe(Cat);
    expect(out.U.oneOf).toEqual([{ type: "object", properties: { kind: tag(["Cat"]) }, required: ["kind"], oneOf: [ref("Cat")] }]);
    expect(out.U.discriminator.mapping).toEqual({ Cat: "#/components/schemas/Cat" });
  });

  test("two discriminators naming one branch differently: each union has its value, the branch neither", () => {
    const X = { type: "object", properties: { n: { type: "integer" }, t: { type: "string" } } };
    const result = explicitDiscriminators(
      doc({
        A: { oneOf: [ref("X")], discriminator: { propertyName: "t", mapping: { x: "#/components/schemas/X" } } },
        B: { oneOf: [ref("X")], discriminator: { propertyName: "t" } },
        X,
      }),
    );
    const out = schemasOf(result.document);
    expect(out.X).toBe(X);
    // The branch declares `t` optional: the union does not require it either.
    expect(out.A.oneOf[0]).toEqual({ type: "object", properties: { t: tag(["x"]) }, oneOf: [ref("X")] });
    expect(out.B.oneOf[0]).toEqual({ type: "object", properties: { t: tag(["X"]) }, oneOf: [ref("X")] });
  });

  test("never changes its input, shares what it does not change, and says what it made explicit", () => {
    const untouched = { type: "string" };
    const given = doc({ U: { oneOf: [ref("C")], discriminator: { propertyName: "k" } }, C: { type: "object" }, S: untouched });
    const copy = JSON.parse(JSON.stringify(given));
    const result = explicitDiscriminators(given);
    expect(given).toEqual(copy);
    expect(schemasOf(result.document).S).toBe(untouched);
    expect(result.notes).toEqual(["/components/schemas/U: discriminator `k` without a mapping for C: their schema names are the values"]);
  });

  test("a document without discriminators is returned as it is", () => {
    const plain = doc({ A: { type: "string" } });
    expect(explicitDiscriminators(plain).document).toBe(plain);
  });

  test("discriminatorFacts: holders and heirs for openapi-typescript, every mapped branch handled", () => {
    const result = explicitDiscriminators(
      doc({
        Pet: { type: "object", properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } },
        Cat: { allOf: [ref("Pet")] },
      }),
    );
    const facts = discriminatorFacts(result.document);
    expect(Object.keys(facts.objects).sort()).toEqual(["#/components/schemas/Cat", "#/components/schemas/Pet"]);
    expect(facts.refsHandled).toEqual(["#/components/schemas/Cat"]);
  });
});
