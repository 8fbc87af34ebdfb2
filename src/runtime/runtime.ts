// The client runtime: written once, copied into every generated folder so that the folder can be
// vendored on its own. It depends on openapi-fetch only and uses no Node-only APIs.
import createFetchClient, { type Middleware } from "openapi-fetch";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
export type ParamLocation = "path" | "query" | "header" | "cookie";

/** What a generated wrapper tells the runtime about its operation. */
export interface OperationSpec {
  /** The generated function's name; errors carry it as `operation`. */
  readonly operation?: string;
  readonly method: HttpMethod;
  readonly path: string;
  /** Where each parameter goes, by its name in the document. */
  readonly params?: Readonly<Record<string, ParamLocation>>;
  /** The type the document declares for a path parameter, checked at run time for JavaScript callers. */
  readonly pathTypes?: Readonly<Record<string, "string" | "number" | "integer" | "boolean">>;
  readonly body?: "json" | "multipart" | "form" | "text" | "binary";
  /** The request's Content-Type when it is not the usual one for `body`. */
  readonly contentType?: string;
  /** How a 2xx body is read; JSON when absent. */
  readonly response?: "json" | "text" | "blob" | "stream" | "none";
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

/** A secret, or a function returning one; the function is called before every attempt, so it can refresh a token. */
export type Credential = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** Where requests go; defaults to the document's first server. */
  baseUrl?: string | undefined;
  /** Sent as the bearer token or API key of every scheme that has no credential in `credentials`. */
  apiKey?: Credential | undefined;
  /** A credential per security scheme, by the scheme's name in the document; `{ username, password }` for HTTP basic. */
  credentials?: Readonly<Record<string, Credential | { username: string; password: string }>> | undefined;
  /** Headers sent with every request. */
  headers?: Readonly<Record<string, string>> | undefined;
  /** How many times a failed request is repeated (see `RequestOptions.maxRetries`); 2 by default. */
  maxRetries?: number | undefined;
  /** Milliseconds each attempt may take, until its body is read; 10 minutes by default, `Infinity` for none. */
  timeout?: number | undefined;
  /** Called instead of the global fetch for every attempt; the request carries the attempt's signal. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** openapi-fetch middleware, run on every attempt. */
  middleware?: readonly Middleware[] | undefined;
}

export interface RequestOptions {
  /** Aborts the call at any point, including the wait before a retry. */
  signal?: AbortSignal | undefined;
  /** Milliseconds each attempt may take; overrides the client's. */
  timeout?: number | undefined;
  /**
   * How many times to repeat the request after a connection error, a timeout, or a 408, 409, 429
   * or 5xx answer (an `x-should-retry` header overrides); 0 turns retries off. Overrides the client's.
   */
  maxRetries?: number | undefined;
  /** Headers for this call only; they override the client's, and `null` removes one. */
  headers?: Readonly<Record<string, string | null>> | undefined;
}

/** What `withResponse` resolves to: the data and the response it came from (its body already read). */
export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The `x-request-id` response header. */
  requestId: string | undefined;
}

interface ClientState {
  readonly fetchClient: { request(method: string, path: string, init: object): Promise<{ error?: unknown; response: Response }> };
  /** fetch, given the attempt's signal beside the request. */
  readonly fetch: (request: Request, signal?: AbortSignal) => Promise<Response>;
  readonly schemes: ClientDefaults["securitySchemes"];
  readonly credential: (scheme: string) => NonNullable<ClientOptions["credentials"]>[string] | undefined;
  readonly maxRetries: number;
  readonly timeout: number;
}

const state = Symbol("client");
/** Set by `withResponse`: `send` then resolves to the data with its response. */
const raw = Symbol("raw");

/** A configured client. Pass it to the generated functions, or call its methods. */
export interface Client {
  readonly [state]: ClientState;
}

