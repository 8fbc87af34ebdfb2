/** How a declared response header's text is read: its schema's primitive type, or a comma-separated list of one. */
export type HeaderType = "string" | "number" | "boolean" | "string[]" | "number[]" | "boolean[]";

/** The headers each 2xx status (`"200"`, `"2XX"`) declares, by the names the document gives them. */
export type DeclaredHeaders = Readonly<Record<string, Readonly<Record<string, HeaderType>>>>;

/** One value as its type reads it; undefined when the text is not one. */
function parse(text: string, type: string): unknown {
  const value = text.trim();
  if (type === "number") return value === "" || Number.isNaN(Number(value)) ? undefined : Number(value);
  if (type === "boolean") return /^(true|false)$/i.test(value) ? value.toLowerCase() === "true" : undefined;
  return value;
}

/**
 * The headers the document declares for the response's status (the exact one, else its range),
 * each read by its type. A header that is missing, or whose text is not of its type, is left out:
 * it is not worth failing a call over, and `response.headers` still has its text.
 */
export function readHeaders(response: Response, declared: DeclaredHeaders): Record<string, unknown> {
  const status = String(response.status);
  const here = declared[status] ?? declared[`${status[0]}XX`];
  const out: Record<string, unknown> = {};
  if (!here) return out;
  for (const name of Object.keys(here)) {
    const text = response.headers.get(name);
    if (text === null) continue;
    const type = here[name]!;
    const value = type.endsWith("[]") ? list(text, type.slice(0, -2)) : parse(text, type);
    // defineProperty: a header named `__proto__` is a header like any other.
    if (value !== undefined) Object.defineProperty(out, name, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function list(text: string, type: string): unknown[] | undefined {
  const values = text === "" ? [] : text.split(",").map((item) => parse(item, type));
  return values.includes(undefined) ? undefined : values;
}
