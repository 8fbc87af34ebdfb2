// Lists the client follows page by page: a generated operation made by `paginated` is the call, with
// `.pages` (an async iterator over each page) and `.all` (over every item). Pages are fetched one at
// a time, when the one before is used up, through the same `send` as any call: credentials, retries,
// timeouts and errors are a call's. Each page's call gets the caller's options (signal included).
//
// The pages end on the API's own signal: `has_more` (or its like) false, no next cursor or URL, or,
// for offsets and page numbers, an empty page (or a total reached, or a page shorter than a page
// size the caller asked for, when the document says so). A server that answers a cursor or URL it
// has already answered in this iteration, a next page that would send a request already sent (a
// next-page URL without a query, since only its query is followed), or an offset or page number it
// ignores (the same items again) would make it go round forever: that is an `InvalidResponseError`,
// raised before any item is given twice, never a silent end that would hide the items it skipped.
import { withMode } from "./bind.js";
import type { Client, NoHeaders, RequestOptions, WithResponse } from "./client.js";
import { InvalidResponseError } from "./errors.js";
import { send } from "./send.js";
import type { OperationSpec, PaginationSpec, ParameterSpec, PathStep } from "./spec.js";

/** One page: what `withResponse` gives for it, and its items. */
export interface Page<T, I, H = NoHeaders> extends WithResponse<T, H> {
  readonly items: I[];
}

type Call = (client: Client, params?: object, options?: RequestOptions) => Promise<never>;

/** A generated operation that pages (its types are in the operations' declarations). */
export interface Paginated extends Call {
  pages(client: Client, params?: object, options?: RequestOptions): AsyncIterable<Page<unknown, unknown, unknown>>;
  all(client: Client, params?: object, options?: RequestOptions): AsyncIterable<unknown>;
}

type PaginatedSpec = OperationSpec & { readonly pagination: PaginationSpec };

/** Each paginated operation's spec, for `pageOf` (an infinite query asks for one page at a time). */
const specs = new WeakMap<Paginated, PaginatedSpec>();

/** The generated function of an operation whose pages the client follows. */
export function paginated(spec: PaginatedSpec): Paginated {
  const call = ((client: Client, params?: object, options?: RequestOptions) => send(client, spec, params, options)) as Paginated;
  if (spec.operation !== undefined) Object.defineProperty(call, "name", { value: spec.operation });
  call.pages = (client, params, options) => pagesOf(client, spec, spec.pagination, params, options);
  call.all = (client, params, options) => itemsOf(pagesOf(client, spec, spec.pagination, params, options));
  specs.set(call, spec);
  return call;
}

/**
 * What asks for one page, serialisable (TanStack Query keeps it with the pages): the value of the
 * cursor, offset or page-number parameter, or the next page's URL (`url` and `link` styles); `null`
 * for the first page, as the caller's params ask for it.
 */
export type PageParam = string | number | null;

/** One page of a list as an infinite query holds it: the body, its items, and what asks for the page after it (`null` on the last). */
export interface QueryPage<T, I> {
  readonly data: T;
  readonly items: I[];
  readonly next: PageParam;
}

/**
 * The page `pageParam` asks for, and the page param of the next one, by the rules `.pages` follows
 * (they share `nextRequest`): one call, with the caller's options (signal included).
 */
export async function pageOf(
  operation: Paginated,
  client: Client,
  params: object | undefined,
  pageParam: PageParam,
  options?: RequestOptions,
): Promise<QueryPage<unknown, unknown>> {
  const spec = specs.get(operation);
  if (!spec) throw new TypeError(`${operation.name || "this function"} is not a paginated operation of a generated client`);
  const how = spec.pagination;
  const byUrl = how.style === "url" || how.style === "link";
  let request: Request = { spec, params: { ...params } };
  if (pageParam !== null)
    request = byUrl ? fromUrl(request, String(pageParam)) : { spec, params: withValue(request.params, how.param!, pageParam) };
  const page = (await send(client, request.spec, request.params, withMode(options, "withResponse"))) as WithResponse<unknown, unknown>;
  const items = itemsIn(how, page, spec);
  const next = nextRequest(how, request, page, items, operationName(spec));
  const param = next === undefined ? null : byUrl ? next.seen! : valueAt(next.params, how.param!);
  return { data: page.data, items, next: typeof param === "string" || typeof param === "number" ? param : null };
}

/**
 * Every item of every page. Written out rather than as `yield*` in an async generator, which costs
 * several times more per item (about 1 µs: 8% of the time to page through OpenAI-sized lists on
 * loopback). Calls of `next` made before the one before has settled wait their turn; stopping the
 * loop early (`break`) ends the pages, with no request left to make.
 */
