import type { OpenApiDocument } from "./load.js";
import { assignOperationNames, NameConflict, overrideProblem, type NamedOperation, type OperationNaming } from "./names.js";
import { InputError, pointer, pointerSegments } from "./problems.js";
import { follow, own, setOwn } from "./own.js";

/**
 * The whole intermediate representation: everything the emitters need, and nothing they must
 * look up in the document again. Built by a pure function of the (bundled) document.
 */
export interface ApiModel {
  title: string;
  version: string;
  /** The first server URL with its variables at their defaults; "" when the document has none. */
  baseUrl: string;
  securitySchemes: Record<string, SecuritySchemeModel>;
  operations: OperationModel[];
}

export type Method = "get" | "put" | "post" | "delete" | "options" | "head" | "patch" | "trace";
export const METHODS: readonly Method[] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

export type ParameterLocation = "path" | "query" | "header" | "cookie";
const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];

export interface ParameterModel {
  name: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  /** The declared primitive type of a path parameter, which the runtime checks for JavaScript callers. */
  type?: "string" | "number" | "integer" | "boolean";
}

const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);

/** `string` for `{ type: string }` and `{ type: [string, "null"] }`; undefined when it is not one primitive. */
function primitiveType(doc: OpenApiDocument, schema: unknown, file: string, at: string): ParameterModel["type"] {
  const s = resolve(doc, schema, file, at);
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t: unknown) => t !== "null");
  return types.length === 1 && PRIMITIVES.has(types[0]) ? types[0] : undefined;
}

/** How a body travels: the runtime serialises and parses by this, the emitter types by it. */
export type BodyKind = "json" | "multipart" | "form" | "text" | "binary";
export type ResponseKind = "json" | "text" | "blob" | "stream" | "none";

export interface BodyModel {
  required: boolean;
  contentType: string;
  kind: BodyKind;
  /** Name in `components.schemas` when the body's schema is exactly a reference to one. */
  schemaName?: string;
  description?: string;
}

export interface ResponseModel {
  /** The key in `responses`: "200", "2XX", "404", "default". */
  status: string;
  contentType?: string;
  kind: ResponseKind;
  schemaName?: string;
}

export interface OperationModel {
  name: string;
  /** Where a name the user chose came from: the operation's `x-codegen-name`, or the config file. */
  chosenIn?: string;
  collision?: NamedOperation["collision"];
  operationId?: string;
  method: Method;
  path: string;
  /** JSON pointer of the operation object in the document. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  /** Sorted by location, then name. */
  parameters: ParameterModel[];
  body?: BodyModel;
  /** 2xx responses, in status order. */
  success: ResponseModel[];
  /** Every other declared response (4xx, 5xx, default), in status order. */
  errors: ResponseModel[];
  /** Alternatives, each a set of scheme names that must all be satisfied; `[]` means no auth. */
  security: string[][];
}

export type SecuritySchemeModel =
  | { type: "http"; scheme: "bearer" | "basic" | string }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: "oauth2" | "openIdConnect" | "mutualTLS" | string };

export interface ModelOptions {
  /** The document's file name, for error messages. */
  file: string;
  /** Names the operations may not take (the runtime's exports, the schema's type names). */
  reserved?: ReadonlySet<string>;
  /** Function names chosen in a config: operationId (or `METHOD /path`) → name. */
  names?: Readonly<Record<string, string>>;
  /** Where `names` came from, for messages. */
  namesFile?: string;
  /**
   * Every operation key (operationId, or `METHOD /path`) of the whole document, when `doc` is a
   * selection of it: a name for an operation that was not selected is not an error.
   */
  allOperations?: ReadonlySet<string>;
}

/** operationId, or `METHOD /path` for an operation without one: how the config's `names` refer to operations. */
export function operationKey(op: { operationId?: string | undefined; method: string; path: string }): string {
  return op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
}

