import type { Header, OpenApiDocument, Response, SchemaObject } from "../document/types.js";
import { resolve } from "../document/refs.js";
import { own } from "../document/own.js";
import type { HeaderModel, HeaderType } from "./types.js";

const PRIMITIVE: Record<string, "string" | "number" | "boolean"> = {
  string: "string",
  integer: "number",
  number: "number",
  boolean: "boolean",
};

/** The one primitive type of a schema (`null` aside); undefined for anything else. */
function primitive(doc: OpenApiDocument, file: string, schema: unknown, at: string): "string" | "number" | "boolean" | undefined {
  const s = resolve<SchemaObject>(doc, schema as SchemaObject, file, at);
  if (!s || typeof s !== "object") return undefined;
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null" && t !== undefined);
  return types.length === 1 ? PRIMITIVE[types[0] as string] : undefined;
}

/** How the header's text is read: by its schema's type; a list of primitives is comma-separated (style simple); anything else stays text. */
function headerType(doc: OpenApiDocument, file: string, header: Header, at: string): HeaderType {
  const s = resolve<SchemaObject>(doc, header.schema as SchemaObject, file, at);
  if (!s || typeof s !== "object") return "string";
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null");
  if (types.length === 1 && types[0] === "array") {
    const item = primitive(doc, file, s.items, at);
    return item ? `${item}[]` : "string";
  }
  return primitive(doc, file, s, at) ?? "string";
}

/**
 * The headers each 2xx response declares (OpenAPI ignores a `Content-Type` header there), by status,
 * typed by their schemas: what `withResponse` parses into `headers`. Undefined when none declares any.
 */
export function responseHeadersOf(
  doc: OpenApiDocument,
  file: string,
  responses: Record<string, unknown> | undefined,
  at: string,
): Record<string, HeaderModel[]> | undefined {
  const out: Record<string, HeaderModel[]> = {};
  for (const status of Object.keys(responses ?? {})
    .filter((s) => /^2/.test(s))
    .sort()) {
    const response = resolve<Response>(doc, own(responses, status) as Response, file, `${at}/responses/${status}`) ?? {};
    const headers = Object.keys(response.headers ?? {})
      .filter((name) => !/^content-type$/i.test(name))
      .sort()
      .map((name): HeaderModel => {
        const where = `${at}/responses/${status}/headers/${name}`;
        const header = resolve<Header>(doc, own(response.headers, name) as Header, file, where) ?? {};
        return { name, type: headerType(doc, file, header, where), required: header.required === true };
      });
    if (headers.length > 0) out[status.toUpperCase()] = headers;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
