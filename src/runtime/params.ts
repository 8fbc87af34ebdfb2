// Parameters as OpenAPI 3.0-3.2 serialise them ("Style Values", "Style Examples", Appendices C-E):
// path, query, header and cookie values by `style` and `explode`, or by a `content` media type.
// Pure functions; a value that cannot be sent as given throws a ParameterProblem and nothing is built.

/** `querystring` is OpenAPI 3.2's: one value, written by its `content` media type, is the whole query string. */
export type ParamLocation = "path" | "query" | "querystring" | "header" | "cookie";
// `tabDelimited` is Swagger 2.0's `collectionFormat: tsv`, which OpenAPI 3 has no style for.
export type ParamStyle =
  | "simple"
  | "label"
  | "matrix"
  | "form"
  | "spaceDelimited"
  | "pipeDelimited"
  | "tabDelimited"
  | "deepObject"
  | "cookie";

/** What the document says about one parameter; the generator emits one small literal per operation. */
export interface ParamSpec {
  readonly in: ParamLocation;
  /** The name on the wire, when it is not the key of the spec (Kubernetes has `path` in both path and query). */
  readonly name?: string;
  /** simple for path and header, form for query and cookie, by default. */
  readonly style?: ParamStyle;
  /** true for form and cookie, false otherwise, by default. */
  readonly explode?: boolean;
  /** Query only: RFC 3986 reserved characters stay literal (see `encodeReserved`). */
  readonly allowReserved?: boolean;
  /** The media type of a parameter declared with `content`: its value is sent as one string. */
  readonly content?: string;
  /** A query parameter the document requires: a call without it is refused (a path parameter always is). */
  readonly required?: boolean;
}

export interface SerializedParams {
  /** The template with each `{name}` replaced by its serialised value. */
  path: string;
  /** `a=1&b=2`, without `?`; empty when there is nothing to send. */
  query: string;
  headers: Record<string, string>;
  /** `a=1; b=2`, the value of a Cookie header; empty when there is nothing to send. */
  cookie: string;
}

/** A value that cannot be sent as given. `parameter` is the key the caller used. */
export class ParameterProblem extends Error {
  override name = "ParameterProblem";
  constructor(
    readonly parameter: string,
    readonly reason: string,
  ) {
    super(`parameter "${parameter}" ${reason}`);
  }
}

export type Encoder = (text: string) => string;

/**
 * Percent-encodes all but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), so that data can
 * never act as a delimiter of the URL, the query or a form body. Throws URIError on a lone surrogate.
 */
export const encodeStrict: Encoder = (text) =>
  encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

// `allowReserved` is RFC 6570's reserved expansion: the reserved set and existing %XX triples pass
// through, a `%` that starts no triple is encoded (OAS 3.1.1 and 3.2, Parameter Object). The same
// text leaves to the application the reserved characters that the destination does not allow:
// `[`, `]` and `#` are not allowed in a query (RFC 3986 3.4) and `&`, `=` and `+` are delimiters or a
// space in form-urlencoded (OAS 3.1.1 names exactly these six; 3.2 Appendix C, the `formulas` example).
// A generated client cannot tell a delimiter the caller meant from data, so it encodes those six
// itself: with allowReserved, data can still not add a parameter or end the query. `:/?@!$'()*,;`
// stay literal (the URL parser still writes `'` as %27, which decodes the same).
const KEPT = /%(?:25([0-9A-Fa-f]{2})|(3A|2F|3F|40|21|24|27|28|29|2A|2C|3B))/g;

/** `encodeStrict`, then reserved characters other than `[]#&=+`, and existing %XX triples, put back. */
export const encodeReserved: Encoder = (text) =>
  encodeStrict(text).replace(KEPT, (_, triple?: string, reserved?: string) =>
    triple ? `%${triple}` : String.fromCharCode(parseInt(reserved!, 16)),
  );

/** Whether a media type is JSON: `application/json`, `+json` suffixes, any parameters. */
export const isJsonType = (mediaType: string): boolean => /^[^;]*(?:\/json|\+json)\s*(?:;|$)/i.test(mediaType.trim());

export const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
};

// RFC 6570 treats null like undefined: the member (or the whole parameter) is left out.
const present = (value: unknown) => value !== undefined && value !== null;

