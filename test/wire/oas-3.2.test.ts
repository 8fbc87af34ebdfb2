// OpenAPI 3.2 (test/fixtures/oas-3.2.yaml) through a generated client against a node:http server on
// 127.0.0.1 that records the bytes it receives: the QUERY method and additional operations, `in:
// querystring`, `itemSchema` streams of every sequential media type (multipart/mixed included),
// `$self`, server variables, the device authorization flow, nested tags in the selection.
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";
import { json, startServer, type TestServer } from "../runtime/server.js";

let server: TestServer;
let oas: any;
let generation = "";

async function generate(args: string[]): Promise<{ code: number; err: string }> {
  let err = "";
  const code = await main(args, { out: () => {}, err: (t) => void (err += t) }, root);
  return { code, err };
}

beforeAll(async () => {
  // Fresh folders: a current one would be proven so without loading the document (and its warnings).
  rmSync(path.join(root, ".tmp/oas-3.2"), { recursive: true, force: true });
  const r = await generate(["--input", "test/fixtures/oas-3.2.yaml", "--output", ".tmp/oas-3.2/client"]);
  expect(r.code).toBe(0);
  generation = r.err;
  oas = await import(pathToFileURL(path.join(root, ".tmp", "oas-3.2", "client", "index.js")).href);
  server = await startServer();
}, 90000);
afterAll(() => server.close());

const api = (options: object = {}) => oas.createClient({ baseUrl: `${server.url}/v1`, apiKey: "k", maxRetries: 0, ...options });
const last = () => server.seen[server.seen.length - 1]!;
const order = (id: string, total = 1) => ({ id, total });
const items = async (stream: AsyncIterable<unknown>) => {
  const out: unknown[] = [];
  for await (const item of stream) out.push(item);
  return out;
};

test("the 3.2 document generates without a warning: every 3.2 field is read, none is a lint error", () => {
  expect(generation).toBe("");
});

describe("methods", () => {
  test("the query operation sends a QUERY request with its body", async () => {
    server.reset((_req, res) => json(res, 200, [order("o1", 150)]));
    await expect(api().queryOrders({ body: { minTotal: 100 } })).resolves.toEqual([order("o1", 150)]);
    expect(last()).toMatchObject({ method: "QUERY", url: "/v1/orders" });
    expect(last().headers["content-type"]).toBe("application/json");
    expect(JSON.parse(last().body.toString())).toEqual({ minTotal: 100 });
  });

  test("an additional operation sends its method as written, with the path's parameters", async () => {
    server.reset((_req, res) => json(res, 201, order("o2")));
    await expect(api().copyOrder({ id: "o1", Destination: "/orders/o2" })).resolves.toEqual(order("o2"));
    expect(last()).toMatchObject({ method: "COPY", url: "/v1/orders/o1" });
    expect(last().headers.destination).toBe("/orders/o2");
  });

  test("api.json and the JSDoc name them by their own method", () => {
    const apiJson = JSON.parse(readFileSync(path.join(root, ".tmp/oas-3.2/client/api.json"), "utf8"));
    const methods = apiJson.operations.map((o: { method: string; path: string }) => `${o.method} ${o.path}`);
    expect(methods).toEqual(expect.arrayContaining(["QUERY /orders", "COPY /orders/{id}"]));
    const docs = readFileSync(path.join(root, ".tmp/oas-3.2/client/operations.d.ts"), "utf8");
    expect(docs).toContain("* `QUERY /orders`");
    expect(docs).toContain("* `COPY /orders/{id}`");
  });
});

