// Parameters as OpenAPI 3.0-3.2 serialise them ("Style Values", "Style Examples", Appendices C-E):
// path, query, header and cookie values by `style` and `explode`, or by a `content` media type.
// Pure functions; a value that cannot be sent as given throws a ParameterProblem and nothing is built.
// Here: the plain parameters most operations have (see `isPlain`). Every other style, `content`,
// cookies and OpenAPI 3.2's querystring are in param-styles.ts, which only operations that have one
// import (their spec's `styles`), so that a bundle of the others leaves that code out.

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
export const present = (value: unknown): boolean => value !== undefined && value !== null;

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
export type Flat = { scalar: string } | { items: string[] } | { entries: Array<[string, string]> };

export function flatten(parameter: string, value: unknown, style: string): Flat | undefined {
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

/** How a query-like value's names and values are encoded: percent-encoding, or none for multipart. */
export interface PairEncoders {
  readonly key: Encoder;
  readonly val: Encoder;
}

/** Names and values percent-encoded (everything but RFC 3986's unreserved characters). */
export const PERCENT: PairEncoders = { key: encodeStrict, val: encodeStrict };
/** `allowReserved`: names percent-encoded, values with reserved characters kept (see `encodeReserved`). */
export const RESERVED: PairEncoders = { key: encodeStrict, val: encodeReserved };

/** Where each parameter's contribution goes while a request's parameters are serialised. */
export interface Collected {
  path: Map<string, string>;
  query: string[];
  headers: Record<string, string>;
  cookies: string[];
}

/**
 * The serialisers of parameters that are not plain and of form fields with a style, which an operation
 * passes when it has one: every style (`styles`, param-styles.ts), or deepObject alone (`deepObject`, deep-object.ts).
 */
export interface ParamStyles {
  /** Adds one parameter that is not plain to `out`. */
  readonly param: (key: string, spec: ParamSpec, value: unknown, out: Collected) => void;
  /**
   * The name=value pairs of a query-like value (styles form, spaceDelimited, pipeDelimited, deepObject),
   * for the query, form bodies and multipart parts.
   */
  readonly pairs: (
    parameter: string,
    name: string,
    value: unknown,
    style: string,
    explode: boolean | undefined,
    encoders: PairEncoders,
  ) => Array<[string, string]>;
}

/** The operation's `styles`, or a TypeError for a spec that needs them and does not carry them (a hand-written one): no guess is sent. */
export function stylesFor(styles: ParamStyles | undefined, parameter: string): ParamStyles {
  if (styles) return styles;
  throw new TypeError(`"${parameter}" needs the operation's \`styles\` (import { styles } from "./runtime/param-styles.js")`);
}

/**
 * A plain parameter: a path or header value of style simple, or a query value of style form, each
 * with its style's default explode, without `allowReserved` or `content`. The generator gives an
 * operation with any other parameter its `styles` by this same rule (emit/operation-spec.ts, `paramStyles`).
 */
export const isPlain = (spec: ParamSpec): boolean =>
  spec.content === undefined &&
  !spec.allowReserved &&
  (spec.in === "query"
    ? (spec.style ?? "form") === "form" && spec.explode !== false
    : (spec.in === "path" || spec.in === "header") && (spec.style ?? "simple") === "simple" && !spec.explode);

// What RFC 9110 allows in a field value: visible ASCII, space, tab and obs-text (up to U+00FF, which
// fetch sends as one byte). Anything else (CR, LF and NUL would end the header) is refused here
// rather than by fetch's TypeError. OAS 3.2 forbids percent-encoding headers: values go as they are.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
export const headerValue = (parameter: string) => (text: string) => {
  if (HEADER_VALUE.test(text)) return text;
  throw new ParameterProblem(parameter, "holds a control character or a character above U+00FF, which a header cannot carry");
};

/**
 * A plain parameter's contribution (RFC 6570 `{x}` for path and header, `{?x*}` for the query): an
 * array's items, or an object's names and values, joined by commas, or as one pair each in the query.
 */
function plainParam(key: string, spec: ParamSpec, value: unknown, out: Collected) {
  const name = spec.name ?? key;
  const query = spec.in === "query";
  const flat = flatten(key, value, query ? "form" : "simple");
  if (query) {
    const pairs = !flat
      ? []
      : "scalar" in flat
        ? [[name, flat.scalar]]
        : "items" in flat
          ? flat.items.map((item) => [name, item])
          : flat.entries;
    for (const [k, v] of pairs) out.query.push(`${encodeStrict(k!)}=${encodeStrict(v!)}`);
    return;
  }
  const enc = spec.in === "path" ? encodeStrict : headerValue(key);
  const text = !flat ? "" : "scalar" in flat ? enc(flat.scalar) : ("items" in flat ? flat.items : flat.entries.flat()).map(enc).join(",");
  if (spec.in === "path") out.path.set(name, text);
  // An empty array or object is undefined in RFC 6570: no header, as for a missing value.
  else if (text || !(Array.isArray(value) || isPlainObject(value))) out.headers[name] = text;
}

const DOT_SEGMENT = /^(?:\.|%2e){0,2}$/i;

/** The key whose spec sends the path parameter `name`. */
function keyOf(specs: Readonly<Record<string, ParamSpec>>, name: string): string {
  return Object.keys(specs).find((key) => specs[key]!.in === "path" && (specs[key]!.name ?? key) === name) ?? name;
}

// A template's segments, each split once into its literal text and parameter names, alternating:
// "{a}.{b}" is ["", "a", ".", "b", ""]. Templates are the operations' own, so the map stays small.
const templates = new Map<string, string[][]>();
function templateParts(template: string): string[][] {
  let segments = templates.get(template);
  if (segments === undefined) templates.set(template, (segments = template.split("/").map((segment) => segment.split(/\{([^{}]*)\}/))));
  return segments;
}

/**
 * Serialises the parameters of one request. `specs` and `values` are keyed alike; `undefined` and
 * `null` values are left out (a path parameter, or a `required` one, must be there). Throws ParameterProblem naming the key.
 * `styles` serialises the parameters that are not plain (`isPlain`).
 */
export function serializeParams(
  template: string,
  specs: Readonly<Record<string, ParamSpec>>,
  values: Readonly<Record<string, unknown>>,
  styles?: ParamStyles,
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
      if (isPlain(spec)) plainParam(key, spec, value, out);
      else stylesFor(styles, key).param(key, spec, value, out);
    } catch (error) {
      if (error instanceof URIError) throw new ParameterProblem(key, "holds a lone surrogate, which is not Unicode text");
      throw error;
    }
  }
  // Segment by segment: a value fills its own segment only, and a segment it makes "", "." or ".."
  // would change which endpoint the request reaches once the URL is normalised. A "%2e" in data is
  // sent as "%252e", but a server that decodes twice would see a dot: refused too.
  const segments = templateParts(template);
  let path = "";
  for (let s = 0; s < segments.length; s++) {
    const parts = segments[s]!;
    let segment = parts[0]!;
    for (let i = 1; i < parts.length; i += 2) {
      const text = out.path.get(parts[i]!);
      if (text === undefined) throw new ParameterProblem(parts[i]!, "appears in the path but is not a path parameter");
      segment += text + parts[i + 1];
    }
    if (parts.length > 1 && DOT_SEGMENT.test(decodeURIComponent(segment))) {
      const key = keyOf(specs, parts[1]!);
      throw new ParameterProblem(key, `cannot be ${JSON.stringify(values[key])}: it would change the path of the request`);
    }
    path += s === 0 ? segment : `/${segment}`;
  }
  return { path, query: out.query.join("&"), headers: out.headers, cookie: out.cookies.join("; ") };
}