function describe(value: unknown): string {
  if (value == null) return String(value);
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

/** A primitive as text: int64 ids as bigint, dates as ISO 8601. */
export function textOf(parameter: string, value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "boolean" || typeof value === "bigint") return String(value);
  if (typeof value === "number") {
    if (Number.isFinite(value)) return String(value);
    throw new ParameterProblem(parameter, `cannot be ${value}`);
  }
  if (value instanceof Date) {
    if (!Number.isNaN(value.getTime())) return value.toISOString();
    throw new ParameterProblem(parameter, "is an invalid Date");
  }
  throw new ParameterProblem(parameter, `cannot be ${describe(value)}`);
}

/** JSON text; BigInt values and cycles, which JSON.stringify throws on, are problems of `parameter`. */
export function jsonOf(parameter: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    if (!(error instanceof TypeError)) throw error;
    throw new ParameterProblem(parameter, `cannot be sent as JSON: ${error.message}`);
  }
  if (text === undefined) throw new ParameterProblem(parameter, `cannot be sent as JSON: it is ${describe(value)}`);
  return text;
}

/** A value one level deep, its members as text, or undefined when RFC 6570 would leave it out. */
type Flat = { scalar: string } | { items: string[] } | { entries: Array<[string, string]> };

function flatten(parameter: string, value: unknown, style: string): Flat | undefined {
  const member = (v: unknown) => {
    if (!Array.isArray(v) && !isPlainObject(v)) return textOf(parameter, v);
    throw new ParameterProblem(parameter, `cannot hold ${describe(v)} inside a value of style ${style}`);
  };
  if (Array.isArray(value)) {
    const items = value.filter(present).map(member);
    return items.length ? { items } : undefined;
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value)
      .filter(([, v]) => present(v))
      .map(([k, v]): [string, string] => [k, member(v)]);
    return entries.length ? { entries } : undefined;
  }
  return { scalar: textOf(parameter, value) };
}

// deepObject is only defined for an object of primitives. Nested objects (`name[a][b]=v`) and arrays
// indexed from 0 (`name[0]=v`) follow Stripe's convention, the main user of the style, which reads
// `expand[0]=…` and `metadata[key]=…`. The brackets are data delimiters and are percent-encoded like
// everything else (the specification's example: `color%5BR%5D=100`); servers decode them first.
function deep(parameter: string, name: string, value: unknown, out: Array<[string, string]>, seen: object[]) {
  if (!Array.isArray(value) && !isPlainObject(value)) {
    out.push([name, textOf(parameter, value)]);
    return;
  }
  if (seen.includes(value)) throw new ParameterProblem(parameter, "contains itself");
  seen.push(value);
  const members = Array.isArray(value) ? value.map((v, i): [number, unknown] => [i, v]) : Object.entries(value);
  for (const [k, v] of members) if (present(v)) deep(parameter, `${name}[${k}]`, v, out, seen);
  seen.pop();
}

const QUERY_STYLES = new Set(["form", "spaceDelimited", "pipeDelimited", "tabDelimited", "deepObject"]);
const DELIMITERS: Record<string, string> = { spaceDelimited: " ", pipeDelimited: "|", tabDelimited: "\t" };

/** How a query-like value's names and values are encoded: percent-encoding, or none for multipart. */
export interface PairEncoders {
  readonly key: Encoder;
  readonly val: Encoder;
}

/**
 * The name=value pairs of a query-like value (styles form, spaceDelimited, pipeDelimited, deepObject),
 * for the query, form bodies and multipart parts. `explode` defaults to true for form. spaceDelimited
 * and pipeDelimited with explode, or with a primitive, are undefined by the specification: sent as form.
 */
export function queryPairs(
  parameter: string,
  name: string,
  value: unknown,
  style: string,
  explode: boolean | undefined,
  { key, val }: PairEncoders,
): Array<[string, string]> {
  if (!QUERY_STYLES.has(style)) throw new ParameterProblem(parameter, `has style ${style}, which a query or form cannot use`);
  if (style === "deepObject") {
    const out: Array<[string, string]> = [];
    deep(parameter, name, value, out, []);
    return out.map(([k, v]) => [key(k), val(v)]);
  }
  const flat = flatten(parameter, value, style);
  if (!flat) return [];
  if ("scalar" in flat) return [[key(name), val(flat.scalar)]];
  // The delimiter is literal for form and percent-encoded for the others (Style Examples: %20, %7C).
  const sep = style === "form" ? "," : key(DELIMITERS[style]!);
  const exploded = explode ?? style === "form";
  if ("items" in flat) {
    if (exploded) return flat.items.map((item) => [key(name), val(item)]);
    return [[key(name), flat.items.map(val).join(sep)]];
  }
  if (exploded) return flat.entries.map(([k, v]) => [key(k), val(v)]);
  return [[key(name), flat.entries.flatMap(([k, v]) => [val(k), val(v)]).join(sep)]];
}

