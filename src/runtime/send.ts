import { placeCredential, schemesFor } from "./auth.js";
import { withResponseFlag } from "./bind.js";
import { type Client, type ClientState, type RequestOptions, state } from "./client.js";
import { ApiAbortError, ApiClientError, ApiConnectionError, ApiTimeoutError, errorForStatus } from "./errors.js";
import { pathValue } from "./path-values.js";
import { finish, readBody } from "./read-body.js";
import { serializeBody } from "./request-body.js";
import { retryDelay, shouldRetry, sleep } from "./retry.js";
import type { OperationSpec, ResponseKind } from "./spec.js";

// setTimeout fires at once after a longer delay; a timeout that long means none.
const MAX_TIMER = 2 ** 31 - 1;
const asIs = (body: unknown) => body;

/** One call's request, built once and sent by every attempt. */
interface BuiltRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  headers: Record<string, string | null>;
  cookie: string;
  body: BodyInit | undefined;
  /** The security schemes whose credentials are placed before every attempt. */
  schemes: readonly string[];
}

/** Sorts the caller's values into path, query, headers and cookie, checks them, and serialises the body. */
function buildRequest(spec: OperationSpec, s: ClientState, operation: string, params: object | undefined): BuiltRequest {
  const values = (params ?? {}) as Record<string, unknown>;
  const request: BuiltRequest = { path: {}, query: {}, headers: {}, cookie: "", body: undefined, schemes: [] };
  for (const name in spec.params) {
    const location = spec.params[name];
    // Own properties only: a parameter named `constructor` must not find Object's.
    const value = Object.prototype.hasOwnProperty.call(values, name) ? values[name] : undefined;
    if (location === "path") request.path[name] = pathValue(operation, name, value, spec.pathTypes?.[name]);
    else if (value == null) continue;
    else if (location === "query") request.query[name] = value;
    else if (location === "header") request.headers[name] = String(value);
    else request.cookie += `${request.cookie ? "; " : ""}${name}=${encodeURIComponent(String(value))}`;
  }
  if (request.cookie) request.headers.Cookie = request.cookie;
  request.schemes = schemesFor(spec, s.credential, operation);
  if (spec.body && values.body !== undefined) request.body = serializeBody(spec, values.body, request.headers);
  return request;
}

/** Before every attempt, so that a function credential can refresh. */
async function applyCredentials(request: BuiltRequest, s: ClientState): Promise<void> {
  for (const name of request.schemes) {
    const credential = s.credential(name)!;
    placeCredential(s.schemes[name], typeof credential === "function" ? await credential() : credential, request.headers, request.query, request.cookie);
  }
}

type Outcome = { response: Response; payload: unknown } | { response: undefined; cause: unknown; timedOut: boolean };

/** One attempt: the request, and the body when it is a success, within the attempt's timeout. */
async function attempt(s: ClientState, spec: OperationSpec, init: Record<string, unknown>, kind: ResponseKind, timeout: number, signal: AbortSignal | undefined): Promise<Outcome> {
  // One controller per attempt, only when there is a timeout: it follows the caller's signal.
  const controller = timeout < MAX_TIMER ? new AbortController() : undefined;
  const timer = controller && setTimeout(() => controller.abort(), timeout);
  const follow = controller && signal && (() => controller.abort(signal.reason));
  if (follow) signal.addEventListener("abort", follow);
  const attemptSignal = controller?.signal ?? signal;
  init.fetch = (request: Request) => s.fetch(request, attemptSignal);
  let response: Response | undefined;
  try {
    const result = await s.fetchClient.request(spec.method, spec.path, init);
    response = result.response;
    // Reading the body belongs to the attempt: a failure there is a connection error or a timeout.
    return { response, payload: response.ok ? await readBody(response, kind) : result.error };
  } catch (cause) {
    response = undefined;
    return { response: undefined, cause, timedOut: controller?.signal.aborted === true };
  } finally {
    clearTimeout(timer);
    // A returned stream is read later: the caller's signal must still reach it.
    if (follow && !(response?.ok && kind === "stream")) signal.removeEventListener("abort", follow);
  }
}

/** The error an attempt that did not succeed stands for. */
function failure(outcome: Outcome, operation: string, signal: AbortSignal | undefined): ApiClientError {
  if (outcome.response) return errorForStatus(outcome.response.status, outcome.payload === "" ? undefined : outcome.payload, outcome.response.headers, operation);
  // A middleware or a custom fetch may throw one of ours on purpose.
  if (outcome.cause instanceof ApiClientError) return outcome.cause;
  if (signal?.aborted) return new ApiAbortError(operation, signal.reason);
  return outcome.timedOut ? new ApiTimeoutError(operation, outcome.cause) : new ApiConnectionError(operation, outcome.cause);
}

/** Calls one operation. Generated functions call this; their signatures carry the types. */
export async function send(client: Client, spec: OperationSpec, params: object | undefined, options: RequestOptions & { [withResponseFlag]?: true } = {}): Promise<never> {
  const s = client[state];
  const operation = spec.operation ?? `${spec.method} ${spec.path}`;
  const request = buildRequest(spec, s, operation, params);
  const stream = request.body instanceof ReadableStream;
  const maxRetries = stream ? 0 : (options.maxRetries ?? s.maxRetries);
  const timeout = options.timeout ?? s.timeout;
  const kind = spec.response ?? "json";
  const { signal } = options;
  // parseAs "stream" leaves a 2xx body unread: `attempt` reads it, so that a bad one is an error.
  const init: Record<string, unknown> = { params: { path: request.path, query: request.query }, headers: request.headers, body: request.body, bodySerializer: asIs, parseAs: "stream" };
  if (stream) init.duplex = "half";

  for (let retry = 0; ; retry++) {
    await applyCredentials(request, s);
    if (options.headers) Object.assign(request.headers, options.headers);
    if (signal?.aborted) throw new ApiAbortError(operation, signal.reason);
    const outcome = await attempt(s, spec, init, kind, timeout, signal);
    if (outcome.response?.ok) return finish(outcome.response, outcome.payload, kind, spec.method, operation, options[withResponseFlag]);
    const error = failure(outcome, operation, signal);
    if (error instanceof ApiAbortError || (outcome.response === undefined && outcome.cause === error)) throw error;
    // Written so that a NaN maxRetries means none.
    if (!(retry < maxRetries) || (outcome.response && !shouldRetry(outcome.response))) throw error;
    await sleep(retryDelay(outcome.response?.headers, retry), signal, operation);
  }
}
