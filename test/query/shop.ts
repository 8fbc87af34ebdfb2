// The pet shop of spec/petshop.yaml, served on 127.0.0.1 (port 0) from memory, paging every list
// the way its document says (a cursor, an offset, a Link header, a next URL, page numbers) and
// streaming server-sent events. It records every request, and the ones the client abandoned.
import type http from "node:http";
import { json, type Seen, startServer, type TestServer } from "../runtime/server.js";

export interface Shop {
  url: string;
  /** `METHOD /path?query` of every request since the last `reset`. */
  requests: string[];
  /** Requests whose connection closed before the answer ended (the client aborted them). */
  abandoned: string[];
  /** Requests answered so far whose path starts with `prefix` (hangs included once they start). */
  count(prefix: string): number;
  /** Makes requests to `path` wait until the client leaves (to see an abort): unanswered, or for a stream after its first event. */
  hang(path: string): void;
  /** Forgets the requests seen so far, and nothing else. */
  clearLog(): void;
  /** Answers `path` with `body` (a page, its script), apart from the API: not recorded. */
  serve(path: string, type: string, body: string): void;
  reset(): void;
  close(): Promise<void>;
  pets: Pet[];
}

export const PETS = 7;
export const PHOTOS = 5;
export const OWNERS = 5;
export const VISITS = 6;
export const REPORT_PAGES = 3;
export const EVENTS = ["fed", "napped", "barked", "fed"] as const;
export const DELTAS = ["Wo", "of", "!"];

type Pet = { id: number; name: string; kind?: "dog" | "cat"; fed?: number };
const initialPets = (): Pet[] =>
  Array.from({ length: PETS }, (_, i) => ({ id: i + 1, name: `pet ${i + 1}`, kind: i % 2 === 0 ? "dog" : "cat" }));

function sse(res: http.ServerResponse, items: readonly unknown[]): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store" });
  let i = 0;
  const next = () => {
    if (res.destroyed) return;
    if (i === items.length) return void res.end();
    res.write(`data: ${JSON.stringify(items[i++])}\n\n`);
    setTimeout(next, 5).unref();
  };
  next();
}

export async function startShop(): Promise<Shop> {
  const server: TestServer = await startServer();
  const requests: string[] = [];
  const abandoned: string[] = [];
  const hanging = new Set<string>();
  const statics = new Map<string, { type: string; body: string }>();
  let pets = initialPets();

  const handler = (req: Seen, res: http.ServerResponse) => {
    const url = new URL(req.url, server.url);
    const page = statics.get(url.pathname);
    if (page) return void res.writeHead(200, { "content-type": page.type }).end(page.body);
    const q = url.searchParams;
    const line = `${req.method} ${url.pathname}${url.search}`;
    requests.push(line);
    res.on("close", () => {
      if (!res.writableEnded) abandoned.push(line);
    });
    if (hanging.has(url.pathname)) {
      // A stream sends its first event; anything else is not answered: the client must leave.
      if (url.pathname.endsWith("/events")) res.writeHead(200, { "content-type": "text/event-stream" }).write(`data: {"type":"fed"}\n\n`);
      return;
    }
    const body = req.body.length > 0 ? JSON.parse(req.body.toString()) : undefined;
    const route = `${req.method} ${url.pathname.replace(/\/\d+(?=\/|$)/g, "/:id").replace(/\/owners\/[^/]+$/, "/owners/:owner")}`;
    const id = Number(/\/pets\/(\d+)/.exec(url.pathname)?.[1]);
    const pet = pets.find((p) => p.id === id);
    const missing = () => json(res, 404, { message: `no pet ${id}` });
    switch (route) {
      case "GET /pets": {
        const all = pets.filter((p) => !q.has("kind") || p.kind === q.get("kind"));
        const start = q.has("cursor") ? all.findIndex((p) => String(p.id) === q.get("cursor")) + 1 : 0;
        const data = all.slice(start, start + Number(q.get("limit") ?? 3));
        const more = start + data.length < all.length;
        return json(res, 200, { data, next_cursor: more ? String(data.at(-1)!.id) : null });
      }
      case "POST /pets": {
        const created = { id: Math.max(0, ...pets.map((p) => p.id)) + 1, ...body };
        pets.push(created);
        return json(res, 201, created);
      }
      case "GET /pets/:id":
        return pet ? json(res, 200, pet) : missing();
      case "HEAD /pets/:id":
        return void res.writeHead(pet ? 200 : 404).end();
      case "PATCH /pets/:id":
        if (!pet) return missing();
        Object.assign(pet, body);
        return json(res, 200, pet);
      case "DELETE /pets/:id":
        pets = pets.filter((p) => p.id !== id);
        return void res.writeHead(204).end();
      case "GET /pets/:id/photos": {
        const all = Array.from({ length: PHOTOS }, (_, i) => ({ id: i + 1, url: `https://photos.example/${id}/${i + 1}.jpg` }));
        const offset = Number(q.get("offset") ?? 0);
        return json(res, 200, { items: all.slice(offset, offset + Number(q.get("limit") ?? 2)), total: all.length });
      }
      case "POST /pets/:id/feed":
        if (!pet) return missing();
        pet.fed = (pet.fed ?? 0) + 1;
        return json(res, 200, pet);
      case "GET /pets/:id/events":
        return sse(
          res,
          EVENTS.map((type, at) => ({ type, at })),
        );
      case "GET /owners": {
        const page = Number(q.get("page") ?? 1);
        const size = Number(q.get("per_page") ?? 2);
        const all = Array.from({ length: OWNERS }, (_, i) => ({ id: `owner_${i + 1}`, name: `Owner ${i + 1}` }));
        const link =
          page * size < all.length ? { link: `<https://elsewhere.example/owners?page=${page + 1}&per_page=${size}>; rel="next"` } : {};
        return json(res, 200, all.slice((page - 1) * size, page * size), link);
      }
      case "GET /owners/:owner":
        return json(res, 200, { id: url.pathname.split("/").pop(), name: "An owner" });
      case "GET /visits": {
        const since = Number(q.get("since") ?? 0);
        const results = Array.from({ length: VISITS }, (_, i) => ({ id: i + 1 })).slice(since, since + 4);
        const next = since + 4 < VISITS ? `https://elsewhere.example/visits?since=${since + 4}` : null;
        return json(res, 200, { results, next_url: next });
      }
      case "GET /reports": {
        const page = Number(q.get("page") ?? 1);
        return json(res, 200, { entries: [`report ${page}a`, `report ${page}b`], total_pages: REPORT_PAGES });
      }
      case "POST /adoptions":
        return void res.writeHead(201).end();
      case "POST /chat":
        if (body?.stream === true)
          return sse(
            res,
            DELTAS.map((delta) => ({ delta })),
          );
        return json(res, 200, { text: DELTAS.join("") });
      case "GET /stats":
        return json(res, 200, { pets: pets.length });
      default:
        return json(res, 404, { message: `no route ${route}` });
    }
  };
  server.reset(handler);
  return {
    url: server.url,
    requests,
    abandoned,
    get pets() {
      return pets;
    },
    count: (prefix) => requests.filter((r) => r.startsWith(prefix)).length,
    hang: (path) => hanging.add(path),
    serve: (path, type, body) => void statics.set(path, { type, body }),
    clearLog() {
      requests.length = 0;
      abandoned.length = 0;
    },
    reset() {
      server.reset(handler);
      requests.length = 0;
      abandoned.length = 0;
      hanging.clear();
      pets = initialPets();
    },
    close: () => server.close(),
  };
}
