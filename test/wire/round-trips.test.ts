// Round trips through a client generated from test/fixtures/wire.yaml, against a node:http server on
// 127.0.0.1 that records the bytes it receives: every serialisation rule and media type the fixture
// states, checked on the wire, not in types.
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";
import { json, parseMultipart, startServer, type TestServer } from "../runtime/server.js";

const out = path.join(root, ".tmp", "wire", "client");
let server: TestServer;
let wire: any;

beforeAll(async () => {
  const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t) };
  expect(await main(["--input", "test/fixtures/wire.yaml", "--output", ".tmp/wire/client"], quiet, root)).toBe(0);
  wire = await import(pathToFileURL(path.join(out, "index.js")).href);
  server = await startServer();
}, 60000);
afterAll(() => server.close());

const api = (options: object = {}) => wire.createClient({ baseUrl: `${server.url}/v1`, maxRetries: 0, ...options });
const last = () => server.seen[server.seen.length - 1]!;
const ok = () => server.reset((_req, res) => json(res, 200, {}));

describe("bodies of several media types: the caller chooses, the default first", () => {
  test.each([
    [{}, "application/json-patch+json", [{ op: "add", path: "/a", value: 1 }]],
    [{ contentType: "application/merge-patch+json" }, "application/merge-patch+json", { labels: { a: "b" } }],
    [{ contentType: "application/strategic-merge-patch+json" }, "application/strategic-merge-patch+json", { spec: { replicas: 2 } }],
  ])("%j", async (choice, type, body) => {
    ok();
    await api().patchThing({ name: "n", body, ...choice });
    expect(last().headers["content-type"]).toBe(type);
    expect(JSON.parse(last().body.toString())).toEqual(body);
  });

  test("a media type the document does not declare is refused before sending", async () => {
    ok();
    await expect(api().patchThing({ name: "n", body: {}, contentType: "text/plain" })).rejects.toThrow(
      /parameter "contentType" of patchThing must be one of "application\/json-patch\+json"/,
    );
    expect(server.seen).toHaveLength(0);
  });
});

test("a */* body that is an object goes as JSON", async () => {
  server.reset((_req, res) => json(res, 201, { made: true }));
  await expect(api().createThing({ body: { kind: "Pod", metadata: { name: "p" } } })).resolves.toEqual({ made: true });
  expect(last().headers["content-type"]).toBe("application/json");
  expect(last().body.toString()).toBe('{"kind":"Pod","metadata":{"name":"p"}}');
});

test("query styles: explode false, deepObject, pipeDelimited; a GET's declared body is not offered", async () => {
  server.reset((_req, res) => json(res, 200, []));
  await api().searchThings({ fields: ["name", "size"], filter: { state: "open", "x&limit=1000": "y" }, ids: [1, 2] });
  expect(last().url).toBe("/v1/things?fields=name,size&filter%5Bstate%5D=open&filter%5Bx%26limit%3D1000%5D=y&ids=1%7C2");
  expect([...new URLSearchParams(last().url.split("?")[1])]).toEqual([
    ["fields", "name,size"],
    ["filter[state]", "open"],
    ["filter[x&limit=1000]", "y"],
    ["ids", "1|2"],
  ]);
  expect(last().body.length).toBe(0);
});

test("two parameters named `path`, in the path and the query, each reach their place", async () => {
  server.reset((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok"));
  await expect(api().proxyGet({ path: "a/b", path_query: "q" })).resolves.toBe("ok");
  expect(last().url).toBe("/v1/proxy/a%2Fb?path=q");
});

test("a form body follows its encoding: deepObject objects and arrays, every key encoded", async () => {
  ok();
  await api().postCustomers({ body: { metadata: { order_id: "6735" }, preferred_locales: ["en", "fr"], email: "a+b@example.com" } });
  expect(last().headers["content-type"]).toBe("application/x-www-form-urlencoded");
  expect([...new URLSearchParams(last().body.toString())]).toEqual([
    ["metadata[order_id]", "6735"],
    ["preferred_locales[0]", "en"],
    ["preferred_locales[1]", "fr"],
    ["email", "a+b@example.com"],
  ]);
});

test("bytes sent where the document says JSON come back as the same bytes", async () => {
  const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0xc3, 0x28]);
  server.reset((_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end(bytes));
  const blob: Blob = await api().downloadFile({ id: "file-1" });
  expect(blob.type).toBe("application/pdf");
  expect(Buffer.from(await blob.arrayBuffer()).equals(bytes)).toBe(true);
});

test("a # in the path template is not sent, and its query survives", async () => {
  server.reset((_req, res) => res.writeHead(204).end());
  await expect(api().filesRename({ id: "12345", fields: "shared_link" })).resolves.toBeUndefined();
  expect(last()).toMatchObject({ method: "PUT", url: "/v1/files/12345?fields=shared_link" });
});

test("a ?k=v in the path key is a constant query, sent with the others, never a second ?", async () => {
  ok();
  await api().listBetaResponses({ limit: 2 });
  expect(last().url).toBe("/v1/responses?beta=true&limit=2");
});

test("an operation's own server is used, and the caller can point it elsewhere", async () => {
  server.reset((_req, res) => json(res, 201, { id: "f" }));
  const client = api({ servers: { "https://upload.example/v2": `${server.url}/up` } });
  const file = new File([new Uint8Array([1, 2, 3])], "a.bin", { type: "application/octet-stream" });
  await client.uploadFile({ body: { file, attributes: { name: "a.bin", parent: { id: "0" } } } });
  expect(last().url).toBe("/up/uploads");
  const form = await parseMultipart(last());
  expect(await (form.get("file") as File).bytes()).toEqual(new Uint8Array([1, 2, 3]));
  expect(JSON.parse(form.get("attributes") as string)).toEqual({ name: "a.bin", parent: { id: "0" } });
  expect(last().body.toString()).toMatch(/name="attributes"\r\nContent-Type: application\/json\r\n/);
});

test("text/plain answers are strings", async () => {
  server.reset((_req, res) => res.writeHead(200, { "content-type": "text/plain; charset=utf-8" }).end("line 1\nline 2\n"));
  await expect(api().readLog()).resolves.toBe("line 1\nline 2\n");
});

test("a base URL with a query keeps it on every request", async () => {
  ok();
  await api({ baseUrl: `${server.url}/v1?api-version=2024-06-01` }).searchThings({ fields: ["a"] });
  expect(last().url).toBe("/v1/things?api-version=2024-06-01&fields=a");
});

test("a key for a document that declares no security scheme is sent as a bearer token", async () => {
  server.reset((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end(""));
  await api({ apiKey: "ghp_token" }).readLog();
  expect(last().headers.authorization).toBe("Bearer ghp_token");
});
