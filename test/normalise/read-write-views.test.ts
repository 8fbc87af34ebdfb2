import type { OpenApiDocument } from "../../src/document/types.js";
import { readWriteViews } from "../../src/normalise/read-write-views.js";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ content: { "application/json": { schema } } });

/** A document whose `POST /x` sends `sent` and answers `received` (either may be absent). */
function doc(schemas: Record<string, unknown>, sent?: unknown, received?: unknown): OpenApiDocument {
  const post: Record<string, unknown> = {
    responses: received === undefined ? { "204": { description: "ok" } } : { "200": json(received) },
  };
  if (sent !== undefined) post.requestBody = json(sent);
  return { openapi: "3.0.3", paths: { "/x": { post } }, components: { schemas } } as unknown as OpenApiDocument;
}

const schemasOf = (d: OpenApiDocument) => d.components!.schemas as Record<string, any>;
const op = (d: OpenApiDocument) => (d.paths as any)["/x"].post;

const Emb = {
  type: "object",
  required: ["input"],
  properties: { input: { type: "string" }, format: { type: "string", default: "float" } },
};
const Pet = { type: "object", required: ["id", "name"], properties: { id: { type: "integer", readOnly: true }, name: { type: "string" } } };
const User = {
  type: "object",
  required: ["name", "password"],
  properties: { name: { type: "string" }, password: { type: "string", writeOnly: true } },
};

