import createFetchClient from "openapi-fetch";
import type { Middleware } from "openapi-fetch";
import { type BasicCredential, type Credential, checked } from "./auth.js";
import { ApiClientError, InvalidParameterError } from "./errors.js";
import { type Logger, type LogLevel, type RequestLog, requestLog } from "./log.js";
import { checkBytes, checkFunction, checkHeaders, checkMaxRetries, checkTimeout, checkValidation } from "./options.js";
import { defaultRedirectPolicy, type RedirectPolicy } from "./redirects.js";
import type { ClientDefaults } from "./spec.js";
import type { ActiveChecks, Validators } from "./validation.js";

export interface ClientOptions {
  /** Where requests go; defaults to the document's first server. A query it carries (`?api-version=1`) is kept on every request. */
  baseUrl?: string | undefined;
  /**
   * Other servers the document names for some operations (Box's uploads, Stripe's files), each
   * replaced by a URL of yours: `{ "https://upload.box.com/api/2.0": "http://localhost:4010" }`.
   */
  servers?: Readonly<Record<string, string>> | undefined;
  /**
   * Sent as the bearer token or API key of every scheme that has no credential in `credentials`;
   * as a bearer token when the document declares no security scheme.
   */
  apiKey?: Credential | undefined;
  /** A credential per security scheme, by the scheme's name in the document; `{ username, password }` for HTTP basic. */
  credentials?: Readonly<Record<string, Credential | BasicCredential>> | undefined;
  /** Headers sent with every request (only to the API's own origin: a redirect elsewhere drops them). */
  headers?: Readonly<Record<string, string>> | undefined;
  /** How many times a failed request is repeated (see `RequestOptions.maxRetries`); 2 by default. */
  maxRetries?: number | undefined;
  /**
   * Milliseconds each attempt may take, until its body is read (between events, for a stream); 10 minutes by
   * default, `Infinity` for none.
   */
  timeout?: number | undefined;
  /**
   * A header to send a fresh idempotency key in, once per call and the same for each of its retries,
   * on every method but GET, HEAD and OPTIONS (operations that declare an `Idempotency-Key` header get one anyway).
   */
  idempotencyHeader?: string | undefined;
  /** The most bytes of an error response's body to read into `ApiError.error`; 1 MiB by default, `Infinity` for all. */
  maxErrorBodyBytes?: number | undefined;
  /** Called instead of the global fetch for every attempt; the request carries the attempt's signal. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** openapi-fetch middleware, run on every attempt. */
  middleware?: readonly Middleware[] | undefined;
  /**
   * Checks each call's params against the document before anything is sent (`RequestValidationError`),
   * each 2xx JSON body after it is read (`ResponseValidationError`), or both; needs `validators`.
   * Off unless `validators` are given, then "all".
   */
  validate?: "requests" | "responses" | "all" | "off" | undefined;
  /** The checks, from the generated folder: `import { validators } from "./<folder>/validators.js"`. */
  validators?: Validators | undefined;
  /**
   * How much to log: "info" logs each attempt (status or failure, time, the retry that follows and why),
   * "debug" also each request's URL and headers and each response's headers, credentials and cookies
   * replaced by "***". Defaults to the `OPENAPI_CLIENT_LOG` environment variable, else "warn".
   */
  logLevel?: LogLevel | undefined;
  /** Where logs go (`console` by default): an object with `debug`, `info`, `warn` and `error` methods. */
  logger?: Logger | undefined;
}

/**
 * The fields of `RequestInit` a framework or platform reads, for one call: set on the request every attempt
 * sends (and on each redirect hop) and given to fetch beside it, as they are. What each does is fetch's (or
 * the framework's, which patches fetch): the runtime reads none of them.
 */
export interface FetchOptions {
  /** How the request uses the HTTP cache (`"no-store"`: Next.js does not cache the answer either). */
  cache?: "default" | "force-cache" | "no-cache" | "no-store" | "reload" | undefined;
  /** Whether a browser sends cookies and HTTP auth to another origin (`"include"`), only to its own, or never. */
  credentials?: "include" | "omit" | "same-origin" | undefined;
  /** Lets the request outlive the page (a browser's analytics beacon; its body is limited to 64 KiB). */
  keepalive?: boolean | undefined;
  /** The request's priority among the page's own (Chromium). */
  priority?: "auto" | "high" | "low" | undefined;
  /** Next.js's data cache: seconds before the answer is fetched again (`false`: never), and tags to revalidate it by. */
  next?: { revalidate?: number | false | undefined; tags?: readonly string[] | undefined } | undefined;
}

