// Which redirects the runtime follows, and what reaches the next hop: method, body and exactly which
// headers, on the same origin and on another one (a second server on another port), through the
// global fetch against real servers; the downgrade to http through a fetch that answers itself.
import {
  defaultRedirectPolicy,
  fetchFollowingRedirects,
  redirectMode,
  redirectTarget,
  type RedirectPolicy,
} from "../../src/runtime/redirects.js";
import { redirect, startTwoOrigins, type Handler, type Recorder, type Seen } from "../support/faults.js";

let a: Recorder;
let b: Recorder;
let closeServers: () => Promise<void>;
beforeAll(async () => ({ first: a, second: b, close: closeServers } = await startTwoOrigins()));
afterAll(() => closeServers());
beforeEach(() => [a, b].forEach((server) => server.handle(ok)));

class TooManyRedirects extends Error {
  constructor(readonly url: URL) {
    super("too many redirects");
  }
}
const policy: RedirectPolicy = { ...defaultRedirectPolicy, tooManyRedirects: (url) => new TooManyRedirects(url) };

const ok: Handler = (_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("ok");
/** `/from` redirects with `status` to `to`; anything else is answered "ok". */
const from =
  (status: number, to: string): Handler =>
  (req, res) =>
    req.url === "/from" ? redirect(res, status, to) : ok(req, res, []);

const follow = (request: Request, body?: BodyInit | null, rules = policy) => fetchFollowingRedirects(fetch, request, rules, body);
const manual = (url: string, init: RequestInit = {}) => new Request(url, { ...init, redirect: "manual" });

// What a client sends: a bearer token, a cookie, an API key in a custom header (Azure's), a default
// header the caller set for every request (OpenAI's), and content negotiation.
const SENT = {
  authorization: "Bearer k",
  cookie: "session=c",
  "api-key": "secret",
  "openai-organization": "org-1",
  accept: "application/json",
};
const WATCHED = [...Object.keys(SENT), "content-type"];
const watched = (seen: Seen) =>
  Object.fromEntries(WATCHED.filter((name) => seen.headers[name] !== undefined).map((name) => [name, seen.headers[name]]));

describe("status × method × origin", () => {
  const everything = { ...SENT };
  const noCredentials = { accept: "application/json" };
  const json = { "content-type": "application/json" };
  // [status, method, origin of the Location, the headers of the second hop, or null when the 3xx is the answer]
  test.each([
    [301, "GET", "same", everything],
    [301, "GET", "cross", noCredentials],
    [301, "POST", "same", null],
    [301, "POST", "cross", null],
    [302, "GET", "same", everything],
    [302, "GET", "cross", noCredentials],
    [302, "POST", "same", null],
    [302, "POST", "cross", null],
    [303, "GET", "same", everything],
    [303, "GET", "cross", noCredentials],
    [303, "POST", "same", null],
    [303, "POST", "cross", null],
    [307, "GET", "same", everything],
    [307, "GET", "cross", noCredentials],
    [307, "POST", "same", { ...everything, ...json }],
    [307, "POST", "cross", { ...noCredentials, ...json }],
    [308, "GET", "same", everything],
    [308, "GET", "cross", noCredentials],
    [308, "POST", "same", { ...everything, ...json }],
    [308, "POST", "cross", { ...noCredentials, ...json }],
  ] as const)("%i after %s, %s origin", async (status, method, origin, arrives) => {
    const target = (origin === "same" ? a.url : b.url) + "/to";
    a.handle(from(status, target));
    const body = method === "POST" ? '{"n":1}' : null;
    const headers = body ? { ...SENT, ...json } : SENT;
    const response = await follow(manual(a.url + "/from", { method, headers, body }), body);

    const hops = [...a.seen.slice(1), ...b.seen];
    if (arrives === null) {
      // Not re-sent as a GET: the caller gets the 3xx and reports it as an error.
      expect(response.status).toBe(status);
      expect(response.headers.get("location")).toBe(target);
      expect(hops).toEqual([]);
      return;
    }
    expect([response.status, response.url, await response.text()]).toEqual([200, target, "ok"]);
    expect(hops).toHaveLength(1);
    expect(hops[0]).toMatchObject({ method, url: "/to", body: Buffer.from(body ?? "") });
    expect(watched(hops[0]!)).toEqual(arrives);
  });

  test("for comparison, fetch's own follow sends the API key and the default header to the other origin", async () => {
    a.handle(from(307, b.url + "/to"));
    await fetch(a.url + "/from", { headers: SENT });
    expect(watched(b.seen[0]!)).toEqual({ "api-key": "secret", "openai-organization": "org-1", accept: SENT.accept });
  });

  test("for comparison, fetch's own follow turns a POST answered by 302 into a GET that succeeds", async () => {
    a.handle(from(302, a.url + "/to"));
    const response = await fetch(a.url + "/from", { method: "POST", body: "{}" });
    expect([response.status, a.seen[1]!.method]).toEqual([200, "GET"]);
  });
});

describe("which redirects are followed", () => {
  const FROM = new URL("http://api.test/v1/files/f?x=1");
  test.each([
    // [status, method, Location, from, where to, or undefined for "answer with the 3xx"]
    [301, "GET", "/a", FROM, "http://api.test/a"],
    [302, "HEAD", "/a", FROM, "http://api.test/a"],
    [303, "GET", "/a", FROM, "http://api.test/a"],
    [307, "DELETE", "/a", FROM, "http://api.test/a"],
    [308, "PUT", "/a", FROM, "http://api.test/a"],
    [301, "POST", "/a", FROM, undefined],
    [302, "PUT", "/a", FROM, undefined],
    [303, "DELETE", "/a", FROM, undefined],
    [303, "PATCH", "/a", FROM, undefined],
    [300, "GET", "/a", FROM, undefined],
    [304, "GET", "/a", FROM, undefined],
    [305, "GET", "/a", FROM, undefined],
    [306, "GET", "/a", FROM, undefined],
    [200, "GET", "/a", FROM, undefined],
    [302, "GET", null, FROM, undefined],
    [302, "GET", "http://[::1", FROM, undefined],
    [302, "GET", "content", FROM, "http://api.test/v1/files/content"],
    [302, "GET", "../up", FROM, "http://api.test/v1/up"],
    [302, "GET", "?page=2", FROM, "http://api.test/v1/files/f?page=2"],
    [302, "GET", "//cdn.test/blob", FROM, "http://cdn.test/blob"],
    [302, "GET", "//cdn.test/blob", new URL("https://api.test/"), "https://cdn.test/blob"],
    [302, "GET", "http://api.test/a", new URL("https://api.test/"), undefined],
    [307, "POST", "http://cdn.test/a", new URL("https://api.test/"), undefined],
    [302, "GET", "https://api.test/a", FROM, "https://api.test/a"],
    [302, "GET", "ftp://api.test/a", FROM, undefined],
    [302, "GET", "file:///etc/passwd", FROM, undefined],
    [302, "GET", "data:,hello", FROM, undefined],
    [302, "GET", "javascript:alert(1)", FROM, undefined],
  ] as const)("%i after %s to %j from %s", (status, method, location, at, to) => {
    expect(redirectTarget(status, method, location, at)?.href).toBe(to);
  });
});

describe("the chain", () => {
  /** `/hop/n` redirects to `/hop/n+1` until `/hop/last`. */
  const chain =
    (last: number): Handler =>
    (req, res) => {
      const n = Number(req.url.split("/")[2]);
      return n < last ? redirect(res, 302, `/hop/${n + 1}`) : ok(req, res, []);
    };

  test("20 redirects are followed: 21 requests, and the response says where it came from", async () => {
    a.handle(chain(20));
    const response = await follow(manual(a.url + "/hop/0"));
    expect([response.status, response.url]).toEqual([200, a.url + "/hop/20"]);
    expect(a.seen).toHaveLength(21);
  });

  test("the 21st throws the caller's error, naming where it would have gone", async () => {
    a.handle(chain(21));
    const error = await follow(manual(a.url + "/hop/0")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TooManyRedirects);
    expect((error as TooManyRedirects).url.href).toBe(a.url + "/hop/21");
    expect(a.seen).toHaveLength(21);
  });

  test("a loop ends at the bound", async () => {
    a.handle((_req, res) => redirect(res, 307, "/loop"));
    await expect(follow(manual(a.url + "/loop"))).rejects.toBeInstanceOf(TooManyRedirects);
    expect(a.seen).toHaveLength(21);
  });

  test("the bound is the policy's", async () => {
    a.handle(chain(3));
    const call = follow(manual(a.url + "/hop/0"), null, { ...policy, maxRedirects: 2 });
    await expect(call).rejects.toBeInstanceOf(TooManyRedirects);
    expect(a.seen).toHaveLength(3);
  });

  test("by default, the error is fetch's own TypeError", async () => {
    a.handle((_req, res) => redirect(res, 302, "/loop"));
    const call = follow(manual(a.url + "/loop"), null, defaultRedirectPolicy);
    await expect(call).rejects.toThrow("redirect count exceeded");
  });

  test("a relative Location resolves against the URL that was redirected", async () => {
    a.handle((req, res) => (req.url === "/v1/files/f" ? redirect(res, 302, "../blobs/b?sig=1") : ok(req, res, [])));
    const response = await follow(manual(a.url + "/v1/files/f"));
    expect(response.url).toBe(a.url + "/v1/blobs/b?sig=1");
    expect(a.seen.map((s) => s.url)).toEqual(["/v1/files/f", "/v1/blobs/b?sig=1"]);
  });

  test.each([
    ["no Location", {}],
    ["a Location that is not a URL", { location: "http://[::1" }],
  ])("%s: the 3xx is the answer", async (_name, headers) => {
    a.handle((_req, res) => res.writeHead(302, headers).end("moved"));
    const response = await follow(manual(a.url + "/from"));
    expect([response.status, await response.text()]).toEqual([302, "moved"]);
    expect(a.seen).toHaveLength(1);
  });

  test("once a hop has left the origin, the credentials do not come back with a redirect to it", async () => {
    a.handle((req, res) => (req.url === "/from" ? redirect(res, 307, b.url + "/bounce") : ok(req, res, [])));
    b.handle((_req, res) => redirect(res, 307, a.url + "/admin"));
    await follow(manual(a.url + "/from", { headers: SENT }));
    expect(a.seen.map((s) => [s.url, watched(s)])).toEqual([
      ["/from", SENT],
      ["/admin", { accept: "application/json" }],
    ]);
  });

  test("a header the policy keeps crosses; Authorization, Proxy-Authorization and Cookie never do", async () => {
    a.handle(from(302, b.url + "/to"));
    const keep = new Set(["x-trace", "authorization", "proxy-authorization", "cookie"]);
    const headers = { ...SENT, "x-trace": "t", "proxy-authorization": "Basic p" };
    await follow(manual(a.url + "/from", { headers }), null, { ...policy, crossOriginHeaders: keep });
    expect(b.seen[0]!.headers).toMatchObject({ "x-trace": "t" });
    expect(b.seen[0]!.headers).not.toHaveProperty("authorization");
    expect(b.seen[0]!.headers).not.toHaveProperty("proxy-authorization");
    expect(b.seen[0]!.headers).not.toHaveProperty("cookie");
    expect(b.seen[0]!.headers).not.toHaveProperty("api-key");
  });
});

describe("bodies", () => {
  test("a stream cannot be sent again: the 307 is the answer", async () => {
    a.handle(from(307, a.url + "/to"));
    const stream = new Blob(["streamed"]).stream();
    const request = manual(a.url + "/from", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    const response = await follow(request, stream);
    expect(response.status).toBe(307);
    expect(a.seen.map((s) => [s.url, s.body.toString()])).toEqual([["/from", "streamed"]]);
  });

  test.each([undefined, null])("nor can a body whose source the caller did not pass (%p)", async (source) => {
    a.handle(from(308, a.url + "/to"));
    const response = await follow(manual(a.url + "/from", { method: "PUT", body: "x" }), source);
    expect([response.status, a.seen.length]).toEqual([308, 1]);
  });

  test("a request without a body needs no source", async () => {
    a.handle(from(307, a.url + "/to"));
    const response = await follow(manual(a.url + "/from", { method: "DELETE" }));
    expect([response.status, a.seen.map((s) => s.method)]).toEqual([200, ["DELETE", "DELETE"]]);
  });

  test.each([
    ["bytes", () => new Uint8Array([1, 2, 3]), "\u0001\u0002\u0003"],
    ["a Blob", () => new Blob(["blob"]), "blob"],
    ["URLSearchParams", () => new URLSearchParams({ q: "a b" }), "q=a+b"],
  ])("%s is sent again after a 307", async (_name, make, text) => {
    a.handle(from(307, b.url + "/to"));
    const body = make();
    await follow(manual(a.url + "/from", { method: "POST", body }), body);
    expect([a.seen[0]!.body.toString(), b.seen[0]!.body.toString()]).toEqual([text, text]);
  });

  test("a FormData is sent again with a boundary that matches its Content-Type", async () => {
    a.handle(from(308, a.url + "/to"));
    const form = new FormData();
    form.append("purpose", "fine-tune");
    form.append("file", new Blob(["{}"]), "a.jsonl");
    await follow(manual(a.url + "/from", { method: "POST", body: form }), form);
    const parse = (s: Seen) =>
      new Response(new Uint8Array(s.body), { headers: { "content-type": String(s.headers["content-type"]) } }).formData();
    const [first, second] = a.seen.map(parse);
    expect((await first!).get("purpose")).toBe("fine-tune");
    const parsed = await second!;
    expect(parsed.get("purpose")).toBe("fine-tune");
    expect(await (parsed.get("file") as File).text()).toBe("{}");
  });

  test("a followed 3xx whose body never ends does not hold the call, and its connection is closed", async () => {
    let closed!: () => void;
    const gone = new Promise<void>((resolve) => (closed = resolve));
    a.handle((req, res) => {
      if (req.url !== "/from") return ok(req, res, []);
      res.writeHead(302, { location: "/to" }).write("x");
      const timer = setInterval(() => res.write("x"), 5);
      res.on("close", () => (clearInterval(timer), closed()));
    });
    const response = await follow(manual(a.url + "/from"));
    expect(await response.text()).toBe("ok");
    await gone;
  });

  test("the body of a 3xx that is the answer is left for the caller to read", async () => {
    a.handle((_req, res) => res.writeHead(303, { location: "/to" }).end('{"error":"see other"}'));
    const response = await follow(manual(a.url + "/from", { method: "POST", body: "{}" }), "{}");
    expect([response.status, await response.text()]).toEqual([303, '{"error":"see other"}']);
  });
});

describe("fetch calls and signals", () => {
  /** fetch, recording each request it is given. */
  const recording = () => {
    const requests: Request[] = [];
    return { requests, fetch: (request: Request) => (requests.push(request), fetch(request)) };
  };

  test("no redirect: one fetch call, and its response as it is", async () => {
    const f = recording();
    let answer: Response | undefined;
    const keep = async (request: Request) => (answer = await f.fetch(request));
    const response = await fetchFollowingRedirects(keep, manual(a.url + "/x"), policy);
    expect(response).toBe(answer);
    expect(f.requests).toHaveLength(1);
  });

  test("a request in another mode is the platform's to follow: one fetch call", async () => {
    a.handle(from(302, b.url + "/to"));
    const f = recording();
    const response = await fetchFollowingRedirects(f.fetch, new Request(a.url + "/from", { headers: SENT }), policy);
    expect([response.status, response.redirected, f.requests.length]).toEqual([200, true, 1]);
  });

  test("every hop carries the request's signal; aborting it mid-chain rejects the call", async () => {
    const controller = new AbortController();
    a.handle((req, res) => (req.url === "/from" ? redirect(res, 302, "/slow") : controller.abort()));
    const f = recording();
    const call = fetchFollowingRedirects(f.fetch, manual(a.url + "/from", { signal: controller.signal }), policy);
    await expect(call).rejects.toMatchObject({ name: "AbortError" });
    expect(f.requests.map((r) => [new URL(r.url).pathname, r.redirect, r.signal.aborted])).toEqual([
      ["/from", "manual", true],
      ["/slow", "manual", true],
    ]);
  });

  test("https to http is not followed (through a fetch that answers itself: tests stay on loopback)", async () => {
    const seen: string[] = [];
    const answer = async (request: Request) => {
      seen.push(request.url);
      const downgrade = { status: 302, headers: { location: "http://api.test/to" } };
      return request.url.endsWith("/from") ? new Response(null, downgrade) : new Response("ok");
    };
    const response = await fetchFollowingRedirects(answer, manual("https://api.test/from"), policy);
    expect([response.status, seen]).toEqual([302, ["https://api.test/from"]]);
  });

  test("a followed 3xx's body is cancelled even when the fetch is not the platform's", async () => {
    let cancelled = false;
    const body = new ReadableStream({ cancel: () => void (cancelled = true) });
    const answer = async (request: Request) =>
      request.url.endsWith("/from") ? new Response(body, { status: 301, headers: { location: "/to" } }) : new Response("ok");
    const response = await fetchFollowingRedirects(answer, manual("http://api.test/from"), policy);
    expect([await response.text(), cancelled]).toEqual(["ok", true]);
  });

  test("on Node the runtime follows redirects itself", () => {
    expect(redirectMode).toBe("manual");
  });
});