/** Base of every error the runtime throws, so one `instanceof` catches them all (a credential function's own errors pass through). */
export class ApiClientError extends Error {
  override name = "ApiClientError";
  constructor(
    message: string,
    /** The generated function that failed, or `METHOD /path` for a hand-written spec. */
    readonly operation: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A parameter value that cannot be sent as given; nothing was sent. */
export class InvalidParameterError extends ApiClientError {
  override name = "InvalidParameterError";
  constructor(operation: string, readonly parameter: string, reason: string) {
    super(`parameter "${parameter}" of ${operation} ${reason}`, operation);
  }
}

/** The operation requires credentials that the client was not given; nothing was sent. */
export class MissingCredentialError extends ApiClientError {
  override name = "MissingCredentialError";
}

/**
 * The server answered with a status outside 2xx (after any retries). The subclasses below name the
 * common statuses; `ErrorFor` types `error` by status from the document.
 */
export class ApiError<Status extends number = number, Body = unknown> extends ApiClientError {
  override name = "ApiError";
  /** The `x-request-id` response header, to quote when reporting a problem to the API's owner. */
  readonly requestId: string | undefined;
  constructor(
    /** The response's HTTP status. */
    readonly status: Status,
    /** The parsed body: JSON when it parses, the text otherwise, undefined when empty. */
    readonly error: Body,
    /** The response headers. */
    readonly headers: Headers,
    operation = "",
  ) {
    super(errorMessage(status, error), operation);
    this.requestId = headers.get("x-request-id") ?? undefined;
  }
}

/** 400: the request is malformed. */
export class BadRequestError extends ApiError<400> {
  override name = "BadRequestError";
}
/** 401: the credentials are missing or wrong. */
export class AuthenticationError extends ApiError<401> {
  override name = "AuthenticationError";
}
/** 403: the credentials do not allow this. */
export class PermissionDeniedError extends ApiError<403> {
  override name = "PermissionDeniedError";
}
/** 404: no such resource. */
export class NotFoundError extends ApiError<404> {
  override name = "NotFoundError";
}
/** 409: the resource's state conflicts with the request (retried). */
export class ConflictError extends ApiError<409> {
  override name = "ConflictError";
}
/** 422: well-formed but invalid. */
export class UnprocessableEntityError extends ApiError<422> {
  override name = "UnprocessableEntityError";
}
/** 429: too many requests (retried, after the delay the server asks for). */
export class RateLimitError extends ApiError<429> {
  override name = "RateLimitError";
}
/** 500 or above: the server failed (retried). */
export class InternalServerError extends ApiError {
  override name = "InternalServerError";
}

const STATUS_ERRORS: Record<number, typeof ApiError<number>> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** No response arrived: the connection failed, or `fetch` or a middleware threw (the original error is `cause`). */
export class ApiConnectionError extends ApiClientError {
  override name = "ApiConnectionError";
  constructor(operation: string, cause: unknown, message = "Connection error.") {
    super(message, operation, { cause });
  }
}

/** The last attempt took longer than `timeout` milliseconds. */
export class ApiTimeoutError extends ApiConnectionError {
  override name = "ApiTimeoutError";
  constructor(operation: string, cause: unknown) {
    super(operation, cause, "Request timed out.");
  }
}

/** The caller's signal aborted the call; its reason is `cause`. */
export class ApiAbortError extends ApiClientError {
  override name = "ApiAbortError";
  constructor(operation: string, reason: unknown) {
    super("Request was aborted.", operation, { cause: reason });
  }
}

/** A 2xx response whose body is not the JSON the document declares; the text is `body`, the parse error `cause`. */
export class InvalidResponseError extends ApiClientError {
  override name = "InvalidResponseError";
  readonly requestId: string | undefined;
  constructor(readonly status: number, readonly body: string, readonly headers: Headers, operation: string, cause: unknown) {
    super(`${status} response body is not valid JSON`, operation, { cause });
    this.requestId = headers.get("x-request-id") ?? undefined;
  }
}

function errorMessage(status: number, body: any): string {
  const found = body?.error?.message ?? body?.message ?? body?.error ?? body;
  const text = typeof found === "string" ? found : JSON.stringify(found);
  return text ? `${status} ${text}` : `${status} status code (no body)`;
}

/** Whether `error` is an `ApiError`, thrown by `operation` when one is given. */
export function isApiError(error: unknown, operation?: string): error is ApiError {
  return error instanceof ApiError && (operation === undefined || error.operation === operation);
}

type Digit = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;
type ToNumber<S> = S extends number ? S : S extends `${infer N extends number}` ? N : never;
type StatusIn<H extends 3 | 4 | 5> = ToNumber<`${H}${Digit}${Digit}`>;
/** Every status an `ApiError` can have, as literals, so that comparing `status` narrows a union. */
type ErrorStatus = StatusIn<3 | 4 | 5>;
type RangeOf<K> = K extends `${infer H extends 3 | 4 | 5}${"XX" | "xx"}` ? StatusIn<H> : never;
type Exact<M> = Extract<ToNumber<keyof M>, ErrorStatus>;
type Member<S extends number, Body> = [S] extends [never] ? never : ApiError<S, Body>;

/**
 * The `ApiError`s of an operation whose error responses are `M` (status key as the document writes
 * it: "404", "4XX", "default" → body type), as a union in which `if (e.status === 404)` narrows
 * `e.error` to the 404 body. A range covers its statuses not declared exactly, "default" all the
 * others; without "default" they have `unknown` bodies.
 */
export type ErrorFor<M> =
  | { [K in keyof M]: K extends `${3 | 4 | 5}${"XX" | "xx"}` ? Member<Exclude<RangeOf<K>, Exact<M>>, M[K]> : Member<Extract<ToNumber<K>, ErrorStatus>, M[K]> }[keyof M]
  | Member<Exclude<ErrorStatus, Exact<M> | RangeOf<keyof M>>, M extends { default: infer D } ? D : unknown>;

// A path value may only fill its own segment: "", "." and ".." (also percent-encoded) would
// change which endpoint the request reaches once the URL is normalised.
const DOT_SEGMENT = /^(?:\.|%2e){0,2}$/i;

const PATH_TYPES = {
  string: (v: unknown) => typeof v === "string",
  number: (v: unknown) => typeof v === "number" && Number.isFinite(v),
  integer: (v: unknown) => Number.isInteger(v),
  boolean: (v: unknown) => typeof v === "boolean",
};
const describeValue = (v: unknown) => (v === null || typeof v === "number" ? String(v) : Array.isArray(v) ? "an array" : typeof v);

function pathValue(operation: string, name: string, value: unknown, declared: keyof typeof PATH_TYPES | undefined): unknown {
  if (value === undefined) throw new InvalidParameterError(operation, name, "is required");
  if (declared ? !PATH_TYPES[declared](value) : !(PATH_TYPES.string(value) || PATH_TYPES.number(value) || PATH_TYPES.boolean(value))) {
    throw new InvalidParameterError(operation, name, `must be ${declared ? `a ${declared}` : "a string, a number or a boolean"}, not ${describeValue(value)}`);
  }
  if (DOT_SEGMENT.test(String(value))) {
    throw new InvalidParameterError(operation, name, `cannot be ${JSON.stringify(value)}: it would change the path of the request`);
  }
  return value;
}

const CONTENT_TYPES = { json: "application/json", form: "application/x-www-form-urlencoded", text: "text/plain", binary: "application/octet-stream" };

/** The body as fetch sends it; every kind but a stream can be sent again on a retry. */
function serialize(spec: OperationSpec, value: any, headers: Record<string, string | null>): BodyInit {
  const kind = spec.body!;
  // fetch writes the multipart Content-Type itself: it holds the boundary.
  if (kind === "multipart") return fill(new FormData(), value);
  headers["Content-Type"] = spec.contentType ?? CONTENT_TYPES[kind];
  if (kind === "json") return JSON.stringify(value);
  if (kind === "form") return fill(new URLSearchParams(), value).toString();
  return kind === "text" ? String(value) : value;
}

/** Appends each field (each item of an array field); bytes become a Blob, objects JSON. */
function fill<T extends FormData | URLSearchParams>(target: T, fields: object): T {
  for (const [name, field] of Object.entries(fields)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item == null) continue;
      const value =
        item instanceof Blob ? item : ArrayBuffer.isView(item) || item instanceof ArrayBuffer ? new Blob([item as BlobPart]) : typeof item === "object" ? JSON.stringify(item) : String(item);
      (target as FormData).append(name, value);
    }
  }
  return target;
}

