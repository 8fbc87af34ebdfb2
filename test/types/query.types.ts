// Type-level tests of generated/petshop/query.d.ts in the adapters users call: React's and Vue's
// useQuery, useInfiniteQuery and useMutation infer `data` and `error` from the options, with no
// annotation (test/query/types.test.ts compiles this with a real tsc, strict, no skipLibCheck).
// An unused `@ts-expect-error` is itself an error (TS2578). Nothing here runs.
import type { InfiniteData } from "@tanstack/query-core";
import { QueryClient, useInfiniteQuery, useMutation, useQuery } from "@tanstack/react-query";
import { useInfiniteQuery as useVueInfiniteQuery, useMutation as useVueMutation, useQuery as useVueQuery } from "@tanstack/vue-query";
import {
  type ChatEvent,
  type CheckPetResult,
  createBaseClient,
  createClient,
  type GetPetError,
  type GetPetResult,
  type ListPetsError,
  type ListPetsItem,
  type ListPetsResult,
  type UpdatePetError,
  type UpdatePetResult,
} from "../../generated/petshop/index.js";
import {
  allItems,
  chatStreamOptions,
  checkPetOptions,
  getPetKey,
  getPetOptions,
  invalidatesAfter,
  listPetsInfiniteOptions,
  listPetsOptions,
  type PageParam,
  type QueryPage,
  updatePetMutation,
} from "../../generated/petshop/query.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

const client = createClient({});
const queryClient = new QueryClient();
type Pages = InfiniteData<QueryPage<ListPetsResult, ListPetsItem>, PageParam>;

export function react(): void {
  const { data, error } = useQuery(listPetsOptions(client, {}));
  assertType<Equals<typeof data, ListPetsResult | undefined>>(true);
  assertType<Equals<typeof error, ListPetsError | null>>(true);
  // @ts-expect-error data may be undefined until the first answer
  data.data;

  const pet = useQuery(getPetOptions(createBaseClient({}), { petId: 1 }));
  assertType<Equals<typeof pet.data, GetPetResult | undefined>>(true);
  assertType<Equals<typeof pet.error, GetPetError | null>>(true);
  if (pet.error?.status === 404) pet.error.error.message;

  // Options spread beside the user's own: `enabled`, `select` (which changes `data`), `staleTime`.
  const name = useQuery({ ...getPetOptions(client, { petId: 1 }), enabled: false, select: (p) => p.name, staleTime: 1_000 });
  assertType<Equals<typeof name.data, string | undefined>>(true);

  const head = useQuery(checkPetOptions(client, { petId: 1 }));
  assertType<Equals<typeof head.data, Exclude<CheckPetResult, undefined> | null | undefined>>(true);

  const pages = useInfiniteQuery(listPetsInfiniteOptions(client, { limit: 10 }));
  assertType<Equals<typeof pages.data, Pages | undefined>>(true);
  const items = useInfiniteQuery({ ...listPetsInfiniteOptions(client, {}), select: allItems });
  assertType<Equals<typeof items.data, ListPetsItem[] | undefined>>(true);

  const stream = useQuery(chatStreamOptions(client, { body: { message: "hi" } }));
  assertType<Equals<typeof stream.data, ChatEvent[] | undefined>>(true);
  // @ts-expect-error a streamed query asks for the stream: `stream: false` is the mutation's
  chatStreamOptions(client, { body: { message: "hi", stream: false } });

  const update = useMutation({
    ...updatePetMutation(client),
    onSuccess: (_, variables) => invalidatesAfter(queryClient, "updatePet", variables),
  });
  assertType<Equals<typeof update.data, UpdatePetResult | undefined>>(true);
  assertType<Equals<typeof update.error, UpdatePetError | null>>(true);
  update.mutate({ petId: 1, body: { name: "Rex" } });
  // @ts-expect-error the variables are the operation's params: petId is required
  update.mutate({ body: { name: "Rex" } });

  const cached = queryClient.getQueryData(getPetKey({ petId: 1 }));
  assertType<Equals<typeof cached, GetPetResult | undefined>>(true);
}

export function vue(): void {
  const { data, error } = useVueQuery(listPetsOptions(client, {}));
  assertType<Equals<typeof data.value, ListPetsResult | undefined>>(true);
  assertType<Equals<typeof error.value, ListPetsError | null>>(true);

  const pet = useVueQuery(getPetOptions(client, { petId: 1 }));
  assertType<Equals<typeof pet.data.value, GetPetResult | undefined>>(true);
  assertType<Equals<typeof pet.error.value, GetPetError | null>>(true);

  const pages = useVueInfiniteQuery(listPetsInfiniteOptions(client, {}));
  assertType<Equals<typeof pages.data.value, Pages | undefined>>(true);
  // Vue's mapped option types give a generic function passed as it is no context: wrap it.
  const items = useVueInfiniteQuery({ ...listPetsInfiniteOptions(client, {}), select: (d) => allItems(d) });
  assertType<Equals<typeof items.data.value, ListPetsItem[] | undefined>>(true);

  const stream = useVueQuery(chatStreamOptions(client, { body: { message: "hi" } }));
  assertType<Equals<typeof stream.data.value, ChatEvent[] | undefined>>(true);

  const update = useVueMutation(updatePetMutation(client));
  assertType<Equals<typeof update.data.value, UpdatePetResult | undefined>>(true);
  assertType<Equals<typeof update.error.value, UpdatePetError | null>>(true);
}
