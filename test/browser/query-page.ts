// The page of the TanStack Query browser test: a React component and a Vue component rendering the
// pet shop through generated/petshop/query.js, bundled by esbuild with React, Vue and both adapters
// as an app would ship them. Written with `createElement`/`h` rather than JSX or templates, so
// that nothing but esbuild stands between the code and the browser. Each check on `window.checks`
// clicks through a component and resolves to what it rendered, as plain data.
import {
  QueryClient as ReactQueryClient,
  QueryClientProvider,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import {
  QueryClient as VueQueryClient,
  useInfiniteQuery as useVueInfiniteQuery,
  useMutation as useVueMutation,
  useQuery as useVueQuery,
  VueQueryPlugin,
} from "@tanstack/vue-query";
import { createElement, type ReactNode } from "react";
import { createRoot, type Root } from "react-dom/client";
import { createApp, defineComponent, h } from "vue";
import { createClient } from "../../generated/petshop/index.js";
import {
  allItems,
  getPetOptions,
  invalidatesAfter,
  listPetsInfiniteOptions,
  updatePetMutation,
  watchPetStreamOptions,
} from "../../generated/petshop/query.js";

const client = createClient({ baseUrl: location.origin, maxRetries: 0 });
const options = { defaultOptions: { queries: { retry: false } } };

/** The text of each element with an id in `root`, by id. */
function rendered(root: Element): Record<string, string> {
  return Object.fromEntries(Array.from(root.querySelectorAll("[id]"), (e) => [e.id, e.textContent ?? ""]));
}

/** Resolves once `done` holds of what `root` shows, polling; rejects after 10 s with what it showed. */
async function until(root: Element, done: (shown: Record<string, string>) => boolean): Promise<Record<string, string>> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const shown = rendered(root);
    if (done(shown)) return shown;
    if (Date.now() > deadline) throw new Error(`still waiting: ${JSON.stringify(shown)}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const click = (root: Element, id: string) => (root.querySelector(`#${id}`) as HTMLButtonElement).click();
const container = (name: string) => document.body.appendChild(Object.assign(document.createElement("div"), { id: name }));

/** What both components show, in the same ids: the pet, a missing pet's typed error, the pages, the stream. */
function PetsReact(): ReactNode {
  const queryClient = useQueryClient();
  const pet = useQuery(getPetOptions(client, { petId: 1 }));
  const missing = useQuery(getPetOptions(client, { petId: 99 }));
  const pets = useInfiniteQuery({ ...listPetsInfiniteOptions(client, { limit: 3 }), select: allItems });
  const events = useQuery(watchPetStreamOptions(client, { petId: 1 }));
  const rename = useMutation({ ...updatePetMutation(client), onSuccess: (_, v) => invalidatesAfter(queryClient, "updatePet", v) });
  const e = createElement;
  return e(
    "div",
    null,
    e("p", { id: "pet" }, pet.data?.name ?? "…"),
    e("p", { id: "missing" }, missing.error?.status === 404 ? `404 ${missing.error.error.message}` : "…"),
    e(
      "ul",
      { id: "pets" },
      pets.data?.map((p) => e("li", { key: p.id }, p.name)),
    ),
    e("p", { id: "pages" }, pets.hasNextPage ? "more" : pets.isSuccess ? "all" : "…"),
    e("button", { id: "more", onClick: () => pets.fetchNextPage() }, "more"),
    e("p", { id: "events" }, (events.data ?? []).map((x) => x.type).join(",")),
    e("p", { id: "streaming" }, events.fetchStatus),
    e("button", { id: "rename", onClick: () => rename.mutate({ petId: 1, body: { name: "Rex" } }) }, "rename"),
  );
}

function HangingReact(): ReactNode {
  const pet = useQuery(getPetOptions(client, { petId: 3 }));
  return createElement("p", { id: "hanging" }, pet.fetchStatus);
}

const PetsVue = defineComponent({
  setup() {
    const pet = useVueQuery(getPetOptions(client, { petId: 1 }));
    const missing = useVueQuery(getPetOptions(client, { petId: 99 }));
    const pets = useVueInfiniteQuery({ ...listPetsInfiniteOptions(client, { limit: 3 }), select: (data) => allItems(data) });
    const events = useVueQuery(watchPetStreamOptions(client, { petId: 1 }));
    const rename = useVueMutation({ ...updatePetMutation(client), onSuccess: (_, v) => invalidatesAfter(vueQueryClient, "updatePet", v) });
    return () =>
      h("div", [
        h("p", { id: "pet" }, pet.data.value?.name ?? "…"),
        h("p", { id: "missing" }, missing.error.value?.status === 404 ? `404 ${missing.error.value.error.message}` : "…"),
        h(
          "ul",
          { id: "pets" },
          (pets.data.value ?? []).map((p) => h("li", { key: p.id }, p.name)),
        ),
        h("p", { id: "pages" }, pets.hasNextPage.value ? "more" : pets.isSuccess.value ? "all" : "…"),
        h("button", { id: "more", onClick: () => pets.fetchNextPage() }, "more"),
        h("p", { id: "events" }, (events.data.value ?? []).map((x) => x.type).join(",")),
        h("p", { id: "streaming" }, events.fetchStatus.value),
        h("button", { id: "rename", onClick: () => rename.mutate({ petId: 1, body: { name: "Rex" } }) }, "rename"),
      ]);
  },
});

const HangingVue = defineComponent({
  setup() {
    const pet = useVueQuery(getPetOptions(client, { petId: 3 }));
    return () => h("p", { id: "hanging" }, pet.fetchStatus.value);
  },
});

const vueQueryClient = new VueQueryClient(options);

/** Mounts the component in a fresh element; the function it returns unmounts it. */
const mount = {
  react(component: () => ReactNode, root: Element): () => void {
    const reactRoot: Root = createRoot(root);
    reactRoot.render(createElement(QueryClientProvider, { client: new ReactQueryClient(options) }, createElement(component)));
    return () => reactRoot.unmount();
  },
  vue(component: ReturnType<typeof defineComponent>, root: Element): () => void {
    const app = createApp(component).use(VueQueryPlugin, { queryClient: vueQueryClient });
    app.mount(root);
    return () => app.unmount();
  },
};

const mounted = new Map<string, () => void>();

/** Renders, then pages to the end, then renames pet 1: what the component showed at each step. */
async function walkThrough(framework: "react" | "vue") {
  const root = container(`${framework}-pets`);
  mounted.set(root.id, framework === "react" ? mount.react(PetsReact, root) : mount.vue(PetsVue, root));
  const first = await until(root, (s) => s.pet !== "…" && s.missing !== "…" && s.pages !== "…" && s.streaming === "idle");
  const pages = [first.pets];
  let shown = first;
  while (shown.pages === "more") {
    const before = shown.pets;
    click(root, "more");
    shown = await until(root, (s) => s.pets !== before);
    pages.push(shown.pets);
  }
  click(root, "rename");
  const renamed = await until(root, (s) => s.pet === "Rex" && s.pets?.startsWith("Rex") === true);
  mounted.get(root.id)!();
  root.remove();
  return { first, pages, renamed };
}

const checks = {
  walkThrough,
  /** Mounts a component whose query the server never answers; `unmount` takes it away again. */
  mountHanging(framework: "react" | "vue") {
    const root = container(`${framework}-hanging`);
    mounted.set(root.id, framework === "react" ? mount.react(HangingReact, root) : mount.vue(HangingVue, root));
    return until(root, (s) => s.hanging === "fetching");
  },
  unmount(framework: "react" | "vue") {
    const id = `${framework}-hanging`;
    mounted.get(id)!();
    document.getElementById(id)!.remove();
    return true;
  },
};

Object.assign(globalThis, { checks });

export type QueryChecks = typeof checks;