/** The first alternative of `spec.security` whose schemes all have a credential. */
function schemesFor(spec: OperationSpec, s: ClientState, operation: string): readonly string[] {
  const alternatives = spec.security;
  if (!alternatives?.length) return [];
  const usable = alternatives.find((names) => names.every((name) => s.credential(name) !== undefined));
  if (!usable) {
    const needed = alternatives.map((names) => names.join(" + ")).join(" or ");
    throw new MissingCredentialError(`${operation} needs credentials for ${needed}: pass \`apiKey\` or \`credentials\` to createClient`, operation);
  }
  return usable;
}

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** Puts a credential where its scheme says. */
function place(scheme: SecurityScheme | undefined, secret: string | { username: string; password: string }, headers: Record<string, string | null>, query: Record<string, unknown>, cookie: string) {
  if (typeof secret === "object") headers.Authorization = "Basic " + base64(`${secret.username}:${secret.password}`);
  else if (scheme?.in === "query") query[scheme.name!] = secret;
  else if (scheme?.in === "header") headers[scheme.name!] = secret;
  else if (scheme?.in === "cookie") headers.Cookie = (cookie ? cookie + "; " : "") + `${scheme.name}=${encodeURIComponent(secret)}`;
  else if (scheme?.scheme?.toLowerCase() === "basic") headers.Authorization = "Basic " + base64(secret);
  else headers.Authorization = "Bearer " + secret;
}

