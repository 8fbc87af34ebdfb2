import { InvalidResponseError } from "./errors.js";
import type { ResponseKind } from "./spec.js";

/** Reads a 2xx body as the operation's response kind says; a failure here belongs to the attempt (a connection error or a timeout). */
export function readBody(response: Response, kind: ResponseKind): Promise<unknown> | unknown {
  return kind === "stream" ? response.body : kind === "blob" ? response.blob() : response.text();
}

/** What the call resolves to: the data, parsed, and when asked, with its response. */
export function finish(response: Response, payload: unknown, kind: ResponseKind, method: string, operation: string, withResponse: boolean | undefined): never {
  let data = kind === "none" ? undefined : payload;
  if (kind === "json") {
    const empty = response.status === 204 || response.status === 205 || method === "HEAD";
    try {
      data = empty ? undefined : JSON.parse(payload as string);
    } catch (cause) {
      throw new InvalidResponseError(response.status, payload as string, response.headers, operation, cause);
    }
  }
  return (withResponse ? { data, response, requestId: response.headers.get("x-request-id") ?? undefined } : data) as never;
}
