// A streamed response body as an AsyncIterable of parsed items, read as they arrive: server-sent
// events (text/event-stream), JSON Lines (application/jsonl, application/x-ndjson) or JSON text
// sequences (application/json-seq). Nothing is buffered beyond the chunk being read.
import { JsonLines, JsonSeq } from "./lines.js";
import { SseParser, type SseMessage } from "./sse.js";
import type { StreamFormatName } from "./stream-format.js";

/** How an operation's stream is framed and what it yields: plain data, written per operation. */
export interface StreamFormat {
  /** `sse`: text/event-stream; `jsonl`: application/jsonl or application/x-ndjson; `json-seq`: application/json-seq. */
  readonly format: StreamFormatName;
  /** SSE: each event's data is JSON (the schema says so). JSON Lines and sequences are always parsed. */
  readonly json?: boolean;
  /** SSE: yield each event's data (the default), or whole events `{ event, data, id, retry }`. */
  readonly items?: "data" | "events";
  /** SSE: a data value that ends the stream without being yielded, such as OpenAI's `[DONE]`. */
  readonly done?: string;
  /** SSE: a data object with a truthy `error` member is an error event too (openai-node's rule for OpenAI). */
  readonly errorMember?: boolean;
}

/** The errors a stream throws from the loop, made by the caller so that they are its own classes. */
export interface StreamErrors {
  /** An `event: error`, or see `errorMember`: `data` is the data, parsed when it is JSON; `raw` is its text. */
  event(data: unknown, raw: string): Error;
  /** No chunk came for `idleTimeout` milliseconds while the loop waited for one. */
  timeout(): Error;
  /** An item that is not the JSON it should be; `cause` is the parse error. */
  invalid(raw: string, cause: unknown): Error;
  /** The body failed before its end: the connection broke, or the request was aborted (`cause` says which). */
  connection(cause: unknown): Error;
}

export interface StreamOptions extends StreamFormat {
  readonly errors: StreamErrors;
  /** Milliseconds allowed between two chunks while the loop waits for one; `Infinity` (the default) for no limit. */
  readonly idleTimeout?: number;
  /**
   * Called once when the stream ends, however it ends. `aborted` is true when it stopped before the
   * body's end (`break`, an error, a timeout, the `done` value): the request should be aborted then.
   */
  readonly onClose?: (aborted: boolean) => void;
}

/** An event of a text/event-stream: what a stream with `items: "events"` yields. */
export interface ServerSentEvent<T = string> {
  /** The event type; absent for the default type, `message`. */
  event?: string;
  data: T;
  /** The last event ID: it persists across events until an `id` field changes it; absent when empty. */
  id?: string;
  /** The reconnection time the server last asked for with a `retry` field, in milliseconds. */
  retry?: number;
}

// setTimeout fires at once after a longer delay; a limit that long means none.
const MAX_TIMER = 2 ** 31 - 1;
const STOP = Symbol("stop");
const ignore = () => {};

/**
 * The items of a streamed response, in a `for await` loop; an SSE event named `error` is thrown.
 * Leaving the loop early (`break`, `return`, `throw`) cancels the body and the request. A stream
 * can be iterated once; one never iterated holds its connection until the request is aborted.
 */
export class Stream<T> implements AsyncIterable<T> {
  private used = false;

  constructor(
    /** The response, its body unread until the loop starts. */
    readonly response: Response,
    private readonly options: StreamOptions,
  ) {}

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.used) throw new TypeError("This stream was already iterated: a Stream can be read only once.");
    this.used = true;
    return this.items();
  }

  private async *items(): AsyncGenerator<T, void, undefined> {
    const options = this.options;
    const { format, errors, idleTimeout = Infinity } = options;
    let reader: Reader | undefined;
    // The body was read to its end: nothing to cancel.
    let ended = false;
    try {
      reader = this.response.body?.getReader();
      if (!reader) {
        ended = true;
        return;
      }
      // Decoding in streaming mode joins the bytes of a character split between chunks.
      const decoder = new TextDecoder();
      const queue: (SseMessage | string)[] = [];
      const parser = parserFor(format, queue);
      while (!ended) {
        const chunk = await read(reader, idleTimeout, errors);
        if (chunk) {
          parser.push(decoder.decode(chunk, { stream: true }));
        } else {
          ended = true;
          parser.push(decoder.decode());
          parser.end();
        }
        for (const raw of queue) {
          const item = typeof raw === "string" ? parse(raw, errors) : sseItem(raw, options);
          if (item === STOP) return;
          yield item as T;
        }
        queue.length = 0;
      }
    } finally {
      if (!ended) reader?.cancel().catch(ignore);
      options.onClose?.(!ended);
    }
  }
}

type Reader = ReadableStreamDefaultReader<Uint8Array>;

/** The next chunk, or undefined at the body's end; rejects after `ms` without one. */
function read(reader: Reader, ms: number, errors: StreamErrors): Promise<Uint8Array | undefined> {
  const chunk = reader.read().then(
    (result) => result.value,
    (cause) => Promise.reject(errors.connection(cause)),
  );
  if (!(ms < MAX_TIMER)) return chunk;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(errors.timeout()), ms);
    chunk.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    );
  });
}

/** A format's parser: it appends each event (SSE) or JSON text (the others) it completes to `out`. */
function parserFor(format: StreamFormat["format"], out: (SseMessage | string)[]): SseParser | JsonLines | JsonSeq {
  if (format === "sse") return new SseParser(out as SseMessage[]);
  return format === "jsonl" ? new JsonLines(out as string[]) : new JsonSeq(out as string[]);
}

function parse(text: string, errors: StreamErrors): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    throw errors.invalid(text, cause);
  }
}

function sseItem(message: SseMessage, options: StreamOptions): unknown {
  const { data: text, event } = message;
  if (text === options.done) return STOP;
  if (event === "error") {
    let data: unknown = text;
    try {
      data = JSON.parse(text);
    } catch {}
    throw options.errors.event(data, text);
  }
  const data = options.json ? parse(text, options.errors) : text;
  if (options.errorMember && typeof data === "object" && data !== null && (data as { error?: unknown }).error) {
    throw options.errors.event(data, text);
  }
  if (options.items !== "events") return data;
  const item: ServerSentEvent<unknown> = { data };
  if (event) item.event = event;
  if (message.id) item.id = message.id;
  if (message.retry !== undefined) item.retry = message.retry;
  return item;
}
