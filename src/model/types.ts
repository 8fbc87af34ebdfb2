import type { OpenApiDocument, OperationMethod } from "../document/types.js";
import type { BodyKind, ResponseKind } from "../document/media-types.js";
import type { Warning } from "../util/input-error.js";

/**
 * The whole intermediate representation: everything the emitters and the review need, and nothing
 * they must look up in the document again. Built by a pure function of the (bundled) document.
 */
export interface ApiModel {
  /**
   * The schema home: the normalised document with its request and response views. What the types
   * (openapi-typescript), the validators and the date plans read; operations point into it.
   */
  document: OpenApiDocument;
  /** What normalising changed, one line each, for the header of `schema.d.ts`. */
  notes: string[];
  /** The enums of the named schemas, as lists of their values (see `enumLists`). */
  enums: EnumList[];
  title: string;
  version: string;
  /** The first server URL with its variables at their defaults; "" when the document has none. */
  baseUrl: string;
  securitySchemes: Record<string, SecuritySchemeModel>;
  operations: OperationModel[];
  /** Every schema of `components.schemas`, and where callers meet it. */
  schemas: SchemaModel[];
  /** What the model noticed that does not stop generation (a pagination setting naming an undeclared field). */
  warnings?: Warning[];
}

export type ParameterLocation = "path" | "query" | "header" | "cookie";
export const LOCATIONS: readonly ParameterLocation[] = ["path", "query", "header", "cookie"];

export type PrimitiveType = "string" | "number" | "integer" | "boolean";

export interface ParameterModel {
  /** The name in the document, and on the wire. */
  name: string;
  /**
   * The field of the params object: the name, unless another location of the same operation has a
   * parameter of that name (Kubernetes' `path`), or it is `body` beside a request body; then
   * `<name>_<location>` (`path_query`), the first in path, query, header, cookie order keeping the name.
   */
  key: string;
  in: ParameterLocation;
  required: boolean;
  deprecated: boolean;
  description?: string;
  /** The declared primitive type of a path parameter, which the runtime checks for JavaScript callers. */
  type?: PrimitiveType;
  /** The schema as a short type text (see `describeSchema`), for the review. */
  schemaType: string;
  /** JSON pointer of its schema in the schema home (`ApiModel.document`). */
  schemaPointer?: string;
  /** How the value is written, when the document says so (OpenAPI's defaults otherwise). */
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
  /** The media type of a parameter declared with `content` rather than `schema`. */
  content?: string;
  /** OpenAPI 3.2's `in: querystring`: the value, written as `content` says, is the whole query string (`in` is "query"). */
  querystring?: true;
  /** A `{name}` of the path that the document does not declare: typed and sent as a string. */
  undeclared?: true;
}

/** The params object's field that chooses among a body's media types. */
export const CONTENT_TYPE_FIELD = "contentType";

/** How one property of a form or multipart body is written (OpenAPI's Encoding Object). */
export interface EncodingModel {
  contentType?: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
}

/** A media type the body can be sent as. */
export interface BodyChoice {
  contentType: string;
  kind: BodyKind;
  /** Name in `components.schemas` when the body's schema is exactly a reference to one. */
  schemaName?: string;
  schemaType: string;
  /** JSON pointer of its schema in the schema home (`ApiModel.document`). */
  schemaPointer?: string;
}

export interface BodyModel extends BodyChoice {
  required: boolean;
  description?: string;
  /**
   * The other media types the document declares, which the caller chooses with `contentType` in
   * the params object; the body is then typed for that choice.
   */
  alternatives?: BodyChoice[];
  /** For form and multipart bodies, by property name. */
  encoding?: Record<string, EncodingModel>;
}

/** A media type a response can be answered as: how it reads, and its schema. */
export interface ResponseMedia {
  contentType: string;
  kind: ResponseKind;
  /** Name in `components.schemas` when the schema is exactly a reference to one. */
  schemaName?: string;
  /** JSON pointer of its schema in the schema home (`ApiModel.document`). */
  schemaPointer?: string;
  /** Set when the media type has no schema, or one of bytes (`format: binary`): a JSON answer of it is `unknown`. */
  opaque?: true;
}

export interface ResponseModel extends Partial<ResponseMedia> {
  /** The key in `responses`: "200", "2XX", "404", "default". */
  status: string;
  /**
   * The preferred media type (JSON first; see `responseTypesByPreference`), the one read when the
   * server names none; absent when the status declares no content (204, 205 and 304 never have any).
   */
  contentType?: string;
  kind: ResponseKind;
  /** What the status resolves to, every media type's, for the review: `Upload | Blob`. */
  schemaType: string;
  /** The status's other media types, in preference order: an answer may be any of them. */
  alternatives?: ResponseMedia[];
  /**
   * Set on the `2XX` the model adds where a 2xx answer the document does not describe can arrive:
   * after a redirect it declares (the runtime follows it) where no 2xx has content and no 204 is
   * declared, or because it declares no 2xx at all (see `responsesOf`).
   */
  undeclared?: true;
}

/** How an operation's streamed answer reads: see `streamingOf`. */
export interface StreamingModel {
  /** The 2xx status that streams. */
  status: string;
  contentType: string;
  /** Where each item's schema is: OpenAPI 3.2's `itemSchema`, or the media type's `schema`. */
  itemSource: "itemSchema" | "schema";
  /** The item schema's name in `components.schemas`, when it is a reference to one. */
  schemaName?: string;
  json: boolean;
  items: "data" | "events";
  errorMember: boolean;
  /** The boolean body property that chooses a stream over JSON, when the operation answers both. */
  toggle?: string;
  /** multipart/mixed: the media type of a part that names none (OpenAPI 3.2's `itemEncoding`). */
  partType?: string;
}

