import type { Client, RequestOptions, WithResponse } from "./client.js";

/** Set by `withResponse`: `send` then resolves to the data with its response. */
export const withResponseFlag = Symbol("withResponse");

/** A method of the client: the generated function with the client bound. */
export interface BoundOperation<A extends unknown[], R> {
  (...args: A): Promise<R>;
  /** The same call, resolving to the data with its response and request id. */
  withResponse(...args: A): Promise<WithResponse<R>>;
}

type Method<F> = F extends (client: Client, ...args: infer A) => Promise<infer R> ? BoundOperation<A, R> : never;

/** One method per operation, with the generated function's parameters, result and docs, and its `.withResponse`. */
export type Operations<T> = { readonly [K in keyof T]: Method<T[K]> } & Client;

type Operation = (client: Client, params?: any, options?: RequestOptions) => Promise<unknown>;
const callWithResponse = (operation: Operation, client: Client, params?: object, options?: RequestOptions) =>
  operation(client, params, { ...options, [withResponseFlag]: true } as RequestOptions);

/** A generated function that resolves to `{ data, response, requestId }` instead: `withResponse(cancelUpload)(client, params)`. */
export function withResponse<A extends [params?: any, options?: RequestOptions | undefined], R>(
  operation: (client: Client, ...args: A) => Promise<R>,
): (client: Client, ...args: A) => Promise<WithResponse<R>> {
  return ((client: Client, params?: object, options?: RequestOptions) => callWithResponse(operation as Operation, client, params, options)) as never;
}

/** The object `createClient` returns: every operation bound to one configured client, as a method. */
export function bindOperations<T extends object>(operations: T, base: Client): Operations<T> {
  const client = Object.create(base) as Client & Record<string, unknown>;
  for (const [name, fn] of Object.entries(operations)) {
    if (typeof fn !== "function") continue;
    const method = (params?: object, options?: RequestOptions) => fn(client, params, options);
    method.withResponse = (params?: object, options?: RequestOptions) => callWithResponse(fn, client, params, options);
    client[name] = method;
  }
  return client as unknown as Operations<T>;
}
