/** What a generated operation tells the runtime about itself: one literal per operation, one fact per line. */
import type { Encodings, FormEncoders } from "./body.js";
import type { DateSpec } from "./dates.js";
import type { ParamSpec, ParamStyles } from "./params.js";
import type { DeclaredHeaders, readHeaders } from "./response-headers.js";
import type { openStream } from "./stream-answer.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
export type PrimitiveType = "string" | "number" | "integer" | "boolean";

/** A parameter: where it goes and how it is written, and for a path parameter its declared primitive type. */
export interface ParameterSpec extends ParamSpec {
  /** Checked at run time, for JavaScript callers: a path value of another type is refused. */
  readonly type?: PrimitiveType;
}

export interface OperationSpec {
  /** The generated function's name; errors carry it as `operation`. */
  readonly operation?: string;
  readonly method: HttpMethod;
  /** The path template, `{name}` for each path parameter. */
  readonly path: string;
  /** A constant query the document writes into the path (`beta=true`), sent before the parameters. */
  readonly query?: string;
  /** The operation's or path's own servers, when the document gives them: the first is used. */
  readonly servers?: readonly string[];
  /** `servers[0]` is another of the document's servers: it follows a `baseUrl` moved away from the document's. */
  readonly serverOfDocument?: boolean;
  /** Each parameter by its key in the params object (its name in the document, unless two locations share a name). */
  readonly params?: Readonly<Record<string, ParameterSpec>>;
  /** The media type the body is sent as (the request body's key in the document). */
  readonly body?: string;
  /** Every media type the body can be sent as, the default first: the params object's `contentType` chooses. */
  readonly bodyTypes?: readonly string[];
  /** The request body's Encoding Object, for form and multipart bodies. */
  readonly encoding?: Encodings;
  /** The serialisers of the form bodies the operation sends (imported only by operations that send one). */
  readonly forms?: FormEncoders;
  /**
   * The serialisers of parameters that are not plain (`isPlain`) and of form fields with a style
   * (imported only by operations that have one).
   */
  readonly styles?: ParamStyles;
  /** The `Accept` header: the media types the document declares for 2xx answers, JSON first, with q-values. */
  readonly accept?: string;
  /**
   * Each 2xx status (`"200"`, `"2XX"`) and the media types the document declares for it, lower-case
   * and without parameters, the one to read by when the server names none first; `[]` when it
   * declares no content (such an answer resolves `undefined`). An answer is read by the Content-Type
   * the server sends when one of these covers it (`*\/*` and `image/*` are ranges; any JSON type
   * covers another); any other is an `InvalidResponseError`, and so is an empty one.
   */
  readonly responses?: Readonly<Record<string, readonly string[]>>;
  /**
   * How a streamed answer's items are read (text/event-stream, JSON lines): `json` when the schema
   * says the data is JSON, `items: "events"` when it describes whole events (`{ event, data }`),
   * `errorMember` when an item with an `error` member is not a valid event (OpenAI's error reports).
   */
  readonly events?: StreamEvents;
  /** Alternatives, each a list of security schemes that must all be satisfied. */
  readonly security?: ReadonlyArray<ReadonlyArray<string>>;
  /** The header parameter the document declares for idempotency keys (`Idempotency-Key`). */
  readonly idempotencyHeader?: string;
  /**
   * The headers each 2xx status declares, and how each is read, for `withResponse`'s `headers`
   * (the reader is imported only by operations that declare some).
   */
  readonly headers?: { readonly read: typeof readHeaders; readonly declared: DeclaredHeaders };
  /** How a list's pages follow one another, for the `.all` and `.pages` of operations made by `paginated`. */
  readonly pagination?: PaginationSpec;
  /** Where the params and 2xx bodies hold dates, and the converter (only with `dates: "Date"`, only for operations that have dates). */
  readonly dates?: DateSpec;
}

/** How an operation's streamed answers are read (see `OperationSpec.events`). */
export interface StreamEvents {
  /** What makes the Stream (imported only by operations that stream). */
  readonly open: typeof openStream;
  readonly json?: boolean;
  readonly items?: "data" | "events";
  readonly errorMember?: boolean;
  /** multipart/mixed: the media type of a part that names none. */
  readonly partType?: string;
}

/** One step into a body: a property, or an index into a list (`-1` is its last item). */
export type PathStep = string | number;

/**
 * How the next page is asked for, and what says there is none: see `pages.ts`. Paths lead into
 * the page's body; `param` into the params object (`["body", "cursor"]` for a body property).
 */
export interface PaginationSpec {
  /**
   * cursor: `param` ← the value at `next`; url: the query of the URL at `next`; link: the query of
   * the Link header's rel="next" URL; offset: `param` += the items received; page: `param` += 1.
   */
  readonly style: "cursor" | "offset" | "page" | "link" | "url";
  /** Where the page's items are; `[]` when the body is the list. */
  readonly items: readonly string[];
  readonly param?: readonly string[];
  readonly next?: readonly PathStep[];
  /** A boolean that is false on the last page. */
  readonly hasMore?: readonly string[];
  /** A boolean that is true on the last page (Jira's `isLast`). */
  readonly isLast?: readonly string[];
  /** offset: the number of items in all; page: the number of pages. */
  readonly total?: readonly string[];
  /** The params field of the page size: a page shorter than the size asked for is the last. */
  readonly limit?: string;
  /** page: the number of the page a call without `param` gets (1 by default). */
  readonly firstPage?: number;
}

/** A security scheme of the document: `http` (bearer, basic) or `apiKey` (in a header, the query or a cookie). */
export interface SecurityScheme {
  readonly type: string;
  readonly scheme?: string;
  readonly in?: string;
  readonly name?: string;
}

/** What the document says about the API, baked into the generated `createClient`. */
export interface ClientDefaults {
  readonly baseUrl: string;
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
}