describe("readWriteViews", () => {
  test.each<[string, OpenApiDocument, Record<string, unknown>, string[]]>([
    [
      "used both ways: the name keeps the response view, a copy is the request view",
      doc({ Pet }, ref("Pet"), ref("Pet")),
      { Pet, PetWritable: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
      ["Pet as sent is PetWritable, without id"],
    ],
    [
      "writeOnly: left out of the response view, kept (and required) in the request view",
      doc({ User }, ref("User"), ref("User")),
      { User: { type: "object", required: ["name"], properties: { name: { type: "string" } } }, UserWritable: User },
      ["User as sent is UserWritable; as received, without password"],
    ],
    [
      "only sent: rewritten in place",
      doc({ Pet }, ref("Pet")),
      { Pet: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
      ["Pet as sent, without id"],
    ],
    ["only received: readOnly stays", doc({ Pet }, undefined, ref("Pet")), { Pet }, []],
    [
      "a schema that reaches a marked one follows it: its copy points at the copy",
      doc({ Pet, Owner: { type: "object", properties: { pets: { type: "array", items: ref("Pet") } } } }, ref("Owner"), ref("Owner")),
      {
        Owner: { type: "object", properties: { pets: { type: "array", items: ref("Pet") } } },
        OwnerWritable: { type: "object", properties: { pets: { type: "array", items: ref("PetWritable") } } },
      },
      ["Owner as sent is OwnerWritable", "Pet as sent is PetWritable, without id"],
    ],
    [
      "a readOnly $ref target marks the property",
      doc(
        { Id: { type: "string", readOnly: true }, Thing: { type: "object", properties: { id: ref("Id"), n: { type: "number" } } } },
        ref("Thing"),
        ref("Thing"),
      ),
      {
        Thing: { type: "object", properties: { id: ref("Id"), n: { type: "number" } } },
        ThingWritable: { type: "object", properties: { n: { type: "number" } } },
      },
      ["Thing as sent is ThingWritable, without id"],
    ],
    [
      "a oneOf with an implicit discriminator maps the original name to the copy",
      doc({ Pet, Any: { oneOf: [ref("Pet")], discriminator: { propertyName: "kind" } } }, ref("Any"), ref("Any")),
      {
        Any: { oneOf: [ref("Pet")], discriminator: { propertyName: "kind" } },
        AnyWritable: {
          oneOf: [ref("PetWritable")],
          discriminator: { propertyName: "kind", mapping: { Pet: "#/components/schemas/PetWritable" } },
        },
      },
      ["Any as sent is AnyWritable", "Pet as sent is PetWritable, without id"],
    ],
    [
      "an explicit mapping is rewritten under its own values",
      doc(
        { Pet, Any: { oneOf: [ref("Pet")], discriminator: { propertyName: "kind", mapping: { pet: "#/components/schemas/Pet" } } } },
        ref("Any"),
        ref("Any"),
      ),
      {
        AnyWritable: {
          oneOf: [ref("PetWritable")],
          discriminator: { propertyName: "kind", mapping: { pet: "#/components/schemas/PetWritable" } },
        },
      },
      ["Any as sent is AnyWritable", "Pet as sent is PetWritable, without id"],
    ],
    [
      "a child that names a discriminator parent in allOf: the parent's copy maps the child's name to its copy",
      doc(
        {
          Base: { type: "object", properties: { kind: { type: "string" } }, discriminator: { propertyName: "kind" } },
          Dog: { allOf: [ref("Base"), { type: "object", properties: { id: { type: "integer", readOnly: true } } }] },
        },
        ref("Dog"),
        ref("Dog"),
      ),
      {
        BaseWritable: {
          type: "object",
          properties: { kind: { type: "string" } },
          discriminator: { propertyName: "kind", mapping: { Dog: "#/components/schemas/DogWritable" } },
        },
        DogWritable: { allOf: [ref("BaseWritable"), { type: "object", properties: {} }] },
      },
      ["Base as sent is BaseWritable", "Dog as sent is DogWritable, without id"],
    ],
    [
      "a name already taken: the copy is numbered",
      doc({ Pet, PetWritable: { type: "string" } }, ref("Pet"), ref("Pet")),
      { PetWritable: { type: "string" }, PetWritable2: { type: "object", required: ["name"], properties: { name: { type: "string" } } } },
      ["Pet as sent is PetWritable2, without id"],
    ],
    [
      "a default: optional as sent, always present as received",
      doc({ Emb }, ref("Emb"), ref("Emb")),
      { Emb: { ...Emb, required: ["input", "format"] }, EmbWritable: Emb },
      ["Emb as sent is EmbWritable; as received, with format always present (defaults)"],
    ],
    ["a default, only sent: as written", doc({ Emb }, ref("Emb")), { Emb }, []],
    [
      "a default, only received: required in place",
      doc({ Emb }, undefined, ref("Emb")),
      { Emb: { ...Emb, required: ["input", "format"] } },
      ["Emb as received, with format always present (defaults)"],
    ],
    [
      "a default on a property that is required anyway changes nothing",
      doc({ R: { type: "object", required: ["n"], properties: { n: { type: "integer", default: 1 } } } }, ref("R"), ref("R")),
      { R: { type: "object", required: ["n"], properties: { n: { type: "integer", default: 1 } } } },
      [],
    ],
  ])("%s", (_, given, want, notes) => {
    const result = readWriteViews(given);
    expect(schemasOf(result.document)).toMatchObject(want);
    expect(result.notes).toEqual(notes);
  });

  test("operations point at their side's view; inline request schemas lose readOnly properties", () => {
    const inline = { type: "object", properties: { id: { type: "string", readOnly: true }, pet: ref("Pet") } };
    const result = readWriteViews(doc({ Pet }, inline, ref("Pet")));
    expect(op(result.document).requestBody.content["application/json"].schema).toEqual({
      type: "object",
      properties: { pet: ref("PetWritable") },
      // For the validators, which refuse it; openapi-typescript reads no `x-` keyword.
      "x-readOnly": ["id"],
    });
    expect(op(result.document).responses["200"].content["application/json"].schema).toEqual(ref("Pet"));
  });

  test("a document without readOnly or writeOnly is returned as it is, and the input is never changed", () => {
    const plain = doc({ A: { type: "string" } }, ref("A"), ref("A"));
    expect(readWriteViews(plain).document).toBe(plain);
    const marked = doc({ Pet }, ref("Pet"), ref("Pet"));
    const copy = JSON.parse(JSON.stringify(marked));
    readWriteViews(marked);
    expect(marked).toEqual(copy);
  });
});