/** The keys of every operation in the document. */
export function operationKeys(doc: OpenApiDocument): Set<string> {
  const keys = new Set<string>();
  for (const [path, item] of Object.entries((doc.paths ?? {}) as Json)) {
    const resolved = resolve(doc, item, "", "");
    for (const method of METHODS) {
      const op = own(resolved, method) as Json | undefined;
      if (op) keys.add(operationKey({ operationId: typeof op.operationId === "string" && op.operationId !== "" ? op.operationId : undefined, method, path }));
    }
  }
  return keys;
}

type Json = Record<string, any>;

function resolve(doc: OpenApiDocument, node: unknown, file: string, at: string): Json {
  let current = node as Json;
  const seen = new Set<string>();
  while (current && typeof current === "object" && typeof current.$ref === "string") {
    const ref: string = current.$ref;
    if (!ref.startsWith("#") || seen.has(ref)) {
      throw new InputError(`cannot follow $ref ${JSON.stringify(ref)}`, file, at, "point the $ref at an existing `#/components/...` entry");
    }
    seen.add(ref);
    const target = follow(doc, pointerSegments(ref));
    if (target === undefined) {
      throw new InputError(`$ref ${JSON.stringify(ref)} points at nothing`, file, at, "point the $ref at an existing `#/components/...` entry");
    }
    current = target;
  }
  return current ?? {};
}

function lookupOperation(doc: OpenApiDocument, path: string, method: Method): unknown {
  return own(resolve(doc, own(doc.paths, path), "", ""), method);
}

/** `#/components/schemas/Upload` → `Upload`; undefined for anything else. */
function componentSchemaName(schema: unknown): string | undefined {
  const ref = (schema as Json | undefined)?.$ref;
  if (typeof ref !== "string") return undefined;
  const match = /^#\/components\/schemas\/([^/]+)$/.exec(ref);
  return match ? pointerSegments("#/" + match[1])[0] : undefined;
}

const isJson = (type: string) => /^application\/(.+\+)?json(;|$)/i.test(type);

function pickBodyKind(contentType: string): BodyKind {
  if (isJson(contentType)) return "json";
  if (/^multipart\//i.test(contentType)) return "multipart";
  if (/^application\/x-www-form-urlencoded/i.test(contentType)) return "form";
  if (/^text\//i.test(contentType)) return "text";
  return "binary";
}

function pickResponseKind(contentType: string | undefined): ResponseKind {
  if (contentType === undefined) return "none";
  if (isJson(contentType)) return "json";
  if (/^text\/event-stream/i.test(contentType)) return "stream";
  if (/^text\//i.test(contentType)) return "text";
  return "blob";
}

/** JSON first (what the runtime can type and parse best), then forms, text, anything else; ties in the canonical (sorted) order. */
function preferredContentType(content: Json | undefined, rank: (type: string) => number): string | undefined {
  const types = Object.keys(content ?? {});
  if (types.length === 0) return undefined;
  return [...types].sort((a, b) => rank(a) - rank(b) || types.indexOf(a) - types.indexOf(b))[0];
}

const BODY_RANK: Record<BodyKind, number> = { json: 0, multipart: 1, form: 2, text: 3, binary: 4 };
const RESPONSE_RANK: Record<ResponseKind, number> = { json: 0, text: 1, stream: 2, blob: 3, none: 4 };

function statusOrder(a: string, b: string): number {
  const key = (s: string) => (s === "default" ? "9ZZ" : s.toUpperCase());
  return key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value.trim() !== "" ? value : undefined;
}

function securityOf(requirements: unknown): string[][] {
  if (!Array.isArray(requirements)) return [];
  return requirements.map((req: Json) => Object.keys(req ?? {}).sort());
}

function parametersOf(doc: OpenApiDocument, file: string, pathItem: Json, op: Json, opPointer: string, itemPointer: string): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  const collect = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const p = resolve(doc, raw, file, `${at}/parameters/${i}`);
      if (typeof p.name !== "string" || !LOCATIONS.includes(p.in)) return;
      const type = p.in === "path" && p.schema ? primitiveType(doc, p.schema, file, `${at}/parameters/${i}/schema`) : undefined;
      byKey.set(`${p.in}\u0000${p.name}`, {
        name: p.name,
        in: p.in,
        required: p.in === "path" ? true : p.required === true,
        deprecated: p.deprecated === true,
        ...(text(p.description) ? { description: p.description } : {}),
        ...(type ? { type } : {}),
      });
    });
  };
  collect(pathItem.parameters, itemPointer);
  collect(op.parameters, opPointer); // operation-level parameters override path-level ones
  const params = [...byKey.values()].sort(
    (a, b) => LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  );
  const seen = new Map<string, ParameterLocation>();
  for (const p of params) {
    const other = seen.get(p.name);
    if (other !== undefined || (p.name === "body" && op.requestBody !== undefined)) {
      throw new InputError(
        `parameter "${p.name}" appears both in ${other ?? "the request body"} and in ${p.in}; the client passes parameters by name, so they would clash`,
        file,
        opPointer,
        `rename one of them in the document (the names on the wire are what the client sends)`,
      );
    }
    seen.set(p.name, p.in);
  }
  return params;
}

