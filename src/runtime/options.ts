import type { Middleware } from "openapi-fetch";
import type { FetchOptions } from "./client.js";
import { InvalidParameterError } from "./errors.js";
import type { ActiveChecks, Validators } from "./validation.js";

/**
 * Option values are checked where they are given (createClient, or the call), so that a mistake
 * such as `timeout: Number(process.env.UNSET)` (NaN, which would mean no timeout) is an error there
 * rather than a silent change of behaviour.
 */
const fail = (where: string, option: string, reason: string): never => {
  throw new InvalidParameterError(where, option, reason);
};

const show = (value: unknown) =>
  typeof value === "number" || value === null ? String(value) : typeof value === "string" ? JSON.stringify(value) : typeof value;

/** Milliseconds: a non-negative number, `Infinity` for none. */
export function checkTimeout(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value >= 0))
    fail(where, "timeout", `must be a number of milliseconds (Infinity for none), not ${show(value)}`);
  return value as number;
}

/** A number of bytes: a non-negative number, `Infinity` for all. */
export function checkBytes(value: unknown, where: string, option: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !(value >= 0)) fail(where, option, `must be a number of bytes (Infinity for all), not ${show(value)}`);
  return value as number;
}

/** A count of retries: a non-negative integer. */
export function checkMaxRetries(value: unknown, where: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    fail(where, "maxRetries", `must be a whole number, 0 or more, not ${show(value)}`);
  return value as number;
}

// RFC 9110: a header name is a token; a value is visible ASCII, space, tab, or bytes up to 0xFF.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const UNSENDABLE = "holds a line break, a control character or a character above U+00FF, which a header cannot carry";

/** Header names and values that fetch can send and that cannot split into another header. */
export function checkHeaders<T extends string | null>(
  headers: unknown,
  where: string,
  option: string,
): Readonly<Record<string, T>> | undefined {
  if (headers === undefined) return undefined;
  if (headers === null || typeof headers !== "object" || Array.isArray(headers))
    return fail(where, option, `must be an object of header names and values, not ${show(headers)}`);
  for (const [name, value] of Object.entries(headers)) {
    if (!TOKEN.test(name)) fail(where, `${option}.${name}`, "is not a valid header name");
    if (value === null) continue;
    if (typeof value !== "string")
      fail(
        where,
        `${option}.${name}`,
        `must be a string${option === "headers" ? " (or null, per call, to remove it)" : ""}, not ${show(value)}`,
      );
    if (!VALUE.test(value as string)) fail(where, `${option}.${name}`, UNSENDABLE);
  }
  return headers as Readonly<Record<string, T>>;
}

/** One header value given on its own (`idempotencyKey`): a string a header can carry, as it is. */
export function checkHeaderValue(value: unknown, where: string, option: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "string") fail(where, option, `must be a string, not ${show(value)}`);
  if (!VALUE.test(value as string)) fail(where, option, UNSENDABLE);
  return value as string;
}

export function checkSignal(signal: unknown, where: string): AbortSignal | undefined {
  if (signal === undefined) return undefined;
  if (typeof AbortSignal === "undefined" || !(signal instanceof AbortSignal))
    fail(where, "signal", `must be an AbortSignal, not ${show(signal)}`);
  return signal as AbortSignal;
}

export function checkFunction<F>(value: unknown, where: string, option: string): F | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "function") fail(where, option, `must be a function, not ${show(value)}`);
  return value as F;
}

/** A list of openapi-fetch middleware (each an object of hooks, which openapi-fetch checks as it runs them). */
export function checkMiddleware(value: unknown, where: string): readonly Middleware[] | undefined {
  if (value !== undefined && !Array.isArray(value)) fail(where, "middleware", `must be a list of middleware, not ${show(value)}`);
  return value as readonly Middleware[] | undefined;
}

/** The checks `validate` turns on: `validators` choose them (and refuse a value they do not know); none without them. */
export function checkValidation(validate: unknown, validators: Validators | undefined, where: string): ActiveChecks | undefined {
  if (validators) return validators.select(validate, where);
  if (validate !== undefined && validate !== "off") fail(where, "validate", "needs `validators`, from the generated validators.js");
  return undefined;
}

// The values fetch defines for each, space-separated, or the type it takes (cache "only-if-cached" needs a
// same-origin mode, which no call has: fetch would throw, after the call had begun).
const FETCH_OPTIONS: Record<keyof FetchOptions, string> = {
  cache: "default force-cache no-cache no-store reload",
  credentials: "include omit same-origin",
  keepalive: "boolean",
  priority: "auto high low",
  next: "object",
};

/** A call's `FetchOptions`, each checked, or undefined when it gives none (no object for the usual call). */
export function checkFetchOptions(options: Readonly<Record<string, unknown>>, where: string): FetchOptions | undefined {
  let init: Record<string, unknown> | undefined;
  for (const key in FETCH_OPTIONS) {
    const value = options[key];
    if (value === undefined) continue;
    const allowed = FETCH_OPTIONS[key as keyof FetchOptions];
    const values = allowed.split(" ");
    if (values.length > 1 ? !values.includes(value as string) : typeof value !== allowed || value === null)
      fail(
        where,
        key,
        `must be ${values.length > 1 ? `one of ${allowed}` : allowed === "object" ? "an object" : "true or false"}, not ${show(value)}`,
      );
    (init ??= {})[key] = value;
  }
  return init;
}
