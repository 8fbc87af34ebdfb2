// A streamed response body as an AsyncIterable of parsed items, read as they arrive: server-sent
// events (text/event-stream), JSON Lines (application/jsonl, application/x-ndjson), JSON text
// sequences (application/json-seq) or the parts of a multipart/mixed body (OpenAPI 3.2's
// `itemSchema`). Nothing is buffered beyond the chunk (or the part) being read.
import { JsonLines, JsonSeq } from "./lines.js";
import { boundaryOf, MultipartParser, type MultipartPart, MultipartTruncated } from "./multipart-stream.js";
import { SseParser, type SseMessage } from "./sse.js";
import type { StreamFormatName } from "./stream-format.js";

/** How an operation's stream is framed and what it yields: plain data, written per operation. */
export interface StreamFormat {
  /**
   * `sse`: text/event-stream; `jsonl`: application/jsonl or application/x-ndjson; `json-seq`:
   * application/json-seq; `multipart`: multipart/mixed, each part read by its Content-Type (JSON
   * parsed, text a string, anything else a Blob).
   */
  readonly format: StreamFormatName;
  /** multipart: the media type of a part that names none (the document's `itemEncoding`); text/plain otherwise, as RFC 2046 says. */
  readonly partType?: string;
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
      const queue: (SseMessage | string | MultipartPart)[] = [];
      const parser = parserFor(format, queue, this.response, errors);
      while (!ended) {
        const chunk = await read(reader, idleTimeout, errors);
        if (chunk) {
          parser.push(chunk);
        } else {
          ended = true;
          parser.end();
        }
        for (const raw of queue) {
          const item = typeof raw === "string" ? parse(raw, errors) : "body" in raw ? await partItem(raw, options) : sseItem(raw, options);
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

interface BytesParser {
  push(chunk: Uint8Array): void;
  end(): void;
}

/**
 * A format's parser: it appends each event (SSE), JSON text (JSON lines and sequences) or part
 * (multipart) it completes to `out`. The text formats are decoded in streaming mode, which joins
 * the bytes of a character split between chunks.
 */
function parserFor(
  format: StreamFormat["format"],
  out: (SseMessage | string | MultipartPart)[],
  response: Response,
  errors: StreamErrors,
): BytesParser {
  if (format === "multipart") {
    const boundary = boundaryOf(response.headers.get("content-type"));
    if (boundary === undefined) throw errors.invalid("", new MultipartTruncated("the multipart Content-Type names no boundary"));
    const parser = new MultipartParser(boundary, out as MultipartPart[]);
    return {
      push: (chunk) => multipartStep(() => parser.push(chunk), errors),
      end: () => multipartStep(() => parser.end(), errors),
    };
  }
  const text =
    format === "sse"
      ? new SseParser(out as SseMessage[])
      : format === "jsonl"
        ? new JsonLines(out as string[])
        : new JsonSeq(out as string[]);
  const decoder = new TextDecoder();
  return {
    push: (chunk) => text.push(decoder.decode(chunk, { stream: true })),
    end: () => {
      text.push(decoder.decode());
      text.end();
    },
  };
}

function multipartStep(step: () => void, errors: StreamErrors): void {
  try {
    step();
  } catch (cause) {
    throw cause instanceof MultipartTruncated ? errors.invalid("", cause) : cause;
  }
}

/** A part as an item: JSON parsed, text a string, anything else a Blob of its type. */
async function partItem(part: MultipartPart, options: StreamOptions): Promise<unknown> {
  const type = part.headers["content-type"] ?? options.partType ?? "text/plain";
  const essence = type.split(";")[0]!.trim().toLowerCase();
  if (/^application\/(.+\+)?json$/.test(essence)) return parse(new TextDecoder().decode(part.body), options.errors);
  if (essence.startsWith("text/")) return new TextDecoder().decode(part.body);
  return new Blob([part.body as BlobPart], { type });
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