/** RFC 6570 simple (`{x}`), label (`{.x}`) and matrix (`{;x}`) expansion, for path and header values. */
function expand(parameter: string, name: string, value: unknown, style: string, explode: boolean, enc: Encoder): string {
  if (style !== "simple" && style !== "label" && style !== "matrix") {
    throw new ParameterProblem(parameter, `has style ${style}, which a path or header cannot use`);
  }
  const flat = flatten(parameter, value, style);
  if (!flat) return "";
  const prefix = style === "label" ? "." : style === "matrix" ? ";" : "";
  const join = explode && style !== "simple" ? prefix : ",";
  // Matrix names each value, and leaves out `=` before an empty one.
  const named = (k: string, v: string) => (v === "" ? enc(k) : `${enc(k)}=${enc(v)}`);
  if ("scalar" in flat) return prefix + (style === "matrix" ? named(name, flat.scalar) : enc(flat.scalar));
  if ("items" in flat) {
    if (style === "matrix" && explode) return flat.items.map((item) => prefix + named(name, item)).join("");
    const list = flat.items.map(enc).join(join);
    return prefix + (style === "matrix" ? `${enc(name)}=${list}` : list);
  }
  if (explode) {
    return prefix + flat.entries.map(([k, v]) => (style === "matrix" ? named(k, v) : `${enc(k)}=${enc(v)}`)).join(join);
  }
  const list = flat.entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(",");
  return prefix + (style === "matrix" ? `${enc(name)}=${list}` : list);
}

// What RFC 9110 allows in a field value: visible ASCII, space, tab and obs-text (up to U+00FF, which
// fetch sends as one byte). Anything else (CR, LF and NUL would end the header) is refused here
// rather than by fetch's TypeError. OAS 3.2 forbids percent-encoding headers: values go as they are.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const headerValue = (parameter: string) => (text: string) => {
  if (HEADER_VALUE.test(text)) return text;
  throw new ParameterProblem(parameter, "holds a control character or a character above U+00FF, which a header cannot carry");
};

// OAS 3.2's style cookie applies no encoding: the caller escapes. Data that would end the cookie or
// start another one is refused (RFC 6265: cookie-name is a token, cookie-value is cookie-octets).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
const cookieText = (parameter: string, pattern: RegExp) => (text: string) => {
  if (pattern.test(text)) return text;
  throw new ParameterProblem(parameter, "holds characters a cookie cannot carry unescaped (style cookie sends them as they are)");
};

const PERCENT: PairEncoders = { key: encodeStrict, val: encodeStrict };
const RESERVED: PairEncoders = { key: encodeStrict, val: encodeReserved };

interface Collected {
  path: Map<string, string>;
  query: string[];
  headers: Record<string, string>;
  cookies: string[];
}

/**
 * OpenAPI 3.2's `in: querystring`: the whole query string, as its media type writes the value.
 * A form (the usual) by the Encoding Object's defaults: each field by its name, an array's items
 * one by one, an object as JSON; JSON and any other type as one percent-encoded text.
 */
function querystring(key: string, mediaType: string, value: unknown): string {
  if (isJsonType(mediaType)) return encodeStrict(jsonOf(key, value));
  if (!/^application\/x-www-form-urlencoded\s*(;|$)/i.test(mediaType)) return encodeStrict(textOf(key, value));
  if (!isPlainObject(value)) throw new ParameterProblem(key, `must be an object to be sent as ${mediaType}`);
  const pairs: string[] = [];
  for (const [field, v] of Object.entries(value)) {
    for (const item of Array.isArray(v) ? v : [v]) {
      if (!present(item)) continue;
      const text = Array.isArray(item) || isPlainObject(item) ? jsonOf(key, item) : textOf(key, item);
      pairs.push(`${encodeStrict(field)}=${encodeStrict(text)}`);
    }
  }
  return pairs.join("&");
}

