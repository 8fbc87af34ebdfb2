// The generated Uploads client in a real browser: esbuild bundles test/browser/page.ts with it, a node:http
// server serves the page from one origin and the API answers from another (a second port), with CORS, and
// Chromium runs the page headless. What differs from Node is checked on purpose: the preflight, headers
// the API must expose, multipart bytes from a Blob, and redirects, which the browser follows itself
// (src/runtime/redirects.ts, `redirectMode`). Skipped, with the reason printed, where no Chromium is
// installed, unless CHROMIUM_REQUIRED=1 (`npm run test:browser`), which makes that a failure.
import path from "node:path";
import { build } from "esbuild";
import { type Handler, type Recorder, redirect, type Seen, startTwoOrigins } from "../support/faults.js";
import { json, upload } from "../runtime/server.js";
import { root } from "../tsc.js";
import { findChromium, launchChromium, type Page } from "./chromium.js";
import type { Checks } from "./page.js";

const chromium = findChromium();
const skipped = "missing" in chromium && process.env.CHROMIUM_REQUIRED !== "1" ? chromium.missing : undefined;
if (skipped) console.warn(`skipped: the browser tests (test/browser/): ${skipped}`);
const inBrowser = skipped ? describe.skip : describe;

/** The API's CORS answer: any origin, the headers the page asks for, and the one response header the client reads. */
const CORS = { "access-control-allow-origin": "*", "access-control-expose-headers": "x-request-id" };
function withCors(handler: Handler): Handler {
  return (req, res, seen) => {
    if (req.method === "OPTIONS") {
      // max-age 0: every call is preflighted, so each test sees its own preflight.
      const allowed = {
        "access-control-allow-methods": "POST",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
      };
      res.writeHead(204, { ...CORS, ...allowed, "access-control-max-age": "0" }).end();
      return;
    }
    for (const [name, value] of Object.entries(CORS)) res.setHeader(name, value);
    handler(req, res, seen);
  };
}

const PART = { id: "part_1", object: "upload.part", created_at: 1719185911, upload_id: "upload_1" };
const NOT_FOUND = { error: { message: "No upload with id upload_x", type: "invalid_request_error", param: null, code: null } };
// Bytes a multipart parser could trip on: a NUL, CRLF, "--", and bytes that are not UTF-8.
const BYTES = [0, 1, 2, 13, 10, 45, 45, 255, 128, 0, 42];

