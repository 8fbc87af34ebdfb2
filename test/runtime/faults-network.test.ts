// How the generated Uploads client survives servers that misbehave: bodies too large to hold, resets,
// half responses, broken framing, garbage and slow drips from raw sockets, each a typed error with a
// known number of attempts.
import {
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  InternalServerError,
  InvalidResponseError,
  createClient,
} from "../../generated/openai-uploads/index.js";
import { faults, startRaw, startRecorder, type Fault, type Recorder } from "../support/faults.js";
import { upload } from "./server.js";

async function rejection(promise: Promise<unknown>): Promise<any> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to fail");
}

let server: Recorder;
beforeAll(async () => (server = await startRecorder()));
afterAll(() => server.close());

describe("a 2xx body too large to be a string", () => {
  // What reading 512 MiB as text throws, without allocating it: Node's error (seen from
  // `new Response(new Uint8Array(2 ** 29 + 16)).text()` on Node 20) and V8's own, which browsers throw.
  const TOO_LONG = [
    [
      "Node's ERR_STRING_TOO_LONG",
      () => Object.assign(new Error("Cannot create a string longer than 0x1fffffe8 characters"), { code: "ERR_STRING_TOO_LONG" }),
    ],
    ["V8's RangeError", () => new RangeError("Invalid string length")],
  ] as const;

  test.each(TOO_LONG)("%s: an InvalidResponseError with it as the cause, not retried", async (_name, tooLong) => {
    server.handle((_req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(upload("u"))));
    const thrown = tooLong();
    let attempts = 0;
    // The answer is real; only its text() is made to fail as a huge one would.
    const huge = async (request: Request) => {
      attempts++;
      const response = await fetch(request);
      response.text = () => Promise.reject(thrown);
      return response;
    };
    const api = createClient({ baseUrl: server.url, apiKey: "k", fetch: huge });
    const error = await rejection(api.cancelUpload({ upload_id: "u" }));
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect([error.status, error.cause, error.message]).toEqual([
      200,
      thrown,
      "200 response body is too large to read as text: read it with `asResponse`",
    ]);
    expect(attempts).toBe(1);
    // The way out the message names: the body unread, to stream.
    const response = await api.cancelUpload.asResponse({ upload_id: "u" });
    expect(await new Response(response.body).json()).toEqual(upload("u"));
  });
});

describe("a 20 MB HTML error page", () => {
  const PAGE = Buffer.alloc(20 * 2 ** 20, "<p>Bad gateway</p>");
  const page = Buffer.concat([Buffer.from("<html><body>"), PAGE]);
  beforeEach(() => server.handle((_req, res) => res.writeHead(502, { "content-type": "text/html" }).end(page)));
  const call = (options: { maxErrorBodyBytes?: number } = {}) =>
    rejection(createClient({ baseUrl: server.url, apiKey: "k", maxRetries: 0, ...options }).cancelUpload({ upload_id: "u" }));

  test("an ApiError whose message is about 1 KB, and whose error holds the first MiB", async () => {
    const error = await call();
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error.status).toBe(502);
    expect(error.message.startsWith("502 <html><body><p>Bad gateway</p>")).toBe(true);
    expect(error.message.length).toBeLessThan(1100);
    expect(error.message).toMatch(/… \(\d+ more characters in `error`\)$/);
    expect(error.error).toBe(page.subarray(0, 2 ** 20).toString());
  });

  test.each([1000, 0])("maxErrorBodyBytes %i bounds it", async (bytes) => {
    const error = await call({ maxErrorBodyBytes: bytes });
    expect(error).toBeInstanceOf(ApiError);
    // An empty body is `undefined`, as for an answer without one.
    expect(error.error).toBe(bytes ? page.subarray(0, bytes).toString() : undefined);
  });

  test("maxErrorBodyBytes Infinity gives the whole page, and the message stays short", async () => {
    const error = await call({ maxErrorBodyBytes: Infinity });
    expect(error.error.length).toBe(page.length);
    expect(error.message.length).toBeLessThan(1100);
  });
});

describe("a connection that breaks is an ApiConnectionError, retried", () => {
  test.each<[string, Fault, string]>([
    ["a reset on accept", faults.resetOnAccept, "ECONNRESET"],
    ["a reset after the headers (a 200 promising 100 bytes)", faults.resetAfterHeaders, "ECONNRESET"],
    ["a half response (10 of 100 bytes, then a close)", faults.halfResponse, "UND_ERR_SOCKET"],
    ["bad chunked encoding", faults.badChunked, "HPE_INVALID_CHUNK_SIZE"],
    ["garbage instead of HTTP", faults.garbage, "HPE_INVALID_CONSTANT"],
  ])("%s: one attempt and one retry, then the error with fetch's as its cause", async (_name, fault, code) => {
    const raw = await startRaw(fault);
    try {
      const api = createClient({ baseUrl: raw.url, apiKey: "k", maxRetries: 1 });
      const error = await rejection(api.cancelUpload({ upload_id: "u" }));
      expect(error.constructor).toBe(ApiConnectionError);
      expect(error.message).toMatch(new RegExp(`^Connection error: ${code} 127\\.0\\.0\\.1:\\d+\\.$`));
      expect(error.cause).toMatchObject({ name: "TypeError" });
      const causes = [error.cause, error.cause.cause].map((c) => c?.code);
      expect(causes).toContain(code);
      expect(raw.connections).toBe(2);
    } finally {
      await raw.close();
    }
  });

  test("a slow drip longer than the timeout is an ApiTimeoutError, each attempt with the whole timeout", async () => {
    // A byte every 20 ms of a promised 1000: 20 s, against a 150 ms timeout.
    const raw = await startRaw(faults.slowDrip(20, 1000));
    try {
      const api = createClient({ baseUrl: raw.url, apiKey: "k", timeout: 150, maxRetries: 1 });
      const error = await rejection(api.cancelUpload({ upload_id: "u" }));
      expect(error).toBeInstanceOf(ApiTimeoutError);
      expect(error.cause).toMatchObject({ name: "TimeoutError" });
      expect(raw.connections).toBe(2);
    } finally {
      await raw.close();
    }
  });
});
