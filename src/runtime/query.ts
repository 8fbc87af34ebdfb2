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
 * its parameters, then the params object. A path value left out ends the key there, so that a key
 * made from some params only (`getPetKey({})`) is the prefix of every key made from more.
 */
export function queryKey(path: readonly unknown[], params: object | undefined): unknown[] {
  const missing = path.indexOf(undefined);
  return missing === -1 ? [...path, params ?? {}] : path.slice(0, missing);
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
  invalidateQueries(filters: { queryKey: readonly unknown[] }): Promise<void>;
}

/**
 * Invalidates what `table` says the mutation makes stale, every key a prefix (TanStack's
 * matching), all at once; resolves when the active queries among them have refetched.
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
  await Promise.all(keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
}