describe("in: querystring", () => {
  test("a form: the whole query string, field by field, an array's items one by one", async () => {
    server.reset((_req, res) => json(res, 200, []));
    await api().searchProducts({ filter: { q: "a b&c", tags: ["x", "y"], inStock: true } });
    expect(last().url).toBe("/v1/search?q=a%20b%26c&tags=x&tags=y&inStock=true");
  });

  test("JSON: the whole query string is the value's JSON, percent-encoded (the specification's example)", async () => {
    server.reset((_req, res) => json(res, 200, {}));
    await api().getReport({ selector: { numbers: [1, 2], flag: null } });
    expect(last().url).toBe("/v1/reports?%7B%22numbers%22%3A%5B1%2C2%5D%2C%22flag%22%3Anull%7D");
  });
});

describe("itemSchema: streams typed item by item", () => {
  test.each([
    ["application/jsonl", (e: object) => `${JSON.stringify(e)}\n`],
    ["application/x-ndjson", (e: object) => `${JSON.stringify(e)}\n`],
    ["application/json-seq", (e: object) => `\x1e${JSON.stringify(e)}\n`],
  ])("%s", async (type, frame) => {
    const entries = [{ message: "Hi!", level: 1 }, { message: "Bye!" }];
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": type });
      for (const e of entries) res.write(frame(e));
      res.end();
    });
    expect(await items(await api().streamLogs())).toEqual(entries);
  });

  test("server-sent events whose data is JSON by its contentMediaType: whole events, data parsed", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.write(`event: created\nid: 1\ndata: ${JSON.stringify(order("o1"))}\n\n`);
      res.end(`event: paid\ndata: ${JSON.stringify(order("o1", 2))}\n\n`);
    });
    expect(await items(await api().watchEvents())).toEqual([
      { event: "created", id: "1", data: order("o1") },
      { event: "paid", id: "1", data: order("o1", 2) },
    ]);
  });

  test("server-sent events whose data is a string: the text as it came", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      res.end("event: tick\ndata: not JSON {\n\n");
    });
    expect(await items(await api().watchTicks())).toEqual([{ event: "tick", data: "not JSON {" }]);
  });

  test("multipart/mixed: each part an item, read as it arrives, the parts cut anywhere", async () => {
    const boundary = "b0undary";
    const body = [
      "preamble, ignored\r\n",
      `--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(order("o1"))}`,
      `\r\n--${boundary}\r\n\r\n${JSON.stringify(order("o2", 2))}`,
      `\r\n--${boundary}--\r\nepilogue, ignored`,
    ].join("");
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": `multipart/mixed; boundary="${boundary}"` });
      // Seven-byte pieces: delimiters, headers and bodies split between chunks.
      const bytes = Buffer.from(body);
      let at = 0;
      const next = () => {
        if (at >= bytes.length) return void res.end();
        res.write(bytes.subarray(at, (at += 7)), next);
      };
      next();
    });
    // The second part names no Content-Type: the document's itemEncoding (application/json) applies.
    expect(await items(await api().exportOrders())).toEqual([order("o1"), order("o2", 2)]);
  });

  test("a multipart/mixed body cut before its closing delimiter is an InvalidResponseError, after the parts that came", async () => {
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "multipart/mixed; boundary=x" });
      res.end(`--x\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(order("o1"))}\r\n--x\r\n\r\n{"id":`);
    });
    const seen: unknown[] = [];
    const error = await (async () => {
      try {
        for await (const item of await api().exportOrders()) seen.push(item);
      } catch (e) {
        return e;
      }
    })();
    expect(seen).toEqual([order("o1")]);
    expect(error).toBeInstanceOf(oas.InvalidResponseError);
  });
});

