import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import { type Seen, startServer, type TestServer } from "../runtime/server.js";
import { root, tsc } from "../tsc.js";

// Issue 18: documents the user did not write. Each test is an attack or a broken input that once
// leaked a secret, fetched or read what it should not, ran for minutes, or ended in a stack trace;
// each now ends in output without the secret, or in one located input error that says what to do.
// Remote documents come from two real servers on 127.0.0.1 (two ports: two origins).

let dir: string;
let server: TestServer;
let other: TestServer;
/** What each server serves, by URL path. */
let files: Map<string, string>;
let otherFiles: Map<string, string>;

const api = (schemas: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    openapi: "3.0.3",
    info: { title: "t", version: "1" },
    paths: {
      "/things": {
        get: {
          operationId: "getThing",
          responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } } } },
        },
      },
    },
    components: { schemas },
    ...extra,
  });

function serveFrom(map: () => Map<string, string>) {
  return (req: Seen, res: http.ServerResponse) => {
    const { pathname } = new URL(req.url, "http://x");
    if (pathname === "/to-other") {
      res.writeHead(302, { location: `${other.url}/secret.json` }).end();
      return;
    }
    if (pathname === "/private.json" && req.headers.authorization !== "Bearer tok-123") {
      res.writeHead(401, { "content-type": "text/plain" }).end("no");
      return;
    }
    if (pathname === "/endless.json") {
      // A body that never ends: 64 KB at a time until the client hangs up (or 10 s, as a bound).
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = " ".repeat(65536);
      const stop = Date.now() + 10_000;
      const pump = () => {
        if (res.destroyed || Date.now() > stop) return void res.end();
        res.write(chunk, () => setImmediate(pump));
      };
      pump();
      return;
    }
    const body = map().get(pathname === "/private.json" ? "/api.json" : pathname);
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  };
}

async function generate(args: string[], cwd = dir) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) }, cwd);
  return { code, out, err };
}

/** Every file under a folder, with its text. */
function allText(folder: string): string {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => readFileSync(path.join(e.parentPath, e.name), "utf8"))
    .join("\n");
}

const write = (file: string, text: string) => {
  mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
  writeFileSync(path.join(dir, file), text);
};

const thing = { type: "object", properties: { id: { type: "string" } } };
const SECRET_SCHEMA = JSON.stringify({ type: "object", properties: { secretField: { type: "string", enum: ["LEAKED"] } } });

beforeAll(async () => {
  server = await startServer();
  other = await startServer();
});
afterAll(() => {
  server.close();
  other.close();
});
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "ocg-untrusted-"));
  files = new Map([["/api.json", api({ Thing: thing })]]);
  otherFiles = new Map([["/secret.json", SECRET_SCHEMA]]);
  server.reset(serveFrom(() => files));
  other.reset(serveFrom(() => otherFiles));
});
afterEach(() => {
  delete process.env.SPEC_TOKEN;
  rmSync(dir, { recursive: true, force: true });
});

