import type { OpenApiDocument, Operation, Parameter, PathItem, SchemaObject } from "../document/types.js";
import { resolve, resolveWhere } from "../document/refs.js";
import { pointer } from "../document/pointer.js";
import { own } from "../document/own.js";
import { InputError } from "../util/input-error.js";
import { describeSchema } from "./describe-schema.js";
import { type BodyModel, CONTENT_TYPE_FIELD, LOCATIONS, type ParameterLocation, type ParameterModel, type PrimitiveType } from "./types.js";

const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);

/** `string` for `{ type: string }` and `{ type: [string, "null"] }`; undefined when it is not one primitive. */
function primitiveType(doc: OpenApiDocument, schema: unknown, file: string, at: string): PrimitiveType | undefined {
  const s = resolve<SchemaObject>(doc, schema as SchemaObject, file, at) ?? {};
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null");
  return types.length === 1 && PRIMITIVES.has(types[0] as string) ? (types[0] as PrimitiveType) : undefined;
}

/** RFC 9110's `token`: what a header name (and RFC 6265's cookie name) may be. `fetch` throws on any other before sending. */
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** A header or cookie parameter whose name no request can carry: every call would fail before anything is sent. */
function checkName(p: Parameter, location: ParameterLocation, file: string, at: string): void {
  if ((location !== "header" && location !== "cookie") || TOKEN.test(p.name as string)) return;
  throw new InputError({
    message: `the ${location} parameter ${JSON.stringify(p.name)} is not a valid ${location === "header" ? "HTTP header" : "cookie"} name, so no request could send it`,
    file,
    pointer: `${at}/name`,
    fix: 'write the name with letters, digits and !#$%&\'*+-.^_`|~ only (no spaces, colons or quotes), or leave the operation out with "exclude"',
  });
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** How the document says the value is written: only what it states, so that the runtime's defaults stay OpenAPI's. */
function serialization(p: Parameter): Pick<ParameterModel, "style" | "explode" | "allowReserved" | "content" | "querystring"> {
  // OpenAPI 3.2's `in: querystring`, which load/oas-3.2.ts wrote as a query parameter with this mark.
  const querystring = own(p, "x-oas32-querystring") as { mediaType?: unknown } | undefined;
  if (querystring && typeof querystring.mediaType === "string") return { content: querystring.mediaType, querystring: true };
  const content = Object.keys(p.content ?? {})[0];
  if (content !== undefined) return { content };
  // Swagger 2.0's `collectionFormat: tsv`, which the conversion to OpenAPI 3 marks (it has no such style).
  if (p.in === "query" && (p as Record<string, unknown>)["x-collectionFormat"] === "tsv") return { style: "tabDelimited", explode: false };
  return {
    ...(typeof p.style === "string" ? { style: p.style } : {}),
    ...(typeof p.explode === "boolean" ? { explode: p.explode } : {}),
    ...(p.allowReserved === true && p.in === "query" ? { allowReserved: true } : {}),
  };
}

/**
 * The params object's field for each parameter: its name, unless an earlier location (path, query,
 * header, cookie) has a parameter of that name, or it is `body` beside a request body (or
 * `contentType` beside a body of several media types). Then
 * `<name>_<location>`, so that the call contract (parameters by name) holds for every operation.
 */
function assignKeys(params: Array<Omit<ParameterModel, "key">>, body: BodyModel | undefined): ParameterModel[] {
  const taken = new Set<string>([...(body ? ["body"] : []), ...(body?.alternatives ? [CONTENT_TYPE_FIELD] : [])]);
  const names = new Set(params.map((p) => p.name));
  return params.map((p) => {
    let key = p.name;
    if (taken.has(key)) {
      key = `${p.name}_${p.in}`;
      while (taken.has(key) || names.has(key)) key += "_";
    }
    taken.add(key);
    return { ...p, key };
  });
}

/**
 * A header parameter OpenAPI says to ignore ("If `in` is "header" and the `name` field is "Accept",
 * "Content-Type" or "Authorization", the parameter definition SHALL be ignored"): the client sets
 * those from the responses it reads, the body it sends and the credentials (PagerDuty declares the
 * first two as required on most operations).
 */
export const isIgnoredHeader = (p: { in?: unknown; name?: unknown }): boolean =>
  p.in === "header" &&
  typeof p.name === "string" &&
  // And the headers fetch writes itself, which a caller's value could only contradict (Vercel
  // declares `Content-Length`: a sampled one made undici refuse the request).
  /^(accept|content-type|authorization|content-length|host|connection|transfer-encoding|keep-alive|expect|te|trailer|upgrade)$/i.test(
    p.name,
  );

/** The `{name}`s of a path template (its key in `paths`), without a `#…` suffix. */
function templateNames(path: string): string[] {
  return [...path.split("#")[0]!.matchAll(/\{([^{}]+)\}/g)].map((m) => m[1]!);
}

/** Path-level parameters, overridden by operation-level ones of the same name and location; sorted by location, then name. */
export function parametersOf(
  doc: OpenApiDocument,
  file: string,
  path: string,
  pathItem: PathItem,
  op: Operation,
  opPointer: string,
  itemPointer: string,
  body: BodyModel | undefined,
  /** Receives the names of the header parameters left out by `isIgnoredHeader`, as the document writes them. */
  ignored?: Set<string>,
): ParameterModel[] {
  const byKey = new Map<string, Omit<ParameterModel, "key">>();
  const collect = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const found = resolveWhere<Parameter>(doc, raw, file, `${at}/parameters/${i}`);
      const p = found.value ?? {};
      if (typeof p.name !== "string" || !LOCATIONS.includes(p.in as ParameterLocation)) return;
      if (isIgnoredHeader(p)) {
        ignored?.add(p.name);
        return;
      }
      const location = p.in as ParameterLocation;
      checkName(p, location, file, found.at);
      const mediaType = p.schema === undefined ? Object.keys(p.content ?? {})[0] : undefined;
      const schema = mediaType === undefined ? p.schema : own(own(p.content, mediaType), "schema");
      const schemaPointer = found.at + (mediaType === undefined ? "/schema" : `${pointer(["content", mediaType])}/schema`);
      const type = location === "path" && schema ? primitiveType(doc, schema, file, `${at}/parameters/${i}/schema`) : undefined;
      byKey.set(`${location}\u0000${p.name}`, {
        name: p.name,
        in: location,
        required: location === "path" ? true : p.required === true,
        deprecated: p.deprecated === true,
        ...(text(p.description) ? { description: p.description } : {}),
        ...(type ? { type } : {}),
        schemaType: describeSchema(schema, doc),
        ...(schema !== undefined ? { schemaPointer } : {}),
        ...serialization(p),
      });
    });
  };
  collect(pathItem.parameters, itemPointer);
  collect(op.parameters, opPointer);
  // A `{name}` of the path that no parameter declares is still needed to build the URL: a string.
  for (const name of templateNames(path)) {
    if (!byKey.has(`path\u0000${name}`)) {
      byKey.set(`path\u0000${name}`, {
        name,
        in: "path",
        required: true,
        deprecated: false,
        type: "string",
        schemaType: "string",
        undeclared: true,
      });
    }
  }
  const sorted = [...byKey.values()].sort(
    (a, b) => LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  return assignKeys(sorted, body);
}
