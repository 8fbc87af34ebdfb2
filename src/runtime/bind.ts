import type { Client, RequestOptions, WithResponse } from "./client.js";

/** What a call resolves to: the data, the data with its response, or the response with its body unread. */
export type CallMode = "data" | "withResponse" | "response";

const modeFlag = Symbol("mode");

/** The mode `withResponse` and `asResponse` ask for, carried in the options object. */
export const callMode = (options: RequestOptions): CallMode => (options as { [modeFlag]?: CallMode })[modeFlag] ?? "data";

/** A method of the client: the generated function with the client bound. */
export interface BoundOperation<A extends unknown[], R> {
  (...args: A): Promise<R>;
  /** The same call, resolving to the data with its response and request id. */
  withResponse(...args: A): Promise<WithResponse<R>>;
  /**
   * The same call, resolving to the response of a 2xx answer with its body unread (to stream a
   * download, or read it your way); any other answer rejects as usual. The body keeps the call's
   * idle timeout and signal until it is read or cancelled.
   */
  asResponse(...args: A): Promise<Response>;
}

/**
 * A method of an operation that answers JSON or a stream: its three signatures (`stream: true`,
 * `stream: false` or absent, and a value known only at run time), each with its `withResponse`.
 */
export interface BoundStreamingOperation<A1 extends unknown[], R1, A2 extends unknown[], R2, A3 extends unknown[], R3> {
  (...args: A1): Promise<R1>;
  (...args: A2): Promise<R2>;
  (...args: A3): Promise<R3>;
  withResponse(...args: A1): Promise<WithResponse<R1>>;
  withResponse(...args: A2): Promise<WithResponse<R2>>;
  withResponse(...args: A3): Promise<WithResponse<R3>>;
  asResponse(...args: A3): Promise<Response>;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// Inferring from three signatures keeps the three overloads of a streaming operation; a function
// with one signature gives the same one three times, and is bound as one.
type Method<F> = F extends {
  (client: Client, ...args: infer A1): Promise<infer R1>;
  (client: Client, ...args: infer A2): Promise<infer R2>;
  (client: Client, ...args: infer A3): Promise<infer R3>;
}
  ? Same<A1, A3> extends true
    ? BoundOperation<A3, R3>
    : BoundStreamingOperation<A1, R1, A2, R2, A3, R3>
  : never;

/** One method per operation, with the generated function's parameters, result and docs, and its `.withResponse` and `.asResponse`. */
export type Operations<T> = { readonly [K in keyof T]: Method<T[K]> } & Client;

type Operation = (client: Client, params?: any, options?: RequestOptions) => Promise<unknown>;
const callAs = (mode: CallMode, operation: Operation, client: Client, params?: object, options?: RequestOptions) =>
  operation(client, params, { ...options, [modeFlag]: mode } as RequestOptions);

/** A generated function that resolves to `{ data, response, requestId }` instead: `withResponse(cancelUpload)(client, params)`. */
export function withResponse<A extends [params?: any, options?: RequestOptions | undefined], R>(
  operation: (client: Client, ...args: A) => Promise<R>,
): (client: Client, ...args: A) => Promise<WithResponse<R>> {
  return ((client: Client, params?: object, options?: RequestOptions) =>
    callAs("withResponse", operation as Operation, client, params, options)) as never;
}

/** A generated function that resolves to the 2xx response with its body unread instead: `asResponse(downloadFile)(client, params)`. */
export function asResponse<A extends [params?: any, options?: RequestOptions | undefined]>(
  operation: (client: Client, ...args: A) => Promise<unknown>,
): (client: Client, ...args: A) => Promise<Response> {
  return ((client: Client, params?: object, options?: RequestOptions) =>
    callAs("response", operation as Operation, client, params, options)) as never;
}

/** The object `createClient` returns: every operation bound to one configured client, as a method. */
export function bindOperations<T extends object>(operations: T, base: Client): Operations<T> {
  const client = Object.create(base) as Client & Record<string, unknown>;
  for (const [name, fn] of Object.entries(operations)) {
    if (typeof fn !== "function") continue;
    const method = (params?: object, options?: RequestOptions) => fn(client, params, options);
    method.withResponse = (params?: object, options?: RequestOptions) => callAs("withResponse", fn, client, params, options);
    method.asResponse = (params?: object, options?: RequestOptions) => callAs("response", fn, client, params, options);
    client[name] = method;
  }
  return client as unknown as Operations<T>;
}
