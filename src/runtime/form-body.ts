// Form bodies: application/x-www-form-urlencoded and multipart/form-data, by the OpenAPI Encoding
// Object. An operation whose body is a form passes these to the runtime, so that a bundle without
// one leaves them out.
import { type Encodings, type EncodingSpec, fields, isBytes, isStream, type SerializedBody } from "./body.js";
import {
  encodeReserved,
  encodeStrict,
  isJsonType,
  isPlainObject,
  jsonOf,
  type PairEncoders,
  ParameterProblem,
  type ParamStyles,
  stylesFor,
  textOf,
} from "./params.js";

// OAS 3.0.4, 3.1.1 and 3.2 (Encoding Object): a property is serialised by style only when its
// Encoding Object gives `style`, `explode` or `allowReserved` (style then defaults to form); otherwise
// by its content type: text for primitives, JSON for objects, each item of an array on its own (3.2,
// "Encoding By Name"). 3.0.3 and earlier could be read as if `style: form` were always the default,
// which would scatter an object's properties without its name; 3.0.4 settled that this is not meant.
function styleOf(encoding: Encodings | undefined, name: string): EncodingSpec | undefined {
  const e = encoding && Object.hasOwn(encoding, name) ? encoding[name] : undefined;
  return e && (e.style !== undefined || e.explode !== undefined || e.allowReserved !== undefined) ? e : undefined;
}

/** The types of a `contentType` list that name one media type (no wildcard), in order. */
function concrete(encoding: Encodings | undefined, name: string): string[] {
  const list = (encoding && Object.hasOwn(encoding, name) && encoding[name]!.contentType) || "";
  if (/[\r\n]/.test(list)) throw new ParameterProblem(`body.${name}`, "has a contentType with a line break");
  return list
    .split(",")
    .map((t) => t.trim())
    .filter((t) => t && !t.includes("*"));
}

const items = (value: unknown) => (Array.isArray(value) ? value : [value]).filter((item) => item !== undefined && item !== null);

/** An application/x-www-form-urlencoded body. */
export function urlencoded(type: string, value: unknown, encoding: Encodings | undefined, styles?: ParamStyles): SerializedBody {
  return { body: formBody(fields(value, type), encoding, styles), contentType: type };
}

function formBody(entries: Array<[string, unknown]>, encoding: Encodings | undefined, styles: ParamStyles | undefined): string {
  const out: string[] = [];
  for (const [name, value] of entries) {
    const parameter = `body.${name}`;
    try {
      const styled = styleOf(encoding, name);
      if (styled) {
        const encoders = { key: encodeStrict, val: styled.allowReserved ? encodeReserved : encodeStrict };
        for (const pair of stylesFor(styles, parameter).pairs(parameter, name, value, styled.style ?? "form", styled.explode, encoders))
          out.push(pair.join("="));
        continue;
      }
      const json = isJsonType(concrete(encoding, name)[0] ?? "");
      for (const item of items(value)) {
        if (isBytes(item))
          throw new ParameterProblem(parameter, "holds bytes, which a form-urlencoded body cannot carry: encode them first");
        const text = json || Array.isArray(item) || isPlainObject(item) ? jsonOf(parameter, item) : textOf(parameter, item);
        out.push(`${encodeStrict(name)}=${encodeStrict(text)}`);
      }
    } catch (error) {
      if (error instanceof URIError) throw new ParameterProblem(parameter, "holds a lone surrogate, which is not Unicode text");
      throw error;
    }
  }
  return out.join("&");
}

interface Part {
  name: string;
  body: Blob | string;
  type?: string | undefined;
  filename?: string;
}

