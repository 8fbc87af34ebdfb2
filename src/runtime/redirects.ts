// Following redirects inside the runtime rather than letting fetch do it. fetch's own "follow" forwards
// every custom header to whatever origin a Location names (it strips only Authorization and Cookie),
// so an API key in a header such as Azure's `api-key`, or a caller's default header, would leave with
// the request; and it turns a POST answered by 301/302 into a GET whose answer looks like the POST's.
import type { RedirectMode, RequestBody } from "./web-types.js";

/** How `fetchFollowingRedirects` follows a chain. */
export interface RedirectPolicy {
  /** Redirects followed before giving up (fetch's own limit is 20); the next one throws `tooManyRedirects`. */
  readonly maxRedirects: number;
  /**
   * Lower-case names of the headers a hop to another origin keeps: it drops every other one. An allowlist,
   * so that a secret in a header nobody declared (a header parameter, a middleware's, a per-call one) stays
   * home too. Authorization, Proxy-Authorization and Cookie never leave, even when listed.
   */
  readonly crossOriginHeaders: ReadonlySet<string>;
  /** What is thrown when a chain is longer than `maxRedirects`, or loops; given the URL it would go to next. */
  readonly tooManyRedirects: (url: URL) => unknown;
}

export const defaultRedirectPolicy: RedirectPolicy = {
  maxRedirects: 20,
  // Content negotiation and ranges: another origin (a CDN, object storage) answers them the same way.
  crossOriginHeaders: new Set(["accept", "accept-language", "content-language", "content-type", "range", "if-range", "user-agent"]),
  // fetch's own words for the same failure.
  tooManyRedirects: () => new TypeError("redirect count exceeded"),
};

const CREDENTIALS = ["authorization", "proxy-authorization", "cookie"];

/**
 * The `redirect` mode to build requests with. Servers and edge runtimes (Node, Deno, Bun, workers)
 * hand a "manual" 3xx response over as it is, so `fetchFollowingRedirects` can apply its rules.
 * Browsers answer "manual" with an opaque response (status 0, no Location), so there the browser
 * follows by the fetch standard's rules: to another origin it drops Authorization only (a browser
 * never lets a page set Cookie), and sends custom headers such as an API key once that origin
 * allows them by CORS; a POST answered by 301/302/303 becomes a GET whose answer looks like the POST's.
 * Every browser's user agent, and no server runtime's, starts with "Mozilla/" (jsdom's does too:
 * there fetch follows, which is the safe mistake; the opposite one would break every redirect).
 */
export const redirectMode: RedirectMode = globalThis.navigator?.userAgent?.startsWith("Mozilla/") ? "follow" : "manual";

/**
 * Where a redirect sends a `method` request next, or undefined when it must not be followed and the
 * 3xx itself is the answer:
 * - a status other than 301, 302, 303, 307, 308 (300 and 304 are answers, not redirects);
 * - 301/302/303 after a method other than GET or HEAD: fetch would re-send it as a GET and resolve
 *   with the GET's answer as if the original request had succeeded;
 * - no Location, or one that is not an http(s) URL, or one from https to http (a downgrade would
 *   send the request, and whatever it carries, in clear text).
 * A relative Location resolves against the URL that was redirected.
 */
export function redirectTarget(status: number, method: string, location: string | null, from: URL): URL | undefined {
  if (status !== 301 && status !== 302 && status !== 303 && status !== 307 && status !== 308) return undefined;
  if (status < 307 && method !== "GET" && method !== "HEAD") return undefined;
  if (location === null) return undefined;
  let to: URL;
  try {
    to = new URL(location, from);
  } catch {
    return undefined;
  }
  if (to.protocol === "https:" || (to.protocol === "http:" && from.protocol === "http:")) return to;
  return undefined;
}

/**
 * Sends `request` with `fetch` and, when `request.redirect` is "manual", follows the redirects it
 * gets by the rules of `redirectTarget` and `policy`; in any other mode the platform follows (or
 * not) and this is one plain fetch. Each hop re-sends the method and, after 307/308, the body;
 * it keeps every header while it stays on the request's origin, and only `crossOriginHeaders` once
 * a hop has left it, for the rest of the chain, even back on the first origin: the origin that
 * redirected back chose the path there, and must not get to aim the caller's credentials.
 *
 * `body` is what `request`'s body was made from, so that a 307/308 can send it again (a FormData
 * gets a fresh boundary). Without it, or when it is a ReadableStream, a request with a body cannot
 * be re-sent, and the 307/308 is the answer. Pass it only when `request` was built from it.
 *
 * Resolves with the last response: the final answer, or a 3xx that is not followed (the caller
 * reports it as it reports any status outside 2xx). Its `url` is the URL it answered, since every
 * hop is a fetch of its own (`redirected` stays false). The body of each followed 3xx is cancelled:
 * a small one has already arrived and its connection is reused; a large one closes the connection.
 */
export async function fetchFollowingRedirects(
  fetch: (request: Request) => Promise<Response>,
  request: Request,
  policy: RedirectPolicy,
  body?: RequestBody | null,
): Promise<Response> {
  return followRedirects(fetch, request, await fetch(request), policy, body);
}

/** What following a chain needs of the request that began it: a Request, or the URL and init fetch was given. */
export interface FirstRequest {
  readonly url: string;
  readonly method: string;
  readonly redirect: RedirectMode | undefined;
  readonly headers: ConstructorParameters<typeof Headers>[0];
  /** Whether it had one: null or undefined when not. */
  readonly body: unknown;
  readonly signal: AbortSignal | null | undefined;
}

/** `fetchFollowingRedirects`, once `request` has been sent and answered `response`. */
export async function followRedirects(
  fetch: (request: Request) => Promise<Response>,
  request: FirstRequest,
  response: Response,
  policy: RedirectPolicy,
  body?: RequestBody | null,
): Promise<Response> {
  // The usual answer, checked first: one fetch and nothing else.
  if (response.status < 301 || response.status > 308 || request.redirect !== "manual") return response;

  const { method, signal } = request;
  const origin = new URL(request.url).origin;
  // undefined: the request had a body that cannot be sent again.
  const replay = request.body == null ? null : body == null || body instanceof ReadableStream ? undefined : body;
  let headers = new Headers(request.headers);
  // FormData writes its boundary into the Content-Type it sets: a fresh one for the fresh body.
  if (replay instanceof FormData) headers.delete("content-type");
  let url = new URL(request.url);
  for (let hops = 0; ; hops++) {
    const next = redirectTarget(response.status, method, response.headers.get("location"), url);
    if (!next || replay === undefined) return response;
    // Not awaited: a body that never ends must not hold the call.
    response.body?.cancel().catch(() => {});
    if (hops === policy.maxRedirects) throw policy.tooManyRedirects(next);
    if (next.origin !== origin) headers = keepOnly(headers, policy.crossOriginHeaders);
    url = next;
    response = await fetch(new Request(next, { method, headers, body: replay, signal: signal ?? null, redirect: "manual" }));
  }
}

function keepOnly(headers: Headers, keep: ReadonlySet<string>): Headers {
  const kept = new Headers();
  // Names arrive lower-cased.
  headers.forEach((value, name) => {
    if (keep.has(name) && !CREDENTIALS.includes(name)) kept.set(name, value);
  });
  return kept;
}
