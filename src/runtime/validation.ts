/**
 * Request and response validation. Only the generated `validators.js` imports this file, so a
 * client that does not turn validation on ships none of it: the client holds the `Validators` it
 * was given and calls them, nothing more.
 */
import { ApiClientError, InvalidParameterError } from "./errors.js";

/** One way a value breaks its schema: where (a JSON pointer into the value), what, and the keyword that says so. */
export interface ValidationIssue {
  readonly path: string;
  readonly message: string;
  readonly keyword: string;
}

/** A check: the issues of a value, `[]` when it is valid. */
export type Check = (value: unknown) => ValidationIssue[];

/** One operation's checks, generated from the document. */
export interface OperationValidators<Status extends string = string> {
  /** The params object as the operation's function takes it: parameters by field, and `body`. */
  readonly request: Check;
  /** Each 2xx status's JSON body. */
  readonly responses: { readonly [S in Status]: Check };
}

/** What `createClient({ validators })` takes: the generated `validators` export. The client holds only this. */
export interface Validators {
  /** The checks a `validate` option turns on (undefined for "off"); refuses a value it does not know. */
  select(validate: unknown, where: string): ActiveChecks | undefined;
}

/** The checks a client runs: each throws when the value breaks the document. */
export interface ActiveChecks {
  /** Throws a `RequestValidationError` when the params break the operation's schemas. */
  readonly request?: (operation: string, params: unknown) => void;
  /** Throws a `ResponseValidationError` when a 2xx JSON body breaks its schema. */
  readonly response?: (operation: string, response: Response, data: unknown) => void;
}

/** How many issues a message names; `issues` holds them all. */
const SHOWN = 3;

function summary(issues: readonly ValidationIssue[]): string {
  const shown = issues.slice(0, SHOWN).map((i) => `${i.path || "the value"} ${i.message}`);
  return shown.join("; ") + (issues.length > SHOWN ? `; and ${issues.length - SHOWN} more` : "");
}

/** The params of a call break the document's schemas; nothing was sent. */
export class RequestValidationError extends ApiClientError {
  override name = "RequestValidationError";
  constructor(
    operation: string,
    /** Every problem, with `path` a JSON pointer into the params object (`/body/bytes`). */
    readonly issues: readonly ValidationIssue[],
  ) {
    super(`invalid params for ${operation}: ${summary(issues)}`, operation);
  }
}

/** A 2xx answer's JSON body breaks its schema: the server's answer is `data`, the problems `issues`. Not retried. */
export class ResponseValidationError extends ApiClientError {
  override name = "ResponseValidationError";
  readonly requestId: string | undefined;
  constructor(
    operation: string,
    readonly status: number,
    /** The parsed body, as the server sent it. */
    readonly data: unknown,
    /** Every problem, with `path` a JSON pointer into `data`. */
    readonly issues: readonly ValidationIssue[],
    readonly headers: Headers,
  ) {
    super(`${status} response of ${operation} does not match the document: ${summary(issues)}`, operation);
    this.requestId = headers.get("x-request-id") ?? undefined;
  }
}

/** Whether the body was read as JSON: the Content-Type the server sent says so, or it sent none. */
function readAsJson(response: Response): boolean {
  const type = response.headers.get("content-type");
  return type === null || /^application\/(?:[^/;]+\+)?json\s*(?:;|$)/i.test(type);
}

/** The `Validators` for the generated operations' checks: what `validators.js` exports as `validators`. */
export function validatorTable(operations: Readonly<Record<string, OperationValidators>>): Validators {
  const find = (operation: string) => (Object.hasOwn(operations, operation) ? operations[operation] : undefined);
  const request = (operation: string, params: unknown) => {
    const check = find(operation)?.request;
    const issues = check ? check(params ?? {}) : [];
    if (issues.length > 0) throw new RequestValidationError(operation, issues);
  };
  const response = (operation: string, response: Response, data: unknown) => {
    const responses = find(operation)?.responses;
    if (!responses || data === undefined || !readAsJson(response)) return;
    const status = String(response.status);
    const range = `${status[0]}XX`;
    const check = Object.hasOwn(responses, status) ? responses[status] : (responses[range] ?? responses[range.toLowerCase()]);
    const issues = check ? check(data) : [];
    if (issues.length > 0) throw new ResponseValidationError(operation, response.status, data, issues, response.headers);
  };
  return {
    select(validate = "all", where) {
      if (validate === "off") return undefined;
      if (validate === "requests") return { request };
      if (validate === "responses") return { response };
      if (validate === "all") return { request, response };
      const shown = typeof validate === "string" ? JSON.stringify(validate) : typeof validate;
      throw new InvalidParameterError(where, "validate", `must be "requests", "responses", "all" or "off", not ${shown}`);
    },
  };
}