// multipart is built here, not with FormData: FormData gives every Blob entry a filename ("blob"), so
// a JSON part would arrive as a file, and a string entry cannot carry a Content-Type. The framing is
// what browsers send (WHATWG HTML, "multipart/form-data encoding algorithm"): CRLF line ends, `"`, CR
// and LF in names escaped as %22, %0D, %0A, names in UTF-8, text parts without a Content-Type (RFC
// 7578's default is text/plain). The body is a Blob: its size is known, Blob parts are not copied,
// and a retry can send it again. A ReadableStream cannot be a part: pass a Blob.
const escapeQuoted = (text: string) => text.replace(/["\r\n]/g, (c) => (c === '"' ? "%22" : c === "\r" ? "%0D" : "%0A"));
// Without lookbehind, which older Safari lacks: a low surrogate after anything but a high one.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Styled fields in multipart: names and values as in the query, without percent-encoding (3.2, Appendix C).
const AS_IS: PairEncoders = { key: (text) => text, val: (text) => text };

/** A multipart/form-data body. */
export function multipart(type: string, value: unknown, encoding: Encodings | undefined, styles?: ParamStyles): SerializedBody {
  return multipartBody(type, fields(value, type), encoding, styles);
}

function multipartBody(
  type: string,
  entries: Array<[string, unknown]>,
  encoding: Encodings | undefined,
  styles: ParamStyles | undefined,
): SerializedBody {
  const parts: Part[] = [];
  for (const [name, value] of entries) {
    const parameter = `body.${name}`;
    const styled = styleOf(encoding, name);
    if (styled) {
      for (const [k, v] of stylesFor(styles, parameter).pairs(parameter, name, value, styled.style ?? "form", styled.explode, AS_IS))
        parts.push({ name: k, body: v });
    } else {
      const types = concrete(encoding, name);
      for (const item of items(value)) parts.push(part(parameter, name, item, types));
    }
  }
  // RFC 2046: a multipart body has one part at least; an empty one is no message a server can read.
  if (parts.length === 0) throw new ParameterProblem("body", `has no field to send, and a ${type} body cannot be empty`);
  const random = crypto.getRandomValues(new Uint8Array(12));
  const boundary = `----formdata-${Array.from(random, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  const chunks: Array<string | Blob> = [];
  for (const p of parts) {
    // A File's name is already well-formed (a USVString); names and text are checked here.
    if (LONE_SURROGATE.test(p.name) || (typeof p.body === "string" && LONE_SURROGATE.test(p.body))) {
      throw new ParameterProblem(`body.${p.name}`, "holds a lone surrogate, which is not Unicode text");
    }
    const filename = p.filename === undefined ? "" : `; filename="${escapeQuoted(p.filename)}"`;
    const contentType = p.type ? `Content-Type: ${p.type}\r\n` : "";
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${escapeQuoted(p.name)}"${filename}\r\n${contentType}\r\n`);
    chunks.push(p.body, "\r\n");
  }
  chunks.push(`--${boundary}--\r\n`);
  return { body: new Blob(chunks), contentType: `${type}; boundary=${boundary}` };
}

/** One item as a part, its Content-Type by the Encoding Object's defaults: bytes, JSON or text. */
function part(parameter: string, name: string, item: unknown, types: string[]): Part {
  if (isStream(item)) throw new ParameterProblem(parameter, "is a ReadableStream, which cannot be a multipart part: pass a Blob");
  if (isBytes(item)) {
    // A File keeps its name; other bytes are a file too, named "blob" as FormData names them. The
    // Blob's own type says which of the declared types it is (OAS: the application chooses).
    const blob = item instanceof Blob ? item : new Blob([item as BlobPart]);
    const filename = typeof File !== "undefined" && item instanceof File ? item.name : "blob";
    return { name, body: blob, type: blob.type || types[0] || "application/octet-stream", filename };
  }
  if (Array.isArray(item) || isPlainObject(item)) {
    return { name, body: jsonOf(parameter, item), type: types.find(isJsonType) ?? "application/json" };
  }
  const declared = types[0];
  if (declared && isJsonType(declared)) return { name, body: jsonOf(parameter, item), type: declared };
  return { name, body: textOf(parameter, item), type: declared };
}
