import { type BasicCredential, type Placed, placeCredential, schemesFor } from "./auth.js";
import { type CallMode, callMode } from "./bind.js";
import { type AttemptFetch, type Client, type ClientState, callerFetch, type FetchOptions, type RequestOptions, state } from "./client.js";
import {
  ApiAbortError,
  ApiClientError,
  ApiConnectionError,
  ApiTimeoutError,
  connectionMessage,
  errorForStatus,
  InvalidResponseError,
} from "./errors.js";
import {
  checkFetchOptions,
  checkFunction,
  checkHeaders,
  checkHeaderValue,
  checkMaxRetries,
  checkMiddleware,
  checkSignal,
  checkTimeout,
} from "./options.js";
import { encodeStrict } from "./params.js";
import { answeredType, readData } from "./read-body.js";
import { type BuiltRequest, buildRequest, idempotencyKey } from "./request.js";
import { retryDelay, shouldRetry, sleep } from "./retry.js";
import { type AttemptSignal, attemptSignal, type CallSignal, followCaller, untilAborted } from "./signals.js";
import type { OperationSpec } from "./spec.js";
import { type Outcome, sendOnce, type Wire } from "./transport.js";
import type { ActiveChecks } from "./validation.js";
import { watchedBody } from "./watched-body.js";

/** A call's settings: the client's, with the call's options over them, each checked. */
interface CallSettings {
  operation: string;
  timeout: number;
  maxRetries: number;
  signal: AbortSignal | undefined;
  headers: Readonly<Record<string, string | null>> | undefined;
  idempotencyKey: string | undefined;
  /** The check of 2xx JSON bodies, when `validate` turns it on. */
  validateResponse: ActiveChecks["response"];
  /** How much of a 2xx body of a media type the document does not declare its error keeps. */
  errorBodyLimit: number;
  /** The client's fetch, or the call's own. */
  fetch: AttemptFetch;
  middleware: RequestOptions["middleware"];
  /** The call's `FetchOptions`, when it gives any. */
  init: FetchOptions | undefined;
}

function settingsOf(s: ClientState, spec: OperationSpec, options: RequestOptions): CallSettings {
  const operation = spec.operation ?? `${spec.method} ${spec.path}`;
  if (options === null || typeof options !== "object") throw new ApiClientError(`the options of ${operation} must be an object`, operation);
  return {
    operation,
    timeout: checkTimeout(options.timeout, operation) ?? s.timeout,
    maxRetries: checkMaxRetries(options.maxRetries, operation) ?? s.maxRetries,
    signal: checkSignal(options.signal, operation),
    headers: checkHeaders<string | null>(options.headers, operation, "headers"),
    // Checked even where no idempotency header is sent: a wrong value is wrong wherever it is given.
    idempotencyKey: checkHeaderValue(options.idempotencyKey, operation, "idempotencyKey"),
    validateResponse: s.validation?.response,
    errorBodyLimit: s.maxErrorBodyBytes,
    fetch: options.fetch === undefined ? s.fetch : callerFetch(checkFunction(options.fetch, operation, "fetch")!),
    middleware: checkMiddleware(options.middleware, operation),
    init: checkFetchOptions(options as Record<string, unknown>, operation),
  };
}

/** The headers every attempt sends beyond the built request's: an idempotency key, one per call. */
function idempotency(s: ClientState, spec: OperationSpec, request: BuiltRequest, call: CallSettings): [string, string] | undefined {
  const declared = spec.idempotencyHeader?.toLowerCase();
  const name = declared ?? (spec.method === "GET" || spec.method === "HEAD" || spec.method === "OPTIONS" ? undefined : s.idempotencyHeader);
  if (name === undefined || request.headers[name] !== undefined) return undefined;
  const key = call.idempotencyKey ?? idempotencyKey();
  return [name, key];
}

/** Before every attempt, so that a function credential can refresh; a hung one ends with the attempt's signal. */
function credentials(
  s: ClientState,
  schemes: readonly string[],
  signal: AbortSignal | undefined,
  operation: string,
): Placed | Promise<Placed> {
  const placed: Placed = { headers: {}, query: [], cookies: [] };
  // A document without security schemes (GitHub's) still gets the key, as a bearer token.
  const fallback = s.declaresSecurity ? undefined : s.apiKey();
  const names = fallback === undefined ? schemes : [...schemes, "apiKey"];
  const credentialOf = (name: string) => (name === "apiKey" && fallback !== undefined ? fallback : s.credential(name)!);
  // Synchronous unless a credential is a function: no promise for the usual string key.
  if (!names.some((name) => typeof credentialOf(name) === "function")) {
    for (const name of names) placeCredential(name, s.schemes[name], credentialOf(name) as string | BasicCredential, placed, operation);
    return placed;
  }
  return (async () => {
    for (const name of names) {
      const credential = credentialOf(name);
      const secret = typeof credential === "function" ? await untilAborted(credential(), signal) : credential;
      placeCredential(name, s.schemes[name], secret, placed, operation);
    }
    return placed;
  })();
}

