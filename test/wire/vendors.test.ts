// What real vendors' documents declare (test/fixtures/vendors.yaml, tsv-2.0.yaml), through generated
// clients against a node:http server on 127.0.0.1 that records the bytes it receives: ignored
// header parameters, servers that repeat the document's, single-file multipart bodies, `+json`
// streams, Swagger's tsv, required query parameters, and connection errors a user can act on.
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";
import { json, parseMultipart, startServer, type TestServer } from "../runtime/server.js";

let server: TestServer;
let vendors: any;
let tsv: any;

async function generated(input: string, name: string): Promise<any> {
  const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t) };
  expect(await main(["--input", input, "--output", `.tmp/vendors/${name}`], quiet, root)).toBe(0);
  return import(pathToFileURL(path.join(root, ".tmp", "vendors", name, "index.js")).href);
}

beforeAll(async () => {
  vendors = await generated("test/fixtures/vendors.yaml", "vendors");
  tsv = await generated("test/fixtures/tsv-2.0.yaml", "tsv");
  server = await startServer();
}, 90000);
afterAll(() => server.close());

const api = (options: object = {}) => vendors.createClient({ baseUrl: `${server.url}/v4`, maxRetries: 0, ...options });
const last = () => server.seen[server.seen.length - 1]!;

describe("header parameters OpenAPI says to ignore", () => {
  test("Accept, Content-Type and Authorization are not asked for; the client sets them", async () => {
    server.reset((_req, res) => json(res, 200, { incidents: [] }));
    await api({ apiKey: "k" }).listIncidents({ team: "ops", limit: 10, "X-Trace": "t1" });
    expect(last().headers.accept).toBe("application/json");
    expect(last().headers.authorization).toBe("Bearer k");
    expect(last().headers["x-trace"]).toBe("t1");
    expect(last().headers["content-type"]).toBeUndefined();
  });

  test("no Content-Type goes with a request that has no body", async () => {
    server.reset((_req, res) => res.writeHead(204).end());
    await api().deleteIncident({ id: "P1" });
    expect(last().method).toBe("DELETE");
    expect(last().headers["content-type"]).toBeUndefined();
  });

  test("the JSDoc says why they are not parameters", async () => {
    const { readFile } = await import("node:fs/promises");
    const docs = await readFile(path.join(root, ".tmp", "vendors", "vendors", "operations.d.ts"), "utf8");
    expect(docs).toMatch(
      /declares `Accept`, `Authorization`, `Content-Type` as header parameters, which OpenAPI says to ignore \(or fetch writes itself\)/,
    );
    expect(docs).toContain(
      '& Omit<NonNullable<paths["/incidents"]["get"]["parameters"]["header"]>, "Accept" | "Authorization" | "Content-Type">;',
    );
  });
});

describe("servers", () => {
  test("an operation's servers that repeat the document's go where baseUrl goes", async () => {
    server.reset((_req, res) => json(res, 200, { incidents: [] }));
    await api().listIncidents({ team: "ops" });
    expect(last().url).toBe("/v4/incidents?team=ops");
  });

  test("one on another of the document's servers follows a moved baseUrl, and its own server otherwise", async () => {
    server.reset((_req, res) => json(res, 200, []));
    await api().listBetaThings();
    expect(last().url).toBe("/v4/beta/things");
    const seen: string[] = [];
    const production = vendors.createClient({ maxRetries: 0, fetch: async (r: Request) => (seen.push(r.url), Response.json([])) });
    await production.listBetaThings();
    expect(seen).toEqual(["https://api.vendors.example/v4beta/beta/things"]);
  });

  test("a genuinely different server keeps its own, and the servers option replaces it", async () => {
    const seen: string[] = [];
    const client = api({ fetch: async (r: Request) => (seen.push(r.url), Response.json({}, { status: 201 })) });
    await client.uploadFile({ body: new Blob(["x"]) });
    expect(seen).toEqual(["https://upload.vendors.example/api/files/content"]);
    server.reset((_req, res) => json(res, 201, {}));
    await api({ servers: { "https://upload.vendors.example/api": `${server.url}/up` } }).uploadFile({ body: new Blob(["x"]) });
    expect(last().url).toBe("/up/files/content");
  });
});

describe("multipart bodies", () => {
  test("a body whose schema is one binary string is sent as a file part named `file`", async () => {
    server.reset((_req, res) => json(res, 201, {}));
    const file = new File([new Uint8Array([1, 2, 3])], "report.pdf", { type: "application/pdf" });
    await api({ servers: { "https://upload.vendors.example/api": `${server.url}/up` } }).uploadFile({ body: file });
    expect(last().headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
    const form = await parseMultipart(last());
    const part = form.get("file") as File;
    expect(part.name).toBe("report.pdf");
    expect(part.type).toBe("application/pdf");
    expect(await part.bytes()).toEqual(new Uint8Array([1, 2, 3]));
  });

  test("named by the Encoding Object when it names one property", async () => {
    server.reset((_req, res) => json(res, 200, []));
    await api().addAttachment({ key: "JRA-1", body: new Uint8Array([9, 8]) });
    const form = await parseMultipart(last());
    expect(form.has("attachment")).toBe(true);
    expect(form.has("file")).toBe(false);
    expect((form.get("attachment") as File).type).toBe("image/png");
  });

  test("a multipart body with no part is refused before sending", async () => {
    server.reset((_req, res) => json(res, 200, {}));
    await expect(api().updateProfile({ body: {} })).rejects.toMatchObject({
      name: "InvalidParameterError",
      message: expect.stringMatching(/"body".*cannot be empty/),
    });
    expect(server.seen).toHaveLength(0);
  });
});

test("an application/stream+json answer is JSON lines, read item by item", async () => {
  server.reset((_req, res) => {
    res.writeHead(200, { "content-type": "application/stream+json" });
    res.write('{"type":"ADDED","object":{"n":1}}\n');
    res.end('{"type":"DELETED","object":{"n":2}}\n');
  });
  const items: unknown[] = [];
  for await (const item of await api().watchEvents()) items.push(item);
  expect(items).toEqual([
    { type: "ADDED", object: { n: 1 } },
    { type: "DELETED", object: { n: 2 } },
  ]);
});

test("Swagger's collectionFormat: tsv is sent tab-separated", async () => {
  server.reset((_req, res) => json(res, 200, []));
  await tsv.createClient({ baseUrl: `${server.url}/v1`, maxRetries: 0 }).getReports({ columns: ["a b", "c"], ids: [1, 2] });
  expect(last().url).toBe("/v1/reports?columns=a%20b%09c&ids=1%7C2");
  expect(new URLSearchParams(last().url.split("?")[1]).get("columns")).toBe("a b\tc");
});

describe("errors a user can act on", () => {
  test("a missing required query parameter from JavaScript is an InvalidParameterError, before sending", async () => {
    server.reset((_req, res) => json(res, 200, {}));
    await expect(api().listIncidents({ limit: 1 })).rejects.toMatchObject({
      name: "InvalidParameterError",
      message: expect.stringMatching(/parameter "team" of listIncidents is required/),
    });
    expect(server.seen).toHaveLength(0);
  });

  test("a connection error names the cause's code and the host", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const error = await api({ baseUrl: `http://127.0.0.1:${port}/v4` })
      .listIncidents({ team: "ops" })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(vendors.ApiConnectionError);
    expect(error.message).toBe(`Connection error: ECONNREFUSED 127.0.0.1:${port}.`);
  });
});