inBrowser("the Uploads client in Chromium", () => {
  let site: Recorder; // the page's origin
  let api: Recorder; // the API's origin
  let closeServers: () => Promise<void>;
  let page: Page;
  let bundle: string;

  /** Serves the page and its bundle; under /v1 the same-origin API, under /elsewhere a redirect's other origin. */
  const siteHandler: Handler = (req, res, seen) => {
    if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(`<script type="module" src="/page.js"></script>`);
    else if (req.url === "/page.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
    else if (req.url.startsWith("/v1/")) json(res, 200, upload("upload_1", "cancelled"), { "x-request-id": "req_same_origin" });
    else withCors((_req, res) => json(res, 200, upload("upload_1", "cancelled")))(req, res, seen);
  };

  beforeAll(async () => {
    const output = await build({
      entryPoints: [path.join(root, "test/browser/page.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    bundle = output.outputFiles[0]!.text;
    ({ first: site, second: api, close: closeServers } = await startTwoOrigins());
    site.handle(siteHandler);
    if ("missing" in chromium) throw new Error(chromium.missing);
    page = await launchChromium(chromium.path);
    await page.goto(site.url + "/");
  });
  afterAll(async () => {
    await page?.close();
    await closeServers?.();
  });
  beforeEach(() => site.handle(siteHandler));

  /** Calls `checks[name](...args)` in the page; a failure shows what the page logged. */
  async function check<K extends keyof Checks>(name: K, ...args: Parameters<Checks[K]>) {
    try {
      return await page.evaluate<Awaited<ReturnType<Checks[K]>>>(`checks.${name}(...${JSON.stringify(args)})`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\npage log:\n${page.log.join("\n")}`);
    }
  }
  const requests = (server: Recorder) => server.seen.filter((seen) => seen.method !== "OPTIONS");
  const preflights = (server: Recorder) => server.seen.filter((seen) => seen.method === "OPTIONS");

  test("the bundle runs as a browser's: redirects are left to fetch (redirectMode 'follow')", async () => {
    expect(await check("environment")).toEqual({
      redirectMode: "follow",
      userAgent: expect.stringMatching(/^Mozilla\/.*Chrome\//),
      origin: site.url,
    });
  });

  test("cancelUpload from another origin: a preflight for Authorization, then the POST; x-request-id read once exposed", async () => {
    api.handle(withCors((_req, res) => json(res, 200, upload("upload_1", "cancelled"), { "x-request-id": "req_cancel" })));
    expect(await check("cancel", api.url, "upload_1")).toEqual({
      data: { upload: upload("upload_1", "cancelled"), requestId: "req_cancel", url: `${api.url}/uploads/upload_1/cancel` },
    });
    expect(
      preflights(api).map((seen) => [
        seen.url,
        seen.headers["access-control-request-method"],
        seen.headers["access-control-request-headers"],
      ]),
    ).toEqual([["/uploads/upload_1/cancel", "POST", "authorization"]]);
    const [post, ...more] = requests(api);
    expect(more).toEqual([]);
    expect(post).toMatchObject({
      method: "POST",
      url: "/uploads/upload_1/cancel",
      headers: { authorization: "Bearer sk-browser", origin: site.url },
    });
    expect(post!.body.length).toBe(0);
  });

  test("addUploadPart with a Blob: one multipart part, named data, holding the Blob's bytes", async () => {
    api.handle(withCors((_req, res) => json(res, 200, PART)));
    expect(await check("addPart", api.url, "upload_1", BYTES)).toEqual({ data: PART });
    const [post, ...more] = requests(api);
    expect(more).toEqual([]);
    expect(post).toMatchObject({ method: "POST", url: "/uploads/upload_1/parts", headers: { authorization: "Bearer sk-browser" } });
    const contentType = post!.headers["content-type"]!;
    expect(contentType).toMatch(/^multipart\/form-data; boundary=/);
    // multipart/form-data is a CORS-safelisted type: only Authorization needs the preflight.
    expect(preflights(api).map((seen) => seen.headers["access-control-request-headers"])).toEqual(["authorization"]);
    const form = await parts(post!, contentType);
    const names: string[] = [];
    form.forEach((_value, name) => names.push(name));
    expect(names).toEqual(["data"]);
    const file = form.get("data") as File;
    expect({ name: file.name, type: file.type, bytes: [...new Uint8Array(await file.arrayBuffer())] }).toEqual({
      name: "blob",
      type: "application/octet-stream",
      bytes: BYTES,
    });
  });

  test("per-call RequestInit fields reach the browser's fetch: credentials 'include' sends the page's cookie to the API's origin", async () => {
    // Both servers are on 127.0.0.1: a cookie of the page's host is the API's host's too (cookies ignore ports).
    await page.evaluate(`document.cookie = "session=s1; SameSite=Lax"`);
    api.handle((req, res) => {
      // A credentialed request is answered only to a named origin that allows credentials (not "*").
      const cors = { "access-control-allow-origin": site.url, "access-control-allow-credentials": "true" };
      if (req.method === "OPTIONS")
        res
          .writeHead(204, {
            ...cors,
            "access-control-allow-methods": "POST",
            "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "",
            "access-control-max-age": "0",
          })
          .end();
      else json(res, 200, upload("upload_1", "cancelled"), cors);
    });
    try {
      const answered = { data: expect.objectContaining({ upload: upload("upload_1", "cancelled") }) };
      expect(await check("cancel", api.url, "upload_1", { credentials: "include", cache: "no-store", priority: "high" })).toEqual(answered);
      expect(await check("cancel", api.url, "upload_1")).toEqual(answered);
      expect(requests(api).map((seen) => seen.headers.cookie)).toEqual(["session=s1", undefined]);
    } finally {
      await page.evaluate(`document.cookie = "session=; Max-Age=0"`);
    }
  });

  test("a 404 is a NotFoundError in the page, with the parsed body and the exposed x-request-id", async () => {
    api.handle(withCors((_req, res) => json(res, 404, NOT_FOUND, { "x-request-id": "req_404" })));
    expect(await check("cancel", api.url, "upload_x")).toEqual({
      error: {
        name: "NotFoundError",
        message: expect.stringContaining("No upload with id upload_x"),
        operation: "cancelUpload",
        instanceOf: { ApiError: true, NotFoundError: true, ApiTimeoutError: false, ApiConnectionError: false },
        isApiErrorOfCancelUpload: true,
        status: 404,
        error: NOT_FOUND,
        requestId: "req_404",
      },
    });
  });

  test("an attempt that outlasts its timeout is an ApiTimeoutError", async () => {
    api.handle(withCors(() => {})); // never answers; the recorder ends the connection at close
    expect(await check("cancel", api.url, "upload_1", { timeout: 200 })).toEqual({
      error: expect.objectContaining({ name: "ApiTimeoutError", instanceOf: expect.objectContaining({ ApiTimeoutError: true }) }),
    });
  });

  test("a relative baseUrl resolves against the page: same origin, no preflight", async () => {
    expect(await check("cancel", "/v1", "upload_1")).toEqual({
      data: { upload: upload("upload_1", "cancelled"), requestId: "req_same_origin", url: `${site.url}/v1/uploads/upload_1/cancel` },
    });
    expect(site.seen.map((seen) => [seen.method, seen.url, seen.headers.authorization])).toEqual([
      ["POST", "/v1/uploads/upload_1/cancel", "Bearer sk-browser"],
    ]);
  });

  describe("redirects, followed by the browser by the fetch standard's rules", () => {
    /** The API redirects its first request with `status` to `location`, and answers any other with an Upload. */
    const redirecting = (status: number, location: string) =>
      withCors((_req, res, seen) =>
        seen.filter((s) => s.method !== "OPTIONS").length === 1
          ? redirect(res, status, location)
          : json(res, 200, upload("upload_1", "cancelled")),
      );
    const hops = (server: Recorder) => requests(server).map((seen) => [seen.method, seen.url, seen.headers.authorization]);

    test("307 on the same origin: the POST goes again, Authorization with it", async () => {
      api.handle(redirecting(307, "/moved/upload_1/cancel"));
      expect(await check("cancel", api.url, "upload_1")).toEqual({
        data: expect.objectContaining({ upload: upload("upload_1", "cancelled"), url: `${api.url}/moved/upload_1/cancel` }),
      });
      expect(hops(api)).toEqual([
        ["POST", "/uploads/upload_1/cancel", "Bearer sk-browser"],
        ["POST", "/moved/upload_1/cancel", "Bearer sk-browser"],
      ]);
    });

    test("307 to another origin: the POST goes there without Authorization, with other headers that origin allows", async () => {
      api.handle(redirecting(307, `${site.url}/elsewhere/upload_1/cancel`));
      const headers = { "OpenAI-Organization": "org-1" };
      expect(await check("cancel", api.url, "upload_1", { headers })).toEqual({
        data: expect.objectContaining({ upload: upload("upload_1", "cancelled"), url: `${site.url}/elsewhere/upload_1/cancel` }),
      });
      const sent = (server: Recorder) =>
        requests(server).map((seen) => [seen.url, seen.headers.authorization, seen.headers["openai-organization"]]);
      expect(sent(api)).toEqual([["/uploads/upload_1/cancel", "Bearer sk-browser", "org-1"]]);
      expect(sent(site)).toEqual([["/elsewhere/upload_1/cancel", undefined, "org-1"]]);
      // The other origin was asked first, for the custom header only; after a hop elsewhere the Origin is "null".
      expect(preflights(site).map((seen) => [seen.headers["access-control-request-headers"], seen.headers.origin])).toEqual([
        ["openai-organization", "null"],
      ]);
    });

    test("302 after a POST: the browser sends a GET, and its answer resolves the call (Node's runtime rejects with the 302)", async () => {
      api.handle(redirecting(302, "/moved/upload_1"));
      expect(await check("cancel", api.url, "upload_1")).toEqual({
        data: expect.objectContaining({ upload: upload("upload_1", "cancelled"), url: `${api.url}/moved/upload_1` }),
      });
      expect(hops(api)).toEqual([
        ["POST", "/uploads/upload_1/cancel", "Bearer sk-browser"],
        ["GET", "/moved/upload_1", "Bearer sk-browser"],
      ]);
    });
  });
});

/** The multipart body as a FormData, parsed by the platform's own parser (undici's). */
function parts(seen: Seen, contentType: string): Promise<FormData> {
  return new Response(new Uint8Array(seen.body), { headers: { "content-type": contentType } }).formData();
}