/** The request as this attempt sends it: the built request, the credentials, then the caller's headers over them. */
function wireOf(
  s: ClientState,
  spec: OperationSpec,
  request: BuiltRequest,
  placed: Placed,
  extra: [string, string] | undefined,
  call: CallSettings,
  redirects: Wire["redirects"],
): Wire {
  const headers: Record<string, string | null> = { ...request.headers, ...placed.headers };
  // Lists joined only when a credential adds to them: most calls send no cookie and no key in the query.
  const cookie = placed.cookies.length ? [request.cookie, ...placed.cookies].filter(Boolean).join("; ") : request.cookie;
  if (cookie) headers.cookie = cookie;
  if (extra) headers[extra[0]] = extra[1];
  if (call.headers) for (const name of Object.keys(call.headers)) headers[name.toLowerCase()] = call.headers[name]!;
  const credentialQuery = placed.query.map(([k, v]) => `${encodeStrict(k)}=${encodeStrict(v)}`);
  const query =
    s.baseQuery || spec.query || credentialQuery.length
      ? [s.baseQuery, spec.query, request.query, ...credentialQuery].filter(Boolean).join("&")
      : request.query;
  const server = spec.servers?.[0];
  return {
    method: spec.method,
    baseUrl: server === undefined ? undefined : s.server(server, spec.serverOfDocument),
    path: request.path,
    query,
    headers,
    body: request.body,
    redirects,
    fetch: call.fetch,
    middleware: call.middleware,
    init: call.init,
  };
}

/** The error an attempt that did not succeed stands for. */
function failure(outcome: Outcome, call: CallSettings, attempt: AttemptSignal): ApiClientError {
  if (outcome.response) return errorForStatus(outcome.response.status, outcome.error, outcome.response.headers, call.operation);
  // A middleware, a custom fetch or a credential function may throw one of ours on purpose.
  if (outcome.cause instanceof ApiClientError) return outcome.cause;
  if (call.signal?.aborted) return new ApiAbortError(call.operation, call.signal.reason);
  if (attempt.timedOut()) return new ApiTimeoutError(call.operation, outcome.cause);
  return new ApiConnectionError(
    call.operation,
    outcome.cause,
    connectionMessage(outcome.cause, "url" in outcome ? outcome.url : undefined),
  );
}

/**
 * The body checked against the document and its dates converted. The answer arrived whole: a
 * failure here is no network fault and another attempt would fail alike (a stack overflow on a
 * body nested 20,000 deep), so it is an `InvalidResponseError`, never retried.
 */
function checked(response: Response, spec: OperationSpec, call: CallSettings, data: unknown): unknown {
  try {
    call.validateResponse?.(call.operation, response, data);
    return spec.dates ? spec.dates.convert(spec.dates, data, response.status, call.operation) : data;
  } catch (error) {
    if (error instanceof ApiClientError) throw error;
    const why = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new InvalidResponseError(response.status, "", response.headers, call.operation, error, `could not be checked (${why})`);
  }
}

/** The error a body handed to the caller fails with: the idle timeout, the caller's signal, or the connection, as this call's classes. */
function bodyError(call: CallSettings, attempt: AttemptSignal, cause: unknown): ApiClientError {
  if (attempt.timedOut()) return new ApiTimeoutError(call.operation, cause);
  if (call.signal?.aborted) return new ApiAbortError(call.operation, call.signal.reason);
  return new ApiConnectionError(call.operation, cause);
}

/**
 * What the call resolves to, as the caller asked: the data, the data with its response, or the
 * response unread. A stream, or an unread body, takes the call's signal and idle timeout with it
 * (`handedOver`): they are released when it ends.
 */
async function finish(
  response: Response,
  spec: OperationSpec,
  mode: CallMode,
  call: CallSettings,
  attempt: AttemptSignal,
  link: CallSignal,
): Promise<{ value: unknown; handedOver: boolean }> {
  if (mode === "response") {
    if (response.body === null) return { value: response, handedOver: false };
    // The caller reads the body: it keeps the idle timeout and the call's signal until it ends.
    const unread = new Response(
      watchedBody(response.body, attempt, link.release, (cause) => bodyError(call, attempt, cause)),
      response,
    );
    Object.defineProperty(unread, "url", { value: response.url });
    return { value: unread, handedOver: true };
  }
  const type = await answeredType(response, spec, call.operation, call.errorBodyLimit);
  // Only an operation that declares a stream can read one (it brings the reader); any other reads it as text.
  const stream =
    spec.events && type !== undefined
      ? spec.events.open(response, type, spec.events, {
          operation: call.operation,
          signal: call.signal,
          timeout: call.timeout,
          attempt,
          link,
        })
      : undefined;
  let data: unknown = stream;
  if (!stream) {
    data = type === undefined ? undefined : await readData(response, type, call.operation);
    data = checked(response, spec, call, data);
  }
  const value =
    mode === "withResponse"
      ? {
          data,
          response,
          requestId: response.headers.get("x-request-id") ?? undefined,
          headers: spec.headers ? spec.headers.read(response, spec.headers.declared) : {},
        }
      : data;
  return { value, handedOver: stream !== undefined };
}