describe("1. a secret in a remote document's URL", () => {
  test("is written nowhere: not in the 60-odd files, not in api.json, not in what is printed; the fast path still works", async () => {
    const url = `${server.url}/api.json?access_token=SECRET-TOKEN-1`;
    const r = await generate(["--input", url, "--output", "a"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).not.toMatch(/SECRET-(TOKEN|PASS)/);
    expect(allText(path.join(dir, "a"))).not.toMatch(/SECRET-(TOKEN|PASS)/);
    const redacted = JSON.parse(readFileSync(path.join(dir, "a/api.json"), "utf8")).source;
    expect(redacted).toMatch(new RegExp(`^${server.url.replace(/\./g, "\\.")}/api\\.json\\?\\[redacted:[0-9a-f]{16}\\]$`));
    expect(readFileSync(path.join(dir, "a/index.js"), "utf8")).toContain(`// Source: ${redacted}`);
    // Two secrets, two hashes: the record still tells the URLs apart.
    await generate(["--input", `${url}0`, "--output", "b"]);
    expect(JSON.parse(readFileSync(path.join(dir, "b/api.json"), "utf8")).source).not.toBe(redacted);
    // The same command again: current, from the fast path (the manifest's command and source match the redacted ones).
    server.reset(serveFrom(() => files));
    expect(await generate(["--input", url, "--output", "a"])).toMatchObject({ code: 0, out: expect.stringContaining("(unchanged)") });
    // An error quoting the URL does not show the secret either.
    const failed = await generate(["--input", `${server.url}/missing.json?access_token=SECRET-TOKEN-3`, "--output", "c"]);
    expect(failed.code).toBe(1);
    expect(failed.err).toContain("/missing.json?[redacted:");
    expect(failed.err).not.toMatch(/SECRET-(TOKEN|PASS)/);
    // A password in the URL is not sent, and not shown: the fix says how to pass a token instead.
    const withUser = await generate(["--input", `http://user:SECRET-PASS@${new URL(server.url).host}/api.json`, "--output", "d"]);
    expect(withUser.code).toBe(1);
    expect(withUser.err).toMatch(/holds a user name or password, which is not sent\n {2}fix: .*"inputToken"/);
    expect(withUser.err).not.toMatch(/SECRET-(TOKEN|PASS)/);
  });

  test('"inputToken" sends a token from an environment variable as a header, to the document\'s origin only', async () => {
    files.set("/api.json", api({ Thing: { $ref: `${other.url}/secret.json` } }));
    write("api.config.json", JSON.stringify({ inputToken: { env: "SPEC_TOKEN" }, allowedHosts: [new URL(other.url).host] }));
    const args = ["--input", `${server.url}/private.json`, "--config", "api.config.json", "--output", "out"];
    const missing = await generate(args);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('the environment variable SPEC_TOKEN that "inputToken" names is not set');
    process.env.SPEC_TOKEN = "tok-123";
    expect(await generate(args)).toMatchObject({ code: 0, err: "" });
    expect(server.seen.map((s) => s.headers.authorization)).toEqual(["Bearer tok-123"]);
    expect(other.seen.map((s) => s.headers.authorization)).toEqual([undefined]);
    expect(allText(path.join(dir, "out"))).not.toContain("tok-123");
  });
});

describe("2. SSRF through $ref", () => {
  const refused =
    /Can't resolve \$ref "[^"]+": refused to fetch http:\/\/127\.0\.0\.1:\d+\/secret\.json: a remote document may reference only its own origin/;

  test("a remote document's $ref to another host is refused, located at the $ref; nothing is fetched there", async () => {
    files.set("/api.json", api({ Thing: { $ref: `${other.url}/secret.json` } }));
    const r = await generate(["--input", `${server.url}/api.json`, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(refused);
    expect(r.err).toMatch(/api\.json:1:\d+ \(\/components\/schemas\/Thing\)/);
    expect(r.err).toContain('fix: reference a file on the document\'s own origin, or, if you trust that host, add it to "allowedHosts"');
    expect(other.seen).toEqual([]);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("so is a same-host redirect to another host, checked before it is followed", async () => {
    files.set("/api.json", api({ Thing: { $ref: "/to-other" } }));
    const r = await generate(["--input", `${server.url}/api.json`, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Can't resolve \$ref "[^"]+": a redirect led to a refused URL: refused to fetch http:\/\/127\.0\.0\.1:\d+\/secret\.json/,
    );
    expect(other.seen).toEqual([]);
    // And the root document itself redirecting elsewhere.
    const root = await generate(["--input", `${server.url}/to-other`, "--output", "out"]);
    expect(root.code).toBe(1);
    expect(root.err).toContain("a redirect led to a refused URL");
    expect(other.seen).toEqual([]);
  });

  test("a remote document reads no local file: a file: URL is refused, an absolute path is a path on its origin", async () => {
    write("secret.json", SECRET_SCHEMA);
    files.set("/api.json", api({ Thing: { $ref: `file://${path.join(dir, "secret.json")}` } }));
    const r = await generate(["--input", `${server.url}/api.json`, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/Can't resolve \$ref "[^"]+": (file: URLs are not fetched|refused to read)/);
    files.set("/api.json", api({ Thing: { $ref: path.join(dir, "secret.json") } }));
    server.reset(serveFrom(() => files));
    const absolute = await generate(["--input", `${server.url}/api.json`, "--output", "out"]);
    // Asked of the document's origin, which has no such file: a $ref to nothing, generated around
    // with a warning (issue 19's local faults); the local file is never read.
    expect(server.seen.map((s) => s.url)).toContain(path.join(dir, "secret.json"));
    expect(absolute.err).toMatch(/warning: .*Can't resolve \$ref/);
    expect(readFileSync(path.join(dir, "out/schema.d.ts"), "utf8")).not.toContain("secretField");
  });

  test('a host named in "allowedHosts" may be referenced, redirects included', async () => {
    files.set("/api.json", api({ Thing: { $ref: "/to-other" } }));
    write("api.config.json", JSON.stringify({ allowedHosts: [new URL(other.url).host] }));
    const r = await generate(["--input", `${server.url}/api.json`, "--config", "api.config.json", "--output", "out"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(readFileSync(path.join(dir, "out/schema.d.ts"), "utf8")).toContain("secretField");
  });
});

test("the project config takes the same settings per document", async () => {
  files.set("/api.json", api({ Thing: { $ref: `${other.url}/secret.json` } }));
  const documents = [{ input: `${server.url}/api.json`, output: "out", allowedHosts: [new URL(other.url).host], limits: { depth: 50 } }];
  write("openapi-client-gen.config.json", JSON.stringify({ documents }));
  expect(await generate([])).toMatchObject({ code: 0, err: "" });
  expect(other.seen).toHaveLength(1);
  write("openapi-client-gen.config.json", JSON.stringify({ documents: [{ ...documents[0], allowedHosts: "everything" }] }));
  const bad = await generate([]);
  expect(bad.err).toMatch(
    /openapi-client-gen\.config\.json:1:\d+ \(\/documents\/0\/allowedHosts\): "allowedHosts" must be a list of strings/,
  );
});

describe("3. local files through $ref", () => {
  beforeEach(() => {
    write("outside/secret.json", SECRET_SCHEMA);
    write("project/shared/thing.json", JSON.stringify(thing));
  });

  test.each([
    ["an absolute path", () => path.join(dir, "outside/secret.json")],
    ["../ out of the document's folder", () => "../outside/secret.json"],
  ])("%s is refused, at the $ref, with the setting that allows it", async (_, ref) => {
    write("project/api.json", api({ Thing: { $ref: ref() } }));
    const r = await generate(["--input", "project/api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /project\/api\.json:1:\d+ \(\/components\/schemas\/Thing\): Can't resolve \$ref "[^"]+": refused to read .*outside\/secret\.json: it is outside the project root/,
    );
    expect(r.err).toContain('add it to "allowedFolders" in the config');
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("a symbolic link inside the root that leads out is refused too", async () => {
    symlinkSync(path.join(dir, "outside"), path.join(dir, "project/link"));
    write("project/api.json", api({ Thing: { $ref: "link/secret.json" } }));
    const r = await generate(["--input", "project/api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain("it is outside the project root");
  });

  test("a missing file is judged where it would be: missing inside a root reached through a link (macOS's /tmp), refused through a link that leads out", async () => {
    symlinkSync(path.join(dir, "project"), path.join(dir, "project-link"));
    write("project/api.json", api({ Thing: { $ref: "shared/missing.json" } }));
    const inside = await generate(["--input", "project-link/api.json", "--output", "out", "--strict"]);
    expect(inside.code).toBe(1);
    expect(inside.err).toMatch(/Can't resolve \$ref "shared\/missing\.json": ENOENT/);
    expect(inside.err).not.toContain("outside the project root");
    symlinkSync(path.join(dir, "outside"), path.join(dir, "project/link"));
    write("project/api.json", api({ Thing: { $ref: "link/missing.json" } }));
    const out = await generate(["--input", "project-link/api.json", "--output", "out"]);
    expect(out.code).toBe(1);
    expect(out.err).toContain("it is outside the project root");
  });

  test('files inside the root are read; "allowedFolders" (relative to the config) widens it', async () => {
    write("project/api.json", api({ Thing: { $ref: "shared/thing.json" } }));
    expect((await generate(["--input", "project/api.json", "--output", "ok"])).code).toBe(0);
    write("project/api.json", api({ Thing: { $ref: "../outside/secret.json" } }));
    write("project/api.config.json", JSON.stringify({ allowedFolders: ["../outside"] }));
    expect(await generate(["--input", "project/api.json", "--output", "out"])).toMatchObject({ code: 0, err: "" });
  });

  test("a document in spec/ may reference files anywhere in the project (its root is the project's), not outside it", async () => {
    write("spec/api.json", api({ Thing: { $ref: "../project/shared/thing.json" } }));
    expect(await generate([])).toMatchObject({ code: 0, err: "" });
    write("spec/api.json", api({ Thing: { $ref: "../../" + path.basename(dir) + "/outside/secret.json" } }));
    rmSync(path.join(dir, "outside"), { recursive: true });
    write("../" + path.basename(dir) + "-outside.json", SECRET_SCHEMA);
    write("spec/api.json", api({ Thing: { $ref: `../../${path.basename(dir)}-outside.json` } }));
    const r = await generate([]);
    rmSync(path.join(dir, `../${path.basename(dir)}-outside.json`), { force: true });
    expect(r.code).toBe(1);
    expect(r.err).toContain("it is outside the project root");
  });
});

describe("4. resource exhaustion: each limit stops the run at once, names itself and how to raise it", () => {
  test("a 1 KB YAML alias bomb (nine levels of nine)", async () => {
    let yaml =
      'openapi: 3.0.3\ninfo: {title: t, version: "1"}\npaths: {}\nx-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n';
    for (let i = 1; i <= 9; i++)
      yaml += `  a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    expect(yaml.length).toBeLessThan(1024);
    write("bomb.yaml", yaml);
    const r = await generate(["--input", "bomb.yaml", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /bomb\.yaml:14:\d+ \(\/x-bomb\/a9\/0\): YAML aliases expand the document by [\d.e+]+ values, more than the limit of 1000000\n {2}fix: .*"limits": \{ "aliasNodes": 10000000 \}/,
    );
  });

  test("a remote document that never ends is cut off at the size limit, not read into memory", async () => {
    write("api.config.json", JSON.stringify({ limits: { documentBytes: 1_000_000 } }));
    const r = await generate(["--input", `${server.url}/endless.json`, "--config", "api.config.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /endless\.json: http:\/\/127\.0\.0\.1:\d+\/endless\.json is larger than the limit of 1000000 bytes\n {2}fix: .*"limits"/,
    );
  });

  test("a local document over the size limit is not read", async () => {
    write("api.json", api({ Thing: thing }, { "x-padding": "x".repeat(2000) }));
    write("api.config.json", JSON.stringify({ limits: { documentBytes: 1000 } }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /api\.json: the document is larger than the limit of 1000 bytes \(\d+ bytes\)\n {2}fix: .*"documentBytes": 10000 \}/,
    );
  });

  test("the number of schemas, and raising a limit lets the document through", async () => {
    const schemas = Object.fromEntries([["Thing", thing], ...Array.from({ length: 30 }, (_, i) => [`S${i}`, thing])]);
    write("api.json", api(schemas));
    write("api.config.json", JSON.stringify({ limits: { schemas: 10 } }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/api\.json:1:\d+ \(\/components\/schemas\): 31 schemas, more than the limit of 10\n {2}fix: .*"schemas": 100 \}/);
    write("api.config.json", JSON.stringify({ limits: { schemas: 100 } }));
    expect((await generate(["--input", "api.json", "--output", "out"])).code).toBe(0);
  });

  test("limits are checked in files a document $refs too", async () => {
    let yaml = "type: object\nx-bomb:\n  a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 1; i <= 9; i++)
      yaml += `  a${i}: &a${i} [${Array(9)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    write("bomb.yaml", yaml);
    write("api.json", api({ Thing: { $ref: "bomb.yaml" } }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /Can't resolve \$ref "[^"]+": YAML aliases expand the document by [\d.e+]+ values, more than the limit of 1000000\n {2}fix: .*"limits"/,
    );
  });

  test("a bad limits setting is located in the config", async () => {
    write("api.json", api({ Thing: thing }));
    write("api.config.json", JSON.stringify({ limits: { depth: -1 } }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.err).toMatch(/api\.config\.json:1:\d+ \(\/limits\/depth\): the limit "depth" must be a positive integer/);
  });
});

describe("5. input errors, not internal errors", () => {
  test("10,000-deep JSON", async () => {
    const n = 5000; // two levels each: properties, then the property
    const deep = `${'{"type":"object","properties":{"a":'.repeat(n)}{}${"}}".repeat(n)}`;
    write("api.json", api({ Thing: "DEEP" }).replace('"DEEP"', deep));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /api\.json:1:\d+ \(\/components\/schemas\/Thing(\/properties\/a)+\/properties\): the document nests deeper than the limit of 200 levels/,
    );
    expect(r.err).not.toMatch(/internal error/);
  });

  test("a 200,000-schema document", async () => {
    const schemas: Record<string, unknown> = { Thing: thing };
    for (let i = 0; i < 200_000; i++) schemas[`S${i}`] = thing;
    write("api.json", api(schemas));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/api\.json:\/components\/schemas: 200001 schemas, more than the limit of 20000/);
  });

  test("60,000 keys in one mapping (Redocly's walk overflows the stack on such)", async () => {
    const properties = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`p${i}`, { type: "string" }]));
    write("api.json", api({ Thing: { type: "object", properties } }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\(\/components\/schemas\/Thing\/properties\): 60000 entries in one mapping, more than the limit of 50000/);
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a $ref to itself",
      { Thing: { $ref: "#/components/schemas/Thing" } },
      /\(\/components\/schemas\/Thing\): a cycle of \$refs that never reaches a schema: #\/components\/schemas\/Thing → #\/components\/schemas\/Thing\n {2}fix: make one/,
    ],
    [
      // hey-api's validators-circular-ref.json, reduced: a description beside the $ref.
      "two $refs to each other (hey-api's validators-circular-ref.json)",
      {
        Thing: { type: "object", properties: { baz: { $ref: "#/components/schemas/Baz" } } },
        Baz: { $ref: "#/components/schemas/Qux" },
        Qux: { description: "description caused circular reference error", $ref: "#/components/schemas/Baz" },
      },
      /a cycle of \$refs that never reaches a schema: #\/components\/schemas\/Baz → #\/components\/schemas\/Qux → #\/components\/schemas\/Baz/,
    ],
  ])("%s", async (_, schemas, message) => {
    write("api.json", api(schemas));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  test.each<[string, unknown, RegExp, string]>([
    // Found by the fuzz test: the linter lets a broken schema through; openapi-typescript or the model threw.
    [
      "a property that is a list, not a schema",
      { type: "object", properties: { birthday: [] } },
      /api\.json:1:\d+ \(\/components\/schemas\/Thing\/properties\/birthday\): a schema must be a Schema Object or a boolean, received a list/,
      "fix: write a Schema Object here",
    ],
    [
      "a schema that is a string",
      "not a schema",
      /api\.json:1:\d+ \(\/components\/schemas\/Thing\): a schema must be a Schema Object or a boolean, received the string "not a schema"/,
      "fix: write a Schema Object here",
    ],
    [
      "allOf that is not a list",
      { allOf: { type: "object" } },
      /\(\/components\/schemas\/Thing\/allOf\): `allOf` must be a list of schemas, received object/,
      "fix: write a Schema Object here",
    ],
  ])("%s: an input error at the schema, not a stack trace", async (_, schema, message, fix) => {
    write("api.json", api({ Thing: schema as Record<string, unknown> }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toContain(fix);
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  // Found by the long fuzz run: a `schema` that is not an object where the structure holds one.
  const withOperation = (operation: Record<string, unknown>) =>
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: { "/things/{id}": { get: { operationId: "getThing", ...operation } } },
    });
  const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const ok = { "200": { description: "ok", content: { "application/json": { schema: { type: "object" } } } } };
  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a response's schema that is null",
      { parameters: [idParam], responses: { ...ok, "404": { description: "no", content: { "application/json": { schema: null } } } } },
      /\(\/paths\/~1things~1\{id\}\/get\/responses\/404\/content\/application~1json\/schema\): a schema must be a Schema Object or a boolean, received null/,
    ],
    [
      "a parameter's schema that is a string",
      { parameters: [idParam, { name: "q", in: "query", schema: "text" }], responses: ok },
      /\(\/paths\/~1things~1\{id\}\/get\/parameters\/1\/schema\): a schema must be a Schema Object or a boolean, received the string "text"/,
    ],
    [
      "a header's schema that is a number",
      { parameters: [idParam], responses: { "200": { description: "ok", headers: { "X-Rate": { schema: 5 } } } } },
      /\(\/paths\/~1things~1\{id\}\/get\/responses\/200\/headers\/X-Rate\/schema\): a schema must be a Schema Object or a boolean, received number 5/,
    ],
  ])("%s: an input error at its place, not an internal error", async (_, operation, message) => {
    write("api.json", withOperation(operation));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).toContain("fix: write a Schema Object here");
    expect(r.err).not.toMatch(/internal error|\n\s+at /);
  });

  test("a link's parameter named `schema` is a value, not a schema", async () => {
    const links = { self: { operationId: "getThing", parameters: { id: "$response.body#/id", schema: "$request.path.id" } } };
    write("api.json", withOperation({ parameters: [idParam], responses: { "200": { ...ok["200"], links } } }));
    expect(await generate(["--input", "api.json", "--output", "out"])).toMatchObject({ code: 0 });
  });

  test("recursion that names a value generates and type-checks: through properties, and through allOf or items (normalise types it)", async () => {
    write(
      "api.json",
      api({
        Thing: { type: "object", properties: { children: { type: "array", items: { $ref: "#/components/schemas/Thing" } } } },
        AllOfItself: { allOf: [{ $ref: "#/components/schemas/AllOfItself" }, { type: "object" }] },
        ListOfOther: { type: "array", items: { $ref: "#/components/schemas/Other" } },
        Other: { oneOf: [{ $ref: "#/components/schemas/ListOfOther" }, { type: "string" }] },
      }),
    );
    // Inside the repository, so that the client's `openapi-fetch` import resolves.
    const out = path.join(root, ".tmp/untrusted/recursion");
    rmSync(out, { recursive: true, force: true });
    expect(await generate(["--input", "api.json", "--output", out])).toMatchObject({ code: 0, err: "" });
    const checked = tsc(out, "strict", [path.join(out, "index.d.ts")], { module: "nodenext", moduleResolution: "nodenext" });
    expect(checked).toEqual({ status: 0, output: "" });
  });
});

describe("6. header and cookie names no request can carry", () => {
  const withParameter = (parameter: Record<string, unknown>) =>
    api({ Thing: thing }).replace('"operationId":"getThing",', `"operationId":"getThing","parameters":[${JSON.stringify(parameter)}],`);

  test.each([
    ["header", "X-Trace Id"],
    ["header", "X-Trace:Id"],
    ["header", "Ünïcode"],
    ["cookie", "session;admin=1"],
  ])("a %s named %j is refused at generation time, at its name", async (location, name) => {
    write("api.json", withParameter({ name, in: location, schema: { type: "string" } }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`api.json:1:`);
    expect(r.err).toContain(`(/paths/~1things/get/parameters/0/name): the ${location} parameter ${JSON.stringify(name)} is not a valid`);
    expect(r.err).toContain('or leave the operation out with "exclude"');
    // Left out, the rest of the document generates.
    write("api.config.json", JSON.stringify({ exclude: ["getThing"] }));
    expect((await generate(["--input", "api.json", "--output", "out"])).code).toBe(0);
    rmSync(path.join(dir, "api.config.json"));
  });

  test("every token character is a valid name", async () => {
    write("api.json", withParameter({ name: "X-a!#$%&'*+.^_`|~9", in: "header", schema: { type: "string" } }));
    expect(await generate(["--input", "api.json", "--output", "out"])).toMatchObject({ code: 0, err: "" });
  });
});

describe("8. what the fuzz test found: documents that generated clients that did not compile", () => {
  const twoOperations = (first: string, second: string) =>
    JSON.stringify({
      openapi: "3.0.3",
      info: { title: "t", version: "1" },
      paths: {
        "/a": { get: { operationId: first, responses: { "204": { description: "ok" } } } },
        "/b": { get: { operationId: second, responses: { "204": { description: "ok" } } } },
      },
    });

  test.each([
    [
      "an operationId with %",
      "list%2Fthings",
      "other",
      /\(\/paths\/~1a\/get\/operationId\): the operationId "list%2Fthings" holds %, which the types cannot name/,
    ],
    [
      "two operationIds that are one name once # is read as /",
      "a/b",
      "a#b",
      /\(\/paths\/~1b\/get\/operationId\): the operationIds "a\/b" and "a#b" are one name to the types/,
    ],
  ])("%s is refused at the operationId", async (_, first, second, message) => {
    write("api.json", twoOperations(first, second));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  test("a # alone is fine (Box's operationIds have one)", async () => {
    write("api.json", twoOperations("put_files_id#add_shared_link", "other"));
    expect(await generate(["--input", "api.json", "--output", "out"])).toMatchObject({ code: 0, err: "" });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    [
      "a string enum of only null",
      { type: "object", properties: { status: { type: "string", enum: [null] } } },
      /\(\/components\/schemas\/Thing\/properties\/status\/enum\): an enum of only null on a schema whose type does not allow null admits no value/,
    ],
    [
      "a $ref that is not a string",
      { type: "object", properties: { status: { $ref: 7 } } },
      /\(\/components\/schemas\/Thing\/properties\/status\/\$ref\): `\$ref` must be a string, received number 7/,
    ],
  ])("%s is refused at its place", async (_, schema, message) => {
    write("api.json", api({ Thing: schema }));
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
  });

  test("a parameter declared twice in one list is refused there", async () => {
    const parameter = { name: "id", in: "query", schema: { type: "string" } };
    write(
      "api.json",
      api({ Thing: thing }).replace(
        '"operationId":"getThing",',
        `"operationId":"getThing","parameters":[${JSON.stringify(parameter)},${JSON.stringify(parameter)}],`,
      ),
    );
    const r = await generate(["--input", "api.json", "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/\(\/paths\/~1things\/get\/parameters\/1\): Operations must have unique `name` \+ `in` parameters/);
    expect(r.err).toContain("fix: declare each parameter (name and `in`) once in a list");
  });
});