function responseOf(doc: OpenApiDocument, file: string, status: string, raw: unknown, at: string): ResponseModel {
  const response = resolve(doc, raw, file, at);
  const contentType = preferredContentType(response.content, (t) => RESPONSE_RANK[pickResponseKind(t)]);
  const schemaName = contentType === undefined ? undefined : componentSchemaName(response.content[contentType]?.schema);
  return { status, ...(contentType ? { contentType } : {}), kind: pickResponseKind(contentType), ...(schemaName ? { schemaName } : {}) };
}

function serverUrl(doc: OpenApiDocument): string {
  const server = Array.isArray(doc.servers) ? doc.servers[0] : undefined;
  if (!server || typeof server.url !== "string") return "";
  return server.url.replace(/\{([^}]+)\}/g, (whole: string, name: string) => {
    const value = server.variables?.[name]?.default;
    return typeof value === "string" ? value : whole;
  });
}

/** model: the bundled document → the operations to emit, named, in a stable order. */
export function buildModel(doc: OpenApiDocument, options: ModelOptions): ApiModel {
  const { file } = options;
  const found: Array<Omit<OperationModel, "name" | "collision">> = [];
  const paths: Json = doc.paths ?? {};
  for (const path of Object.keys(paths).sort()) {
    const itemPointer = pointer(["paths", path]);
    const pathItem = resolve(doc, own(paths, path), file, itemPointer);
    for (const method of METHODS) {
      const op = own(pathItem, method) as Json | undefined;
      if (!op || typeof op !== "object") continue;
      const opPointer = pointer(["paths", path, method]);
      const parameters = parametersOf(doc, file, pathItem, op, opPointer, itemPointer);

      let body: BodyModel | undefined;
      if (op.requestBody !== undefined) {
        const rb = resolve(doc, op.requestBody, file, `${opPointer}/requestBody`);
        const contentType = preferredContentType(rb.content, (t) => BODY_RANK[pickBodyKind(t)]);
        if (contentType !== undefined) {
          const schemaName = componentSchemaName(rb.content[contentType]?.schema);
          body = {
            required: rb.required === true,
            contentType,
            kind: pickBodyKind(contentType),
            ...(schemaName ? { schemaName } : {}),
            ...(text(rb.description) ? { description: rb.description } : {}),
          };
        }
      }

      const success: ResponseModel[] = [];
      const errors: ResponseModel[] = [];
      const responses: Json = op.responses ?? {};
      for (const status of Object.keys(responses).sort(statusOrder)) {
        const model = responseOf(doc, file, status, own(responses, status), pointer(["paths", path, method, "responses", status]));
        (/^2/.test(status) ? success : errors).push(model);
      }

      found.push({
        ...(typeof op.operationId === "string" && op.operationId !== "" ? { operationId: op.operationId } : {}),
        method,
        path,
        pointer: opPointer,
        ...(text(op.summary) ? { summary: op.summary } : {}),
        ...(text(op.description) ? { description: op.description } : {}),
        deprecated: op.deprecated === true,
        tags: Array.isArray(op.tags) ? op.tags.filter((t: unknown): t is string => typeof t === "string") : [],
        parameters,
        ...(body ? { body } : {}),
        success,
        errors,
        security: securityOf(op.security ?? doc.security),
      });
    }
  }

  const overrides = new Map(Object.entries(options.names ?? {}));
  const naming: Array<OperationNaming & { chosenIn?: string | undefined }> = found.map((op) => {
    const key = operationKey(op);
    const fromDocument = own(lookupOperation(doc, op.path, op.method), "x-codegen-name");
    const fromConfig = overrides.get(key);
    overrides.delete(key);
    const override = fromConfig ?? (typeof fromDocument === "string" ? fromDocument : undefined);
    const where = fromConfig !== undefined ? { file: options.namesFile ?? file, at: pointer(["names", key]) } : { file, at: `${op.pointer}/x-codegen-name` };
    if (fromConfig === undefined && fromDocument !== undefined && typeof fromDocument !== "string") {
      throw new InputError("x-codegen-name must be a string", file, where.at, "give the function name as a string");
    }
    const problem = override === undefined ? undefined : overrideProblem(override, options.reserved);
    if (problem) throw new InputError(`the chosen name "${override}" ${problem}`, where.file, where.at, "choose a JavaScript identifier that is not a reserved word");
    return { ...op, override, chosenIn: fromConfig !== undefined ? where.file : override !== undefined ? "x-codegen-name" : undefined };
  });
  const unused = [...overrides.keys()].filter((key) => !options.allOperations?.has(key));
  if (unused.length > 0) {
    throw new InputError(
      `"names" renames "${unused[0]}", which the document does not have`,
      options.namesFile ?? file,
      pointer(["names", unused[0]!]),
      "use an operationId of the document, or `METHOD /path` for an operation without one",
    );
  }
  let names: NamedOperation[];
  try {
    names = assignOperationNames(naming, options.reserved);
  } catch (err) {
    if (!(err instanceof NameConflict)) throw err;
    const describe = (op: OperationNaming) => `${op.method.toUpperCase()} ${op.path}${op.operationId ? ` (operationId ${op.operationId})` : ""}`;
    throw new InputError(
      `${describe(err.first)} and ${describe(err.second)} would both be named "${err.name}"`,
      file,
      undefined,
      "choose another name in x-codegen-name or in the config's \"names\", so that each operation has its own",
    );
  }
  const operations = found.map((op, i) => ({
    name: names[i]!.name,
    ...(naming[i]!.chosenIn !== undefined ? { chosenIn: naming[i]!.chosenIn } : {}),
    ...(names[i]!.collision ? { collision: names[i]!.collision } : {}),
    ...op,
  }));

  const securitySchemes: Record<string, SecuritySchemeModel> = {};
  const schemes: Json = doc.components?.securitySchemes ?? {};
  for (const name of Object.keys(schemes).sort()) {
    const s = resolve(doc, own(schemes, name), file, pointer(["components", "securitySchemes", name]));
    setOwn(
      securitySchemes,
      name,
      s.type === "http" ? { type: "http", scheme: String(s.scheme ?? "").toLowerCase() } : s.type === "apiKey" ? { type: "apiKey", in: s.in, name: String(s.name) } : { type: String(s.type) },
    );
  }

  return {
    title: text(doc.info?.title) ?? "API",
    version: String(doc.info?.version ?? ""),
    baseUrl: serverUrl(doc),
    securitySchemes,
    operations,
  };
}
