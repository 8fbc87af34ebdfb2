// multipart/mixed (RFC 2046), given in pieces cut anywhere: each complete part, its headers and its
// bytes, is appended to `out` as it arrives (OpenAPI 3.2 reads such a body as a sequence of items:
// `itemSchema` types each part). The preamble and the epilogue are ignored, as the RFC says.

/** One part: its headers (names lower-case) and its body's bytes. */
export interface MultipartPart {
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

const BLANK_LINE = new Uint8Array([13, 10, 13, 10]);
const encoder = new TextEncoder();
const latin1 = new TextDecoder("latin1");

/** The boundary of a multipart Content-Type (`multipart/mixed; boundary="x"`), undefined when it names none. */
export function boundaryOf(contentType: string | null): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType ?? "");
  return m ? (m[1] ?? m[2]) : undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0]!;
  for (let i = haystack.indexOf(first, from); i !== -1 && i + needle.length <= haystack.length; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function parseHeaders(bytes: Uint8Array): Record<string, string> {
  const headers: Record<string, string> = Object.create(null);
  for (const line of latin1.decode(bytes).split("\r\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The body is not multipart as its Content-Type says: it ends before its closing delimiter (a part may be missing), or a delimiter is malformed. */
export class MultipartTruncated extends Error {
  override name = "MultipartTruncated";
}

export class MultipartParser {
  private buffer = new Uint8Array(0);
  /** Before the first delimiter, in a part, or after the closing one. */
  private state: "preamble" | "part" | "done" = "preamble";
  private readonly first: Uint8Array;
  private readonly delimiter: Uint8Array;

  constructor(
    boundary: string,
    private readonly out: MultipartPart[],
  ) {
    this.first = encoder.encode(`--${boundary}`);
    this.delimiter = encoder.encode(`\r\n--${boundary}`);
  }

  /** The bytes held: `store`, of which the first `size` are the body not yet taken; `scanned` of them hold no delimiter start. */
  private store = new Uint8Array(0);
  private size = 0;
  private scanned = 0;

  push(chunk: Uint8Array): void {
    if (this.state === "done") return;
    // Grown by doubling, so that a part of many chunks is copied a few times, not once per chunk.
    if (this.size + chunk.length > this.store.length) {
      const grown = new Uint8Array(Math.max(this.size + chunk.length, this.store.length * 2, 4096));
      grown.set(this.store.subarray(0, this.size));
      this.store = grown;
    }
    this.store.set(chunk, this.size);
    this.size += chunk.length;
    this.buffer = this.store.subarray(0, this.size);
    this.drain();
  }

  /** Takes the first `n` bytes. */
  private take(n: number): void {
    this.store.copyWithin(0, n, this.size);
    this.size -= n;
    this.scanned = 0;
    this.buffer = this.store.subarray(0, this.size);
  }

  end(): void {
    if (this.state !== "done") throw new MultipartTruncated("the multipart body ended before its closing delimiter");
  }

  private drain(): void {
    for (;;) {
      if (this.state === "done") return;
      let at: number;
      let length = this.delimiter.length;
      if (this.state === "preamble") {
        // The first delimiter may open the body, without the CRLF before it.
        at = this.matchesAt(this.first, 0) ? 0 : indexOf(this.buffer, this.delimiter, 0);
        if (at === 0 && this.matchesAt(this.first, 0)) length = this.first.length;
      } else at = indexOf(this.buffer, this.delimiter, this.scanned);
      if (at === -1) {
        // A delimiter may begin in the last bytes: the next search starts there.
        this.scanned = Math.max(0, this.buffer.length - this.delimiter.length);
        return;
      }
      // Nothing is taken until what follows the delimiter is known: a part is complete only then.
      const next = this.lineAfter(at + length);
      if (next === undefined) return;
      if (this.state === "part") {
        const part = this.buffer.subarray(0, at);
        // The header lines end at the first blank line; a part without headers starts with it.
        const blank = part[0] === 13 && part[1] === 10 ? 0 : indexOf(part, BLANK_LINE, 0);
        const headers = blank > 0 ? parseHeaders(part.subarray(0, blank)) : {};
        const start = blank === 0 ? 2 : blank > 0 ? blank + 4 : part.length;
        this.out.push({ headers, body: part.slice(start) });
      }
      if (next === "closed") {
        this.state = "done";
        this.store = this.buffer = new Uint8Array(0);
        this.size = 0;
        return;
      }
      this.take(next);
      this.state = "part";
    }
  }

  /** After a delimiter ending at `at`: "closed" for `--`, else where the next part starts (after optional padding and CRLF); undefined until known. */
  private lineAfter(at: number): number | "closed" | undefined {
    const b = this.buffer;
    if (b.length < at + 2) return undefined;
    if (b[at] === 45 && b[at + 1] === 45) return "closed";
    let i = at;
    while (i < b.length && (b[i] === 32 || b[i] === 9)) i++;
    if (b.length < i + 2) return undefined;
    if (b[i] !== 13 || b[i + 1] !== 10) throw new MultipartTruncated("a multipart delimiter is not followed by a line end");
    return i + 2;
  }

  private matchesAt(bytes: Uint8Array, at: number): boolean {
    if (this.buffer.length < at + bytes.length) return false;
    for (let i = 0; i < bytes.length; i++) if (this.buffer[at + i] !== bytes[i]) return false;
    return true;
  }
}
