import createFetchClient, { type Middleware } from "openapi-fetch";
import type { BasicCredential, Credential } from "./auth.js";
import { ApiClientError } from "./errors.js";
import type { ClientDefaults } from "./spec.js";

export interface ClientOptions {
  /** Where requests go; defaults to the document's first server. */
  baseUrl?: string | undefined;
  /** Sent as the bearer token or API key of every scheme that has no credential in `credentials`. */
  apiKey?: Credential | undefined;
  /** A credential per security scheme, by the scheme's name in the document; `{ username, password }` for HTTP basic. */
  credentials?: Readonly<Record<string, Credential | BasicCredential>> | undefined;
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

/** What a client holds: never enumerable, so credentials stay out of anything that inspects it. */
export interface ClientState {
  readonly fetchClient: { request(method: string, path: string, init: object): Promise<{ error?: unknown; response: Response }> };
  /** fetch, given the attempt's signal beside the request. */
  readonly fetch: (request: Request, signal?: AbortSignal) => Promise<Response>;
  readonly schemes: ClientDefaults["securitySchemes"];
  readonly credential: (scheme: string) => Credential | BasicCredential | undefined;
  readonly maxRetries: number;
  readonly timeout: number;
}

export const state = Symbol("client");

/** A configured client. Pass it to the generated functions, or call its methods. */
export interface Client {
  readonly [state]: ClientState;
}

/** Configures a client without binding any operation: what the generated `createBaseClient` returns. */
export function configureClient(defaults: ClientDefaults, options: ClientOptions = {}): Client {
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
  return Object.create(null, { [state]: { value: s } }) as Client;
}