/** Adds one parameter's contribution to `out`. */
function serializeOne(key: string, spec: ParamSpec, value: unknown, out: Collected) {
  const name = spec.name ?? key;
  if (spec.in === "querystring") {
    const text = querystring(key, spec.content ?? "application/x-www-form-urlencoded", value);
    if (text) out.query.push(text);
    return;
  }
  if (spec.content !== undefined) {
    // `content`: the media type's text (JSON for JSON types), then encoded as one value.
    const text = isJsonType(spec.content) ? jsonOf(key, value) : textOf(key, value);
    if (spec.in === "path") out.path.set(name, encodeStrict(text));
    else if (spec.in === "query") out.query.push(`${encodeStrict(name)}=${encodeStrict(text)}`);
    else if (spec.in === "header") out.headers[name] = headerValue(key)(text);
    else out.cookies.push(`${encodeStrict(name)}=${encodeStrict(text)}`);
    return;
  }
  if (spec.in === "path") {
    out.path.set(name, expand(key, name, value, spec.style ?? "simple", spec.explode ?? false, encodeStrict));
  } else if (spec.in === "header") {
    const text = expand(key, name, value, spec.style ?? "simple", spec.explode ?? false, headerValue(key));
    // An empty array or object is undefined in RFC 6570: no header, as for a missing value.
    if (text || !(Array.isArray(value) || isPlainObject(value))) out.headers[name] = text;
  } else if (spec.in === "query") {
    const pairs = queryPairs(key, name, value, spec.style ?? "form", spec.explode, spec.allowReserved ? RESERVED : PERCENT);
    for (const pair of pairs) out.query.push(pair.join("="));
  } else {
    // Cookies: form (the 3.0/3.1 default) percent-encodes; pairs are joined by "; ", as `&` would
    // not separate cookies (OAS 3.2 Appendix D). allowReserved is ignored: it would let `;` through.
    const style = spec.style ?? "form";
    if (style !== "form" && style !== "cookie") throw new ParameterProblem(key, `has style ${style}, which a cookie cannot use`);
    const asIs = { key: cookieText(key, TOKEN), val: cookieText(key, COOKIE_OCTETS) };
    for (const pair of queryPairs(key, name, value, "form", spec.explode, style === "cookie" ? asIs : PERCENT)) {
      out.cookies.push(pair.join("="));
    }
  }
}

const DOT_SEGMENT = /^(?:\.|%2e){0,2}$/i;

/** The key whose spec sends the path parameter `name`. */
function keyOf(specs: Readonly<Record<string, ParamSpec>>, name: string): string {
  return Object.keys(specs).find((key) => specs[key]!.in === "path" && (specs[key]!.name ?? key) === name) ?? name;
}

/**
 * Serialises the parameters of one request. `specs` and `values` are keyed alike; `undefined` and
 * `null` values are left out (a path parameter, or a `required` one, must be there). Throws ParameterProblem naming the key.
 */
export function serializeParams(
  template: string,
  specs: Readonly<Record<string, ParamSpec>>,
  values: Readonly<Record<string, unknown>>,
): SerializedParams {
  // A null prototype: a header named `__proto__` is a header like any other.
  const out: Collected = { path: new Map(), query: [], headers: Object.create(null), cookies: [] };
  for (const key of Object.keys(specs)) {
    const spec = specs[key]!;
    // Own properties only: a parameter named `constructor` must not find Object's.
    const value = Object.hasOwn(values, key) ? values[key] : undefined;
    if (!present(value)) {
      if (spec.in === "path" || spec.required) throw new ParameterProblem(key, "is required");
      continue;
    }
    try {
      serializeOne(key, spec, value, out);
    } catch (error) {
      if (error instanceof URIError) throw new ParameterProblem(key, "holds a lone surrogate, which is not Unicode text");
      throw error;
    }
  }
  // Segment by segment: a value fills its own segment only, and a segment it makes "", "." or ".."
  // would change which endpoint the request reaches once the URL is normalised. A "%2e" in data is
  // sent as "%252e", but a server that decodes twice would see a dot: refused too.
  const path = template
    .split("/")
    .map((segment) => {
      let filled: string | undefined;
      const result = segment.replace(/\{([^{}]*)\}/g, (_, name: string) => {
        const text = out.path.get(name);
        if (text === undefined) throw new ParameterProblem(name, "appears in the path but is not a path parameter");
        filled ??= name;
        return text;
      });
      if (filled !== undefined && DOT_SEGMENT.test(decodeURIComponent(result))) {
        throw new ParameterProblem(
          keyOf(specs, filled),
          `cannot be ${JSON.stringify(values[keyOf(specs, filled)])}: it would change the path of the request`,
        );
      }
      return result;
    })
    .join("/");
  return { path, query: out.query.join("&"), headers: out.headers, cookie: out.cookies.join("; ") };
}
