// The fault harness, used through the global fetch: each broken server makes fetch (or the read of
// its body) fail with the TypeError the runtime will see, and none of them hangs. (Matched by name:
// fetch throws the TypeError of Node's realm, not the one of the test's VM context.)
import { faults, redirect, startRaw, startRecorder, startTwoOrigins, trackAbortListeners, type Fault } from "./faults.js";

/** Fetches and reads the whole body, as a call does. */
const fetchAll = (url: string, init?: RequestInit) => fetch(url, init).then((r) => r.text());

describe("each fault reaches fetch as a TypeError", () => {
  // The cause's code says the fault is the one it claims to be.
  test.each([
    ["a reset on accept", faults.resetOnAccept, "ECONNRESET"],
    ["a reset after the headers", faults.resetAfterHeaders, "ECONNRESET"],
    ["a half response", faults.halfResponse, "UND_ERR_SOCKET"],
    ["bad chunked encoding", faults.badChunked, "HPE_INVALID_CHUNK_SIZE"],
    ["garbage instead of HTTP", faults.garbage, "HPE_INVALID_CONSTANT"],
  ] as Array<[string, Fault, string]>)("%s", async (_name, fault, code) => {
    const server = await startRaw(fault);
    try {
      await expect(fetchAll(server.url + "/x")).rejects.toMatchObject({ name: "TypeError", cause: { code } });
      expect(server.connections).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });

  test("after the headers, the failure comes from the body: fetch itself resolves", async () => {
    const server = await startRaw(faults.halfResponse);
    try {
      const response = await fetch(server.url);
      expect(response.headers.get("content-length")).toBe("100");
      await expect(response.arrayBuffer()).rejects.toThrow("terminated");
    } finally {
      await server.close();
    }
  });

  test("a slow drip sends its body a byte at a time until the signal aborts the read", async () => {
    const server = await startRaw(faults.slowDrip(5));
    try {
      const controller = new AbortController();
      const response = await fetch(server.url, { signal: controller.signal });
      const reader = response.body!.getReader();
      const first = await reader.read();
      expect(Buffer.from(first.value!).toString()).toMatch(/^x+$/);
      controller.abort();
      await expect(reader.read()).rejects.toMatchObject({ name: "AbortError" });
    } finally {
      await server.close();
    }
  });

  test("a cut body: its start arrives, then the read fails with a reset, or waits until the signal aborts it", async () => {
    const lines = ["Content-Type: text/event-stream", "Transfer-Encoding: chunked"];
    for (const then of ["reset", "stall"] as const) {
      const server = await startRaw(faults.cutBody(lines, "6\r\ndata:1\r\n", then));
      try {
        const controller = new AbortController();
        const response = await fetch(server.url, { signal: controller.signal });
        expect(response.headers.get("content-type")).toBe("text/event-stream");
        const reader = response.body!.getReader();
        expect(Buffer.from((await reader.read()).value!).toString()).toBe("data:1");
        if (then === "stall") setTimeout(() => controller.abort(), 20);
        await expect(reader.read()).rejects.toMatchObject({ name: then === "reset" ? "TypeError" : "AbortError" });
      } finally {
        await server.close();
      }
    }
  });

  test("close ends a drip that is still running", async () => {
    const server = await startRaw(faults.slowDrip(5));
    const response = await fetch(server.url);
    await server.close();
    await expect(response.text()).rejects.toMatchObject({ name: "TypeError" });
  });
});

describe("the recording server", () => {
  test("records method, url, headers and body bytes, and answers by its handler", async () => {
    const server = await startRecorder((req, res) => res.writeHead(201).end(String(req.body.length)));
    try {
      const init = { method: "PUT", headers: { "x-one": "1" }, body: new Uint8Array([0, 1, 2]) };
      const response = await fetch(server.url + "/a?b=1", init);
      expect([response.status, await response.text()]).toEqual([201, "3"]);
      expect(server.seen).toEqual([expect.objectContaining({ method: "PUT", url: "/a?b=1", body: Buffer.from([0, 1, 2]) })]);
      expect(server.seen[0]!.headers["x-one"]).toBe("1");
      server.handle((_req, res) => res.end());
      expect(server.seen).toEqual([]);
    } finally {
      await server.close();
    }
  });

  test("two origins: the first redirects to the second, which fetch follows", async () => {
    const { first, second, close } = await startTwoOrigins();
    try {
      expect(new URL(first.url).origin).not.toBe(new URL(second.url).origin);
      first.handle((_req, res) => redirect(res, 302, second.url + "/there"));
      const response = await fetch(first.url + "/here");
      expect([response.url, await response.text()]).toEqual([second.url + "/there", "ok"]);
      expect([first.seen.length, second.seen.map((s) => s.url)]).toEqual([1, ["/there"]]);
    } finally {
      await close();
    }
  });
});

describe("counting abort listeners", () => {
  test("counts what is added and removed, including once listeners that fired", () => {
    const controller = new AbortController();
    const count = trackAbortListeners(controller.signal);
    const a = () => {};
    controller.signal.addEventListener("abort", a);
    controller.signal.addEventListener("abort", () => {}, { once: true });
    expect([count.active, count.peak, count.added]).toEqual([2, 2, 2]);
    controller.signal.removeEventListener("abort", a);
    expect(count.active).toBe(1);
    controller.abort();
    expect([count.active, count.peak]).toEqual([0, 2]);
    count.restore();
    expect(Object.hasOwn(controller.signal, "addEventListener")).toBe(false);
  });

  test("sees the listeners fetch adds to a caller's signal while a request is in flight", async () => {
    const server = await startRecorder();
    try {
      const controller = new AbortController();
      const count = trackAbortListeners(controller.signal);
      await fetchAll(server.url, { signal: controller.signal });
      expect(count.added).toBeGreaterThanOrEqual(1);
      expect(count.peak).toBeGreaterThanOrEqual(1);
    } finally {
      await server.close();
    }
  });
});
