// Request bodies by media type; form bodies (with the OpenAPI Encoding Object) are in form-body.ts.
// Pure functions; a value that cannot be sent as given throws a ParameterProblem for "body" (or
// "body.<field>" for a field of a form).
import { isJsonType, isPlainObject, jsonOf, ParameterProblem, type ParamStyle, type ParamStyles, textOf } from "./params.js";
import type { RequestBody } from "./web-types.js";

/** The Encoding Object of one property (`headers` is not sent). */
export interface EncodingSpec {
  readonly contentType?: string;
  readonly style?: ParamStyle;
  readonly explode?: boolean;
  readonly allowReserved?: boolean;
  readonly headers?: unknown;
}

export type Encodings = Readonly<Record<string, EncodingSpec>>;

/**
 * The serialisers of form bodies, which an operation passes when its body is a form: they stay
 * out of a bundle whose operations send none.
 */
export interface FormEncoders {
  readonly urlencoded?: FormEncoder;
  readonly multipart?: FormEncoder;
}
/** `styles` serialises the fields whose Encoding Object gives a style (see `ParamStyles`). */
export type FormEncoder = (type: string, value: unknown, encoding: Encodings | undefined, styles?: ParamStyles) => SerializedBody;

export interface SerializedBody {
  body: RequestBody;
  /** The Content-Type to send; undefined when fetch must write it (a FormData passed as the body). */
  contentType: string | undefined;
}

export const isStream = (value: unknown): value is ReadableStream =>
  typeof ReadableStream !== "undefined" && value instanceof ReadableStream;
export const isBytes = (value: unknown): value is Blob | ArrayBuffer | ArrayBufferView | ReadableStream =>
  value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || isStream(value);

const FORM = "application/x-www-form-urlencoded";

/** Serialises `value` as `mediaType`, the request body's key in the document. */
export function serializeBody(
  mediaType: string,
  value: unknown,
  encoding?: Encodings,
  forms: FormEncoders = {},
  styles?: ParamStyles,
): SerializedBody {
  const type = mediaType.split(";")[0]!.trim().toLowerCase();
  const wildcard = type.includes("*");
  const as = (body: RequestBody, contentType: string | undefined = mediaType) => ({ body, contentType });
  // A multipart body whose schema is one file (Jira's attachments: `type: string, format: binary`)
  // is that file as a part, named by the Encoding Object's one entry, else `file`.
  if (type === "multipart/form-data" && isBytes(value) && forms.multipart) {
    const names = Object.keys(encoding ?? {});
    return forms.multipart(type, { [names.length === 1 ? names[0]! : "file"]: value }, encoding, styles);
  }
  // Bytes go as they are, whatever the media type: they may be the serialised document already.
  if (isBytes(value))
    return as(value as RequestBody, wildcard ? (value instanceof Blob && value.type) || "application/octet-stream" : mediaType);
  // What the platform already knows how to send.
  if (value instanceof FormData) return { body: value, contentType: undefined };
  if (value instanceof URLSearchParams) return as(value.toString(), wildcard ? FORM : mediaType);
  if (isJsonType(type)) return as(jsonOf("body", value));
  // `*/*` (most of Kubernetes) and `application/*` name no format: text goes as text, the rest as JSON.
  if (wildcard) return typeof value === "string" ? as(value, "text/plain") : as(jsonOf("body", value), "application/json");
  const form = type === FORM ? forms.urlencoded : type.startsWith("multipart/") ? forms.multipart : undefined;
  if (form) return form(type, value, encoding, styles);
  if (type === FORM || type.startsWith("multipart/")) throw new ParameterProblem("body", `cannot be sent as ${type} by this operation`);
  // JSON is YAML 1.2: an object for `application/apply-patch+yaml` (Kubernetes) goes as JSON.
  if (/[/+]yaml$/.test(type) && typeof value !== "string") return as(jsonOf("body", value));
  if (type.startsWith("text/") && (typeof value !== "object" || value instanceof Date) && typeof value !== "function") {
    return as(textOf("body", value));
  }
  // Any other media type (binary, XML, ...): a string is sent as UTF-8 text, anything else is refused.
  if (typeof value === "string") return as(value);
  throw new ParameterProblem("body", `cannot be sent as ${type}: pass a Blob, an ArrayBuffer, a typed array, a ReadableStream or a string`);
}

/** The present properties of a form's object, in order. */
export function fields(value: unknown, type: string): Array<[string, unknown]> {
  if (!isPlainObject(value)) throw new ParameterProblem("body", `must be an object to be sent as ${type}`);
  return Object.entries(value).filter(([, v]) => v !== undefined && v !== null);
}
