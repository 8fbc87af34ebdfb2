// The client runtime: written once, copied into every generated folder so that the folder can be
// vendored on its own. It depends on openapi-fetch only and uses no Node-only APIs.
import createFetchClient, { type Middleware } from "openapi-fetch";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE" | "OPTIONS" | "HEAD" | "PATCH" | "TRACE";
export type ParamLocation = "path" | "query" | "header" | "cookie";

/** What a generated wrapper tells the runtime about its operation. */
export interface OperationSpec {
  readonly method: HttpMethod;
  readonly path: string;
  /** Where each parameter goes, by its name in the document. */
  readonly params?: Readonly<Record<string, ParamLocation>>;
  readonly body?: "json" | "multipart" | "form" | "text" | "binary";
  /** The request's Content-Type when it is not the usual one for `body`. */
  readonly contentType?: string;
  /** How a 2xx body is read; JSON when absent. */
  readonly response?: "json" | "text" | "blob" | "stream" | "none";
  /** Alternatives, each a list of security schemes that must all be satisfied. */
  readonly security?: ReadonlyArray<ReadonlyArray<string>>;
}

export type SecurityScheme =
  | { readonly type: "http"; readonly scheme: string }
  | { readonly type: "apiKey"; readonly in: "header" | "query" | "cookie"; readonly name: string }
  | { readonly type: string };

/** What the document says about the API, baked into the generated `createClient`. */
export interface ClientDefaults {
  readonly baseUrl: string;
  readonly securitySchemes: Readonly<Record<string, SecurityScheme>>;
}

export type Credential = string | (() => string | Promise<string>);

export interface ClientOptions {
  /** Where requests go; defaults to the document's first server. */
  baseUrl?: string;
  /** Sent as the bearer token or API key of every scheme that has no credential in `credentials`. */
  apiKey?: Credential;
  /** A credential per security scheme, by the scheme's name in the document. */
  credentials?: Readonly<Record<string, Credential | { username: string; password: string }>>;
  /** Headers sent with every request. */
  headers?: Readonly<Record<string, string>>;
  fetch?: (request: Request) => Promise<Response>;
  /** openapi-fetch middleware, run on every request. */
  middleware?: readonly Middleware[];
}

export interface RequestOptions {
  signal?: AbortSignal;
  /** Headers for this call only; they override the client's. */
  headers?: Readonly<Record<string, string>>;
}

const state = Symbol("client");

interface ClientState {
  readonly fetchClient: ReturnType<typeof createFetchClient>;
  readonly defaults: ClientDefaults;
  readonly options: ClientOptions;
}

/** A configured client. Pass it to the generated functions, or call its methods. */
export interface Client {
  readonly [state]: ClientState;
}

/** Base of every error the client throws, so one `instanceof` catches them all. */
export class ApiClientError extends Error {
  override name = "ApiClientError";
}

/** A parameter value that cannot be sent as given; nothing was sent. */
export class InvalidParameterError extends ApiClientError {
  override name = "InvalidParameterError";
  constructor(readonly parameter: string, reason: string) {
    super(`parameter "${parameter}" ${reason}`);
  }
}

/** The server answered with a status outside 2xx. */
export class ApiError<Status extends number = number, Body = unknown> extends ApiClientError {
  override name = "ApiError";
  constructor(
    readonly status: Status,
    /** The parsed body (JSON when it parses, the text otherwise). */
    readonly error: Body,
    readonly headers: Headers,
  ) {
    super(errorMessage(status, error));
  }
}

function errorMessage(status: number, body: unknown): string {
  const found = body && typeof body === "object" ? (body as any).error?.message ?? (body as any).message : body;
  return typeof found === "string" && found !== "" ? `${status} ${found}` : `${status} status code (no body)`;
}

// A path value may only fill its own segment: "", "." and ".." (also percent-encoded) would
// change which endpoint the request reaches once the URL is normalised.
const DOT_SEGMENT = /^(?:\.|%2e){1,2}$/i;

