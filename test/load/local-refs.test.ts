// When the linter may skip schemas: every reference resolves in the document, and those in schemas at schemas.
import { createRequire } from "node:module";
import { lintConfig, severityOf, typesWithoutSchemas } from "../../src/load/lint.js";
import { refsResolveLocally } from "../../src/load/local-refs.js";

const redocly = createRequire(import.meta.url)("@redocly/openapi-core") as typeof import("@redocly/openapi-core");

const doc = (schemas: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  openapi: "3.0.3",
  info: { title: "t", version: "1" },
  paths: {
    "/a/{id}": {
      get: {
        operationId: "getA",
        parameters: [{ $ref: "#/components/parameters/Id" }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/A" } } } } },
      },
    },
  },
  components: { parameters: { Id: { name: "id", in: "path", required: true, schema: { type: "string" } } }, schemas },
  ...extra,
});

test.each<[string, unknown, boolean]>([
  ["references that resolve", doc({ A: { properties: { b: { $ref: "#/components/schemas/B" } } }, B: { type: "string" } }), true],
  ["an escaped, encoded pointer", doc({ A: { $ref: "#/components/schemas/a~1b%20c" }, "a/b c": { type: "string" } }), true],
  ["a schema's $ref to nothing", doc({ A: { properties: { b: { $ref: "#/components/schemas/Nope" } } } }), false],
  ["a $ref to nothing outside schemas", doc({ A: {} }, { paths: { "/x": { $ref: "#/components/pathItems/Nope" } } }), false],
  ["a schema's $ref to a parameter", doc({ A: { $ref: "#/components/parameters/Id" } }), false],
  ["a schema example's $ref to an example", doc({ A: { example: { $ref: "#/components/parameters/Id" } } }), true],
  ["a schema example's $ref to nothing", doc({ A: { example: { $ref: "#/components/examples/Nope" } } }), false],
  ["a $ref to another file", doc({ A: { $ref: "other.yaml#/A" } }), false],
  ["an anchor", doc({ A: { $ref: "#a" } }), false],
  ["a $ref that is not a string", doc({ A: { $ref: 1 } }), false],
  ["a mapping that resolves", doc({ A: { discriminator: { propertyName: "k", mapping: { x: "#/components/schemas/A", y: "B" } } } }), true],
  ["a mapping to nothing", doc({ A: { discriminator: { propertyName: "k", mapping: { x: "#/components/schemas/Nope" } } } }), false],
  ["a mapping to another file", doc({ A: { discriminator: { propertyName: "k", mapping: { x: "./a.yaml" } } } }), false],
])("%s", (_, document, expected) => {
  expect(refsResolveLocally(document)).toBe(expected);
});

/** What lint.ts keeps of the linter's findings, with schemas walked or not. */
async function kept(document: object, withoutSchemas: boolean): Promise<string[]> {
  const config = await lintConfig();
  const findings = await redocly.lintDocument({
    document: { source: new redocly.Source("/doc.json", JSON.stringify(document)), parsed: document },
    config: config.styleguide,
    externalRefResolver: new redocly.BaseResolver(config.resolve),
    customTypes: withoutSchemas ? typesWithoutSchemas(redocly, document) : undefined,
  });
  return findings
    .filter((f) => severityOf(f) !== "ignore")
    .map((f) => `${f.ruleId} ${f.location[0]?.pointer} ${f.message}`)
    .sort();
}

test("with references that resolve, skipping schemas keeps every finding lint.ts keeps", async () => {
  const document = doc(
    // Structural faults inside schemas, which lint.ts ignores
    { A: { type: "object", properties: { b: { type: 5, nullable: "yes" } }, required: "b" }, B: { items: [] } },
    // and faults outside them, which it keeps
    {
      info: { title: "t" },
      paths: {
        "/a/{id}": { get: { operationId: "getA", responses: { "200": { description: "ok" } } } },
        "/b": { get: { operationId: "getA", parameters: [{ name: "q", in: "nowhere" }], responses: {} } },
      },
    },
  );
  expect(refsResolveLocally(document)).toBe(true);
  const full = await kept(document, false);
  expect(full.length).toBeGreaterThan(2);
  expect(await kept(document, true)).toEqual(full);
});