/** Whether a non-2xx answer is worth another attempt: the server may say so, else the status does. */
function shouldRetry(response: Response): boolean {
  const header = response.headers.get("x-should-retry");
  if (header === "true" || header === "false") return header === "true";
  const status = response.status;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Milliseconds before retry number `retry + 1`: what the server asks when 0–60 s, else exponential backoff with jitter. */
function retryDelay(headers: Headers | undefined, retry: number): number {
  let wait = parseFloat(headers?.get("retry-after-ms") ?? "");
  if (Number.isNaN(wait)) {
    const after = headers?.get("retry-after") ?? "";
    wait = parseFloat(after) * 1000;
    if (Number.isNaN(wait)) wait = Date.parse(after) - Date.now();
  }
  if (wait >= 0 && wait <= 60_000) return wait;
  return Math.min(500 * 2 ** retry, 8000) * (1 - Math.random() * 0.25);
}

function sleep(ms: number, signal: AbortSignal | undefined, operation: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const abort = () => {
      clearTimeout(timer);
      reject(new ApiAbortError(operation, signal!.reason));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", abort);
      resolve();
    }, ms);
    if (signal?.aborted) abort();
    else signal?.addEventListener("abort", abort, { once: true });
  });
}

// setTimeout fires at once after a longer delay; a timeout that long means none.
const MAX_TIMER = 2 ** 31 - 1;
const asIs = (body: unknown) => body;