export interface RequestOptions extends FetchOptions {
  /** Aborts the call at any point, including the wait before a retry and the reading of a stream. */
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
  /** The idempotency key for this call, instead of a fresh one (see `ClientOptions.idempotencyHeader`). */
  idempotencyKey?: string | undefined;
  /** Called instead of the client's fetch for each of this call's attempts; the request carries the attempt's signal. */
  fetch?: ((request: Request) => Promise<Response>) | undefined;
  /** openapi-fetch middleware for this call only, run after the client's. */
  middleware?: readonly Middleware[] | undefined;
}

/** What `withResponse` resolves to: the data and the response it came from (its body already read). */
export interface WithResponse<T, H = NoHeaders> {
  data: T;
  response: Response;
  /** The `x-request-id` response header. */
  requestId: string | undefined;
  /**
   * The headers the document declares for the status received, by the names it gives them, read by
   * their schemas (an integer header is a number); one that is missing or does not parse is left out.
   */
  headers: H;
}

/** The `headers` of an operation whose document declares none. */
export type NoHeaders = Record<string, never>;

declare const headersType: unique symbol;

/**
 * What a generated function returns when its document declares response headers: a promise of the
 * data, whose `H` types the `headers` that `withResponse` gives. A type only: it is a plain promise.
 */
export interface ApiPromise<T, H> extends Promise<T> {
  readonly [headersType]?: H;
}

/** The response headers' type a generated function's result carries (see `ApiPromise`). */
export type HeadersOf<P> = P extends { readonly [headersType]?: infer H } ? (unknown extends H ? NoHeaders : H) : NoHeaders;

type FetchClient = { request(method: string, path: string, init: object): Promise<{ error?: unknown; response: Response }> };

/** What a client holds: never enumerable, so credentials stay out of anything that inspects it. */
export interface ClientState {
  readonly fetchClient: FetchClient;
  readonly hasMiddleware: boolean;
  /** fetch, given the attempt's signal and the call's fetch options beside the request. */
  readonly fetch: AttemptFetch;
  readonly schemes: ClientDefaults["securitySchemes"];
  /** Whether the document declares any security scheme (without one, an `apiKey` is a bearer token). */
  readonly declaresSecurity: boolean;
  readonly credential: (scheme: string) => Credential | BasicCredential | undefined;
  /** The `apiKey` option, for a document that declares no security scheme. */
  readonly apiKey: () => Credential | undefined;
  /**
   * The server an operation with servers of its own goes to: the `servers` option's replacement, or
   * for one on another of the document's servers (`ofDocument`) the client's base URL when it was
   * moved from the document's (undefined), or the server as the document writes it.
   */
  readonly server: (documentUrl: string, ofDocument?: boolean) => string | undefined;
  /** `key=value` pairs the base URL carries, sent with every request. */
  readonly baseQuery: string;
  readonly maxRetries: number;
  readonly timeout: number;
  readonly idempotencyHeader: string | undefined;
  readonly maxErrorBodyBytes: number;
  readonly redirects: RedirectPolicy;
  /** The checks `validate` turns on, when it does. */
  readonly validation: ActiveChecks | undefined;
  /** Only when the level lets "info" through: at the default one, a call does no logging work at all. */
  readonly log: RequestLog | undefined;
}

/** How an attempt calls fetch: the request, the attempt's signal, and the call's `FetchOptions`. */
export type AttemptFetch = (request: Request, signal: AbortSignal | undefined, init: FetchOptions | undefined) => Promise<Response>;

/**
 * The attempt's signal and the call's fetch options reach the global fetch beside openapi-fetch's Request:
 * building that Request with the signal would make fetch follow a second signal, which costs more than the
 * rest of the runtime. Next.js reads `next` from there too.
 */
export const globalFetch: AttemptFetch = (request, signal, init) =>
  fetch(request, init ? ({ ...init, signal } as RequestInit) : signal && { signal });

/**
 * A fetch of the caller's takes the request alone, so it gets one that carries the signal and the options
 * (`next` as a property, as openapi-fetch sets it, since a Request has no such field).
 */
