// What the generated `query.js` ("query": "tanstack") shares: the keys, pages, streams and
// invalidation of TanStack Query's option objects. Nothing here imports TanStack Query: its types
// are in `query.d.ts`, and this module is copied into a folder only when the setting asks for it.
import { withMode } from "./bind.js";
import type { Client, RequestOptions, WithResponse } from "./client.js";
import { InvalidParameterError, InvalidResponseError } from "./errors.js";
import type { PageParam, QueryPage } from "./pages.js";
import { Stream } from "./stream.js";

export { pageOf } from "./pages.js";
export type { PageParam, QueryPage };

/**
 * A query key, `[api, ...path, params]`: the path's segments with the params' values in place of
 * its parameters, then the params object. A value left out stays `undefined` there: as a filter
 * (`invalidate` below), that place matches any value.
 */
export function keyOf(path: readonly unknown[], params: object | undefined): unknown[] {
  return [...path, params ?? {}];
}

/** A query's data: TanStack Query refuses `undefined` (an answer without content, a HEAD's), so that is `null`. */
export async function dataOf<T>(answer: Promise<T>): Promise<Exclude<T, undefined> | null> {
  const data = await answer;
  return data === undefined ? null : (data as Exclude<T, undefined>);
}

/**
 * `getNextPageParam` of every infinite query: what the last page says asks for the next one. A
 * page param the pages already used ends them: a server that repeats a cursor would otherwise make
 * them go round forever (`.pages` throws there; a query cannot throw from this function).
 */
export function nextPageParam(
  last: QueryPage<unknown, unknown>,
  _pages: unknown,
  _lastParam: PageParam,
  params: readonly PageParam[],
): PageParam | undefined {
  return last.next === null || params.includes(last.next) ? undefined : last.next;
}

/** A `select` for infinite queries: every page's items, in order (`select: allItems`). */
export function allItems<I>(data: { readonly pages: ReadonlyArray<{ readonly items: readonly I[] }> }): I[] {
  return data.pages.flatMap((page) => page.items);
}

type Call = (client: Client, params?: object, options?: RequestOptions) => Promise<unknown>;

/**
 * The stream a streamed query reads: the call, with the body's `toggle` (OpenAI's `stream`) set
 * when the operation answers JSON unless asked for a stream. A JSON answer is an
 * `InvalidResponseError`: a streamed query cannot hold one.
 */
export async function streamOf(
  operation: Call,
  client: Client,
  params: object | undefined,
  toggle: string | undefined,
  options?: RequestOptions,
): Promise<AsyncIterable<unknown>> {
  const asked = toggle === undefined ? params : { ...params, body: { ...(params as { body?: object } | undefined)?.body, [toggle]: true } };
  const { data, response } = (await operation(client, asked, withMode(options, "withResponse"))) as WithResponse<unknown, unknown>;
  if (data instanceof Stream) return data;
  const type = response.headers.get("content-type") ?? "no content type";
  throw new InvalidResponseError(response.status, "", response.headers, operation.name, undefined, `is ${type}, not a stream`);
}

type Keys = (variables: Record<string, unknown>) => ReadonlyArray<readonly unknown[]>;

/** What `invalidateQueries` needs of a `QueryClient`. */
interface Invalidating {
  invalidateQueries(filters: {
    queryKey: readonly unknown[];
    predicate?: (query: { queryKey: readonly unknown[] }) => boolean;
  }): Promise<void>;
}

/**
 * Invalidates what `table` says the mutation makes stale, all at once; resolves when the active
 * queries among them have refetched. Each key is a filter as TanStack matches one (a prefix, an
 * object matching any object with those members), where `undefined` stands for any path value.
 */
export async function invalidate(
  table: Readonly<Record<string, Keys>>,
  queryClient: Invalidating,
  mutation: string,
  variables: object | undefined,
): Promise<void> {
  if (!Object.hasOwn(table, mutation))
    throw new InvalidParameterError("invalidatesAfter", "mutation", `is not a mutation of this API: "${mutation}"`);
  const keys = table[mutation]!((variables ?? {}) as Record<string, unknown>);
  await Promise.all(
    keys.map((key) => {
      const any = key.indexOf(undefined);
      if (any === -1) return queryClient.invalidateQueries({ queryKey: key });
      return queryClient.invalidateQueries({ queryKey: key.slice(0, any), predicate: (query) => matchesKey(query.queryKey, key) });
    }),
  );
}

/** Whether `queryKey` starts as `filter` says: `undefined` any path value (never an object), an object any object with its members. */
export function matchesKey(queryKey: readonly unknown[], filter: readonly unknown[]): boolean {
  return filter.every((want, i) => {
    const got = queryKey[i];
    return want === undefined ? got !== undefined && (got === null || typeof got !== "object") : partial(got, want);
  });
}

function partial(got: unknown, want: unknown): boolean {
  if (got === want) return true;
  if (want === null || typeof want !== "object" || got === null || typeof got !== "object") return false;
  return Object.keys(want).every((k) => partial((got as Record<string, unknown>)[k], (want as Record<string, unknown>)[k]));
}
