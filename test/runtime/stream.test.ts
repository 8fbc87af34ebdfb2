// Streamed bodies read as they arrive: the server-sent events parser against the WHATWG rules, JSON
// Lines and JSON text sequences, pieces cut at every byte, and how a stream ends (its end, `break`,
// a throw, an error event, a stall, a dead server): the body cancelled, the socket closed, no timer left.
import type { ServerResponse } from "node:http";
import { JsonLines, JsonSeq } from "../../src/runtime/lines.js";
import { SseParser, type SseMessage } from "../../src/runtime/sse.js";
import { Stream } from "../../src/runtime/stream.js";
import { streamFormatOf } from "../../src/runtime/stream-format.js";
import type { ServerSentEvent, StreamErrors, StreamOptions } from "../../src/runtime/stream.js";
import { startServer, type TestServer } from "./server.js";

class EventError extends Error {
  constructor(
    readonly data: unknown,
    readonly raw: string,
  ) {
    super(`error event: ${raw}`);
  }
}
class TimeoutError extends Error {}
class InvalidError extends Error {
  constructor(
    readonly raw: string,
    cause: unknown,
  ) {
    super(`invalid: ${raw}`, { cause });
  }
}
class ConnectionError extends Error {}

const errors: StreamErrors = {
  event: (data, raw) => new EventError(data, raw),
  timeout: () => new TimeoutError("stalled"),
  invalid: (raw, cause) => new InvalidError(raw, cause),
  connection: (cause) => new ConnectionError("connection", { cause }),
};

type Options = Omit<StreamOptions, "errors"> & { errors?: StreamErrors };
const stream = <T = unknown>(response: Response, options: Options) => new Stream<T>(response, { errors, ...options });
/** What the official openai package does with OpenAI's streams. */
const OPENAI: Options = { format: "sse", json: true, done: "[DONE]", errorMember: true };

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** What `collect` gathered before the loop threw, with the error. */
async function collectUntilError<T>(items: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const out: T[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (error) {
    return { items: out, error };
  }
  throw new Error(`the loop ended without an error, after ${JSON.stringify(out)}`);
}

const bytes = (text: string) => new TextEncoder().encode(text);

/**
 * A response whose body gives `chunks` one per read, then closes, stalls (never answers the next
 * read) or fails; `cancelled` counts the cancellations that reached the body's source.
 */
function body(chunks: (string | Uint8Array)[], then: "close" | "stall" | Error = "close") {
  let i = 0;
  const state = { cancelled: 0 };
  const source = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (i < chunks.length) {
        const chunk = chunks[i++]!;
        return controller.enqueue(typeof chunk === "string" ? bytes(chunk) : chunk);
      }
      if (then === "close") return controller.close();
      if (then === "stall") return new Promise<void>(() => {});
      return controller.error(then);
    },
    cancel() {
      state.cancelled++;
    },
  });
  return Object.assign(state, { response: new Response(source) });
}

/** The items of a body holding `text`, read as SSE unless `options` say otherwise. */
const read = (text: string | Uint8Array, options: Partial<Options> = {}) =>
  collect(stream(body([text]).response, { format: "sse", ...options }));

/** The text split in two at every offset of its UTF-8 bytes, and also one byte per chunk. */
function splits(text: string): Uint8Array[][] {
  const all = bytes(text);
  const out: Uint8Array[][] = [];
  for (let i = 0; i <= all.length; i++) out.push([all.subarray(0, i), all.subarray(i)]);
  out.push(Array.from(all, (b) => new Uint8Array([b])));
  return out;
}

