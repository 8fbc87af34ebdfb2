import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { main } from "../../src/cli/main.js";
import { type Seen, startServer, type TestServer } from "../runtime/server.js";

// `--input https://…` (and a URL in the project config): the document is fetched with a timeout,
// its relative $refs resolve against its URL, the header records the URL, and the fast path and
// --check fetch it again and compare its hash. The server is a local node:http one.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const fixtures = path.join(root, "test/fixtures");
let dir: string;
let server: TestServer;
/** What the server serves, by URL path; a test may change it. */
let files: Map<string, { body: string; type: string }>;

const TYPES: Record<string, string> = { ".yaml": "application/yaml", ".json": "application/json" };
const serve = (urlPath: string, file: string) =>
  files.set(urlPath, { body: readFileSync(path.join(fixtures, file), "utf8"), type: TYPES[path.extname(file)]! });

function handler(req: Seen, res: http.ServerResponse): void {
  const { pathname } = new URL(req.url, "http://x");
  if (pathname === "/slow.yaml") {
    // Headers at once, then a body that never ends: the timeout covers the whole answer.
    res.writeHead(200, { "content-type": "application/yaml" }).write("openapi: 3.0.3\n");
    return;
  }
  if (pathname === "/page") {
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!doctype html><title>API</title>");
    return;
  }
  if (pathname === "/moved.yaml") {
    res.writeHead(302, { location: "/multi/api.yaml" }).end();
    return;
  }
  const file = files.get(pathname);
  if (!file) {
    res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    return;
  }
  res.writeHead(200, { "content-type": file.type }).end(file.body);
}

async function generate(args: string[], cwd = dir) {
  let out = "";
  let err = "";
  const code = await main(args, { out: (t) => void (out += t), err: (t) => void (err += t) }, cwd);
  return { code, out, err };
}

const read = (file: string) => readFileSync(path.join(dir, file), "utf8");
const fetched = () => server.seen.map((s) => new URL(s.url, "http://x").pathname);

beforeAll(async () => {
  server = await startServer();
  server.reset(handler);
});
afterAll(() => server.close());

beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "ocg-remote-"));
  server.reset(handler);
  files = new Map();
  serve("/multi/api.yaml", "multi-file/api.yaml");
  serve("/multi/paths/pets.yaml", "multi-file/paths/pets.yaml");
  serve("/multi/schemas/pet.yaml", "multi-file/schemas/pet.yaml");
  serve("/multi/schemas/owner.yaml", "multi-file/schemas/owner.yaml");
  serve("/swagger/petstore.yaml", "petstore-2.0.yaml");
  const petstore = yaml.load(readFileSync(path.join(fixtures, "petstore-2.0.yaml"), "utf8"));
  files.set("/swagger/petstore.json", { body: JSON.stringify(petstore), type: "application/json" });
  files.set("/broken", { body: '{\n  "openapi": "3.0.3"\n  "info": {}\n}\n', type: "application/json" });
});
afterEach(() => {
  delete process.env.OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS;
  rmSync(dir, { recursive: true, force: true });
});