/** Calls one operation. Generated wrappers call this; their signatures carry the types. */
export async function send(client: Client, spec: OperationSpec, params: object | undefined, options: RequestOptions & { [raw]?: true } = {}): Promise<never> {
  const s = client[state];
  const operation = spec.operation ?? `${spec.method} ${spec.path}`;
  const values = (params ?? {}) as Record<string, unknown>;
  const path: Record<string, unknown> = {};
  const query: Record<string, unknown> = {};
  const headers: Record<string, string | null> = {};
  let cookie = "";
  for (const name in spec.params) {
    const location = spec.params[name];
    // Own properties only: a parameter named `constructor` must not find Object's.
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (location === "path") path[name] = pathValue(operation, name, value, spec.pathTypes?.[name]);
    else if (value == null) continue;
    else if (location === "query") query[name] = value;
    else if (location === "header") headers[name] = String(value);
    else cookie += `${cookie ? "; " : ""}${name}=${encodeURIComponent(String(value))}`;
  }
  if (cookie) headers.Cookie = cookie;
  const schemes = schemesFor(spec, s, operation);
  const body = spec.body && values.body !== undefined ? serialize(spec, values.body, headers) : undefined;
  const stream = body instanceof ReadableStream;
  const maxRetries = stream ? 0 : options.maxRetries ?? s.maxRetries;
  const timeout = options.timeout ?? s.timeout;
  const kind = spec.response ?? "json";
  const { signal } = options;
  // parseAs "stream" leaves a 2xx body unread: it is read below, so that a bad one is an error.
  const init: Record<string, unknown> = { params: { path, query }, headers, body, bodySerializer: asIs, parseAs: "stream" };
  if (stream) init.duplex = "half";

  for (let retry = 0; ; retry++) {
    // Before every attempt, so that a function credential can refresh.
    for (const name of schemes) {
      const credential = s.credential(name)!;
      place(s.schemes[name], typeof credential === "function" ? await credential() : credential, headers, query, cookie);
    }
    if (options.headers) Object.assign(headers, options.headers);
    if (signal?.aborted) throw new ApiAbortError(operation, signal.reason);
    // One controller per attempt, only when there is a timeout: it follows the caller's signal.
    const controller = timeout < MAX_TIMER ? new AbortController() : undefined;
    const timer = controller && setTimeout(() => controller.abort(), timeout);
    const follow = controller && signal && (() => controller.abort(signal.reason));
    if (follow) signal.addEventListener("abort", follow);
    const attemptSignal = controller?.signal ?? signal;
    init.fetch = (request: Request) => s.fetch(request, attemptSignal);
    let response: Response | undefined;
    let payload: unknown;
    try {
      const result = await s.fetchClient.request(spec.method, spec.path, init);
      response = result.response;
      // Reading the body belongs to the attempt: a failure there is a connection error or a timeout.
      payload = !response.ok ? result.error : kind === "stream" ? response.body : kind === "blob" ? await response.blob() : await response.text();
    } catch (cause) {
      response = undefined;
      payload = cause;
    } finally {
      clearTimeout(timer);
      // A returned stream is read later: the caller's signal must still reach it.
      if (follow && !(response?.ok && kind === "stream")) signal.removeEventListener("abort", follow);
    }
    if (response?.ok) return finish(response, payload, kind, spec.method, operation, options[raw]);

    let error: ApiClientError;
    if (!response) {
      // A middleware or a custom fetch may throw one of ours on purpose.
      if (payload instanceof ApiClientError) throw payload;
      if (signal?.aborted) throw new ApiAbortError(operation, signal.reason);
      error = controller?.signal.aborted ? new ApiTimeoutError(operation, payload) : new ApiConnectionError(operation, payload);
    } else {
      const Class = response.status >= 500 ? InternalServerError : STATUS_ERRORS[response.status] ?? ApiError;
      error = new Class(response.status, payload === "" ? undefined : payload, response.headers, operation);
    }
    // Written so that a NaN maxRetries means none.
    if (!(retry < maxRetries) || (response && !shouldRetry(response))) throw error;
    await sleep(retryDelay(response?.headers, retry), signal, operation);
  }
}