const deferred = () => {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("the SSE parser follows the WHATWG rules", () => {
  const ev = (data: string, more: Partial<SseMessage> = {}): SseMessage => ({ event: "", data, id: "", retry: undefined, ...more });
  const cases: [string, string, SseMessage[]][] = [
    ["one event", "data: a\n\n", [ev("a")]],
    ["data lines joined with LF, an empty one too", "data: a\ndata: b\ndata:\n\n", [ev("a\nb\n")]],
    ["one leading space stripped, no more, none needed", "data:  a\ndata:b\n\n", [ev(" a\nb")]],
    ["a colon in the value", "data: a: b\n\n", [ev("a: b")]],
    ["LF line ends", "data: a\n\ndata: b\n\n", [ev("a"), ev("b")]],
    ["CRLF line ends", "data: a\r\ndata: b\r\n\r\n", [ev("a\nb")]],
    ["CR line ends", "data: a\rdata: b\r\r", [ev("a\nb")]],
    ["mixed line ends; CR LF is one, LF CR two", "data: a\r\n\rdata: b\n\rdata: c\r\n\n", [ev("a"), ev("b"), ev("c")]],
    ["comments", ": hello\ndata: a\n:\n: data: b\n\n", [ev("a")]],
    ["a field without a colon has an empty value", "data\n\ndata\ndata\n\n", [ev(""), ev("\n")]],
    ["unknown fields ignored, a space before the colon included", "foo: x\ndata : y\nData: z\ndata: a\n\n", [ev("a")]],
    ["the event type, reset after each event", "event: a\ndata: 1\n\ndata: 2\n\n", [ev("1", { event: "a" }), ev("2")]],
    ["an event field without a value is the default type", "event: x\nevent\ndata: 1\n\n", [ev("1")]],
    ["an empty data buffer dispatches nothing, and its type goes", "event: x\n\nid: 1\n\ndata: a\n\n", [ev("a", { id: "1" })]],
    ["blank lines alone dispatch nothing", "\n\n\r\n\rdata: a\n\n\n", [ev("a")]],
    [
      "the last event ID persists until an id field changes it",
      "id: 1\ndata: a\n\ndata: b\n\nid: 2\ndata: c\n\nid\ndata: d\n\n",
      [ev("a", { id: "1" }), ev("b", { id: "1" }), ev("c", { id: "2" }), ev("d")],
    ],
    ["an id with NUL is ignored", "id: 1\ndata: a\n\nid: 2\0\ndata: b\n\n", [ev("a", { id: "1" }), ev("b", { id: "1" })]],
    ["the id of the last field in a block wins", "id: 1\nid: 2\ndata: a\n\n", [ev("a", { id: "2" })]],
    [
      "retry: ASCII digits only",
      "retry: 10\ndata: a\n\nretry: 1x\ndata: b\n\nretry:\ndata: c\n\nretry:  5\nretry: -1\ndata: d\n\nretry: 007\ndata: e\n\n",
      [ev("a", { retry: 10 }), ev("b", { retry: 10 }), ev("c", { retry: 10 }), ev("d", { retry: 10 }), ev("e", { retry: 7 })],
    ],
    ["retry in a block without data still applies", "retry: 3000\n\ndata: a\n\n", [ev("a", { retry: 3000 })]],
    ["an unterminated last event is dropped", "data: a\n\ndata: b\n", [ev("a")]],
    ["an unterminated last line is dropped", "data: a\n\ndata: b", [ev("a")]],
    ["data is not trimmed", "data: \ta \n\n", [ev("\ta ")]],
  ];

  test.each(cases)("%s", (_name, text, want) => {
    const out: SseMessage[] = [];
    const parser = new SseParser(out);
    parser.push(text);
    parser.end();
    expect(out).toEqual(want);
  });

  test.each(cases)("%s, one character at a time", (_name, text, want) => {
    const out: SseMessage[] = [];
    const parser = new SseParser(out);
    for (const c of text) parser.push(c);
    parser.end();
    expect(out).toEqual(want);
  });

  test("a line spread over many pieces", () => {
    const out: SseMessage[] = [];
    const parser = new SseParser(out);
    const long = "x".repeat(100_000);
    parser.push("data: ");
    for (let i = 0; i < long.length; i += 1000) parser.push(long.slice(i, i + 1000));
    parser.push("\n");
    expect(out).toEqual([]);
    parser.push("\n");
    expect(out).toEqual([ev(long)]);
  });
});

describe("JSON Lines and JSON text sequences", () => {
  const cases: [string, typeof JsonLines | typeof JsonSeq, string, string[]][] = [
    ["lines", JsonLines, '{"a":1}\n{"a":2}\n', ['{"a":1}', '{"a":2}']],
    ["CRLF lines", JsonLines, '{"a":1}\r\n{"a":2}\r\n', ['{"a":1}\r', '{"a":2}\r']],
    ["a last line without LF", JsonLines, '{"a":1}\n2', ['{"a":1}', "2"]],
    ["blank lines skipped", JsonLines, '\n{"a":1}\n\n  \r\n\t\n', ['{"a":1}']],
    ["a record each", JsonSeq, '\x1e{"a":1}\n\x1e{"a":2}\n', ['{"a":1}\n', '{"a":2}\n']],
    ["records spread over lines", JsonSeq, '\x1e{\n "a": 1\n}\n\x1e[1,\n2]\n', ['{\n "a": 1\n}\n', "[1,\n2]\n"]],
    ["consecutive RS are not empty records", JsonSeq, '\x1e\x1e{"a":1}\n\x1e\n', ['{"a":1}\n']],
    ["a last record without LF", JsonSeq, '\x1e1\n\x1e"x"', ["1\n", '"x"']],
  ];

  test.each(cases)("%s", (_name, Framer, text, want) => {
    const out: string[] = [];
    const framer = new Framer(out);
    framer.push(text);
    framer.end();
    expect(out).toEqual(want);
    const one: string[] = [];
    const byChar = new Framer(one);
    for (const c of text) byChar.push(c);
    byChar.end();
    expect(one).toEqual(want);
  });

  test("a JSON sequence record goes out at its LF, before the next RS", async () => {
    let controller!: ReadableStreamDefaultController<Uint8Array>;
    const source = new ReadableStream<Uint8Array>({ start: (c) => void (controller = c) });
    const it = stream(new Response(source), { format: "json-seq" })[Symbol.asyncIterator]();
    controller.enqueue(bytes('\x1e{"a":1}\n\x1e{"a":'));
    await expect(it.next()).resolves.toEqual({ value: { a: 1 }, done: false });
    controller.enqueue(bytes("2}\n"));
    await expect(it.next()).resolves.toEqual({ value: { a: 2 }, done: false });
    controller.close();
    await expect(it.next()).resolves.toEqual({ value: undefined, done: true });
  });
});

describe("bytes cut anywhere give the same items", () => {
  const SSE = '\uFEFFdata: {"t":"héllo 🙂"}\r\n\r\n: ping\rid: 7\nretry: 50\r\n' + "event: e\r\ndata: 日本\r\ndata: 語\r\rdata: [DONE]\n\n";
  const JSONL = '{"t":"é🙂"}\r\n[1,2]\n\n"日本"';
  const SEQ = '\x1e{"t":"é🙂"}\n\x1e{\n"a": "語"\n}\n\x1e3\n';
  const cases: [string, string, Options, unknown[]][] = [
    [
      "SSE (BOM, CR, CRLF, UTF-8, comments, id, retry)",
      SSE,
      { format: "sse", items: "events" },
      [{ data: '{"t":"héllo 🙂"}' }, { event: "e", data: "日本\n語", id: "7", retry: 50 }, { data: "[DONE]", id: "7", retry: 50 }],
    ],
    ["JSON Lines", JSONL, { format: "jsonl" }, [{ t: "é🙂" }, [1, 2], "日本"]],
    ["JSON text sequences", SEQ, { format: "json-seq" }, [{ t: "é🙂" }, { a: "語" }, 3]],
  ];

  test.each(cases)("%s", async (_name, text, options, want) => {
    for (const chunks of splits(text)) expect(await collect(stream(body(chunks).response, options))).toEqual(want);
  });

  test("one BOM is dropped, a second one is text", async () => {
    expect(await read("\uFEFF\uFEFFdata: a\n\ndata: b\n\n")).toEqual(["b"]);
    expect(await read("\uFEFFdata: a\n\n")).toEqual(["a"]);
  });

  test("bytes that are not UTF-8 become U+FFFD", async () => {
    expect(await read(new Uint8Array([...bytes("data: "), 0xff, 0xc3, 10, 10]))).toEqual(["\uFFFD\uFFFD"]);
  });
});

describe("what a stream yields", () => {
  test("data parsed as JSON, or whole events", async () => {
    const text = 'event: a\nid: 1\ndata: {"x":1}\n\ndata: {"x":2}\n\n';
    expect(await collect(stream(body([text]).response, { format: "sse", json: true }))).toEqual([{ x: 1 }, { x: 2 }]);
    expect(await collect(stream(body([text]).response, { format: "sse" }))).toEqual(['{"x":1}', '{"x":2}']);
    expect(await collect(stream(body([text]).response, { format: "sse", json: true, items: "events" }))).toEqual([
      { event: "a", id: "1", data: { x: 1 } },
      { id: "1", data: { x: 2 } },
    ]);
  });

  test("the done value ends the stream; what follows is not read", async () => {
    const b = body(['data: {"x":1}\n\ndata: [DONE]\n\ndata: {"x":2}\n\n'], "stall");
    expect(await collect(stream(b.response, { format: "sse", json: true, done: "[DONE]" }))).toEqual([{ x: 1 }]);
    expect(b.cancelled).toBe(1);
    // Without `done`, [DONE] is data like any other.
    expect(await collect(stream(body(["data: [DONE]\n\n"]).response, { format: "sse" }))).toEqual(["[DONE]"]);
  });

  test("an error event is thrown, with its data parsed when it is JSON", async () => {
    const text = 'data: {"x":1}\n\nevent: error\ndata: {"error":{"message":"overloaded"}}\n\ndata: {"x":2}\n\n';
    const { items, error } = await collectUntilError(stream(body([text]).response, { format: "sse", json: true }));
    expect(items).toEqual([{ x: 1 }]);
    expect(error).toBeInstanceOf(EventError);
    expect(error).toMatchObject({ data: { error: { message: "overloaded" } }, raw: '{"error":{"message":"overloaded"}}' });
    const plain = await collectUntilError(stream(body(["event: error\ndata: overloaded\n\n"]).response, OPENAI));
    expect(plain.error).toMatchObject({ data: "overloaded", raw: "overloaded" });
  });

  test("with errorMember, a data object with an error member is an error event (openai-node's rule)", async () => {
    const text = 'data: {"x":1}\n\ndata: {"error":{"message":"bad"}}\n\n';
    const { items, error } = await collectUntilError(stream(body([text]).response, OPENAI));
    expect(items).toEqual([{ x: 1 }]);
    expect(error).toMatchObject({ data: { error: { message: "bad" } } });
    expect(await read(text, { json: true })).toEqual([{ x: 1 }, { error: { message: "bad" } }]);
    expect(await read('data: {"error":null}\n\n', OPENAI)).toEqual([{ error: null }]);
  });

  test.each<[string, Options, string, string]>([
    ["SSE data declared JSON", { format: "sse", json: true }, 'data: {"x":1}\n\ndata: {"x":\n\n', '{"x":'],
    ["a JSON line", { format: "jsonl" }, '{"x":1}\n{"x":\n', '{"x":'],
    // A record that does not parse may still be under way: the next RS says it is not.
    ["a JSON sequence record", { format: "json-seq" }, '\x1e{"x":1}\n\x1enope\n\x1e', "nope\n"],
  ])("invalid JSON in %s is an error with the text", async (_name, options, text, raw) => {
    const b = body([text], "stall");
    const { items, error } = await collectUntilError(stream(b.response, options));
    expect(items).toEqual([{ x: 1 }]);
    expect(error).toBeInstanceOf(InvalidError);
    expect(error).toMatchObject({ raw, cause: expect.any(SyntaxError) });
    expect(b.cancelled).toBe(1);
  });

  test("a response without a body yields nothing", async () => {
    const closes: boolean[] = [];
    const s = stream(new Response(null, { status: 204 }), { format: "sse", onClose: (a) => closes.push(a) });
    expect(await collect(s)).toEqual([]);
    expect(closes).toEqual([false]);
  });

  test("the response stays reachable; a second loop throws", async () => {
    const response = body(["data: a\n\n"]).response;
    const s = stream(response, { format: "sse" });
    expect(s.response).toBe(response);
    expect(await collect(s)).toEqual(["a"]);
    await expect(collect(s)).rejects.toThrow(TypeError);
    await expect(collect(s)).rejects.toThrow("This stream was already iterated: a Stream can be read only once.");
  });

  test("typed items", async () => {
    interface Chunk {
      type: "delta";
      text: string;
    }
    const s = stream<Chunk>(body(['data: {"type":"delta","text":"hi"}\n\n']).response, { format: "sse", json: true });
    const texts: string[] = [];
    for await (const chunk of s) texts.push(chunk.text);
    expect(texts).toEqual(["hi"]);
  });

  test.each<[string, string | null, StreamOptions["format"] | undefined]>([
    ["SSE", "text/event-stream; charset=utf-8", "sse"],
    ["JSON Lines", "application/jsonl", "jsonl"],
    ["NDJSON", "Application/X-NDJSON", "jsonl"],
    ["JSON text sequences", "application/json-seq", "json-seq"],
    ["JSON", "application/json", undefined],
    ["no Content-Type", null, undefined],
  ])("streamFormatOf: %s", (_name, type, want) => {
    expect(streamFormatOf(type)).toBe(want);
  });
});

describe("however a stream ends, it closes once and leaves no timer", () => {
  /** Runs `fn` with setTimeout and clearTimeout counted: the timers made, and those still pending after. */
  async function timers(fn: () => Promise<unknown>): Promise<{ made: number; pending: number }> {
    const pending = new Set<unknown>();
    let made = 0;
    const { setTimeout: set, clearTimeout: clear } = globalThis;
    globalThis.setTimeout = ((callback: () => void, ms?: number) => {
      const id = set(() => {
        pending.delete(id);
        callback();
      }, ms);
      pending.add(id);
      made++;
      return id;
    }) as typeof setTimeout;
    globalThis.clearTimeout = ((id: ReturnType<typeof setTimeout>) => {
      pending.delete(id);
      clear(id);
    }) as typeof clearTimeout;
    try {
      await fn();
    } finally {
      globalThis.setTimeout = set;
      globalThis.clearTimeout = clear;
    }
    return { made, pending: pending.size };
  }

  const ONE_TWO = 'data: {"n":1}\n\ndata: {"n":2}\n\n';
  const breaks = async (s: AsyncIterable<unknown>) => {
    for await (const _ of s) break;
  };
  const throws = async (s: AsyncIterable<unknown>) => {
    for await (const _ of s) throw new RangeError("mine");
  };
  type Want = { aborted: boolean; cancelled: number; error?: unknown };
  const cases: [string, ReturnType<typeof body>, (s: AsyncIterable<unknown>) => Promise<unknown>, Want][] = [
    ["the body's end", body([ONE_TWO]), collect, { aborted: false, cancelled: 0 }],
    ["break", body([ONE_TWO], "stall"), breaks, { aborted: true, cancelled: 1 }],
    ["a throw in the loop", body([ONE_TWO], "stall"), throws, { aborted: true, cancelled: 1, error: RangeError }],
    ["the done value", body([ONE_TWO, "data: [DONE]\n\n"], "stall"), collect, { aborted: true, cancelled: 1 }],
    ["an error event", body([ONE_TWO, "event: error\ndata\n\n"], "stall"), collect, { aborted: true, cancelled: 1, error: EventError }],
    ["invalid JSON", body([ONE_TWO, "data: {\n\n"], "stall"), collect, { aborted: true, cancelled: 1, error: InvalidError }],
    ["a stall", body([ONE_TWO], "stall"), collect, { aborted: true, cancelled: 1, error: TimeoutError }],
    ["a broken body", body([ONE_TWO], new Error("reset")), collect, { aborted: true, cancelled: 0, error: ConnectionError }],
  ];

  test.each(cases)("%s", async (_name, b, consume, want) => {
    const closes: boolean[] = [];
    const s = stream(b.response, { ...OPENAI, idleTimeout: 100, onClose: (aborted) => closes.push(aborted) });
    let error: unknown;
    const counted = await timers(() => consume(s).catch((e) => (error = e)));
    if (want.error) expect(error).toBeInstanceOf(want.error);
    else expect(error).toBeUndefined();
    expect(closes).toEqual([want.aborted]);
    expect(b.cancelled).toBe(want.cancelled);
    expect(counted.made).toBeGreaterThan(0);
    expect(counted.pending).toBe(0);
  });

  test("without an idle timeout, no timer at all", async () => {
    const counted = await timers(() => collect(stream(body(["data: 1\n\n"]).response, { format: "sse" })));
    expect(counted).toEqual({ made: 0, pending: 0 });
  });

  test("the idle timeout runs only while the loop waits for a chunk, not while it works", async () => {
    const s = stream(body(["data: 1\n\n", "data: 2\n\n"]).response, { format: "sse", idleTimeout: 50 });
    const seen: unknown[] = [];
    for await (const item of s) {
      seen.push(item);
      await sleep(150);
    }
    expect(seen).toEqual(["1", "2"]);
  });
});

describe("over HTTP", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer()));
  afterAll(() => server.close());

  const get = () => fetch(server.url + "/stream");
  /** Writes each piece in its own write, letting the event loop turn between them. */
  async function send(res: ServerResponse, pieces: (string | Uint8Array)[], type = "text/event-stream") {
    res.writeHead(200, { "content-type": type });
    for (const piece of pieces) {
      res.write(piece);
      await new Promise((r) => setImmediate(r));
    }
    res.end();
  }
  /** A server that writes an event every 5 ms until the client goes; `closed` resolves when its socket closes. */
  function endless(first: string[] = []) {
    const closed = deferred();
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      for (const event of first) res.write(event);
      let n = 0;
      const timer = setInterval(() => res.write(`data: {"n":${n++}}\n\n`), 5);
      res.socket!.on("close", () => {
        clearInterval(timer);
        closed.resolve();
      });
    });
    return closed.promise;
  }

  const chunk = (delta: object, finish_reason: string | null = null) => ({
    id: "chatcmpl-1",
    object: "chat.completion.chunk",
    created: 1719184911,
    model: "gpt-4o",
    choices: [{ index: 0, delta, finish_reason }],
  });
  const CHAT = [chunk({ role: "assistant", content: "" }), chunk({ content: "Hél" }), chunk({ content: "lo 🙂" }), chunk({}, "stop")];
  const CHAT_TEXT = CHAT.map((c) => `data: ${JSON.stringify(c)}\n\n`).join("") + "data: [DONE]\n\n";

  test("OpenAI chat-completion chunks, ended by [DONE]", async () => {
    server.reset((_req, res) => void send(res, CHAT_TEXT.split(/(?<=\n\n)/)));
    expect(await collect(stream(await get(), OPENAI))).toEqual(CHAT);
  });

  test("the same bytes, one byte per write", async () => {
    server.reset(
      (_req, res) =>
        void send(
          res,
          Array.from(bytes(CHAT_TEXT), (b) => new Uint8Array([b])),
        ),
    );
    expect(await collect(stream(await get(), OPENAI))).toEqual(CHAT);
  });

  const delta = (sequence_number: number, delta: string) => ({
    type: "response.output_text.delta",
    sequence_number,
    item_id: "msg_1",
    output_index: 0,
    content_index: 0,
    delta,
  });
  const RESPONSES = [
    { type: "response.created", sequence_number: 0, response: { id: "resp_1", status: "in_progress" } },
    delta(1, "Hi"),
    delta(2, " there"),
    { type: "response.completed", sequence_number: 3, response: { id: "resp_1", status: "completed" } },
  ];
  const RESPONSES_TEXT = RESPONSES.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`);

  test("Responses API events: their data, discriminated by type, or whole events named by type", async () => {
    server.reset((_req, res) => void send(res, RESPONSES_TEXT));
    expect(await collect(stream(await get(), { format: "sse", json: true }))).toEqual(RESPONSES);
    server.reset((_req, res) => void send(res, RESPONSES_TEXT));
    const s = stream<ServerSentEvent<{ type: string }>>(await get(), { format: "sse", json: true, items: "events" });
    const events = await collect(s);
    expect(events.map((e) => e.event)).toEqual(RESPONSES.map((e) => e.type));
    expect(events.map((e) => e.data)).toEqual(RESPONSES);
  });

  test("an error event mid-stream is thrown after the events before it", async () => {
    const error = { type: "error", code: "server_error", message: "The server had an error", sequence_number: 2 };
    const text = [...RESPONSES_TEXT.slice(0, 2), `event: error\ndata: ${JSON.stringify(error)}\n\n`, ...RESPONSES_TEXT.slice(2)];
    server.reset((_req, res) => void send(res, text));
    const result = await collectUntilError(stream(await get(), { format: "sse", json: true }));
    expect(result.items).toEqual(RESPONSES.slice(0, 2));
    expect(result.error).toBeInstanceOf(EventError);
    expect(result.error).toMatchObject({ data: error });
  });

  test("break after two events: the request is aborted and the server sees the socket close", async () => {
    const closed = endless();
    const closes: boolean[] = [];
    const seen: unknown[] = [];
    for await (const item of stream(await get(), { format: "sse", json: true, onClose: (a) => closes.push(a) })) {
      seen.push(item);
      if (seen.length === 2) break;
    }
    await closed;
    expect(seen).toEqual([{ n: 0 }, { n: 1 }]);
    expect(closes).toEqual([true]);
  });

  test("a throw inside the loop closes the connection too", async () => {
    const closed = endless();
    const loop = async () => {
      for await (const _ of stream(await get(), { format: "sse", json: true })) throw new RangeError("mine");
    };
    await expect(loop()).rejects.toThrow(RangeError);
    await closed;
  });

  test("invalid JSON closes the connection", async () => {
    const closed = endless(["data: {oops\n\n"]);
    await expect(collect(stream(await get(), { format: "sse", json: true }))).rejects.toBeInstanceOf(InvalidError);
    await closed;
  });

  test("a server that dies mid-stream: a connection error, not a hang", async () => {
    let response!: ServerResponse;
    server.reset((_req, res) => {
      response = res;
      res.writeHead(200, { "content-type": "text/event-stream" }).write('data: {"n":0}\n\ndata: {"n":1}\n\n');
    });
    const seen: unknown[] = [];
    const loop = async () => {
      for await (const item of stream(await get(), { format: "sse", json: true })) {
        seen.push(item);
        if (seen.length === 2) response.socket!.destroy();
      }
    };
    const error = await loop().then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(seen).toEqual([{ n: 0 }, { n: 1 }]);
    expect(error).toBeInstanceOf(ConnectionError);
    // undici's error, from another realm than the test's: `instanceof Error` would not see it.
    expect(error).toMatchObject({ cause: expect.objectContaining({ message: expect.any(String) }) });
  });

  test("a stall longer than the idle timeout: a timeout error, and the connection closed", async () => {
    const closed = deferred();
    server.reset((_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" }).write('data: {"n":0}\n\n');
      res.socket!.on("close", closed.resolve);
    });
    const result = await collectUntilError(stream(await get(), { format: "sse", json: true, idleTimeout: 200 }));
    expect(result.items).toEqual([{ n: 0 }]);
    expect(result.error).toBeInstanceOf(TimeoutError);
    await closed.promise;
  });

  test("a stream that keeps sending outlives its idle timeout", async () => {
    server.reset(async (_req, res) => {
      res.writeHead(200, { "content-type": "text/event-stream" });
      // 1 s in all, twice the idle timeout, with gaps far below it (a shared machine may stall a few hundred ms).
      for (let n = 0; n < 40; n++) {
        res.write(`data: ${n}\n\n`);
        await sleep(25);
      }
      res.end();
    });
    const items = await collect(stream(await get(), { format: "sse", json: true, idleTimeout: 500 }));
    expect(items).toEqual(Array.from({ length: 40 }, (_, n) => n));
  });

  test.each<[string, string, Options, string]>([
    ["JSON Lines", "application/jsonl", { format: "jsonl" }, '{"n":0}\n{"n":1}\r\n{"n":2}'],
    ["NDJSON", "application/x-ndjson", { format: "jsonl" }, '{"n":0}\n\n{"n":1}\n{"n":2}\n'],
    ["JSON text sequences", "application/json-seq", { format: "json-seq" }, '\x1e{"n":0}\n\x1e{"n":\n1}\n\x1e{"n":2}\n'],
  ])("%s", async (_name, type, options, text) => {
    server.reset((_req, res) => void send(res, text.match(/[\s\S]{1,5}/g)!, type));
    const response = await get();
    expect(streamFormatOf(response.headers.get("content-type"))).toBe(options.format);
    expect(await collect(stream(response, options))).toEqual([{ n: 0 }, { n: 1 }, { n: 2 }]);
  });
});