export const callerFetch =
  (custom: (request: Request) => Promise<Response>): AttemptFetch =>
  (request, signal, init) =>
    custom(
      signal || init ? Object.assign(new Request(request, { ...init, signal } as RequestInit), init?.next && { next: init.next }) : request,
    );

export const state = Symbol("client");

/** A configured client. Pass it to the generated functions, or call its methods. */
export interface Client {
  readonly [state]: ClientState;
}

/** A URL's query, split off: `https://x/api?v=1` → [`https://x/api`, `v=1`]. */
function splitQuery(url: string): [string, string] {
  const at = url.indexOf("?");
  return at === -1 ? [url, ""] : [url.slice(0, at), url.slice(at + 1).replace(/#.*$/, "")];
}

function checkUrl(url: unknown, option: string): string {
  // Relative URLs resolve against the page in a browser.
  try {
    if (typeof url !== "string") throw new TypeError();
    new URL(url, globalThis.location?.href);
    return url;
  } catch {
    throw new InvalidParameterError("createClient", option, `must be a URL: pass \`${option}\` to createClient`);
  }
}

/** Configures a client without binding any operation: what the generated `createBaseClient` returns. */
export function configureClient(defaults: ClientDefaults, options: ClientOptions = {}): Client {
  if (options === null || typeof options !== "object") throw new ApiClientError("createClient takes an options object", "createClient");
  const where = "createClient";
  const [baseUrl, baseQuery] = splitQuery(checkUrl(options.baseUrl ?? defaults.baseUrl, "baseUrl"));
  const servers = options.servers ?? {};
  // A base URL of the caller's (a mock, a proxy) takes every operation on the document's servers with it.
  const moved = options.baseUrl !== undefined && options.baseUrl !== defaults.baseUrl;
  for (const [from, to] of Object.entries(servers)) checkUrl(to, `servers.${from}`);
  const headers = checkHeaders<string>(options.headers, where, "headers") ?? {};
  const custom = checkFunction<NonNullable<ClientOptions["fetch"]>>(options.fetch, where, "fetch");
  const { apiKey, credentials } = options;
  if (apiKey !== undefined && typeof apiKey !== "string" && typeof apiKey !== "function")
    throw new InvalidParameterError(where, "apiKey", "must be a string or a function returning one");
  // A secret that cannot be sent is refused now (naming the option, never quoting it); a function's are checked per attempt.
  if (typeof apiKey === "string") checked(apiKey, "apiKey", where);
  for (const [scheme, credential] of Object.entries(credentials ?? {})) {
    if (typeof credential === "string") checked(credential, scheme, where);
    else if (credential && typeof credential === "object") {
      checked(credential.username, scheme, where);
      checked(credential.password, scheme, where);
    }
  }
  const maxErrorBodyBytes = checkBytes(options.maxErrorBodyBytes, where, "maxErrorBodyBytes") ?? 1 << 20;
  if (options.idempotencyHeader !== undefined) checkHeaders({ [options.idempotencyHeader]: "x" }, where, "idempotencyHeader");

  const fetchClient = createFetchClient({ baseUrl, headers });
  if (options.middleware) fetchClient.use(...options.middleware);
  const s: ClientState = {
    fetchClient: fetchClient as unknown as FetchClient,
    hasMiddleware: (options.middleware?.length ?? 0) > 0,
    fetch: custom ? callerFetch(custom) : globalFetch,
    schemes: defaults.securitySchemes,
    declaresSecurity: Object.keys(defaults.securitySchemes).length > 0,
    // A closure rather than a field keeps the secrets out of anything that inspects the client.
    credential: (scheme) => (credentials && Object.hasOwn(credentials, scheme) ? credentials[scheme] : undefined) ?? apiKey,
    apiKey: () => apiKey,
    server: (url, ofDocument) => (Object.hasOwn(servers, url) ? servers[url]! : ofDocument && moved ? undefined : url),
    baseQuery,
    maxRetries: checkMaxRetries(options.maxRetries, where) ?? 2,
    timeout: checkTimeout(options.timeout, where) ?? 600_000,
    idempotencyHeader: options.idempotencyHeader?.toLowerCase(),
    maxErrorBodyBytes,
    redirects: defaultRedirectPolicy,
    validation: checkValidation(options.validate, options.validators, where),
    log: requestLog(options, defaults.securitySchemes, where),
  };
  return Object.create(null, { [state]: { value: s } }) as Client;
}
