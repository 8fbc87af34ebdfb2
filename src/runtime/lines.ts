// JSON Lines (application/jsonl, application/x-ndjson) and JSON text sequences (RFC 7464,
// application/json-seq), given in pieces cut anywhere: each appends the text of every complete
// JSON value to `out`; parsing it is the caller's.

/** Blank lines and records carry no value ("\r" is what a CRLF leaves before the LF). */
const blank = (text: string) => text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim() === "");

/** One JSON value per line, lines ended by LF; the last line may lack its LF. */
export class JsonLines {
  private rest = "";

  constructor(private readonly out: string[]) {}

  push(text: string): void {
    let start = 0;
    let lf = text.indexOf("\n");
    if (lf !== -1 && this.rest) {
      this.add(this.rest + text.slice(0, lf));
      this.rest = "";
      start = lf + 1;
      lf = text.indexOf("\n", start);
    }
    for (; lf !== -1; lf = text.indexOf("\n", start)) {
      this.add(text.slice(start, lf));
      start = lf + 1;
    }
    if (start < text.length) this.rest += start === 0 ? text : text.slice(start);
  }

  end(): void {
    this.add(this.rest);
    this.rest = "";
  }

  private add(line: string): void {
    if (!blank(line)) this.out.push(line);
  }
}

const RS = "\x1e";

/** Records that each start with RS and end with LF; a JSON text may span lines. */
export class JsonSeq {
  private rest = "";

  constructor(private readonly out: string[]) {}

  push(text: string): void {
    let start = 0;
    for (let rs = text.indexOf(RS); rs !== -1; rs = text.indexOf(RS, start)) {
      this.add(this.rest + text.slice(start, rs));
      this.rest = "";
      start = rs + 1;
    }
    this.rest += text.slice(start);
    // The record under way is known complete when the next RS arrives, which can be long after
    // it. One that ends with its LF and already parses is complete, so it goes out now.
    if (this.rest.endsWith("\n") && parses(this.rest)) this.end();
  }

  end(): void {
    this.add(this.rest);
    this.rest = "";
  }

  private add(record: string): void {
    // Consecutive RS are not empty records (RFC 7464, section 2.1).
    if (!blank(record)) this.out.push(record);
  }
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