function itemsOf<I>(pages: AsyncGenerator<Page<unknown, I, unknown>, void, undefined>): AsyncIterableIterator<I> {
  let items: I[] = [];
  let at = 0;
  let waiting = 0;
  let queue: Promise<unknown> = Promise.resolve();
  const pull = async (): Promise<IteratorResult<I, undefined>> => {
    while (at >= items.length) {
      const next = await pages.next();
      if (next.done) return { value: undefined, done: true };
      items = next.value.items;
      at = 0;
    }
    return { value: items[at++]!, done: false };
  };
  const iterator: AsyncIterableIterator<I> = {
    [Symbol.asyncIterator]: () => iterator,
    next() {
      if (waiting === 0 && at < items.length) return Promise.resolve({ value: items[at++]!, done: false });
      waiting++;
      const result = queue.then(pull).finally(() => waiting--);
      queue = result.catch(() => {});
      return result;
    },
    async return() {
      await pages.return();
      return { value: undefined, done: true };
    },
  };
  return iterator;
}

type Params = Record<string, unknown>;

/** The next request: its spec (a next URL brings query parameters of its own) and params; `seen` the server's continuation, if it gave one. */
interface Request {
  spec: OperationSpec;
  params: Params;
  seen?: string;
}

async function* pagesOf(
  client: Client,
  spec: OperationSpec,
  how: PaginationSpec,
  params: object | undefined,
  options: RequestOptions | undefined,
): AsyncGenerator<Page<unknown, unknown, unknown>, void, undefined> {
  let request: Request = { spec, params: { ...params } };
  const operation = operationName(spec);
  const seen = new Set<string>();
  const first = how.style === "cursor" ? valueAt(request.params, how.param!) : undefined;
  if (typeof first === "string" || typeof first === "number") seen.add(String(first));
  const asked = withMode(options, "withResponse");
  // Every request made, as what it sends: a next page that would ask for one of them again is a loop.
  const sent = new Set<string>([requestKey(request)]);
  let previous: unknown[] = [];
  for (;;) {
    const page = (await send(client, request.spec, request.params, asked)) as WithResponse<unknown, unknown>;
    const items = itemsIn(how, page, spec);
    // A server that ignores the offset or page number answers the same page for each: caught before it is given twice.
    if ((how.style === "offset" || how.style === "page") && sameItems(previous, items)) {
      const param = how.param!.join(".");
      throw invalid(
        page.response,
        operation,
        `repeats the items of the page before although ${param} changed: the server ignores ${param}, and the pages stop rather than go round forever`,
      );
    }
    yield Object.assign(page, { items });
    previous = items;
    const next = nextRequest(how, request, page, items, operation);
    if (!next) return;
    if (next.seen !== undefined) {
      if (seen.has(next.seen)) {
        const what = how.style === "cursor" ? `the cursor ${JSON.stringify(next.seen)}` : `the next-page URL ${next.seen}`;
        throw invalid(page.response, operation, `repeats ${what} of an earlier page: the pages stop rather than go round forever`);
      }
      seen.add(next.seen);
    }
    const key = requestKey(next);
    if (sent.has(key)) {
      const what = next.seen !== undefined && how.style !== "cursor" ? `the next-page URL ${next.seen}` : "the next page";
      throw invalid(
        page.response,
        operation,
        `names in ${what} a page already fetched (only a URL's query is followed): the pages stop rather than give its items twice`,
      );
    }
    sent.add(key);
    request = next;
  }
}

function parseUrl(url: string): URL | undefined {
  try {
    return new URL(url, "http://base.invalid");
  } catch {
    return undefined;
  }
}

/** What a request sends, as text: each parameter's place, name and value (a number and its text alike). */
function requestKey(request: Request): string {
  const specs = request.spec.params ?? {};
  const entries = Object.keys(request.params).map((key) => {
    const value = request.params[key];
    return [specs[key]?.in ?? "body", specs[key]?.name ?? key, typeof value === "object" ? safeJson(value) : String(value)];
  });
  return safeJson(entries.sort((a, b) => (a.join("\0") < b.join("\0") ? -1 : 1)));
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value) ?? "";
  } catch {
    return String(Math.random()); // not comparable (a BigInt): never equal, so never a false loop
  }
}

/** Whether two pages hold the same items: the ends first, which differ between real pages, then all. */
function sameItems(a: readonly unknown[], b: readonly unknown[]): boolean {
  if (a.length === 0 || a.length !== b.length) return false;
  if (safeJson(a[0]) !== safeJson(b[0]) || safeJson(a[a.length - 1]) !== safeJson(b[b.length - 1])) return false;
  return safeJson(a) === safeJson(b);
}

/** The page's items: the list at `how.items`; an answer without one is an `InvalidResponseError`. */
function itemsIn(how: PaginationSpec, page: WithResponse<unknown, unknown>, spec: OperationSpec): unknown[] {
  const items = valueAt(page.data, how.items) ?? [];
  if (!Array.isArray(items)) throw invalid(page.response, operationName(spec), `holds no list at ${pathText(how.items)}`);
  return items;
}

const operationName = (spec: OperationSpec) => spec.operation ?? `${spec.method} ${spec.path}`;

const invalid = (response: Response, operation: string, reason: string) =>
  new InvalidResponseError(response.status, "", response.headers, operation, undefined, reason);

