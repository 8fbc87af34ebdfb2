// Copied into a generated folder only when its config asks for mocks ("mocks": true): it needs `msw`
// (a peer dependency of such a folder), which a client without mocks must not.
import { delay as wait, type HttpHandler, HttpResponse, http } from "msw";

/** How one handler answers instead of the document's example: every field optional. `Failure`: the error bodies the document declares. */
export interface MockOverride<Data, Failure = unknown> {
  /** The body of a 2xx answer, or a function of the request that gives it. */
  data?: Data | ((request: MockRequest) => Data | Promise<Data>);
  /** The status to answer with: a 2xx answers `data` (or the example), any other `error` (or the document's example for that status). */
  status?: number;
  /** The body of an error answer (with `status`, or the first error status the document declares, else 500). */
  error?: Failure;
  /** Waits before answering: milliseconds, `"real"` (MSW's realistic delay) or `"infinite"` (never answers). */
  delay?: number | "real" | "infinite";
  /** Response headers to add. */
  headers?: Record<string, string>;
  /** Where the API is: the document's first server by default (the client's default `baseUrl`). */
  baseUrl?: string;
  /** Answers one request only, then lets the next handler answer. */
  once?: boolean;
}

/** What a `data` function is given: the request, and the path parameters by name. */
export interface MockRequest {
  request: Request;
  params: Record<string, string>;
}

/** What the generated `mocks.js` says about one operation. */
export interface MockSpec {
  method: string;
  /** The path as the document writes it, `{name}` for a parameter (without a `#…` or `?…` part). */
  path: string;
  baseUrl: string;
  /** The 2xx status that answers by default. */
  success: string;
  /** Each declared status (`200`, `404`, `4XX`, `default`): its media type and example body. */
  responses: Record<string, { contentType?: string; example?: unknown }>;
  /** A streamed answer: always, or when the body's boolean `toggle` is true. */
  stream?: { contentType: string; toggle?: string; example?: unknown };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

/**
 * The URLs of an operation: `baseUrl` and the path, each `{name}` one path segment. A relative or
 * empty `baseUrl` matches any origin, a protocol-relative one any scheme. MSW compares it with the
 * URL without its query.
 */
export function mockRoute(baseUrl: string, path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const base = baseUrl.replace(/\/+$/, "");
  // Absolute; protocol-relative (`//host/v1`: any scheme); or a path (`/v1`, "": any origin).
  const origin = /^[a-z][a-z0-9+.-]*:\/\//i.test(base)
    ? escapeRegExp(base)
    : base.startsWith("//")
      ? `[a-z][a-z0-9+.-]*:${escapeRegExp(base)}`
      : `[a-z][a-z0-9+.-]*://[^/]+${escapeRegExp(base)}`;
  const rest = path
    .split(/(\{[^}]*\})/)
    .map((piece) => {
      if (!/^\{[^}]*\}$/.test(piece)) return escapeRegExp(piece);
      names.push(piece.slice(1, -1));
      return "([^/]+)";
    })
    .join("");
  return { pattern: new RegExp(`^${origin}${rest}$`, "i"), names };
}

const isJson = (contentType: string | undefined) => contentType !== undefined && /^application\/(.+\+)?json|\+json$/i.test(contentType);

/** The declared answer for a status: exact, then its range (`4XX`), then `default`. */
function declared(spec: MockSpec, status: number) {
  return spec.responses[String(status)] ?? spec.responses[`${String(status)[0]}XX`] ?? (status >= 300 ? spec.responses.default : undefined);
}

/** The status an error answers with when the override names none: the document's first error status, else 500. */
function errorStatus(spec: MockSpec): number {
  for (const key of Object.keys(spec.responses)) if (/^[3-5]\d\d$/.test(key)) return Number(key);
  for (const key of Object.keys(spec.responses)) if (/^[3-5]XX$/i.test(key)) return Number(`${key[0]}00`);
  return 500;
}

function eventStream(contentType: string, events: unknown[]): Response {
  const sse = /event-stream/i.test(contentType);
  const text = events.map((e) => (sse ? `data: ${JSON.stringify(e)}\n\n` : `${JSON.stringify(e)}\n`)).join("");
  return new HttpResponse(text, { headers: { "content-type": contentType } });
}

/** An MSW handler for one operation: the document's example, or what `override` says. */
export function mockHandler<Data, Failure>(spec: MockSpec, override: MockOverride<Data, Failure> = {}): HttpHandler {
  const { pattern, names } = mockRoute(override.baseUrl ?? spec.baseUrl, spec.path);
  const method = spec.method.toLowerCase() as "get" | "post" | "put" | "patch" | "delete" | "head" | "options";
  const route = method in http ? http[method] : http.all;
  return route(
    pattern,
    async ({ request }) => {
      if (override.delay !== undefined) await wait(override.delay as number);
      const status =
        override.status ?? (override.error !== undefined ? errorStatus(spec) : /^2\d\d$/.test(spec.success) ? Number(spec.success) : 200);
      const failed = status >= 300;
      const answer = declared(spec, status) ?? (failed ? undefined : spec.responses[spec.success]);
      const headers = { ...override.headers };
      if (!failed && spec.stream && override.data === undefined) {
        const toggle = spec.stream.toggle;
        const body =
          toggle === undefined
            ? undefined
            : await request
                .clone()
                .json()
                .catch(() => undefined);
        if (toggle === undefined || (body !== null && typeof body === "object" && (body as Record<string, unknown>)[toggle] === true))
          return eventStream(spec.stream.contentType, spec.stream.example === undefined ? [] : [spec.stream.example]);
      }
      let body: unknown;
      if (failed) body = override.error !== undefined ? override.error : answer?.example;
      else if (typeof override.data === "function") {
        const match = pattern.exec(new URL(request.url).origin + new URL(request.url).pathname);
        const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match?.[i + 1] ?? "")]));
        body = await (override.data as (request: MockRequest) => unknown)({ request, params });
      } else body = override.data !== undefined ? override.data : answer?.example;
      const contentType = answer?.contentType;
      if (body === undefined || request.method === "HEAD" || status === 204 || status === 304)
        return new HttpResponse(null, { status, headers });
      if (isJson(contentType) || contentType === undefined) return HttpResponse.json(body, { status, headers });
      if (typeof body === "string" || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body))
        return new HttpResponse(body as BodyInit, { status, headers: { "content-type": contentType, ...headers } });
      return new HttpResponse(JSON.stringify(body), { status, headers: { "content-type": contentType, ...headers } });
    },
    { once: override.once === true },
  );
}
