// Left out of `npm run typecheck` (tsconfig.json): it imports the client test/browser/mocks.test.ts generates; esbuild bundles it.
// The page of the mocks' browser test: the generated shop client and its mocks.js, bundled by esbuild
// with msw/browser, as an app's tests would. `setupWorker(...handlers)` registers MSW's service worker
// (served by the test from the msw package) and every call the client makes is answered by it.
import { setupWorker } from "msw/browser";
import { createClient, isApiError } from "../../.tmp/sdk-browser/index.js";
import { handleGetOrder, handlers } from "../../.tmp/sdk-browser/mocks.js";

const worker = setupWorker(...handlers);
const api = createClient({ apiKey: "k", maxRetries: 0 });

async function settled<T>(call: () => Promise<T>): Promise<{ data: T } | { error: object }> {
  try {
    return { data: await call() };
  } catch (error) {
    const e = error as { name: string; status?: number; error?: unknown };
    return { error: { name: e.name, status: e.status ?? null, body: e.error ?? null, isApiError: isApiError(error, "getOrder") } };
  }
}

const checks = {
  start: async () => {
    await worker.start({ quiet: true, onUnhandledRequest: "error", serviceWorker: { url: "/mockServiceWorker.js" } });
    return { controlled: navigator.serviceWorker.controller !== null };
  },
  order: () => settled(() => api.orders.retrieve({ order_id: "o1" })),
  payments: () => settled(() => api.listOrderPayments({ order_id: "o1" })),
  notFound: () => {
    worker.use(handleGetOrder({ status: 404, error: { title: "No such order", status: 404 }, once: true }));
    return settled(() => api.getOrder({ order_id: "missing" }));
  },
  stream: () =>
    settled(async () => {
      const events: unknown[] = [];
      for await (const chunk of await api.completions.create({ body: { prompt: "hi", stream: true } })) events.push(chunk);
      return events;
    }),
};

Object.assign(globalThis, { checks });

export type Checks = typeof checks;
