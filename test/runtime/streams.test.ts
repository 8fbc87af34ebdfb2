// Streamed answers through the client: server-sent events and JSON lines read as they arrive,
// typed items, the end of the loop freeing the request, idle timeouts, and no retry once started.
import type http from "node:http";
import {
  ApiConnectionError,
  ApiTimeoutError,
  type RequestOptions,
  Stream,
  StreamError,
  withResponse,
} from "../../generated/openai-uploads/index.js";
import { trackAbortListeners } from "../support/faults.js";
import { configureClient, openStream, send, type OperationSpec } from "./internals.js";
import { json, startServer, type TestServer } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());

const client = () => configureClient({ baseUrl: server.url, securitySchemes: {} }, { maxRetries: 2 });
/** OpenAI's pattern: one 200 answering JSON or a stream, the body's `stream` choosing. */
const chat: OperationSpec = {
  operation: "createChatCompletion",
  method: "POST",
  path: "/chat/completions",
  body: "application/json",
  accept: "application/json, text/event-stream;q=0.9",
  responses: { 200: ["application/json", "text/event-stream"] },
  events: { open: openStream, json: true, items: "data", errorMember: true },
};
const chunk = (content: string) =>
  `data: ${JSON.stringify({ object: "chat.completion.chunk", choices: [{ index: 0, delta: { content } }] })}\n\n`;

function sse(res: http.ServerResponse, ...events: string[]): void {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const e of events) res.write(e);
}

const contents = async (stream: Stream<any>) => {
  const out: string[] = [];
  for await (const item of stream) out.push(item.choices[0].delta.content);
  return out;
};

test("a text/event-stream answer resolves to a Stream of parsed data, ended by [DONE]", async () => {
  server.reset((_req, res) => {
    sse(res, chunk("Hel"), chunk("lo"), "data: [DONE]\n\n");
    res.end();
  });
  const stream = (await send(client(), chat, { body: { stream: true } })) as Stream<any>;
  expect(stream).toBeInstanceOf(Stream);
  expect(await contents(stream)).toEqual(["Hel", "lo"]);
  expect(server.seen[0]!.headers.accept).toBe("application/json, text/event-stream;q=0.9");
});

test("the same operation answering JSON resolves to the JSON: the Content-Type decides", async () => {
  server.reset((_req, res) => json(res, 200, { object: "chat.completion" }));
  await expect(send(client(), chat, { body: { stream: false } })).resolves.toEqual({ object: "chat.completion" });
});

test("withResponse gives the stream with the raw response", async () => {
  server.reset((_req, res) => {
    sse(res, chunk("a"));
    res.end();
  });
  const { data, response } = await withResponse((c, p: object, o?: RequestOptions) => send(c, chat, p, o))(client(), { body: {} });
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  expect(await contents(data as Stream<any>)).toEqual(["a"]);
});

test("break after two events closes the connection and releases the caller's signal", async () => {
  let closed!: Promise<void>;
  server.reset((req, res) => {
    closed = new Promise((resolve) => res.on("close", () => resolve()));
    sse(res, chunk("1"), chunk("2"), chunk("3"));
    void req;
  });
  const controller = new AbortController();
  const listeners = trackAbortListeners(controller.signal);
  try {
    const stream = (await send(client(), chat, { body: {} }, { signal: controller.signal })) as Stream<any>;
    expect(listeners.active).toBe(1);
    const seen: string[] = [];
    for await (const item of stream) {
      seen.push(item.choices[0].delta.content);
      if (seen.length === 2) break;
    }
    await closed;
    expect(seen).toEqual(["1", "2"]);
    expect(listeners.active).toBe(0);
    expect(listeners.peak).toBe(1);
  } finally {
    listeners.restore();
  }
});

test("a mid-stream error report (an item with an `error` member) is a StreamError thrown from the loop", async () => {
  server.reset((_req, res) => {
    sse(res, chunk("ok"), `data: ${JSON.stringify({ error: { message: "The server had an error", type: "server_error" } })}\n\n`);
    res.end();
  });
  const stream = (await send(client(), chat, { body: {} })) as Stream<any>;
  const seen: string[] = [];
  const error = await (async () => {
    try {
      for await (const item of stream) seen.push(item.choices[0].delta.content);
    } catch (e) {
      return e;
    }
  })();
  expect(seen).toEqual(["ok"]);
  expect(error).toBeInstanceOf(StreamError);
  expect((error as StreamError).message).toBe("stream error: The server had an error");
  expect((error as StreamError).operation).toBe("createChatCompletion");
});

test("the timeout applies between events: a long stream lives, a stall ends with ApiTimeoutError, and nothing is retried", async () => {
  server.reset((_req, res) => {
    res.writeHead(200, { "content-type": "text/event-stream" });
    let n = 0;
    const timer = setInterval(() => {
      res.write(chunk(String(n++)));
      if (n === 6) clearInterval(timer); // then stall
    }, 40);
    res.on("close", () => clearInterval(timer));
  });
  const stream = (await send(client(), chat, { body: {} }, { timeout: 150 })) as Stream<any>;
  const seen: string[] = [];
  const error = await (async () => {
    try {
      for await (const item of stream) seen.push(item.choices[0].delta.content);
    } catch (e) {
      return e;
    }
  })();
  // 6 events over ~240 ms, longer than the timeout, then a stall longer than it.
  expect(seen).toEqual(["0", "1", "2", "3", "4", "5"]);
  expect(error).toBeInstanceOf(ApiTimeoutError);
  expect(server.seen).toHaveLength(1);
});

test("a server that dies mid-stream is an ApiConnectionError from the loop, not a hang", async () => {
  server.reset((_req, res) => {
    sse(res, chunk("x"));
    setTimeout(() => res.socket?.destroy(), 20);
  });
  const stream = (await send(client(), chat, { body: {} })) as Stream<any>;
  await expect(contents(stream)).rejects.toBeInstanceOf(ApiConnectionError);
  expect(server.seen).toHaveLength(1);
});

test("JSON lines stream the same way", async () => {
  server.reset((_req, res) => {
    res.writeHead(200, { "content-type": "application/x-ndjson" });
    res.end('{"type":"ADDED","object":{"n":1}}\n{"type":"MODIFIED","object":{"n":2}}\n');
  });
  const watch: OperationSpec = {
    method: "GET",
    path: "/watch",
    responses: { 200: ["application/json", "application/x-ndjson"] },
    events: { open: openStream, json: true, items: "data" },
  };
  const items: unknown[] = [];
  for await (const item of (await send(client(), watch, {})) as Stream<unknown>) items.push(item);
  expect(items).toEqual([
    { type: "ADDED", object: { n: 1 } },
    { type: "MODIFIED", object: { n: 2 } },
  ]);
});