/** The names of an operation's own types: what hovers and error messages show. */
export interface OperationTypeNames {
  params: string;
  result: string;
  error: string;
  /** The type of a streamed answer's items. */
  event: string;
  /** The type of a paginated answer's items. */
  item: string;
  /** The type of the response headers `withResponse` gives. */
  headers: string;
}

export interface Collision {
  wanted: string;
  holder: { method: string; path: string; operationId?: string | undefined };
}

export interface OperationModel {
  name: string;
  /** Where a name the user chose came from: the operation's `x-codegen-name`, or the config file. */
  chosenIn?: string;
  collision?: Collision;
  operationId?: string;
  /** `get`, …, `trace`, OpenAPI 3.2's `query`, or an additional operation's method as written (`COPY`). */
  method: OperationMethod;
  /** The path as the document writes it (its key in `paths`). */
  path: string;
  /**
   * Where openapi-typescript types the operation, when that is not `paths[path][method]`: an
   * OpenAPI 3.2 `query` or additional operation is the `post` of a path item of its own (`/orders#QUERY`).
   */
  typesKey?: { path: string; method: string };
  /**
   * The path the request goes to: without a `#…` suffix, which documents use to tell apart
   * operations on one path (Box's `/files/{file_id}#add_shared_link`) and which is never sent, and
   * without a `?…` query (see `fixedQuery`).
   */
  urlPath: string;
  /** A constant query the document writes into the path key (`?beta=true`), encoded. */
  fixedQuery?: string;
  /**
   * The operation's own servers (or its path's), resolved with their variables' defaults; none when
   * they are the document's first server written again (then `baseUrl` covers it like any other).
   */
  servers?: string[];
  /** Set when `servers[0]` is another of the document's own servers: a `baseUrl` moved away from the document's moves it too. */
  serverOfDocument?: true;
  /** The header parameter that carries an idempotency key (`Idempotency-Key`, in any case). */
  idempotencyHeader?: string;
  /** Set when the document declares a body that the method cannot send (a GET's): it is left out. */
  droppedBody?: true;
  /**
   * The document's faults this operation reaches, which the client was generated around (a `$ref`
   * that points at nothing, typed `unknown` there): one line each, for its JSDoc and api.json.
   */
  faults?: string[];
  /** JSON pointer of the operation object in the document. */
  pointer: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  types: OperationTypeNames;
  /** Sorted by location, then name. */
  parameters: ParameterModel[];
  /**
   * Header parameters the document declares that OpenAPI says to ignore (`Accept`, `Content-Type`,
   * `Authorization`), as written: not in the params object, set by the client.
   */
  ignoredHeaders?: string[];
  body?: BodyModel;
  /** 2xx responses, in status order. */
  success: ResponseModel[];
  /** Every other declared response (4xx, 5xx, default), in status order. */
  errors: ResponseModel[];
  /** Alternatives, each a set of scheme names that must all be satisfied; `[]` means no auth. */
  security: string[][];
  /** Set when a 2xx answer is a stream of events or JSON lines. */
  streaming?: StreamingModel;
  /** Set when the operation is a list whose pages the client can follow: see `paginationOf`. */
  pagination?: PaginationModel;
  /** The headers each 2xx response declares, by status: see `responseHeadersOf`. */
  responseHeaders?: Record<string, HeaderModel[]>;
}

/** One step of a path into a body: a property, or an index into a list (`-1` is its last item). */
export type PathStep = string | number;

export type PaginationStyle = "cursor" | "offset" | "page" | "link" | "url";

/** How the pages of a list follow one another (see `src/model/pagination.ts`). */
export interface PaginationModel {
  style: PaginationStyle;
  /** What decided it: the config file's path, `x-speakeasy-pagination`, `x-fern-pagination`, or `recognised`. */
  source: string;
  /** The 2xx status whose JSON body holds the page. */
  status: string;
  /** Where the page's items are in the body; `[]` when the body is the list. */
  items: string[];
  /** cursor, offset, page: the params object's field that the next request sets; `["body", name]` for a body property. */
  param?: string[];
  /** cursor: where the next cursor is in the body; url: where the next page's URL is. */
  next?: PathStep[];
  /** A boolean of the body that is false on the last page. */
  hasMore?: string[];
  /** A boolean of the body that is true on the last page (Jira's `isLast`). */
  isLast?: string[];
  /** Paths the setting names that the document's answer does not declare: followed as written, with a warning. */
  undeclared?: string[];
  /** offset: the number of items in all; page: the number of pages. */
  total?: string[];
  /** offset, page: the params field of the page size; a page shorter than the size asked for is the last. */
  limit?: string;
  /** page: the number of the first page, sent to ask for the second when the caller gave none. */
  firstPage?: number;
}

/** How a response header's text is read: its schema's primitive type, or a list of them (comma-separated). */
export type HeaderType = "string" | "number" | "boolean" | "string[]" | "number[]" | "boolean[]";

export interface HeaderModel {
  /** As the document writes it. */
  name: string;
  type: HeaderType;
  required: boolean;
}

export type SecuritySchemeModel =
  | { type: "http"; scheme: string }
  | { type: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  | { type: string };

export type SchemaUse = "request" | "response";

export interface SchemaModel {
  name: string;
  /** Where callers meet it: in what they send, what they receive, both, or (when no operation reaches it) neither. */
  usedIn: SchemaUse[];
  deprecated?: true;
  /** The whole type, for schemas that are not objects with properties. */
  type?: string;
  properties?: Record<string, string>;
  required?: string[];
}

/** An enum of a named schema, as the list `enums.js` exports. */
export interface EnumList {
  name: string;
  /** Where the enum is: `Upload.status`, or `PetKind`. */
  source: string;
  values: ReadonlyArray<string | number | boolean | null>;
}