function pathValue(name: string, value: unknown): string | number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value !== "string") {
    throw new InvalidParameterError(name, value === undefined ? "is required" : `must be a string or a number, not ${value === null ? "null" : typeof value}`);
  }
  if (value === "" || DOT_SEGMENT.test(value)) {
    throw new InvalidParameterError(name, `cannot be ${JSON.stringify(value)}: it would change the path of the request`);
  }
  return value;
}

async function credentialValue(credential: Credential): Promise<string> {
  return typeof credential === "function" ? await credential() : credential;
}

async function applySecurity(spec: OperationSpec, s: ClientState, headers: Record<string, string>, query: Record<string, unknown>) {
  const alternatives = spec.security ?? [];
  if (alternatives.length === 0) return;
  const credentialFor = (scheme: string) => s.options.credentials?.[scheme] ?? s.options.apiKey;
  const usable = alternatives.find((names) => names.every((n) => credentialFor(n) !== undefined));
  if (!usable) {
    throw new ApiClientError(
      `${spec.method} ${spec.path} needs credentials for ${alternatives.map((a) => a.join(" + ")).join(" or ")}: pass \`apiKey\` or \`credentials\` to createClient`,
    );
  }
  for (const name of usable) {
    const scheme = s.defaults.securitySchemes[name];
    const credential = credentialFor(name)!;
    if (typeof credential === "object") {
      headers["Authorization"] = "Basic " + btoa(`${credential.username}:${credential.password}`);
    } else if (scheme?.type === "apiKey" && "in" in scheme) {
      const value = await credentialValue(credential);
      if (scheme.in === "query") query[scheme.name] = value;
      else if (scheme.in === "header") headers[scheme.name] = value;
      else headers["Cookie"] = `${scheme.name}=${encodeURIComponent(value)}`;
    } else if (scheme?.type === "http" && "scheme" in scheme && scheme.scheme === "basic") {
      headers["Authorization"] = "Basic " + btoa(await credentialValue(credential));
    } else {
      headers["Authorization"] = `Bearer ${await credentialValue(credential)}`;
    }
  }
}

/** Calls one operation. Generated wrappers call this; their signatures carry the types. */
export async function send(client: Client, spec: OperationSpec, params: object | undefined, options?: RequestOptions): Promise<never> {
  const s = client[state];
  const values = (params ?? {}) as Record<string, unknown>;
  const path: Record<string, string | number> = {};
  const query: Record<string, unknown> = {};
  const headers: Record<string, string> = { ...options?.headers };
  for (const [name, location] of Object.entries(spec.params ?? {})) {
    const value = values[name];
    if (location === "path") path[name] = pathValue(name, value);
    else if (value === undefined) continue;
    else if (location === "query") query[name] = value;
    else if (location === "header") headers[name] = String(value);
  }
  await applySecurity(spec, s, headers, query);

  const { data, error, response } = await s.fetchClient.request(spec.method.toLowerCase() as "get", spec.path as never, {
    params: { path, query },
    headers,
    body: values.body,
    parseAs: spec.response === "none" ? "text" : spec.response ?? "json",
    ...(options?.signal ? { signal: options.signal } : {}),
  } as never);
  if (!response.ok) throw new ApiError(response.status, error, response.headers);
  return (spec.response === "none" ? undefined : data) as never;
}

type Method<F> = F extends (client: Client, ...args: infer A) => infer R ? (...args: A) => R : never;

/** One method per operation, with the generated function's parameters, result and docs. */
export type Operations<T> = { readonly [K in keyof T]: Method<T[K]> } & Client;

/** Builds the object `createClient` returns: the operations bound to one configured client. */
export function bindOperations<T extends object>(operations: T, defaults: ClientDefaults, options: ClientOptions = {}): Operations<T> {
  const fetchClient = createFetchClient({
    baseUrl: options.baseUrl ?? defaults.baseUrl,
    headers: options.headers,
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  if (options.middleware) fetchClient.use(...options.middleware);
  const client: Record<string | symbol, unknown> = Object.create(null);
  client[state] = { fetchClient, defaults, options } satisfies ClientState;
  for (const [name, fn] of Object.entries(operations)) {
    if (typeof fn === "function") client[name] = (...args: unknown[]) => fn(client, ...args);
  }
  return client as unknown as Operations<T>;
}
