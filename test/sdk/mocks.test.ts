// The mocks of a generated client through real MSW (v2) in Node: `setupServer(...handlers)` intercepts
// the client's fetch, every operation answers its example, and the generated validators accept every
// answer (the client validates them). Each override (data, a function of the request, status, error,
// delay, headers, once, baseUrl) is exercised through the client; the types of the overrides are in
// test/types/mocks.types.ts. test/browser/mocks.test.ts does the same in Chromium with setupWorker.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { SetupServer } from "msw/node";
import { generateFixture, load } from "./generate-fixture.js";

type Any = any;
let folder: string;
let client: Any;
let mocks: Any;
let api: Any;
let server: SetupServer;

beforeAll(async () => {
  folder = await generateFixture("sdk-mocks", "test/fixtures/sdk.yaml", JSON.parse(readFileSync("test/fixtures/sdk.config.json", "utf8")));
  client = await load(folder, "index.js");
  mocks = await load(folder, "mocks.js");
  const { validators } = await load<Any>(folder, "validators.js");
  const { setupServer } = await import("msw/node");
  server = setupServer(...mocks.handlers);
  server.listen({ onUnhandledRequest: "error" });
  api = client.createClient({ apiKey: "k", maxRetries: 0, validate: "all", validators });
}, 120_000);
afterEach(() => server.resetHandlers());
afterAll(() => server?.close());

const ORDER = { status: "paid", contact: "a@example.com", items: [{ sku: "ABC-1234", quantity: 1 }] };
const UUID = "0b7e2a9c-5d1f-4c3e-9a2b-1c2d3e4f5a6b";
/** An Order as the server sends it: with its readOnly properties. */
const sent = (fields: object) => ({ ...ORDER, id: UUID, placed_at: "2024-01-01T00:00:00Z", ...fields });

test("every operation answers its example, which the generated validators accept", async () => {
  const mjs = readFileSync(path.join(folder, "mocks.js"), "utf8");
  const calls: Record<string, () => Promise<unknown>> = {
    listOrders: () => api.listOrders(),
    createOrder: () => api.createOrder({ body: ORDER }),
    getOrder: () => api.getOrder({ order_id: "o1" }),
    deleteOrder: () => api.deleteOrder({ order_id: "o1" }),
    cancelOrder: () => api.cancelOrder({ order_id: "o1" }),
    listOrderPayments: () => api.listOrderPayments({ order_id: "o1" }),
    getCategory: () => api.getCategory({ category_id: 1 }),
    createCompletion: () => api.createCompletion({ body: { prompt: "hi" } }),
  };
  const results = Object.fromEntries(await Promise.all(Object.entries(calls).map(async ([name, call]) => [name, await call()])));
  expect(Object.keys(results).sort()).toEqual(
    JSON.parse(readFileSync(path.join(folder, "api.json"), "utf8"))
      .operations.map((o: Any) => o.name)
      .sort(),
  );
  // The document's own example, valid, is the answer; the others are built.
  expect(results.getCategory).toEqual({ id: 1, name: "Tea", children: [{ id: 2, name: "Green tea", children: [] }] });
  expect(mjs).toContain("exampleGetCategory200");
  expect(results.deleteOrder).toBeUndefined();
  const order = results.getOrder as Any;
  // readOnly properties are present (the response view), formats and patterns are honoured.
  expect(order).toMatchObject({
    id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/),
    placed_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    contact: expect.stringMatching(/^[^@]+@example\.com$/),
    reference: expect.stringMatching(/^ORD-[0-9]{6}$/),
    status: expect.stringMatching(/^(pending|paid|shipped)$/),
  });
  expect(order.items[0].sku).toMatch(/^[A-Z]{3}-\d{4}$/);
  // A discriminated union answers a branch with its discriminator's real value (the mapping's key).
  const [payment] = results.listOrderPayments as Any[];
  expect(
    payment.method === "card" ? /^[0-9]{4}$/.test(payment.last4) : payment.method === "bank_transfer" && payment.iban.length >= 15,
  ).toBe(true);
  // Through the resource namespaces too, the same bound methods.
  expect(api.orders.payments.list).toBe(api.listOrderPayments);
  expect(await api.orders.retrieve({ order_id: "o2" })).toEqual(order);
});

