// The mocks in a real browser: the page (test/browser/mocks-page.ts) starts MSW's service worker with
// the generated handlers, and the generated client's calls to the document's server are answered by
// it, in Chromium, as they are in Node (test/sdk/mocks.test.ts). Skipped, with the reason printed,
// where no Chromium is installed, unless CHROMIUM_REQUIRED=1.
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { build } from "esbuild";
import { generateFixture } from "../sdk/generate-fixture.js";
import { root } from "../tsc.js";
import { findChromium, launchChromium, type Page } from "./chromium.js";

/** The page's checks (mocks-page.ts, which imports a client generated at test time and so is left out of `npm run typecheck`). */
type Checks = Record<"start" | "order" | "payments" | "notFound" | "stream", () => Promise<unknown>>;

const chromium = findChromium();
const skipped = "missing" in chromium && process.env.CHROMIUM_REQUIRED !== "1" ? chromium.missing : undefined;
if (skipped) console.warn(`skipped: the browser tests (test/browser/): ${skipped}`);
const inBrowser = skipped ? describe.skip : describe;

inBrowser("the shop client's mocks in Chromium, through MSW's service worker", () => {
  let page: Page;
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    await generateFixture(
      "sdk-browser",
      "test/fixtures/sdk.yaml",
      JSON.parse(readFileSync(path.join(root, "test/fixtures/sdk.config.json"), "utf8")),
    );
    const output = await build({
      entryPoints: [path.join(root, "test/browser/mocks-page.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      write: false,
      logLevel: "silent",
    });
    const bundle = output.outputFiles[0]!.text;
    const worker = readFileSync(path.join(root, "node_modules/msw/lib/mockServiceWorker.js"), "utf8");
    server = http.createServer((req, res) => {
      if (req.url === "/") res.writeHead(200, { "content-type": "text/html" }).end(`<script type="module" src="/page.js"></script>`);
      else if (req.url === "/page.js") res.writeHead(200, { "content-type": "text/javascript" }).end(bundle);
      else if (req.url === "/mockServiceWorker.js") res.writeHead(200, { "content-type": "text/javascript" }).end(worker);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    if ("missing" in chromium) throw new Error(chromium.missing);
    page = await launchChromium(chromium.path);
    await page.goto(url + "/");
    expect(await check("start")).toEqual({ controlled: true });
  }, 120_000);
  afterAll(async () => {
    await page?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  async function check<K extends keyof Checks>(name: K) {
    try {
      return await page.evaluate<unknown>(`checks.${name}()`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\npage log:\n${page.log.join("\n")}`);
    }
  }

  test("a call to the document's server is answered with the example, through the resource namespace", async () => {
    const expected = readFileSync(path.join(root, ".tmp/sdk-browser/mocks.js"), "utf8").match(/placed_at: "([^"]+)"/)![1]!;
    expect(await check("order")).toEqual({
      data: expect.objectContaining({ placed_at: expected, status: expect.stringMatching(/^(pending|paid|shipped)$/) }),
    });
  });

  test("a discriminated union's example carries its real discriminator value", async () => {
    const result = (await check("payments")) as { data: Array<{ method: string }> };
    expect(["card", "bank_transfer"]).toContain(result.data[0]!.method);
  });

  test("an override with a status and an error body is the client's NotFoundError", async () => {
    expect(await check("notFound")).toEqual({
      error: { name: "NotFoundError", status: 404, body: { title: "No such order", status: 404 }, isApiError: true },
    });
  });

  test("a streamed answer is read as events", async () => {
    expect(await check("stream")).toEqual({ data: [{ id: expect.any(String), text: expect.any(String) }] });
  });
});
