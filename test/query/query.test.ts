// generated/petshop/query.js with the real TanStack Query (@tanstack/query-core: QueryClient,
// QueryObserver, InfiniteQueryObserver, MutationObserver, streamedQuery) against the pet shop on a
// local server: queries typed, pages walked in every style the document declares, streams
// accumulated, requests aborted when the last observer leaves, and a mutation's invalidations
// refetching exactly the queries the document says it changed.
import {
  type InfiniteData,
  InfiniteQueryObserver,
  type InfiniteQueryObserverResult,
  MutationObserver,
  QueryClient,
  QueryObserver,
  type QueryObserverResult,
} from "@tanstack/query-core";
import {
  type ChatEvent,
  type ChatResult,
  createClient,
  type GetPetError,
  InvalidParameterError,
  type ListPetsItem,
  NotFoundError,
  type Stream,
  type GetPetResult,
  type UpdatePetResult,
  type WatchPetEvent,
} from "../../generated/petshop/index.js";
import {
  allItems,
  chatMutation,
  chatStreamOptions,
  checkPetKey,
  checkPetOptions,
  createAdoptionMutation,
  createPetMutation,
  deletePetMutation,
  feedPetMutation,
  getOwnerOptions,
  getPetKey,
  getPetOptions,
  getStatsOptions,
  invalidatesAfter,
  invalidations,
  listOwnersInfiniteOptions,
  listOwnersOptions,
  listPetPhotosInfiniteOptions,
  listPetPhotosOptions,
  listPetsInfiniteOptions,
  listPetsKey,
  listPetsOptions,
  listReportsInfiniteOptions,
  listVisitsInfiniteOptions,
  type MutationVariables,
  type PageParam,
  type QueryPage,
  updatePetMutation,
  watchPetKey,
  watchPetStreamOptions,
} from "../../generated/petshop/query.js";
import { DELTAS, EVENTS, OWNERS, PETS, PHOTOS, REPORT_PAGES, type Shop, startShop, VISITS } from "./shop.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

let shop: Shop;
let queryClient: QueryClient;
const api = () => createClient({ baseUrl: shop.url, maxRetries: 0 });
const unsubscribes: Array<() => void> = [];

beforeAll(async () => (shop = await startShop()));
afterAll(() => shop.close());
beforeEach(() => {
  shop.reset();
  // The client retries by itself (maxRetries); TanStack's own retries would only repeat it.
  queryClient = new QueryClient({ defaultOptions: { queries: { retry: false, staleTime: Infinity } } });
});
afterEach(() => {
  for (const unsubscribe of unsubscribes.splice(0)) unsubscribe();
  queryClient.clear();
});

/** Resolves with the first result `done` accepts, the observer kept subscribed (subscribing is what fetches). */
function until<R>(observer: { subscribe(listener: (result: R) => void): () => void; getCurrentResult(): R }, done: (r: R) => boolean) {
  return new Promise<R>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`still waiting: ${JSON.stringify(observer.getCurrentResult())}`)), 10_000);
    const settle = (result: R) => {
      if (!done(result)) return;
      clearTimeout(timer);
      resolve(result);
    };
    unsubscribes.push(observer.subscribe(settle));
    settle(observer.getCurrentResult());
  });
}

const settled = <R extends { status: string; fetchStatus: string }>(r: R) => r.status !== "pending" && r.fetchStatus === "idle";