describe("the rest of 3.2", () => {
  test("servers: the named server, its variables at their defaults; $self references are the document's own", async () => {
    const seen: string[] = [];
    const client = oas.createClient({
      apiKey: "k",
      maxRetries: 0,
      fetch: async (r: Request) => (seen.push(r.url), Response.json([order("o1")])),
    });
    await expect(client.listOrders()).resolves.toEqual([order("o1")]);
    expect(seen).toEqual(["https://eu.oas32.example/v1/orders"]);
  });

  test("a deviceAuthorization flow's token is sent as a bearer token", async () => {
    server.reset((_req, res) => json(res, 200, []));
    await api({ credentials: { device: "tok" } }).listOrders();
    expect(last().headers.authorization).toBe("Bearer tok");
  });

  test("an include of a parent tag selects the operations of the tags nested under it", async () => {
    const r = await generate(["--input", "test/fixtures/oas-3.2.yaml", "--output", ".tmp/oas-3.2/store", "--include", "Store"]);
    expect(r.code).toBe(0);
    const apiJson = JSON.parse(readFileSync(path.join(root, ".tmp/oas-3.2/store/api.json"), "utf8"));
    expect(apiJson.operations.map((o: { name: string }) => o.name).sort()).toEqual([
      "copyOrder",
      "getOrder",
      "listOrders",
      "queryOrders",
      "searchProducts",
    ]);
  });

  test("a problem inside a query operation is placed at its line in the 3.2 document", async () => {
    const text = readFileSync(path.join(root, "test/fixtures/oas-3.2.yaml"), "utf8").replace(
      '{ $ref: "#/components/schemas/OrderFilter" }',
      '{ $ref: "#/components/schemas/Nope" }',
    );
    writeFileSync(path.join(root, ".tmp/oas-3.2/broken.yaml"), text);
    const r = await generate(["--input", ".tmp/oas-3.2/broken.yaml", "--output", ".tmp/oas-3.2/broken", "--strict"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /broken\.yaml:45:13 \(\/paths\/~1orders\/query\/requestBody\/content\/application~1json\/schema\): Can't resolve \$ref "#\/components\/schemas\/Nope"/,
    );
  });

  test("server variables against 3.2's rules are warnings; a later version is refused", async () => {
    writeFileSync(
      path.join(root, ".tmp/oas-3.2/vars.yaml"),
      [
        "openapi: 3.2.0",
        'info: { title: t, version: "1" }',
        "servers:",
        "  - url: https://{env}.example/{env}",
        "    variables: { env: { default: prod, enum: [dev, test] } }",
        "paths: {}",
        "",
      ].join("\n"),
    );
    const r = await generate(["--input", ".tmp/oas-3.2/vars.yaml", "--output", ".tmp/oas-3.2/vars"]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(
      /vars\.yaml:5:\d+ \(\/servers\/0\/variables\/env\): the default of the server variable `env` is not one of its enum/,
    );
    expect(r.err).toMatch(/the server variable `env` appears more than once in the URL/);
    writeFileSync(path.join(root, ".tmp/oas-3.2/later.yaml"), 'openapi: 3.3.0\ninfo: { title: t, version: "1" }\npaths: {}\n');
    const later = await generate(["--input", ".tmp/oas-3.2/later.yaml", "--output", ".tmp/oas-3.2/later"]);
    expect(later.code).toBe(1);
    expect(later.err).toMatch(/unsupported OpenAPI version "3\.3\.0"/);
  });
});

test("a server URL relative to the document resolves against where it was fetched, not against $self", async () => {
  const text = [
    "openapi: 3.2.0",
    "$self: https://apidescriptions.example.test/foo",
    'info: { title: t, version: "1" }',
    "servers: [{ url: ./v1, name: here }]",
    "paths: { /ping: { get: { operationId: ping, responses: { '204': { description: ok } } } } }",
    "",
  ].join("\n");
  server.reset((req, res) => {
    if (req.url === "/apis/openapi.yaml") res.writeHead(200, { "content-type": "application/yaml" }).end(text);
    else res.writeHead(204).end();
  });
  const r = await generate(["--input", `${server.url}/apis/openapi.yaml`, "--output", ".tmp/oas-3.2/fetched"]);
  expect(r.code).toBe(0);
  const fetched = await import(pathToFileURL(path.join(root, ".tmp/oas-3.2/fetched/index.js")).href);
  await fetched.createClient({ maxRetries: 0 }).ping();
  expect(last().url).toBe("/apis/v1/ping");
});
