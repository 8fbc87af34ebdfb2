/**
 * The client runtime's public API. Generated folders copy the runtime beside their operations and
 * re-export exactly this list from their `index.js`; everything else is internal and may change.
 */
export type { BasicCredential, Credential } from "./auth.js";
export {
  asResponse,
  type BoundOperation,
  type BoundPaginatedOperation,
  type BoundStreamingOperation,
  type Operations,
  withResponse,
} from "./bind.js";
export type { ApiPromise, Client, ClientOptions, NoHeaders, RequestOptions, WithResponse } from "./client.js";
export {
  ApiAbortError,
  ApiClientError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  InternalServerError,
  InvalidParameterError,
  InvalidResponseError,
  MissingCredentialError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  StreamError,
  UnprocessableEntityError,
} from "./errors.js";
export type { Logger, LogLevel } from "./log.js";
export type { Page } from "./pages.js";
export { type ServerSentEvent, Stream } from "./stream.js";
export type { ClientErrorStatus, ErrorStatus, RedirectStatus, ServerErrorStatus } from "./status.js";
export {
  type OperationValidators,
  RequestValidationError,
  ResponseValidationError,
  type ValidationIssue,
  type Validators,
} from "./validation.js";