function finish(response: Response, payload: unknown, kind: string, method: string, operation: string, full: boolean | undefined): never {
  let data = kind === "none" ? undefined : payload;
  if (kind === "json") {
    const empty = response.status === 204 || response.status === 205 || method === "HEAD";
    try {
      data = empty ? undefined : JSON.parse(payload as string);
    } catch (cause) {
      throw new InvalidResponseError(response.status, payload as string, response.headers, operation, cause);
    }
  }
  return (full ? { data, response, requestId: response.headers.get("x-request-id") ?? undefined } : data) as never;
}

/** A method of the client: the generated function with the client bound. */
export interface BoundOperation<A extends unknown[], R> {
  (...args: A): Promise<R>;
  /** The same call, resolving to the data with its response and request id. */
  withResponse(...args: A): Promise<WithResponse<R>>;
}

type Method<F> = F extends (client: Client, ...args: infer A) => Promise<infer R> ? BoundOperation<A, R> : never;

/** One method per operation, with the generated function's parameters, result and docs, and its `.withResponse`. */
export type Operations<T> = { readonly [K in keyof T]: Method<T[K]> } & Client;

type Operation = (client: Client, params?: any, options?: RequestOptions) => Promise<unknown>;
const rawCall = (operation: Operation, client: Client, params?: object, options?: RequestOptions) => operation(client, params, { ...options, [raw]: true } as RequestOptions);

/** A generated function that resolves to `{ data, response, requestId }` instead: `withResponse(cancelUpload)(client, params)`. */
export function withResponse<A extends [params?: any, options?: RequestOptions | undefined], R>(
  operation: (client: Client, ...args: A) => Promise<R>,
): (client: Client, ...args: A) => Promise<WithResponse<R>> {
  return ((client: Client, params?: object, options?: RequestOptions) => rawCall(operation as Operation, client, params, options)) as never;
}

/** Builds the object `createClient` returns: the operations bound to one configured client. */
export function bindOperations<T extends object>(operations: T, defaults: ClientDefaults, options: ClientOptions = {}): Operations<T> {
  const baseUrl = options.baseUrl ?? defaults.baseUrl;
  // Checked now rather than failing every call; relative URLs resolve against the page in a browser.
  try {
    new URL(baseUrl, globalThis.location?.href);
  } catch {
    throw new ApiClientError("baseUrl is not a URL: pass `baseUrl` to createClient", "createClient");
  }
  const fetchClient = createFetchClient({ baseUrl, headers: options.headers ?? {} });
  if (options.middleware) fetchClient.use(...options.middleware);
  const { apiKey, credentials, fetch: custom } = options;
  const s: ClientState = {
    fetchClient: fetchClient as unknown as ClientState["fetchClient"],
    // The attempt's signal goes to fetch beside openapi-fetch's Request: building that Request with
    // it would make fetch follow a second signal, which costs more than the rest of the runtime.
    // A custom fetch takes the request alone, so it gets a Request that carries the signal.
    fetch: custom ? (request, signal) => custom(signal ? new Request(request, { signal }) : request) : (request, signal) => fetch(request, signal && { signal }),
    schemes: defaults.securitySchemes,
    // A closure rather than a field keeps the secrets out of anything that inspects the client.
    credential: (scheme) => (credentials && Object.prototype.hasOwnProperty.call(credentials, scheme) ? credentials[scheme] : undefined) ?? apiKey,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeout ?? 600_000,
  };
  const client = Object.create(null, { [state]: { value: s } }) as Client & Record<string, unknown>;
  for (const [name, fn] of Object.entries(operations)) {
    if (typeof fn !== "function") continue;
    const method = (params?: object, options?: RequestOptions) => fn(client, params, options);
    method.withResponse = (params?: object, options?: RequestOptions) => rawCall(fn, client, params, options);
    client[name] = method;
  }
  return client as unknown as Operations<T>;
}