describe("a document at a URL", () => {
  test("is fetched with the files it $refs relative to its URL; the header records the URL", async () => {
    const url = `${server.url}/multi/api.yaml`;
    const r = await generate(["--input", url, "--output", "pets"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(new RegExp(`^${url.replace(/[.]/g, "\\.")}: 2 operations → pets \\(\\d+ written\\)\\n$`));
    expect(fetched().sort()).toEqual(["/multi/api.yaml", "/multi/paths/pets.yaml", "/multi/schemas/owner.yaml", "/multi/schemas/pet.yaml"]);
    expect(read("pets/index.js").split("\n").slice(1, 3)).toEqual([
      expect.stringMatching(new RegExp(`^// Source: ${url.replace(/[.]/g, "\\.")} \\(sha256 of its canonical JSON: [0-9a-f]{64}\\)$`)),
      `// Regenerate: npm run generate -- --input ${url} --output pets`,
    ]);
    expect(JSON.parse(read("pets/api.json")).source).toBe(url);
    // The same document from files has the same hash: the bundle, not where it came from, is hashed.
    await generate(["--input", path.join(fixtures, "multi-file/api.yaml"), "--output", "local"]);
    expect(JSON.parse(read("local/api.json")).documentHash).toBe(JSON.parse(read("pets/api.json")).documentHash);
  });

  test("the default folder is named after the URL's last segment", async () => {
    const r = await generate(["--input", `${server.url}/multi/api.yaml?version=2`]);
    expect(r.code).toBe(0);
    expect(existsSync(path.join(dir, "generated/api/index.js"))).toBe(true);
  });

  test("a redirect is followed, and relative $refs resolve against where it led", async () => {
    const r = await generate(["--input", `${server.url}/moved.yaml`, "--output", "pets"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(fetched()).toContain("/multi/schemas/pet.yaml");
  });

  test("the fast path and --check fetch it again and compare its hash; a changed document is stale", async () => {
    const url = `${server.url}/multi/api.yaml`;
    expect((await generate(["--input", url])).code).toBe(0);
    server.reset(handler);
    expect((await generate(["--input", url])).out).toBe(`${url}: 2 operations → generated/api (unchanged)\n`);
    expect(fetched()).toContain("/multi/api.yaml");
    expect(await generate(["--input", url, "--check"])).toMatchObject({
      code: 0,
      out: `${url}: 2 operations, generated/api is up to date\n`,
    });
    // A file it $refs changes on the server: the bundle's hash changes, so the folder is stale.
    const pet = files.get("/multi/schemas/pet.yaml")!;
    files.set("/multi/schemas/pet.yaml", { ...pet, body: pet.body.replace("name:", "nickname:") });
    const stale = await generate(["--input", url, "--check"]);
    expect(stale.code).toBe(1);
    expect(stale.err).toContain(`${url}: generated/api is stale; run \`npm run generate -- --input ${url} --output generated/api\``);
  });

  test("a URL in the project config generates like a path", async () => {
    const url = `${server.url}/multi/api.yaml`;
    writeFileSync(path.join(dir, "openapi-client-gen.config.json"), JSON.stringify({ documents: [{ input: url, output: "src/pets" }] }));
    const r = await generate([]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(r.out).toMatch(/→ src\/pets \(\d+ written\)/);
    expect(JSON.parse(read("src/pets/api.json")).source).toBe(url);
    expect((await generate(["--check"])).code).toBe(0);
  });

  test.each(["petstore.yaml", "petstore.json"])("a Swagger 2.0 document (%s) is converted like a file", async (name) => {
    const r = await generate(["--input", `${server.url}/swagger/${name}`, "--output", "pets"]);
    expect(r).toMatchObject({ code: 0, err: "" });
    expect(read("pets/operations.js").match(/^export function /gm)).toHaveLength(20);
  });
});

describe("a URL that does not give a document: one message naming it, exit 1, nothing written", () => {
  test.each<[string, string, RegExp]>([
    [
      "a 404",
      "/missing.yaml",
      /^error: http:\/\/127\.0\.0\.1:\d+\/missing\.yaml: cannot fetch the document: HTTP 404 Not Found\n {2}fix: check the URL/,
    ],
    [
      "JSON with a syntax error, at its line (the media type says JSON)",
      "/broken",
      /^error: http:\/\/127\.0\.0\.1:\d+\/broken:3:3: invalid JSON: Expected ',' or '}'/,
    ],
    [
      "an HTML page",
      "/page",
      /^error: http:\/\/127\.0\.0\.1:\d+\/page: the server answered with an HTML page \(text\/html; charset=utf-8\), not an OpenAPI document/,
    ],
    [
      "a server that does not finish in time",
      "/slow.yaml",
      /^error: http:\/\/127\.0\.0\.1:\d+\/slow\.yaml: cannot fetch the document: no complete answer within 300 ms\n {2}fix: .+OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS/,
    ],
  ])("%s", async (_, urlPath, message) => {
    process.env.OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS = "300";
    const r = await generate(["--input", `${server.url}${urlPath}`, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(existsSync(path.join(dir, "out"))).toBe(false);
  });

  test("a closed port names the URL and the network error", async () => {
    const { closedPort } = await import("../runtime/server.js");
    const url = `http://127.0.0.1:${await closedPort()}/api.yaml`;
    const r = await generate(["--input", url, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`error: ${url}: cannot fetch the document: fetch failed (ECONNREFUSED)`);
  });

  test("a $ref'd file that is missing is reported where the $ref is, naming the URL it tried", async () => {
    files.delete("/multi/schemas/owner.yaml");
    const url = `${server.url}/multi/api.yaml`;
    const r = await generate(["--input", url, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `error: ${url.replace(/[.]/g, "\\.")}:10:5 \\(/components/schemas/Owner\\): Can't resolve \\$ref "\\./schemas/owner\\.yaml": cannot fetch .*/multi/schemas/owner\\.yaml: HTTP 404`,
      ),
    );
    // pet.yaml $refs it too: that $ref is reported in pet.yaml, by its URL.
    expect(r.err).toMatch(/error: http:\/\/127\.0\.0\.1:\d+\/multi\/schemas\/pet\.yaml:5:3 \(\/properties\/owner\): Can't resolve \$ref/);
  });

  test("a lint error in a $ref'd file is located in that file, by its URL", async () => {
    const pets = files.get("/multi/paths/pets.yaml")!;
    files.set("/multi/paths/pets.yaml", { ...pets, body: pets.body.replace("operationId: addPet", "operationId: listPets") });
    const r = await generate(["--input", `${server.url}/multi/api.yaml`, "--output", "out"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      new RegExp(
        `error: ${server.url.replace(/[.]/g, "\\.")}/multi/paths/pets\\.yaml:\\d+:\\d+ \\(/post/[^)]*\\): Every operation must have a unique`,
      ),
    );
  });
});
