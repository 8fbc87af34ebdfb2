import type { OpenApiDocument } from "../../src/document/types.js";
import { emitSchemaTypes } from "../../src/emit/schema-types.js";
import { schemaTypeError } from "../../src/emit/schema-type-errors.js";
import { InputError } from "../../src/util/input-error.js";

// The boundary around openapi-typescript: what it refuses is the document's fault, an input error
// at the place its message names; a stack overflow is not (the limits should prevent it).
const doc = (schemas: Record<string, unknown>) =>
  ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, components: { schemas } }) as unknown as OpenApiDocument;

test.each<[string, Record<string, unknown>, string, RegExp]>([
  [
    "a property that is a list",
    { Thing: { type: "object", properties: { birthday: [] } } },
    "/components/schemas/Thing/properties/birthday",
    /invalid property birthday\. Expected Schema Object or boolean, got Array/,
  ],
  [
    "a schema that is a string",
    { Thing: "text" },
    "/components/schemas/Thing",
    /Expected SchemaObject, received string at #\/components\/schemas\/Thing/,
  ],
])("openapi-typescript refuses %s: an InputError at the place it names", async (_, schemas, pointer, message) => {
  const error = await emitSchemaTypes(doc(schemas), {
    source: { file: "api.json", locate: (p) => ({ pointer: p, line: 7, column: 3 }) },
  }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InputError);
  expect((error as InputError).problems).toEqual([
    {
      message: expect.stringMatching(message),
      file: "api.json",
      pointer,
      line: 7,
      column: 3,
      fix: expect.stringMatching(/^make it a Schema Object/),
    },
  ]);
});

test("a stack overflow stays an internal error", () => {
  const overflow = new RangeError("Maximum call stack size exceeded");
  expect(schemaTypeError(overflow, { file: "api.json" })).toBe(overflow);
});