type Step = { done: true; value: unknown; handedOver: boolean; status: number } | { done: false; outcome: Outcome };

interface Call {
  s: ClientState;
  spec: OperationSpec;
  request: BuiltRequest;
  schemes: readonly string[];
  extra: [string, string] | undefined;
  settings: CallSettings;
  mode: CallMode;
  redirects: Wire["redirects"];
  link: CallSignal;
}

/** One attempt: credentials, the request, and for a 2xx what the call resolves to. */
async function attemptOnce(c: Call, attempt: AttemptSignal): Promise<Step> {
  let placed: Placed;
  try {
    const got = credentials(c.s, c.schemes, attempt.signal, c.settings.operation);
    placed = got instanceof Promise ? await got : got;
  } catch (cause) {
    // A credential function's own error is the caller's, as it is; an abort or timeout while it hangs is ours.
    if (!attempt.signal?.aborted) throw cause;
    return { done: false, outcome: { response: undefined, cause } };
  }
  const outcome = await sendOnce(c.s, wireOf(c.s, c.spec, c.request, placed, c.extra, c.settings, c.redirects), attempt);
  if (!outcome.response?.ok) return { done: false, outcome };
  try {
    return {
      done: true,
      status: outcome.response.status,
      ...(await finish(outcome.response, c.spec, c.mode, c.settings, attempt, c.link)),
    };
  } catch (error) {
    // Reading the body belongs to the attempt: a failure there is a connection error or a timeout.
    if (error instanceof ApiClientError) throw error;
    return { done: false, outcome: { response: undefined, cause: error, url: outcome.response.url } };
  }
}

/** What an info line says of an attempt: the operation, what became of it, and how long it took. */
const attemptLine = (c: Call, what: string | number, started: number) =>
  `${c.settings.operation} ${c.spec.method} ${c.spec.path}: ${what} in ${Date.now() - started} ms`;

/** What a failure to get an answer was, by name or code only: a message may quote a URL, and its query a key. */
const causeName = (cause: unknown) => {
  const error = cause as { name?: unknown; cause?: { code?: unknown } } | undefined;
  return String(error?.cause?.code ?? error?.name ?? typeof cause);
};

/** Calls one operation. Generated functions call this; their signatures carry the types. */
export async function send(client: Client, spec: OperationSpec, params: object | undefined, options: RequestOptions = {}): Promise<never> {
  const s = client[state];
  const settings = settingsOf(s, spec, options);
  const { operation } = settings;
  // Dates become the strings the wire carries first: what is checked and sent is the same.
  if (spec.dates) params = spec.dates.convert(spec.dates, params, undefined, operation) as object | undefined;
  s.validation?.request?.(operation, params);
  const request = buildRequest(spec, operation, params);
  const c: Call = {
    s,
    spec,
    request,
    schemes: schemesFor(spec, s.schemes, s.credential, operation),
    extra: idempotency(s, spec, request, settings),
    settings,
    mode: callMode(options),
    redirects: {
      ...s.redirects,
      tooManyRedirects: () => new ApiConnectionError(operation, undefined, `More than ${s.redirects.maxRedirects} redirects.`),
    },
    link: followCaller(settings.signal),
  };
  // A stream can be sent once only.
  const maxRetries = request.body instanceof ReadableStream ? 0 : settings.maxRetries;
  let handedOver = false;
  const { log } = s;
  try {
    for (let retry = 0; ; retry++) {
      if (c.link.signal?.aborted) throw new ApiAbortError(operation, settings.signal!.reason);
      const attempt = attemptSignal(c.link.signal, settings.timeout);
      const started = log && Date.now();
      let step: Step;
      try {
        step = await attemptOnce(c, attempt);
        if (step.done) {
          handedOver = step.handedOver;
          log?.info(attemptLine(c, step.status, started!));
          return step.value as never;
        }
      } finally {
        if (!handedOver) attempt.release();
      }
      const { outcome } = step;
      const error = failure(outcome, settings, attempt);
      // An abort, or the caller's own error (from a middleware, a fetch, a credential function), is not retried;
      // written so that NaN would mean no retries (option checks already refuse it).
      const retrying =
        !(error instanceof ApiAbortError || (outcome.response === undefined && outcome.cause === error)) &&
        retry < maxRetries &&
        (!outcome.response || shouldRetry(outcome.response));
      const wait = retrying ? retryDelay(outcome.response?.headers, retry) : 0;
      if (log) {
        const cause = outcome.response
          ? outcome.response.status
          : attempt.timedOut()
            ? "timed out"
            : `failed (${causeName(outcome.cause)})`;
        log.info(
          `${attemptLine(c, cause, started!)}; ${retrying ? `retry ${retry + 1} of ${maxRetries} in ${Math.round(wait)} ms` : `${error.name} thrown`}`,
        );
      }
      if (!retrying) throw error;
      await sleep(wait, c.link.signal, operation);
    }
  } finally {
    if (!handedOver) c.link.release();
  }
}
