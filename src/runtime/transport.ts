import { type AttemptFetch, type ClientState, type FetchOptions, globalFetch, type RequestOptions } from "./client.js";
import { boundedResponse } from "./read-body.js";
import { type FirstRequest, fetchFollowingRedirects, followRedirects, type RedirectPolicy, redirectMode } from "./redirects.js";
import type { AttemptSignal } from "./signals.js";
import type { HttpMethod } from "./spec.js";
import type { RequestBody } from "./web-types.js";

/**
 * What one attempt got: an answer (a 2xx with its body unread; any other with its body read, bounded, as
 * `error`), or a failure to get one.
 */
export type Outcome = { response: Response; error?: unknown } | { response: undefined; cause: unknown; url?: string };

export interface Wire {
  method: HttpMethod;
  /** The server, when the operation has its own. */
  baseUrl: string | undefined;
  path: string;
  query: string;
  headers: Record<string, string | null>;
  body: RequestBody | undefined;
  redirects: RedirectPolicy;
  fetch: AttemptFetch;
  /** The call's own middleware, after the client's. */
  middleware: RequestOptions["middleware"];
  init: FetchOptions | undefined;
}

const asIs = (body: unknown) => body;

/**
 * What openapi-fetch builds in place of a Request when the global fetch alone will see it (no
 * middleware, no fetch of the caller's, no debug log): the URL and init, so that fetch builds the one
 * Request, with the attempt's signal. A Request built first and handed to fetch beside the signal makes
 * fetch build a second one that follows the first's signal too: about 7 % of a call's CPU over HTTP.
 */
class PendingRequest implements FirstRequest {
  signal: AbortSignal | undefined;
  constructor(
    readonly url: string,
    readonly init: RequestInit,
  ) {}
  get method() {
    return this.init.method!;
  }
  get redirect() {
    return this.init.redirect;
  }
  get headers() {
    return this.init.headers;
  }
  get body() {
    return this.init.body;
  }
}

/**
 * One attempt through openapi-fetch (so that its middleware runs), with fetch wrapped to follow
 * redirects by the runtime's rules and to read at most `maxErrorBodyBytes` of an error body.
 */
export async function sendOnce(s: ClientState, wire: Wire, attempt: AttemptSignal): Promise<Outcome> {
  // The body a 307/308 sends again; not when a middleware may have replaced the request's.
  const replay = s.hasMiddleware || wire.middleware ? undefined : wire.body;
  const { fetch, init: fetchOptions } = wire;
  // The URL last asked for, for a connection error's message (its host only).
  let url: string | undefined;
  const init = {
    // On the Request openapi-fetch builds (and `next` as its property), so that middleware sees them too.
    ...fetchOptions,
    middleware: wire.middleware,
    ...(wire.baseUrl !== undefined ? { baseUrl: wire.baseUrl } : {}),
    params: {},
    querySerializer: () => wire.query,
    headers: wire.headers,
    body: wire.body,
    bodySerializer: asIs,
    // A 2xx body is left unread: the caller's reading of it decides how.
    parseAs: "stream",
    redirect: redirectMode,
    ...(wire.body instanceof ReadableStream ? { duplex: "half" } : {}),
    // Only the global fetch will see the request: openapi-fetch leaves it to fetch to build.
    ...(fetch === globalFetch && !s.hasMiddleware && !wire.middleware?.length && !s.log?.trace ? { Request: PendingRequest } : {}),
    fetch: async (request: Request | PendingRequest) => {
      url = request.url;
      const send = (r: Request) => fetch(r, attempt.signal, fetchOptions);
      let response: Response;
      if (request instanceof PendingRequest) {
        request.signal = attempt.signal;
        // `init` holds the fetch options already (openapi-fetch spreads them in).
        const answer = await globalThis.fetch(request.url, attempt.signal ? { ...request.init, signal: attempt.signal } : request.init);
        response = await followRedirects(send, request, answer, wire.redirects, replay);
      } else response = await fetchFollowingRedirects(s.log?.trace ? s.log.trace(send) : send, request, wire.redirects, replay);
      return response.ok ? response : boundedResponse(response, s.maxErrorBodyBytes);
    },
  };
  try {
    const result = await s.fetchClient.request(wire.method, wire.path, init);
    return result.response.ok
      ? { response: result.response }
      : { response: result.response, error: result.error === "" ? undefined : result.error };
  } catch (cause) {
    return { response: undefined, cause, ...(url !== undefined ? { url } : {}) };
  }
}
