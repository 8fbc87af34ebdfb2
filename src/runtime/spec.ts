/** What a generated operation tells the runtime about itself. */

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
export type ParamLocation = "path" | "query" | "header" | "cookie";
export type BodyKind = "json" | "multipart" | "form" | "text" | "binary";
export type ResponseKind = "json" | "text" | "blob" | "stream" | "none";

export interface OperationSpec {
  /** The generated function's name; errors carry it as `operation`. */
  readonly operation?: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** Where each parameter goes, by its name in the document. */
  readonly params?: Readonly<Record<string, ParamLocation>>;
  /** The type the document declares for a path parameter, checked at run time for JavaScript callers. */
  readonly pathTypes?: Readonly<Record<string, "string" | "number" | "integer" | "boolean">>;
  readonly body?: BodyKind;
  /** The request's Content-Type when it is not the usual one for `body`. */
  readonly contentType?: string;
  /** How a 2xx body is read; JSON when absent. */
  readonly response?: ResponseKind;
  /** Alternatives, each a list of security schemes that must all be satisfied. */
  readonly security?: ReadonlyArray<ReadonlyArray<string>>;
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
