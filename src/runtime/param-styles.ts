// Parameters and form fields of every style but the plain ones (params.ts, `isPlain`): label, matrix,
// exploded simple, form without explode, space-, pipe- and tab-delimited, deepObject, allowReserved,
// `content`, cookies and OpenAPI 3.2's querystring. Only operations that have one import `styles`
// (those whose only such style is deepObject import the smaller `deepObject` instead).
import { deepPairs } from "./deep-object.js";
import {
  type Collected,
  type Encoder,
  encodeStrict,
  flatten,
  headerValue,
  isJsonType,
  isPlainObject,
  jsonOf,
  type PairEncoders,
  PERCENT,
  type ParamSpec,
  type ParamStyles,
  ParameterProblem,
  present,
  RESERVED,
  textOf,
} from "./params.js";

const QUERY_STYLES = new Set(["form", "spaceDelimited", "pipeDelimited", "tabDelimited", "deepObject"]);
const DELIMITERS: Record<string, string> = { spaceDelimited: " ", pipeDelimited: "|", tabDelimited: "\t" };

/**
 * The name=value pairs of a query-like value (styles form, spaceDelimited, pipeDelimited, deepObject),
 * for the query, form bodies and multipart parts. `explode` defaults to true for form. spaceDelimited
 * and pipeDelimited with explode, or with a primitive, are undefined by the specification: sent as form.
 */
function queryPairs(
  parameter: string,
  name: string,
  value: unknown,
  style: string,
  explode: boolean | undefined,
  { key, val }: PairEncoders,
): Array<[string, string]> {
  if (!QUERY_STYLES.has(style)) throw new ParameterProblem(parameter, `has style ${style}, which a query or form cannot use`);
  if (style === "deepObject") return deepPairs(parameter, name, value, { key, val });
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

// OAS 3.2's style cookie applies no encoding: the caller escapes. Data that would end the cookie or
// start another one is refused (RFC 6265: cookie-name is a token, cookie-value is cookie-octets).
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const COOKIE_OCTETS = /^[\x21\x23-\x2b\x2d-\x3a\x3c-\x5b\x5d-\x7e]*$/;
const cookieText = (parameter: string, pattern: RegExp) => (text: string) => {
  if (pattern.test(text)) return text;
  throw new ParameterProblem(parameter, "holds characters a cookie cannot carry unescaped (style cookie sends them as they are)");
};

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

/** Adds the contribution of one parameter that is not plain to `out`. */
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

/** What an operation with parameters or form fields of these styles passes to the runtime. */
export const styles: ParamStyles = { param: serializeOne, pairs: queryPairs };
