import { serializeBody } from "./body.js";
import { InvalidParameterError } from "./errors.js";
import { ParameterProblem, serializeParams } from "./params.js";
import { checkPathType } from "./path-types.js";
import type { OperationSpec } from "./spec.js";
import type { RequestBody } from "./web-types.js";

/** One call's request as the caller's values make it, built once and sent by every attempt. */
export interface BuiltRequest {
  /** The path with its parameters in place. */
  path: string;
  /** The query string, without `?`. */
  query: string;
  /** Lower-case header names. */
  headers: Record<string, string>;
  /** The Cookie header's pairs. */
  cookie: string;
  body: RequestBody | undefined;
}

// Header names are case-insensitive; the runtime keeps them lower-case so that one never shadows another.
const lower = (headers: Readonly<Record<string, string>>) => {
  const out: Record<string, string> = Object.create(null);
  for (const name of Object.keys(headers)) out[name.toLowerCase()] = headers[name]!;
  return out;
};

/**
 * build: the caller's values, serialised as the document says. Everything that can be wrong with
 * them is found here, before anything is sent, and is an `InvalidParameterError` naming the value:
 * never a connection error, never retried.
 */
export function buildRequest(spec: OperationSpec, operation: string, params: object | undefined): BuiltRequest {
  const values = (params ?? {}) as Record<string, unknown>;
  try {
    const specs = spec.params ?? {};
    for (const key of Object.keys(specs)) {
      const declared = specs[key]!.type;
      if (declared && Object.hasOwn(values, key)) checkPathType(key, values[key], declared);
    }
    const serialized = serializeParams(spec.path, specs, values, spec.styles);
    const headers = lower(serialized.headers);
    if (spec.accept) headers.accept = spec.accept;
    let body: RequestBody | undefined;
    if (spec.body !== undefined && Object.hasOwn(values, "body") && values.body !== undefined) {
      const mediaType = chosenType(spec, values);
      const out = serializeBody(mediaType, values.body, mediaType === spec.body ? spec.encoding : undefined, spec.forms, spec.styles);
      body = out.body;
      if (out.contentType !== undefined) headers["content-type"] = out.contentType;
    }
    return { path: serialized.path, query: serialized.query, headers, cookie: serialized.cookie, body };
  } catch (error) {
    if (error instanceof ParameterProblem) throw new InvalidParameterError(operation, error.parameter, error.reason);
    throw error;
  }
}

/** The media type the caller chose with `contentType`, among those the document declares. */
function chosenType(spec: OperationSpec, values: Record<string, unknown>): string {
  const chosen = spec.bodyTypes && Object.hasOwn(values, "contentType") ? values.contentType : undefined;
  if (chosen === undefined) return spec.body!;
  if (typeof chosen !== "string" || !spec.bodyTypes!.includes(chosen)) {
    throw new ParameterProblem("contentType", `must be one of ${spec.bodyTypes!.map((t) => JSON.stringify(t)).join(", ")}`);
  }
  return chosen;
}

/** A fresh idempotency key: one per call, reused by each of its retries. */
export function idempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
