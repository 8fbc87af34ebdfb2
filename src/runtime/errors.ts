/** Every error the runtime throws: one base class, a class per kind of failure, and one per common status. */

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
  constructor(
    operation: string,
    readonly parameter: string,
    reason: string,
  ) {
    super(`parameter "${parameter}" of ${operation} ${reason}`, operation);
  }
}

/** The operation requires credentials that the client was not given; nothing was sent. */
export class MissingCredentialError extends ApiClientError {
  override name = "MissingCredentialError";
}

/**
 * The server answered with a status outside 2xx (after any retries). The subclasses below name the
 * common statuses; each operation's `…Error` type says which bodies the document declares.
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

/** The `ApiError` (subclass) for a response's status. */
export function errorForStatus(status: number, body: unknown, headers: Headers, operation: string): ApiError {
  const Class = status >= 500 ? InternalServerError : (STATUS_ERRORS[status] ?? ApiError);
  return new Class(status, body, headers, operation);
}

/**
 * "Connection error: ECONNREFUSED 127.0.0.1:4010.": the code of the failure beneath `fetch failed`
 * (Node's `cause`, or its cause) and the host it could not reach, from the error when it names one,
 * else from the request's URL (only its host: never a path, a query or credentials).
 */
export function connectionMessage(cause: unknown, url: string | undefined): string {
  let code: string | undefined;
  let host: string | undefined;
  for (let c = cause, depth = 0; c !== null && typeof c === "object" && depth < 4; c = (c as { cause?: unknown }).cause, depth++) {
    const e = c as { code?: unknown; address?: unknown; port?: unknown; hostname?: unknown };
    if (code === undefined && typeof e.code === "string" && /^[A-Z][A-Z0-9_]+$/.test(e.code)) code = e.code;
    if (host === undefined && typeof e.address === "string") host = typeof e.port === "number" ? `${e.address}:${e.port}` : e.address;
    if (host === undefined && typeof e.hostname === "string") host = e.hostname;
  }
  if (host === undefined && url !== undefined) {
    try {
      host = new URL(url).host;
    } catch {}
  }
  const detail = [code, host].filter(Boolean).join(" ");
  return detail ? `Connection error: ${detail}.` : "Connection error.";
}

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

/**
 * A 2xx response that cannot be what the document declares: JSON that does not parse (the text is
 * `body`, the parse error `cause`), no body where the document declares one, or a body too large
 * to read as text. Not retried: the server answered.
 */
export class InvalidResponseError extends ApiClientError {
  override name = "InvalidResponseError";
  readonly requestId: string | undefined;
  constructor(
    readonly status: number,
    readonly body: string,
    readonly headers: Headers,
    operation: string,
    cause: unknown,
    reason = "is not valid JSON",
  ) {
    super(`${status} response body ${reason}`, operation, { cause });
    this.requestId = headers.get("x-request-id") ?? undefined;
  }
}

/**
 * A stream reported an error while it was read: an event named `error`, or an item with an `error`
 * member that the document's event schema does not have (how OpenAI reports a failure mid-stream).
 */
export class StreamError extends ApiClientError {
  override name = "StreamError";
  constructor(
    operation: string,
    /** The event's data, parsed when it is JSON. */
    readonly data: unknown,
  ) {
    super(`stream error: ${errorMessage(0, data).replace(/^0 /, "")}`, operation);
  }
}

/** How much of an error body a message quotes: enough to read, never a whole HTML page. */
const MESSAGE_LIMIT = 1000;

function errorMessage(status: number, body: any): string {
  const found = body?.error?.message ?? body?.message ?? body?.error ?? body;
  let text = typeof found === "string" ? found : found === undefined ? "" : JSON.stringify(found);
  if (text.length > MESSAGE_LIMIT) text = `${text.slice(0, MESSAGE_LIMIT)}… (${text.length - MESSAGE_LIMIT} more characters in \`error\`)`;
  return text ? `${status} ${text}` : `${status} status code (no body)`;
}

/** Whether `error` is an `ApiError`, thrown by `operation` when one is given. */
export function isApiError(error: unknown, operation?: string): error is ApiError {
  return error instanceof ApiError && (operation === undefined || error.operation === operation);
}
