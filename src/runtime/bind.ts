import type { Client, HeadersOf, NoHeaders, RequestOptions, WithResponse } from "./client.js";
import type { Page, Paginated } from "./pages.js";

/** What a call resolves to: the data, the data with its response, or the response with its body unread. */
export type CallMode = "data" | "withResponse" | "response";

const modeFlag = Symbol("mode");

/** The mode `withResponse` and `asResponse` ask for, carried in the options object. */
export const callMode = (options: RequestOptions): CallMode => (options as { [modeFlag]?: CallMode })[modeFlag] ?? "data";

/** The caller's options, asking for `mode`. */
export const withMode = (options: RequestOptions | undefined, mode: CallMode): RequestOptions =>
  ({ ...options, [modeFlag]: mode }) as RequestOptions;

/** A method of the client: the generated function with the client bound. */
export interface BoundOperation<A extends unknown[], R, H = NoHeaders> {
  (...args: A): Promise<R>;
  /** The same call, resolving to the data with its response, request id and declared headers. */
  withResponse(...args: A): Promise<WithResponse<R, H>>;
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
export interface BoundStreamingOperation<A1 extends unknown[], R1, A2 extends unknown[], R2, A3 extends unknown[], R3, H = NoHeaders> {
  (...args: A1): Promise<R1>;
  (...args: A2): Promise<R2>;
  (...args: A3): Promise<R3>;
  withResponse(...args: A1): Promise<WithResponse<R1, H>>;
  withResponse(...args: A2): Promise<WithResponse<R2, H>>;
  withResponse(...args: A3): Promise<WithResponse<R3, H>>;
  asResponse(...args: A3): Promise<Response>;
}

/** A method of a list the client pages through: the call, and iterators over every item and over each page. */
export interface BoundPaginatedOperation<A extends unknown[], R, I, H = NoHeaders> extends BoundOperation<A, R, H> {
  /** Every item of every page, each page fetched when the items before it are used up. */
  all(...args: A): AsyncIterable<I>;
  /** Each page: its data, its `items`, and its response and headers. */
  pages(...args: A): AsyncIterable<Page<R, I, H>>;
}

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

// The declared response headers a generated function's result carries (see `ApiPromise`).
type HeadersOfFunction<F> = F extends (...args: any) => infer P ? HeadersOf<P> : NoHeaders;

// Inferring from three signatures keeps the three overloads of a streaming operation; a function
// with one signature gives the same one three times, and is bound as one.
type Method<F> = F extends {
  all(client: Client, ...args: infer A): AsyncIterable<infer I>;
  (client: Client, ...args: any): Promise<infer R>;
}
  ? BoundPaginatedOperation<A, R, I, HeadersOfFunction<F>>
  : F extends {
        (client: Client, ...args: infer A1): Promise<infer R1>;
        (client: Client, ...args: infer A2): Promise<infer R2>;
        (client: Client, ...args: infer A3): Promise<infer R3>;
      }
    ? Same<A1, A3> extends true
      ? BoundOperation<A3, R3, HeadersOfFunction<F>>
      : BoundStreamingOperation<A1, R1, A2, R2, A3, R3, HeadersOfFunction<F>>
    : never;

/**
 * One method per operation, with the generated function's parameters, result and docs, and its
 * `.withResponse` and `.asResponse` (and `.all` and `.pages` for a list the client pages through).
 */
export type Operations<T> = { readonly [K in keyof T]: Method<T[K]> } & Client;

type Operation = (client: Client, params?: any, options?: RequestOptions) => Promise<unknown>;
const callAs = (mode: CallMode, operation: Operation, client: Client, params?: object, options?: RequestOptions) =>
  operation(client, params, withMode(options, mode));

/** A generated function that resolves to `{ data, response, requestId, headers }` instead: `withResponse(cancelUpload)(client, params)`. */
export function withResponse<A extends [params?: any, options?: RequestOptions | undefined], P extends Promise<unknown>>(
  operation: (client: Client, ...args: A) => P,
): (client: Client, ...args: A) => Promise<WithResponse<Awaited<P>, HeadersOf<P>>> {
  return ((client: Client, params?: object, options?: RequestOptions) =>
    callAs("withResponse", operation as unknown as Operation, client, params, options)) as never;
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
    if ("pages" in fn) {
      const paged = fn as unknown as Paginated;
      Object.assign(method, {
        all: (params?: object, options?: RequestOptions) => paged.all(client, params, options),
        pages: (params?: object, options?: RequestOptions) => paged.pages(client, params, options),
      });
    }
    client[name] = method;
  }
  return client as unknown as Operations<T>;
}
