// generated/petshop/query.js in a real browser: a React component and a Vue component, each
// rendering the pet shop through the generated options (a query, a typed error, an infinite list
// paged to its end, a streamed query, a mutation whose invalidation re-renders the pet), bundled
// by esbuild and run by headless Chromium against the shop on 127.0.0.1. Unmounting a component
// whose request is under way aborts it. Skipped, with the reason printed, where no Chromium is
// installed, unless CHROMIUM_REQUIRED=1 (`npm run test:browser`).
import path from "node:path";
import { build } from "esbuild";
import { EVENTS, type Shop, startShop } from "../query/shop.js";
import { root } from "../tsc.js";
import { findChromium, launchChromium, type Page } from "./chromium.js";
import type { QueryChecks } from "./query-page.js";

const chromium = findChromium();
const skipped = "missing" in chromium && process.env.CHROMIUM_REQUIRED !== "1" ? chromium.missing : undefined;
if (skipped) console.warn(`skipped: the TanStack Query browser tests (test/browser/query.test.ts): ${skipped}`);
const inBrowser = skipped ? describe.skip : describe;

/** Waits until `check` holds (the test's own deadline applies). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 10));
}

inBrowser.each(["react", "vue"] as const)("the pet shop's query options in a %s component, in Chromium", (framework) => {
  let shop: Shop;
  let page: Page;

  beforeAll(async () => {
    const output = await build({
      entryPoints: [path.join(root, "test/browser/query-page.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      minify: true,
      write: false,
      logLevel: "silent",
      define: {
        "process.env.NODE_ENV": '"production"',
        __VUE_OPTIONS_API__: "false",
        __VUE_PROD_DEVTOOLS__: "false",
        __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
      },
    });
    shop = await startShop();
    shop.serve("/", "text/html", `<!doctype html><script type="module" src="/page.js"></script>`);
    shop.serve("/page.js", "text/javascript", output.outputFiles[0]!.text);
    if ("missing" in chromium) throw new Error(chromium.missing);
    page = await launchChromium(chromium.path);
    await page.goto(shop.url + "/");
  }, 120_000);
  afterAll(async () => {
    await page?.close();
    await shop?.close();
  });
  beforeEach(() => shop.reset());

  async function check<K extends keyof QueryChecks>(name: K, ...args: Parameters<QueryChecks[K]>) {
    try {
      return await page.evaluate<Awaited<ReturnType<QueryChecks[K]>>>(`checks.${name}(...${JSON.stringify(args)})`);
    } catch (error) {
      throw new Error(`${(error as Error).message}\npage log:\n${page.log.join("\n")}`);
    }
  }

  test("renders the query, the typed error, every page, the stream; a mutation's invalidation re-renders the pet", async () => {
    const { first, pages, renamed } = await check("walkThrough", framework);
    expect(first).toMatchObject({ pet: "pet 1", missing: "404 no pet 99", events: EVENTS.join(","), streaming: "idle" });
    expect(pages).toEqual(["pet 1pet 2pet 3", "pet 1pet 2pet 3pet 4pet 5pet 6", "pet 1pet 2pet 3pet 4pet 5pet 6pet 7"]);
    expect(renamed).toMatchObject({ pet: "Rex", pets: "Rexpet 2pet 3pet 4pet 5pet 6pet 7" });
    const api = shop.requests.filter((r) => !r.startsWith("GET /favicon"));
    expect(api.slice(0, 4).sort()).toEqual(["GET /pets/1", "GET /pets/1/events", "GET /pets/99", "GET /pets?limit=3"]);
    // The rename, then what it made stale: pet 1 and the pets list's three pages (not pet 99, not the stream).
    const after = api.slice(api.indexOf("PATCH /pets/1"));
    expect(after.sort()).toEqual([
      "GET /pets/1",
      "GET /pets?cursor=3&limit=3",
      "GET /pets?cursor=6&limit=3",
      "GET /pets?limit=3",
      "PATCH /pets/1",
    ]);
  });

  test("unmounting a component whose request is under way aborts the request", async () => {
    shop.hang("/pets/3");
    expect(await check("mountHanging", framework)).toEqual({ hanging: "fetching" });
    await until(() => shop.requests.includes("GET /pets/3"));
    expect(shop.abandoned).toEqual([]);
    await check("unmount", framework);
    await until(() => shop.abandoned.includes("GET /pets/3"));
  });
});