test("data replaces the example: a value, or a function of the request and its path parameters", async () => {
  server.use(mocks.handleGetOrder({ data: sent({ status: "shipped" }) }));
  expect(await api.getOrder({ order_id: "o1" })).toEqual(sent({ status: "shipped" }));
  server.use(
    mocks.handleGetOrder({
      data: ({ params, request }: Any) => sent({ contact: `${params.order_id}-${request.method.toLowerCase()}@example.com` }),
    }),
  );
  expect(await api.getOrder({ order_id: "o7" })).toMatchObject({ contact: "o7-get@example.com" });
});

test("a data override that breaks the schema is refused by the client's validation, as a real answer would be", async () => {
  server.use(mocks.handleGetOrder({ data: { id: 1 } }));
  await expect(api.getOrder({ order_id: "o1" })).rejects.toMatchObject({ name: "ResponseValidationError" });
});

test("status and error: the document's example for the status, or the body given, as the client's typed ApiError", async () => {
  server.use(mocks.handleGetOrder({ status: 404 }));
  const notFound = await api.getOrder({ order_id: "o1" }).catch((e: Any) => e);
  expect(notFound).toMatchObject({ name: "NotFoundError", status: 404, error: { title: expect.any(String), status: expect.any(Number) } });
  expect(client.isApiError(notFound, "getOrder")).toBe(true);
  server.use(mocks.handleCreateOrder({ error: { title: "Bad items", status: 422 } }));
  // Without a status, an error answers with the first error status the document declares (422 here).
  await expect(api.createOrder({ body: ORDER })).rejects.toMatchObject({ status: 422, error: { title: "Bad items", status: 422 } });
  server.use(mocks.handleListOrders({ status: 503, error: "down" }));
  await expect(api.listOrders()).rejects.toMatchObject({ status: 503, error: "down" });
});

test("headers are added; once answers one request, then the handlers behind it answer", async () => {
  server.use(mocks.handleCancelOrder({ data: sent({}), once: true, headers: { "x-request-id": "req_1" } }));
  const first = await api.cancelOrder.withResponse({ order_id: "o1" });
  expect([first.data.id, first.requestId]).toEqual([UUID, "req_1"]);
  const second = await api.cancelOrder.withResponse({ order_id: "o1" });
  expect([second.data.id === UUID, second.requestId]).toEqual([false, undefined]);
});

test('delay "infinite" never answers: the client times out', async () => {
  server.use(mocks.handleGetOrder({ delay: "infinite" }));
  await expect(api.getOrder({ order_id: "o1" }, { timeout: 100 })).rejects.toMatchObject({ name: "ApiTimeoutError" });
});

test("a baseUrl override serves a client pointed elsewhere", async () => {
  const local = client.createClient({ apiKey: "k", baseUrl: "http://127.0.0.1:9/api/", maxRetries: 0 });
  server.use(mocks.handleGetOrder({ baseUrl: "http://127.0.0.1:9/api/" }));
  expect(await local.getOrder({ order_id: "o1" })).toMatchObject({ status: expect.any(String) });
});

test("a streamed answer when the body asks for one (stream: true), the JSON answer otherwise", async () => {
  const events: unknown[] = [];
  for await (const chunk of await api.createCompletion({ body: { prompt: "hi", stream: true } })) events.push(chunk);
  expect(events).toEqual([{ id: expect.any(String), text: expect.any(String) }]);
  expect(await api.createCompletion({ body: { prompt: "hi" } })).toEqual({ id: expect.any(String), text: expect.any(String) });
});