/** Waits, without a deadline of its own (the test's applies), until `check` holds. */
async function eventually(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe("queries", () => {
  test("getPetOptions: a QueryObserver fetches the pet under getPetKey, its data typed as the operation's result", async () => {
    const observer = new QueryObserver(queryClient, getPetOptions(api(), { petId: 2 }));
    const result = await until(observer, settled);
    assertType<Equals<typeof result.data, GetPetResult | undefined>>(true);
    expect(result.data).toEqual({ id: 2, name: "pet 2", kind: "cat" });
    expect(getPetKey({ petId: 2 })).toEqual(["petshop", "pets", 2, { petId: 2 }]);
    const cached = queryClient.getQueryData(getPetOptions(api(), { petId: 2 }).queryKey);
    assertType<Equals<typeof cached, GetPetResult | undefined>>(true);
    expect(cached).toEqual(result.data);
    expect(shop.requests).toEqual(["GET /pets/2"]);
  });

  test("an error is the operation's ApiError, typed: comparing status narrows error to the declared body", async () => {
    const observer = new QueryObserver(queryClient, getPetOptions(api(), { petId: 99 }));
    const result = await until(observer, settled);
    assertType<Equals<typeof result.error, GetPetError | null>>(true);
    expect(result.status).toBe("error");
    expect(result.error).toBeInstanceOf(NotFoundError);
    const error = result.error!;
    if (error.status !== 404) throw new Error(`expected a 404, got ${error.status}`);
    assertType<Equals<typeof error.error, { message: string }>>(true);
    expect(error.error.message).toBe("no pet 99");
  });

  test("a query whose answer has no content (a HEAD) holds null: TanStack Query refuses undefined", async () => {
    const result = await until(new QueryObserver(queryClient, checkPetOptions(api(), { petId: 1 })), settled);
    assertType<Equals<typeof result.data, null | undefined>>(true);
    expect(result).toMatchObject({ status: "success", data: null });
    expect(checkPetKey({ petId: 1 })).toEqual(["petshop", "pets", 1, "checkPet", { petId: 1 }]);
    expect(shop.requests).toEqual(["HEAD /pets/1"]);
  });

  test("keys are hierarchical: invalidating the prefix [api, 'pets'] refetches every pets query and nothing else", async () => {
    const options = [
      getPetOptions(api(), { petId: 1 }),
      listPetsOptions(api(), {}),
      listPetPhotosOptions(api(), { petId: 1 }),
      getStatsOptions(api()),
    ];
    await Promise.all(options.map((o) => until(new QueryObserver<unknown, unknown>(queryClient, o as never), settled)));
    expect(listPetsKey()).toEqual(["petshop", "pets", {}]);
    shop.clearLog();
    await queryClient.invalidateQueries({ queryKey: ["petshop", "pets"] });
    expect(shop.requests.sort()).toEqual(["GET /pets", "GET /pets/1", "GET /pets/1/photos"]);
  });

  test("when its last observer leaves, the request is aborted: TanStack's signal reaches the call", async () => {
    shop.hang("/pets/3");
    const observer = new QueryObserver(queryClient, getPetOptions(api(), { petId: 3 }));
    const unsubscribe = observer.subscribe(() => {});
    await eventually(() => shop.requests.includes("GET /pets/3"));
    unsubscribe();
    await eventually(() => shop.abandoned.includes("GET /pets/3"));
    expect(queryClient.getQueryState(getPetKey({ petId: 3 }))).toMatchObject({ status: "pending", fetchStatus: "idle" });
  });
});

type AnyInfinite = InfiniteQueryObserverResult<InfiniteData<QueryPage<unknown, unknown>, PageParam>, unknown>;

/** Every page, one `fetchNextPage` at a time, until the options say there is none. */
async function walk(options: ConstructorParameters<typeof InfiniteQueryObserver>[1]): Promise<AnyInfinite> {
  const observer = new InfiniteQueryObserver(queryClient, options);
  let result = (await until(observer, settled)) as AnyInfinite;
  while (result.hasNextPage) result = (await observer.fetchNextPage()) as AnyInfinite;
  expect(result.status).toBe("success");
  return result;
}

describe("infinite queries follow the pages as the document says, with no getNextPageParam written by hand", () => {
  const ids = (n: number) => Array.from({ length: n }, (_, i) => i + 1);
  test.each([
    {
      style: "cursor (`cursor` ← $.next_cursor)",
      options: () => listPetsInfiniteOptions(api(), { limit: 3 }),
      items: (items: unknown[]) => (items as Array<{ id: number }>).map((p) => p.id),
      want: ids(PETS),
      params: [null, "3", "6"],
    },
    {
      style: "offset (`offset` += items, up to $.total)",
      options: () => listPetPhotosInfiniteOptions(api(), { petId: 4, limit: 2 }),
      items: (items: unknown[]) => (items as Array<{ id: number }>).map((p) => p.id),
      want: ids(PHOTOS),
      params: [null, 2, 4],
    },
    {
      style: "link (the Link header's rel=next, asked of the API's own origin)",
      options: () => listOwnersInfiniteOptions(api(), { per_page: 2 }),
      items: (items: unknown[]) => (items as Array<{ id: string }>).map((o) => o.id),
      want: ids(OWNERS).map((n) => `owner_${n}`),
      params: [null, "https://elsewhere.example/owners?page=2&per_page=2", "https://elsewhere.example/owners?page=3&per_page=2"],
    },
    {
      style: "url (the next page's URL at $.next_url)",
      options: () => listVisitsInfiniteOptions(api()),
      items: (items: unknown[]) => (items as Array<{ id: number }>).map((v) => v.id),
      want: ids(VISITS),
      params: [null, "https://elsewhere.example/visits?since=4"],
    },
    {
      style: "page (`page` += 1, up to $.total_pages)",
      options: () => listReportsInfiniteOptions(api()),
      items: (items: unknown[]) => items,
      want: ids(REPORT_PAGES).flatMap((n) => [`report ${n}a`, `report ${n}b`]),
      params: [null, 2, 3],
    },
  ])("$style", async ({ options, items, want, params }) => {
    const result = await walk(options() as never);
    expect(items(allItems(result.data!))).toEqual(want);
    expect(result.data!.pageParams).toEqual(params);
    expect(result.data!.pages.at(-1)!.next).toBeNull();
    expect(shop.requests).toHaveLength(params.length);
  });

  test("pages are typed (the body, its items), and select: allItems gives the items", async () => {
    const pages = new InfiniteQueryObserver(queryClient, listPetsInfiniteOptions(api(), { limit: 4 }));
    const first = await until(pages, settled);
    assertType<Equals<(typeof first.data & {})["pages"][number]["items"], ListPetsItem[]>>(true);
    expect(first.data!.pages[0]!.data.next_cursor).toBe("4");
    const flat = new InfiniteQueryObserver(queryClient, { ...listPetsInfiniteOptions(api(), { limit: 4 }), select: allItems });
    const items = await until(flat, settled);
    assertType<Equals<typeof items.data, ListPetsItem[] | undefined>>(true);
    expect(items.data!.map((p) => p.id)).toEqual([1, 2, 3, 4]);
  });

  test("the refetch of an infinite query asks for the pages again, from the first, by the same rules", async () => {
    await walk(listPetsInfiniteOptions(api(), { limit: 3 }) as never);
    shop.clearLog();
    await queryClient.refetchQueries({ queryKey: listPetsKey({ limit: 3 }) });
    expect(shop.requests).toEqual(["GET /pets?limit=3", "GET /pets?cursor=3&limit=3", "GET /pets?cursor=6&limit=3"]);
  });
});

describe("streamed queries (streamedQuery)", () => {
  test("a server-sent-event stream accumulates into the data, item by item, typed by the stream's item", async () => {
    const observer = new QueryObserver(queryClient, watchPetStreamOptions(api(), { petId: 1 }));
    const seen: number[] = [];
    const done = await until(observer, (r: QueryObserverResult<WatchPetEvent[], unknown>) => {
      if (r.data) seen.push(r.data.length);
      return r.status === "success" && r.fetchStatus === "idle";
    });
    assertType<Equals<typeof done.data, WatchPetEvent[] | undefined>>(true);
    expect(done.data).toEqual(EVENTS.map((type, at) => ({ type, at })));
    // Rendered as it arrives: the data grew before the stream ended.
    expect(seen.some((n) => n > 0 && n < EVENTS.length)).toBe(true);
    expect(watchPetKey({ petId: 1 })).toEqual(["petshop", "pets", 1, "events", { petId: 1 }]);
  });

  test("an operation that streams when asked (`stream: true`) is asked; its mutation takes the JSON answer", async () => {
    const stream = new QueryObserver(queryClient, chatStreamOptions(api(), { body: { message: "hi" } }));
    const done = await until(stream, (r) => r.status === "success" && r.fetchStatus === "idle");
    expect(done.data).toEqual(DELTAS.map((delta) => ({ delta })));
    const mutation = new MutationObserver(queryClient, chatMutation(api()));
    const answer = await mutation.mutate({ body: { message: "hi" } });
    assertType<Equals<typeof answer, Exclude<ChatResult, Stream<ChatEvent>>>>(true);
    expect(answer).toEqual({ text: DELTAS.join("") });
    expect(shop.requests).toEqual(["POST /chat", "POST /chat"]);
    // @ts-expect-error the mutation is the JSON answer: `stream: true` is the streamed query's
    const typeOnly = () => mutation.mutate({ body: { message: "hi", stream: true } });
    expect(typeOnly).toBeInstanceOf(Function);
  });

  test("when its last observer leaves mid-stream, the stream's request is aborted", async () => {
    shop.hang("/pets/5/events");
    const observer = new QueryObserver(queryClient, watchPetStreamOptions(api(), { petId: 5 }));
    const unsubscribe = observer.subscribe(() => {});
    await eventually(() => (queryClient.getQueryData(watchPetKey({ petId: 5 })) as unknown[] | undefined)?.length === 1);
    unsubscribe();
    await eventually(() => shop.abandoned.includes("GET /pets/5/events"));
  });
});

describe("mutations make stale what the document says they changed, and nothing else", () => {
  /** Every query a page of the shop might show, each observed (active), fetched once. */
  async function observeAll() {
    const client = api();
    const options = [
      getPetOptions(client, { petId: 1 }),
      getPetOptions(client, { petId: 2 }),
      checkPetOptions(client, { petId: 1 }),
      listPetsOptions(client, {}),
      listPetsOptions(client, { kind: "dog" }),
      listPetPhotosOptions(client, { petId: 1 }),
      listPetPhotosOptions(client, { petId: 2 }),
      listOwnersOptions(client, {}),
      getOwnerOptions(client, { ownerId: "owner_1" }),
      getStatsOptions(client),
    ];
    await Promise.all(options.map((o) => until(new QueryObserver<unknown, unknown>(queryClient, o as never), settled)));
    await until(new InfiniteQueryObserver(queryClient, listPetsInfiniteOptions(client, { limit: 10 })), settled);
    shop.clearLog();
  }

  test.each([
    {
      mutation: "updatePet (PATCH /pets/{petId}): the pet, what is under it, and the pets lists",
      run: () =>
        new MutationObserver(queryClient, {
          ...updatePetMutation(api()),
          onSuccess: (_data, variables) => invalidatesAfter(queryClient, "updatePet", variables),
        }).mutate({ petId: 1, body: { name: "Rex" } }),
      refetched: ["GET /pets", "GET /pets/1", "GET /pets/1/photos", "GET /pets?kind=dog", "GET /pets?limit=10", "HEAD /pets/1"],
    },
    {
      mutation: "feedPet (POST /pets/{petId}/feed, an action): what updatePet makes stale",
      run: () =>
        new MutationObserver(queryClient, {
          ...feedPetMutation(api()),
          onSuccess: (_data, variables) => invalidatesAfter(queryClient, "feedPet", variables),
        }).mutate({ petId: 2 }),
      refetched: ["GET /pets", "GET /pets/2", "GET /pets/2/photos", "GET /pets?kind=dog", "GET /pets?limit=10"],
    },
    {
      mutation: "createPet (POST /pets): the pets lists only",
      run: () =>
        new MutationObserver(queryClient, {
          ...createPetMutation(api()),
          onSuccess: (_data, variables) => invalidatesAfter(queryClient, "createPet", variables),
        }).mutate({ body: { name: "Kit", kind: "cat" } }),
      refetched: ["GET /pets", "GET /pets?kind=dog", "GET /pets?limit=10"],
    },
    {
      mutation: 'createAdoption (POST /adoptions, named in "invalidates"): every getOwner and the pets lists',
      run: () =>
        new MutationObserver(queryClient, {
          ...createAdoptionMutation(api()),
          onSuccess: (_data, variables) => invalidatesAfter(queryClient, "createAdoption", variables),
        }).mutate({ body: { petId: 1, ownerId: "owner_1" } }),
      refetched: ["GET /owners/owner_1", "GET /pets", "GET /pets?kind=dog", "GET /pets?limit=10"],
    },
  ])("$mutation", async ({ run, refetched }) => {
    await observeAll();
    await run();
    const [mutation, ...rest] = shop.requests;
    expect(mutation).toMatch(/^(PATCH|POST) /);
    expect(rest.sort()).toEqual(refetched);
  });

  test("the refetched data is the new data; a deleted pet's queries fail as the API says", async () => {
    await observeAll();
    const updated = await new MutationObserver(queryClient, {
      ...updatePetMutation(api()),
      onSuccess: (_data, variables) => invalidatesAfter(queryClient, "updatePet", variables),
    }).mutate({ petId: 1, body: { name: "Rex" } });
    assertType<Equals<typeof updated, UpdatePetResult>>(true);
    expect(queryClient.getQueryData(getPetKey({ petId: 1 }))).toMatchObject({ name: "Rex" });
    await new MutationObserver(queryClient, {
      ...deletePetMutation(api()),
      onSuccess: (_data, variables) => invalidatesAfter(queryClient, "deletePet", variables),
    }).mutate({ petId: 1 });
    expect(queryClient.getQueryState(getPetKey({ petId: 1 }))?.error).toBeInstanceOf(NotFoundError);
    expect(queryClient.getQueryData(listPetsKey({}))?.data.map((p) => p.id)).toEqual([2, 3, 4, 5, 6, 7].slice(0, 3));
  });

  test("the table is typed by each mutation's variables; an unknown mutation is an InvalidParameterError", async () => {
    assertType<Equals<MutationVariables["feedPet"], { petId: number }>>(true);
    expect(invalidations.createPet({ body: { name: "x" } })).toEqual([["petshop", "pets", {}]]);
    // @ts-expect-error not a mutation of the pet shop
    const unknown = invalidatesAfter(queryClient, "getPet", { petId: 1 });
    await expect(unknown).rejects.toBeInstanceOf(InvalidParameterError);
    // @ts-expect-error feedPet needs its petId
    const typeOnly = () => invalidations.feedPet({});
    expect(typeOnly).toBeInstanceOf(Function);
  });
});
