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

test("bytes sent where the document says JSON are an InvalidResponseError, not data typed as a string", async () => {
  const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46]);
  server.reset((_req, res) => res.writeHead(200, { "content-type": "application/pdf" }).end(bytes));
  await expect(api().downloadFile({ id: "file-1" })).rejects.toMatchObject({
    name: "InvalidResponseError",
    status: 200,
    body: "%PDF",
    message: "200 response body is application/pdf: the document declares application/json",
  });
});

describe("what each answer resolves to is what its type says", () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

  test("several media types: every one is asked for, JSON first, and each is read as itself", async () => {
    server.reset((req, res) =>
      req.url.endsWith("/project")
        ? res.writeHead(200, { "content-type": "image/png" }).end(png)
        : json(res, 200, { url: "https://a.example/avatar.svg" }),
    );
    const image: Blob = await api().getAvatar({ type: "project" });
    expect(image.type).toBe("image/png");
    expect(Buffer.from(await image.arrayBuffer()).equals(png)).toBe(true);
    expect(last().headers.accept).toBe("application/json, image/png;q=0.9, image/svg+xml;q=0.9");
    await expect(api().getAvatar({ type: "user" })).resolves.toEqual({ url: "https://a.example/avatar.svg" });
  });

  test("a 304 is an ApiError without a body, whatever content the document declares for it", async () => {
    server.reset((_req, res) => res.writeHead(304, { etag: '"a"' }).end());
    await expect(api().getAvatar({ type: "user" }, { headers: { "if-none-match": '"a"' } })).rejects.toMatchObject({
      name: "ApiError",
      status: 304,
      error: undefined,
    });
  });

  test("a 204 where the document declares content resolves undefined (Jira, Zoom); a 200 its body", async () => {
    server.reset((_req, res) => res.writeHead(204).end());
    await expect(api().deleteIssue({ id: "I-1" })).resolves.toBeUndefined();
    await expect(api().updateIssue({ id: "I-1" })).resolves.toBeUndefined();
    server.reset((_req, res) => json(res, 200, { id: "I-1" }));
    await expect(api().updateIssue({ id: "I-1" })).resolves.toEqual({ id: "I-1" });
  });

  test("Box's download: the bytes a declared 302 leads to, on another host, are read by their Content-Type", async () => {
    const cdn = await startServer();
    try {
      cdn.reset((_req, res) => res.writeHead(200, { "content-type": "application/octet-stream" }).end(png));
      server.reset((_req, res) => res.writeHead(302, { location: `${cdn.url}/d/abc` }).end());
      const blob = (await api().downloadContent({ id: "f1" })) as Blob;
      expect(blob).toBeInstanceOf(Blob);
      expect(Buffer.from(await blob.arrayBuffer()).equals(png)).toBe(true);
      expect(cdn.seen.map((r) => r.url)).toEqual(["/d/abc"]);
      cdn.reset((_req, res) => json(res, 200, { note: "json from the CDN" }));
      await expect(api().downloadContent({ id: "f1" })).resolves.toEqual({ note: "json from the CDN" });
      server.reset((_req, res) => res.writeHead(202, { "retry-after": "3" }).end());
      const { data, headers } = await api().downloadContent.withResponse({ id: "f1" });
      expect([data, headers]).toEqual([undefined, { "Retry-After": 3 }]);
    } finally {
      await cdn.close();
    }
  });

  test("Vercel's downloadArtifact, which declares no 2xx: the body is read by its Content-Type, not dropped", async () => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": "application/octet-stream" }).end(png));
    const blob = (await api().downloadArtifact({ hash: "h" })) as Blob;
    expect(Buffer.from(await blob.arrayBuffer()).equals(png)).toBe(true);
    server.reset((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("cached"));
    await expect(api().downloadArtifact({ hash: "h" })).resolves.toBe("cached");
    expect(last().headers.accept).toBe("*/*");
  });

  test("*/* takes any Content-Type, read as what it is", async () => {
    server.reset((_req, res) => res.writeHead(200, { "content-type": "text/html" }).end("<p>stored</p>"));
    await expect(api().getAnything()).resolves.toBe("<p>stored</p>");
    server.reset((_req, res) => res.writeHead(200, { "content-type": "image/png" }).end(png));
    await expect(api().getAnything()).resolves.toBeInstanceOf(Blob);
    expect(last().headers.accept).toBe("*/*");
  });

  test("JSON answering an operation that only streams is an InvalidResponseError, not an object typed as a Stream", async () => {
    server.reset((_req, res) => json(res, 200, { line: "not a stream" }));
    await expect(api().tailLogs()).rejects.toMatchObject({
      name: "InvalidResponseError",
      body: '{"line":"not a stream"}',
      message: "200 response body is application/json: the document declares text/event-stream",
    });
    server.reset((_req, res) => res.writeHead(200, { "content-type": "text/event-stream" }).end('data: {"line":"a"}\n\n'));
    const lines: unknown[] = [];
    for await (const item of await api().tailLogs()) lines.push(item);
    expect(lines).toEqual([{ line: "a" }]);
  });
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
