// Lists followed page by page, against servers that page as big APIs do: OpenAI's and Stripe's
// cursors, GitHub's Link header, Twilio's next-page URI, Kubernetes' continue token, offsets and page
// numbers; the API's own signal ends the pages, a repeated cursor is an error and not a loop.
import { spawnSync } from "node:child_process";
import type http from "node:http";
import path from "node:path";
import { pathToFileURL } from "node:url";
import {
  type Client,
  InvalidResponseError,
  NotFoundError,
  type RequestOptions,
  withResponse,
} from "../../generated/openai-uploads/index.js";
import { nextLink, paginated } from "../../generated/openai-uploads/runtime/pages.js";
import { readHeaders } from "../../generated/openai-uploads/runtime/response-headers.js";
import type { PaginationSpec } from "../../generated/openai-uploads/runtime/spec.js";
import { configureClient, type OperationSpec, send } from "./internals.js";
import { root } from "../tsc.js";
import { json, type Seen, startServer, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const client = () => configureClient({ baseUrl: server.url, securitySchemes: {} }, { maxRetries: 0 });
const list = (path: string, params: OperationSpec["params"], pagination: PaginationSpec, extra: Partial<OperationSpec> = {}) =>
  paginated({ operation: "listThings", method: "GET", path, params, responses: { 200: ["application/json"] }, pagination, ...extra });

/** The numbers 1..total, the first `limit` of them after `after`. */
const numbers = (total: number) => Array.from({ length: total }, (_, i) => ({ id: `item_${i + 1}`, n: i + 1 }));
const query = (req: Seen) => new URL(req.url, "http://x").searchParams;
const collect = async <T>(items: AsyncIterable<T>) => {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
};

/** OpenAI: `after` an id, answering `{ data, first_id, last_id, has_more }`. */
function openai(total: number) {
  const all = numbers(total);
  return (req: Seen, res: http.ServerResponse) => {
    const q = query(req);
    const start = q.has("after") ? all.findIndex((x) => x.id === q.get("after")) + 1 : 0;
    const data = all.slice(start, start + Number(q.get("limit") ?? 3));
    json(res, 200, {
      object: "list",
      data,
      first_id: data[0]?.id ?? null,
      last_id: data.at(-1)?.id ?? null,
      has_more: start + data.length < total,
    });
  };
}
const openaiSpec = () =>
  list(
    "/files",
    { after: { in: "query" }, limit: { in: "query" } },
    { style: "cursor", items: ["data"], param: ["after"], next: ["last_id"], hasMore: ["has_more"] },
  );

describe("each style, to the end the API signals", () => {
  test("OpenAI: `after` ← `last_id`, until `has_more` is false", async () => {
    server.reset(openai(7));
    const items = await collect(openaiSpec().all(client(), { limit: 3 }));
    expect(items.map((x: any) => x.n)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(server.seen.map((r) => r.url)).toEqual(["/files?limit=3", "/files?after=item_3&limit=3", "/files?after=item_6&limit=3"]);
  });

  test("Stripe: `starting_after` ← the last item's id; the caller's own cursor is where it starts", async () => {
    const all = numbers(5);
    server.reset((req, res) => {
      const after = query(req).get("starting_after");
      const start = after ? all.findIndex((x) => x.id === after) + 1 : 0;
      json(res, 200, { object: "list", data: all.slice(start, start + 2), has_more: start + 2 < all.length, url: "/v1/customers" });
    });
    const spec = list(
      "/v1/customers",
      { starting_after: { in: "query" } },
      { style: "cursor", items: ["data"], param: ["starting_after"], next: ["data", -1, "id"], hasMore: ["has_more"] },
    );
    expect((await collect(spec.all(client(), { starting_after: "item_1" }))).map((x: any) => x.n)).toEqual([2, 3, 4, 5]);
    expect(server.seen).toHaveLength(2);
  });

  test("GitHub: the Link header's rel=next, its query sent to the operation's own path and server", async () => {
    const all = numbers(5);
    server.reset((req, res) => {
      const page = Number(query(req).get("page") ?? 1);
      const perPage = Number(query(req).get("per_page") ?? 2);
      const links = [`<https://api.github.com/repositories/1/issues?state=open&per_page=${perPage}&page=1>; rel="first"`];
      if (page * perPage < all.length)
        links.push(`<https://api.github.com/repositories/1/issues?state=open&per_page=${perPage}&page=${page + 1}>; rel="next"`);
      json(res, 200, all.slice((page - 1) * perPage, page * perPage), { link: links.join(", ") });
    });
    const spec = list(
      "/repos/{owner}/issues",
      { owner: { in: "path" }, state: { in: "query" }, per_page: { in: "query" }, page: { in: "query" } },
      { style: "link", items: [] },
    );
    const items = await collect(spec.all(client(), { owner: "octo", state: "open", per_page: 2 }));
    expect(items.map((x: any) => x.n)).toEqual([1, 2, 3, 4, 5]);
    expect(server.seen.map((r) => r.url)).toEqual([
      "/repos/octo/issues?state=open&per_page=2",
      "/repos/octo/issues?state=open&per_page=2&page=2",
      "/repos/octo/issues?state=open&per_page=2&page=3",
    ]);
  });

  test("Twilio: the next page's URI in the body, with query parameters the operation does not declare", async () => {
    const all = numbers(5);
    server.reset((req, res) => {
      const q = query(req);
      const page = Number(q.get("Page") ?? 0);
      const next =
        (page + 1) * 2 < all.length ? `/2010-04-01/Accounts/AC1/Calls.json?PageSize=2&Page=${page + 1}&PageToken=PA${page + 1}` : null;
      json(res, 200, { calls: all.slice(page * 2, page * 2 + 2), next_page_uri: next, page, page_size: 2 });
    });
    const spec = list(
      "/2010-04-01/Accounts/{AccountSid}/Calls.json",
      { AccountSid: { in: "path" }, PageSize: { in: "query" } },
      { style: "url", items: ["calls"], next: ["next_page_uri"] },
    );
    const pages = await collect(spec.pages(client(), { AccountSid: "AC1", PageSize: 2 }));
    expect(pages.map((p) => p.items.map((x: any) => x.n))).toEqual([[1, 2], [3, 4], [5]]);
    expect(pages[1]!.data).toMatchObject({ page: 1 });
    expect(server.seen.map((r) => r.url)).toEqual([
      "/2010-04-01/Accounts/AC1/Calls.json?PageSize=2",
      "/2010-04-01/Accounts/AC1/Calls.json?PageSize=2&Page=1&PageToken=PA1",
      "/2010-04-01/Accounts/AC1/Calls.json?PageSize=2&Page=2&PageToken=PA2",
    ]);
  });

  test("Kubernetes: `continue` ← `metadata.continue`, an empty page with a token included, until no token", async () => {
    const pages = [[1, 2], [], [3]];
    server.reset((req, res) => {
      const at = Number(query(req).get("continue") ?? "0");
      const token = at + 1 < pages.length ? String(at + 1) : undefined;
      json(res, 200, { kind: "PodList", metadata: { resourceVersion: "9", ...(token ? { continue: token } : {}) }, items: pages[at] });
    });
    const spec = list(
      "/api/v1/pods",
      { continue: { in: "query" }, limit: { in: "query" } },
      { style: "cursor", items: ["items"], param: ["continue"], next: ["metadata", "continue"] },
    );
    expect(await collect(spec.all(client(), { limit: 2 }))).toEqual([1, 2, 3]);
    expect(server.seen.map((r) => query(r).get("continue"))).toEqual([null, "1", "2"]);
  });

  test("offset: `offset` += the items received, until the total", async () => {
    server.reset((req, res) => {
      const offset = Number(query(req).get("offset") ?? 0);
      json(res, 200, {
        results: numbers(7)
          .slice(offset, offset + 3)
          .map((x) => x.n),
        total: 7,
      });
    });
    const spec = list(
      "/things",
      { offset: { in: "query" }, limit: { in: "query" } },
      { style: "offset", items: ["results"], param: ["offset"], total: ["total"] },
    );
    expect(await collect(spec.all(client(), { limit: 3 }))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(server.seen.map((r) => query(r).get("offset"))).toEqual([null, "3", "6"]);
  });

  test("page numbers from 0, until an empty page", async () => {
    server.reset((req, res) => {
      const page = Number(query(req).get("page") ?? 0);
      json(res, 200, { rows: ["a", "b", "c", "d", "e"].slice(page * 2, page * 2 + 2) });
    });
    const spec = list("/rows", { page: { in: "query" } }, { style: "page", items: ["rows"], param: ["page"], firstPage: 0 });
    expect(await collect(spec.all(client()))).toEqual(["a", "b", "c", "d", "e"]);
    expect(server.seen.map((r) => query(r).get("page"))).toEqual([null, "1", "2", "3"]);
  });

  test("a page size the caller asked for, when the document says so: a shorter page is the last", async () => {
    server.reset((req, res) => {
      const offset = Number(query(req).get("skip") ?? 0);
      json(res, 200, { data: numbers(5).slice(offset, offset + 2) });
    });
    const spec = list(
      "/x",
      { skip: { in: "query" }, take: { in: "query" } },
      { style: "offset", items: ["data"], param: ["skip"], limit: "take" },
    );
    expect(await collect(spec.all(client(), { take: 2 }))).toHaveLength(5);
    expect(server.seen).toHaveLength(3);
  });

  test("a cursor in the request body (Speakeasy's `in: requestBody`)", async () => {
    server.reset((req, res) => {
      const { cursor } = JSON.parse(req.body.toString()) as { cursor?: string };
      json(res, 200, cursor ? { entries: ["c"], next: null } : { entries: ["a", "b"], next: "k" });
    });
    const spec = list(
      "/search",
      {},
      { style: "cursor", items: ["entries"], param: ["body", "cursor"], next: ["next"] },
      { method: "POST", body: "application/json" },
    );
    expect(await collect(spec.all(client(), { body: { q: "x" } }))).toEqual(["a", "b", "c"]);
    expect(server.seen.map((r) => JSON.parse(r.body.toString()))).toEqual([{ q: "x" }, { q: "x", cursor: "k" }]);
  });
});

describe("vendors' own end signals: no request after the last page", () => {
  /** A server answering `pages` in order; asking past them is a 404 the walk must never see. */
  const pagesServer = (pages: object[], headers: Array<Record<string, string>> = []) =>
    server.reset((_req, res, seen) => {
      const page = pages[seen.length - 1];
      if (page) json(res, 200, page, headers[seen.length - 1] ?? {});
      else json(res, 404, { error: "asked past the last page" });
    });

  test("Jira: `startAt` += items, ending on `isLast: true` (the total is not reached: items were filtered out)", async () => {
    pagesServer([
      { startAt: 0, maxResults: 2, total: 9, isLast: false, values: [1, 2] },
      { startAt: 2, maxResults: 2, total: 9, isLast: true, values: [3] },
    ]);
    const spec = list(
      "/dashboards",
      { startAt: { in: "query" }, maxResults: { in: "query" } },
      { style: "offset", items: ["values"], param: ["startAt"], total: ["total"], isLast: ["isLast"] },
    );
    expect(await collect(spec.all(client(), { maxResults: 2 }))).toEqual([1, 2, 3]);
    expect(server.seen.map((r) => query(r).get("startAt"))).toEqual([null, "2"]);
  });

  test("Slack: `cursor` ← `response_metadata.next_cursor`, ending on an empty cursor", async () => {
    pagesServer([
      { ok: true, members: [1, 2], response_metadata: { next_cursor: "dXNlcjpVMDYxTkZUVDI=" } },
      { ok: true, members: [3], response_metadata: { next_cursor: "" } },
    ]);
    const spec = list(
      "/users.list",
      { cursor: { in: "query" } },
      { style: "cursor", items: ["members"], param: ["cursor"], next: ["response_metadata", "next_cursor"] },
    );
    expect(await collect(spec.all(client()))).toEqual([1, 2, 3]);
    expect(server.seen.map((r) => query(r).get("cursor"))).toEqual([null, "dXNlcjpVMDYxTkZUVDI="]);
  });

  test("Asana: `offset` ← `next_page.offset`, ending on `next_page: null`", async () => {
    pagesServer([
      {
        data: [1],
        next_page: { offset: "eyJ0eXAi", path: "/goals?offset=eyJ0eXAi", uri: "https://app.asana.com/api/1.0/goals?offset=eyJ0eXAi" },
      },
      { data: [2], next_page: null },
    ]);
    const spec = list(
      "/goals",
      { offset: { in: "query" } },
      { style: "cursor", items: ["data"], param: ["offset"], next: ["next_page", "offset"] },
    );
    expect(await collect(spec.all(client()))).toEqual([1, 2]);
  });

  test("Vercel: `until` ← `pagination.next`, a timestamp, ending on `next: null`", async () => {
    pagesServer([
      { teams: [1, 2], pagination: { count: 2, next: 1540095775951, prev: null } },
      { teams: [3], pagination: { count: 1, next: null, prev: 1540095775951 } },
    ]);
    const spec = list(
      "/v2/teams",
      { until: { in: "query" } },
      { style: "cursor", items: ["teams"], param: ["until"], next: ["pagination", "next"] },
    );
    expect(await collect(spec.all(client()))).toEqual([1, 2, 3]);
    expect(server.seen.map((r) => query(r).get("until"))).toEqual([null, "1540095775951"]);
  });

  test("`more: false` ends the pages, and a nested total (`meta.total`) ends offsets", async () => {
    pagesServer([
      { items: [1], more: true },
      { items: [2], more: false },
    ]);
    const more = list("/a", { page: { in: "query" } }, { style: "page", items: ["items"], param: ["page"], hasMore: ["more"] });
    expect(await collect(more.all(client()))).toEqual([1, 2]);
    pagesServer([
      { data: [1, 2], meta: { total: 3 } },
      { data: [3], meta: { total: 3 } },
    ]);
    const total = list(
      "/b",
      { offset: { in: "query" } },
      { style: "offset", items: ["data"], param: ["offset"], total: ["meta", "total"] },
    );
    expect(await collect(total.all(client()))).toEqual([1, 2, 3]);
  });

  test("page numbers over an API that sends Link headers: the page without rel=next is the last (Gitea, Netlify)", async () => {
    pagesServer([{ v: 1 }, { v: 2 }].map((x) => [x]) as unknown as object[], [
      { link: '</a?page=2>; rel="next", </a?page=2>; rel="last"' },
      { link: '</a?page=1>; rel="prev", </a?page=1>; rel="first"' },
    ]);
    const spec = list("/a", { page: { in: "query" } }, { style: "page", items: [], param: ["page"] });
    expect(await collect(spec.all(client()))).toEqual([{ v: 1 }, { v: 2 }]);
    expect(server.seen).toHaveLength(2);
  });
});

describe("the pages never go round forever", () => {
  test("a server that answers the cursor it was sent: the pages before are given, then an InvalidResponseError", async () => {
    server.reset((_req, res) => json(res, 200, { data: [{ id: "a" }], last_id: "same", has_more: true }));
    const seen: unknown[] = [];
    const iterate = async () => {
      for await (const item of openaiSpec().all(client())) seen.push(item);
    };
    await expect(iterate()).rejects.toThrow(InvalidResponseError);
    await expect(iterate()).rejects.toThrow(/repeats the cursor "same" of an earlier page/);
    expect(server.seen.length).toBe(4); // two calls of two requests each
    expect(seen).toHaveLength(4);
  });

  test("a cycle of cursors (a → b → a) is found too, and the caller's own first cursor counts", async () => {
    server.reset((req, res) => json(res, 200, { data: [1], last_id: query(req).get("after") === "a" ? "b" : "a", has_more: true }));
    await expect(collect(openaiSpec().all(client()))).rejects.toThrow(/repeats the cursor "a"/);
    expect(server.seen).toHaveLength(3);
    await expect(collect(openaiSpec().all(client(), { after: "b" }))).rejects.toThrow(/repeats the cursor "b"/);
  });

  test("a Link header that names the page it is on", async () => {
    server.reset((_req, res) => json(res, 200, [1], { link: `<${server.url}/x?page=2>; rel="next"` }));
    const spec = list("/x", { page: { in: "query" } }, { style: "link", items: [] });
    await expect(collect(spec.all(client()))).rejects.toThrow(/repeats the next-page URL .*page=2/);
    expect(server.seen).toHaveLength(2);
  });

  test("`has_more: false` ends the pages even when a cursor is given", async () => {
    server.reset((_req, res) => json(res, 200, { data: [1], last_id: "x", has_more: false }));
    expect(await collect(openaiSpec().all(client()))).toEqual([1]);
    expect(server.seen).toHaveLength(1);
  });
});

describe("pages are calls", () => {
  test("fetched only when needed: stopping after the first item asks for one page", async () => {
    server.reset(openai(10));
    for await (const item of openaiSpec().all(client(), { limit: 3 })) {
      expect(item).toMatchObject({ n: 1 });
      break;
    }
    expect(server.seen).toHaveLength(1);
  });

  test("next() called again before the one before settled still gives every item once, in order", async () => {
    server.reset(openai(5));
    const iterator = openaiSpec().all(client(), { limit: 2 })[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    expect(results.map((r) => (r.done ? "done" : (r.value as { n: number }).n))).toEqual([1, 2, 3, 4, 5, "done", "done"]);
    expect(server.seen).toHaveLength(3);
  });

  test("each page gets the caller's options, and carries its response, request id and data", async () => {
    server.reset((req, res) => {
      res.setHeader("x-request-id", `req_${server.seen.length}`);
      openai(4)(req, res);
    });
    const pages = await collect(openaiSpec().pages(client(), { limit: 2 }, { headers: { "x-trace": "t" } }));
    expect(pages.map((p) => p.requestId)).toEqual(["req_1", "req_2"]);
    expect(pages.map((p) => p.response.status)).toEqual([200, 200]);
    expect(pages[1]!.data).toMatchObject({ has_more: false, last_id: "item_4" });
    expect(server.seen.map((r) => r.headers["x-trace"])).toEqual(["t", "t"]);
  });

  test("an error answer for a later page rejects the iteration after the pages before it", async () => {
    server.reset((req, res) => (query(req).has("after") ? json(res, 404, { error: { message: "gone" } }) : openai(9)(req, res)));
    const seen: unknown[] = [];
    const iterate = async () => {
      for await (const item of openaiSpec().all(client(), { limit: 3 })) seen.push(item);
    };
    await expect(iterate()).rejects.toThrow(NotFoundError);
    expect(seen).toHaveLength(3);
  });

  test("a page whose items are not a list is an InvalidResponseError", async () => {
    server.reset((_req, res) => json(res, 200, { data: { not: "a list" } }));
    await expect(collect(openaiSpec().all(client()))).rejects.toThrow(/holds no list at \$\.data/);
  });

  test("the function itself is the plain call", async () => {
    server.reset(openai(2));
    const spec = openaiSpec();
    expect(spec.name).toBe("listThings");
    await expect(spec(client(), { limit: 5 })).resolves.toMatchObject({ object: "list", has_more: false });
  });
});

test("withResponse's headers: the declared ones, by their schemas, for the status received", async () => {
  server.reset((_req, res) =>
    json(res, 200, {}, { "x-ratelimit-remaining": "41", "x-beta": "TRUE", "x-regions": "eu, us", "x-broken": "many", "x-other": "1" }),
  );
  const spec: OperationSpec = {
    method: "GET",
    path: "/h",
    responses: { 200: ["application/json"] },
    headers: {
      read: readHeaders,
      declared: {
        "2XX": {
          "X-RateLimit-Remaining": "number",
          "X-Beta": "boolean",
          "X-Regions": "string[]",
          "X-Broken": "number",
          "X-Absent": "string",
        },
      },
    },
  };
  const { headers } = await withResponse((c: Client, p?: object, o?: RequestOptions) => send(c, spec, p, o))(client());
  // Read as the schema says; a value that does not parse and an absent header are left out; undeclared ones are not there.
  expect(headers).toEqual({ "X-RateLimit-Remaining": 41, "X-Beta": true, "X-Regions": ["eu", "us"] });
  const plain = await withResponse((c: Client, p?: object, o?: RequestOptions) => send(c, { ...spec, headers: undefined }, p, o))(client());
  expect(plain.headers).toEqual({});
});

test.each<[string | null, string | undefined]>([
  ['<https://api.github.com/x?page=2>; rel="next", <https://api.github.com/x?page=5>; rel="last"', "https://api.github.com/x?page=2"],
  ['<https://a/x?page=1>; rel="prev", <https://a/x?page=3>; rel=next', "https://a/x?page=3"],
  ['<https://a/x?labels=a,b&page=2>; rel="next"', "https://a/x?labels=a,b&page=2"],
  ['<https://a/x?page=2>; title="n; e, x"; rel="prefetch next"', "https://a/x?page=2"],
  ['<https://a/x?page=2>; REL="Next"', "https://a/x?page=2"],
  ['<https://a/x?page=5>; rel="last"', undefined],
  ["", undefined],
  [null, undefined],
])("nextLink(%j)", (header, url) => expect(nextLink(header)).toBe(url));

describe("a client generated from a document, end to end", () => {
  let gen: any;
  beforeAll(async () => {
    const out = path.join(root, ".tmp", "pages-e2e");
    const result = spawnSync(process.execPath, ["scripts/generate.js", "--input", "test/fixtures/pagination.yaml", "--output", out], {
      cwd: root,
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(result.stderr);
    gen = await import(pathToFileURL(path.join(out, "index.js")).href);
  });

  test("the methods' .all and .pages, the free functions' too, and the typed headers of each page", async () => {
    const answer = (req: Seen, res: http.ServerResponse) => {
      res.setHeader("x-ratelimit-remaining", String(100 - server.seen.length));
      openai(5)(req, res);
    };
    server.reset(answer);
    const api = gen.createClient({ baseUrl: server.url });
    expect((await collect(api.listFiles.all({ limit: 2 }))).map((x: any) => x.n)).toEqual([1, 2, 3, 4, 5]);
    server.reset(answer);
    const pages = await collect<any>(gen.listFiles.pages(gen.createBaseClient({ baseUrl: server.url }), { limit: 4 }));
    expect(pages.map((p) => p.headers["X-RateLimit-Remaining"])).toEqual([99, 98]);
    const { headers } = await api.listFiles.withResponse({ limit: 1 });
    expect(headers).toEqual({ "X-RateLimit-Remaining": 97 });
    // Not a list, and a list the config turned off: plain calls only.
    expect(api.getFile.all).toBeUndefined();
    expect(gen.listLogs.pages).toBeUndefined();
  });
});
