// Server-sent events as the WHATWG HTML standard parses and interprets them (§9.2.5 "Parsing an
// event stream", §9.2.6 "Interpreting an event stream"). Text in, events out: the caller decodes
// the bytes with a streaming TextDecoder, which also drops the leading BOM the standard ignores.

/** One dispatched event, with the parser's state at that moment. */
export interface SseMessage {
  /** The event type buffer; "" stands for the default type, `message`. */
  event: string;
  /** The data lines, joined with "\n". */
  data: string;
  /** The last event ID buffer: it persists across events until an `id` field changes it. */
  id: string;
  /** The reconnection time the last valid `retry` field set, in milliseconds. */
  retry: number | undefined;
}

const DIGITS = /^[0-9]+$/;

/** Parses an event stream given in pieces cut anywhere; complete events are appended to `out`. */
export class SseParser {
  /** The start of a line whose end has not arrived yet. */
  private rest = "";
  /** The last piece ended with CR: an LF starting the next one belongs to the same line end. */
  private skipLF = false;
  /** The data buffer without its last LF; undefined while empty (no `data` field yet). */
  private data: string | undefined = undefined;
  private event = "";
  private id = "";
  private retry: number | undefined = undefined;

  constructor(private readonly out: SseMessage[]) {}

  push(text: string): void {
    const n = text.length;
    if (n === 0) return;
    let pos = 0;
    if (this.skipLF) {
      this.skipLF = false;
      if (text.charCodeAt(0) === 10) pos = 1;
    }
    // A line ends at CRLF, LF or CR. Both searches run once per line end they find, not per line.
    let lf = text.indexOf("\n", pos);
    let cr = text.indexOf("\r", pos);
    while (lf !== -1 || cr !== -1) {
      let end: number;
      let next: number;
      if (cr === -1 || (lf !== -1 && lf < cr)) {
        end = lf;
        next = lf + 1;
      } else {
        end = cr;
        next = cr + 1;
        if (next === n) this.skipLF = true;
        else if (text.charCodeAt(next) === 10) next++;
      }
      if (this.rest) {
        const line = this.rest + text.slice(pos, end);
        this.rest = "";
        this.line(line, 0, line.length);
      } else {
        this.line(text, pos, end);
      }
      pos = next;
      if (lf !== -1 && lf < pos) lf = text.indexOf("\n", pos);
      if (cr !== -1 && cr < pos) cr = text.indexOf("\r", pos);
    }
    // Appending builds a rope, so a line that spans many pieces costs linear time.
    if (pos < n) this.rest += pos === 0 ? text : text.slice(pos);
  }

  /** The body ended: the standard discards an unfinished line and an undispatched event. */
  end(): void {
    this.rest = "";
    this.data = undefined;
  }

  /** The line text[start, end), without its line end. */
  private line(text: string, start: number, end: number): void {
    if (start === end) {
      this.dispatch();
      return;
    }
    const first = text.charCodeAt(start);
    if (first === 58 /* ":" */) return;
    // Nearly every line of a real stream is "data:", read here without slicing the line first.
    if (first === 100 /* "d" */ && text.startsWith("data:", start)) {
      let from = start + 5;
      if (from < end && text.charCodeAt(from) === 32) from++;
      this.append(text.slice(from, end));
      return;
    }
    const line = text.slice(start, end);
    const colon = line.indexOf(":");
    // No colon: the whole line is the field name and the value is empty.
    const name = colon === -1 ? line : line.slice(0, colon);
    const value = colon === -1 ? "" : line.slice(line.charCodeAt(colon + 1) === 32 ? colon + 2 : colon + 1);
    if (name === "data") this.append(value);
    else if (name === "event") this.event = value;
    else if (name === "id") {
      if (!value.includes("\0")) this.id = value;
    } else if (name === "retry") {
      if (DIGITS.test(value)) this.retry = Number(value);
    }
  }

  private append(value: string): void {
    this.data = this.data === undefined ? value : this.data + "\n" + value;
  }

  private dispatch(): void {
    if (this.data !== undefined) this.out.push({ event: this.event, data: this.data, id: this.id, retry: this.retry });
    this.data = undefined;
    this.event = "";
  }
}
