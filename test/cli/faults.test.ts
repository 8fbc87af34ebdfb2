// Documents with faults that touch a few parts (test/fixtures/faults.yaml, in the manner of
// DigitalOcean's 47 mappings to unshipped files): warnings naming each place, the client generated
// around them and saying so, `--strict` refusing as before, and an include that matches nothing.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";

let dir: string;
const fixture = path.join(root, "test/fixtures/faults.yaml");

async function generate(args: string[]) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) }, dir);
  return { code, out, err };
}

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "ocg-faults-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test("each fault is a warning at its place, naming the reference, and the client is generated around it", async () => {
  const r = await generate(["--input", fixture, "--output", "out"]);
  expect(r.code).toBe(0);
  const warnings = r.err.split("\nwarning: ").length;
  expect(warnings).toBe(5);
  expect(r.err).toMatch(
    /faults\.yaml:20:19 \(\/paths\/~1droplets~1actions\/post\/requestBody\/content\/application~1json\/schema\/discriminator\/mapping\/reboot\): Can't resolve \$ref "models\/droplet_actions\.yml#\/droplet_action": ENOENT: no such file or directory .*droplet_actions\.yml'; generated around it: the mapping entry is left out/,
  );
  expect(r.err).toMatch(
    /\(\/paths\/~1droplets~1\{id\}\/get\/parameters\/1\): Can't resolve \$ref "#\/components\/parameters\/Gone"; generated around it: the parameter is left out/,
  );
  expect(r.err).toMatch(
    /\(\/components\/schemas\/Action\/properties\/region\): Can't resolve \$ref "#\/components\/schemas\/Nope"; generated around it/,
  );
  // Keys that change nothing on the wire: the fix names the key.
  expect(r.err).toMatch(
    /\(\/paths\/~1droplets~1actions\/tags\): Property `tags` is not expected here; generated around it: the client ignores `tags`\n {2}fix: remove `tags` from here/,
  );
  expect(r.err).toMatch(
    /\(\/paths\/~1droplets~1actions\/post\/responses\/default\): Expected type `Response` \(object\) but got `null`.*\n {2}fix: remove `default: null`/,
  );

  const api = JSON.parse(readFileSync(path.join(dir, "out/api.json"), "utf8"));
  const byName = Object.fromEntries(api.operations.map((o: { name: string }) => [o.name, o]));
  expect(byName.postDropletAction.faults).toEqual([
    expect.stringMatching(
      /^the discriminator mapping `reboot` → "models\/droplet_actions\.yml#\/droplet_action" .* points at nothing: that entry is left out$/,
    ),
    expect.stringMatching(
      /^\$ref "#\/components\/schemas\/Nope" \(at \/components\/schemas\/Action\/properties\/region\) points at nothing: that part is typed `unknown`$/,
    ),
  ]);
  expect(byName.getDroplet.faults).toEqual([
    expect.stringMatching(/^the parameter \$ref "#\/components\/parameters\/Gone" .* that parameter is left out$/),
  ]);
  expect(byName.listSizes.faults).toBeUndefined();
  const docs = readFileSync(path.join(dir, "out/operations.d.ts"), "utf8");
  expect(docs).toContain("it was generated around them (`--strict` refuses them):\n * - the discriminator mapping `reboot`");
  expect(docs).toContain(' * - $ref "#/components/schemas/Nope" (at /components/schemas/Action/properties/region) points at nothing');
  expect(readFileSync(path.join(dir, "out/schema.d.ts"), "utf8")).toMatch(/region\?: unknown;/);
  // compile.test.ts type-checks the folder strictly, the unknown branch and all.
}, 120_000);

test("--strict refuses the document, as before, every reference named", async () => {
  const r = await generate(["--input", fixture, "--output", "out", "--strict"]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(
    /error: .*faults\.yaml:\d+:\d+ \(.*\/mapping\/reboot\): Can't resolve \$ref "models\/droplet_actions\.yml#\/droplet_action": ENOENT: no such file or directory .*\n/,
  );
  expect(r.err).toMatch(/Can't resolve \$ref "#\/components\/schemas\/Nope"\n {2}fix: point the \$ref at something that exists/);
  expect(r.err).not.toMatch(/generated around/);
  expect(existsSync(path.join(dir, "out"))).toBe(false);
});

test("a fault that leaves no part to cut off still refuses the document", async () => {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(
    path.join(dir, "bad.yaml"),
    'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths:\n  /a: { $ref: "#/components/pathItems/Nope" }\n',
  );
  const r = await generate(["--input", "bad.yaml", "--output", "out"]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/bad\.yaml:4:\d+ \(\/paths\/~1a\): Can't resolve \$ref "#\/components\/pathItems\/Nope"/);
});

test("an include that matches nothing is an error, not an empty client", async () => {
  const r = await generate(["--input", fixture, "--output", "out", "--include", "listSizes", "--include", "Droplets*"]);
  expect(r.code).toBe(1);
  expect(r.err).toMatch(/the include pattern "Droplets\*" matches no operation of .*faults\.yaml/);
  expect(r.err).not.toMatch(/"listSizes"/);
  expect(existsSync(path.join(dir, "out"))).toBe(false);
});

// What the peers' fixtures (hey-api's specs/3.0.x and 3.1.x) hold and openapi-typescript accepts.
test.each<[string, string, RegExp]>([
  [
    "a servers list that is not one",
    'openapi: 3.0.3\ninfo: { title: t, version: "1" }\nservers: { url: https://x.example }\npaths: {}\n',
    /\(\/servers\): Expected type `ServerList` \(array\) but got `object`; generated around it: that server is left out/,
  ],
  [
    "a server without a url",
    'openapi: 3.1.0\ninfo: { title: t, version: "1" }\nservers: [{ description: d }]\ncomponents: {}\n',
    /\(\/servers\/0\): The field `url` must be present on this level; generated around it: that server is left out/,
  ],
  [
    "a 3.1 document with no paths, components or webhooks",
    'openapi: 3.1.0\ninfo: { title: t, version: "1" }\n',
    /Must contain at least one of the following fields: paths/,
  ],
  [
    "a 3.0 operation without responses",
    'openapi: 3.0.3\ninfo: { title: t, version: "1" }\npaths: { /a: { get: { operationId: getA } } }\n',
    /\(\/paths\/~1a\/get\): The field `responses` must be present on this level/,
  ],
  [
    "a schema's $ref to a parameter",
    [
      "openapi: 3.0.3",
      'info: { title: t, version: "1" }',
      "paths:",
      "  /a:",
      "    get:",
      "      operationId: getA",
      "      responses: { '200': { description: ok, content: { application/json: { schema: { $ref: '#/components/schemas/A' } } } } }",
      "components:",
      "  parameters: { P: { name: p, in: query, required: false, schema: { type: string } } }",
      "  schemas: { A: { type: object, properties: { foo: { $ref: '#/components/parameters/P' } } } }",
      "",
    ].join("\n"),
    /\(\/components\/schemas\/A\/properties\/foo\): Can't resolve \$ref "#\/components\/parameters\/P" as a schema: it points at a parameter; generated around it/,
  ],
])("generates, with a warning: %s", async (_name, text, warning) => {
  const { writeFileSync } = await import("node:fs");
  writeFileSync(path.join(dir, "doc.yaml"), text);
  const r = await generate(["--input", "doc.yaml", "--output", "out"]);
  expect(r.code).toBe(0);
  expect(r.err).toMatch(warning);
});