/** The request for the page after `page`, or undefined when the API says there is none. */
function nextRequest(
  how: PaginationSpec,
  request: Request,
  page: WithResponse<unknown, unknown>,
  items: unknown[],
  operation: string,
): Request | undefined {
  const data = page.data;
  if (how.hasMore && valueAt(data, how.hasMore) === false) return undefined;
  if (how.isLast && valueAt(data, how.isLast) === true) return undefined;
  switch (how.style) {
    case "cursor": {
      const cursor = valueAt(data, how.next!);
      if ((typeof cursor !== "string" && typeof cursor !== "number") || cursor === "") return undefined;
      return { spec: request.spec, params: withValue(request.params, how.param!, cursor), seen: String(cursor) };
    }
    case "url":
    case "link": {
      const url = how.style === "url" ? valueAt(data, how.next!) : nextLink(page.response.headers.get("link"));
      if (typeof url !== "string" || url === "") return undefined;
      // Only the query is followed: a `javascript:` URL, or one without a query (a URL that pages by
      // its path), would ask for the first page again.
      const parsed = parseUrl(url);
      if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:") || parsed.search === "")
        throw invalid(
          page.response,
          operation,
          `gives a next-page URL the client cannot follow (${url}): it follows an http(s) URL's query, and this one has none`,
        );
      return { ...fromUrl(request, url), seen: url };
    }
    default: {
      if (items.length === 0) return undefined;
      // An API that sends Link headers says where the last page is: one without rel="next" (GitHub, Gitea, Netlify).
      const link = page.response.headers.get("link");
      if (link && nextLink(link) === undefined && /rel\s*=\s*"?[^"]*\b(prev|first|last)\b/i.test(link)) return undefined;
      const size = how.limit === undefined ? undefined : request.params[how.limit];
      if (typeof size === "number" && items.length < size) return undefined;
      const total = how.total ? valueAt(data, how.total) : undefined;
      const current = valueAt(request.params, how.param!);
      if (how.style === "offset") {
        const offset = (current == null ? 0 : Number(current)) + items.length;
        if (typeof total === "number" && offset >= total) return undefined;
        return { spec: request.spec, params: withValue(request.params, how.param!, offset) };
      }
      const first = how.firstPage ?? 1;
      const number = current == null ? first : Number(current);
      if (typeof total === "number" && number >= first + total - 1) return undefined;
      return { spec: request.spec, params: withValue(request.params, how.param!, number + 1) };
    }
  }
}

/** The value at `path` (an index counts from the end when negative); undefined when there is none. */
function valueAt(value: unknown, path: readonly PathStep[]): unknown {
  let current = value;
  for (const step of path) {
    if (typeof step === "number") current = Array.isArray(current) ? current[step < 0 ? current.length + step : step] : undefined;
    else current = current !== null && typeof current === "object" && Object.hasOwn(current, step) ? (current as Params)[step] : undefined;
  }
  return current;
}

/** A copy of `params` with `value` at `path` (a params field, or a property of the body). */
function withValue(params: Params, path: readonly PathStep[], value: unknown): Params {
  const [step, ...rest] = path as readonly string[];
  const inner = params[step!];
  const next = rest.length === 0 ? value : withValue(inner !== null && typeof inner === "object" ? (inner as Params) : {}, rest, value);
  return { ...params, [step!]: next };
}

/**
 * The request for a next page's URL: the operation's own path (its path parameters as the caller
 * gave them) with the URL's query instead of the caller's query parameters. Only the query is
 * read: the request goes where the client sends every request, so credentials never follow a host
 * the server named (GitHub names `/repositories/{id}/…` for `/repos/{owner}/{repo}/…`: the same list).
 */
function fromUrl(request: Request, url: string): Request {
  const query = new URL(url, "http://base.invalid").searchParams;
  const specs: Record<string, ParameterSpec> = {};
  const params: Params = {};
  const declared = request.spec.params ?? {};
  for (const key of Object.keys(request.params)) if (declared[key]?.in !== "query") params[key] = request.params[key];
  for (const key of Object.keys(declared)) if (declared[key]!.in !== "query") specs[key] = declared[key]!;
  const names = new Set<string>();
  query.forEach((_, name) => names.add(name));
  for (const name of names) {
    // A key no params field can have: `?` starts no identifier, and the document's keys are kept apart.
    const values = query.getAll(name);
    specs[`?${name}`] = { in: "query", name };
    params[`?${name}`] = values.length === 1 ? values[0] : values;
  }
  return { spec: { ...request.spec, params: specs }, params };
}

/** The URL of the Link header's `rel="next"` (RFC 8288), undefined when it has none. */
export function nextLink(header: string | null): string | undefined {
  if (!header) return undefined;
  for (const [, url, attributes] of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,=\s]+\s*(?:=\s*(?:"[^"]*"|[^;,]*))?)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]*))/i.exec(attributes!);
    if (rel && (rel[1] ?? rel[2])!.toLowerCase().split(/\s+/).includes("next")) return url;
  }
  return undefined;
}

const pathText = (path: readonly PathStep[]) => "$" + path.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("");
