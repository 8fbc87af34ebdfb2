// A scriptable node:http server on 127.0.0.1, port 0, for the runtime's behavioural tests. Each
// test file starts one in beforeAll and closes it in afterAll; `reset` sets the next answers.
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  at: number;
}

/** Answers one request; `seen` holds every request so far, this one last. */
export type Handler = (req: Seen, res: http.ServerResponse, seen: Seen[]) => void;

export interface TestServer {
  url: string;
  /** Every request since the last `reset`, in arrival order. */
  seen: Seen[];
  reset(handler: Handler): void;
  close(): Promise<void>;
}

export function json(res: http.ServerResponse, status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers }).end(text);
}

export const upload = (id: string, status = "pending") => ({
  id,
  object: "upload",
  bytes: 5,
  created_at: 1719184911,
  filename: "a.jsonl",
  purpose: "fine-tune",
  status,
  expires_at: 1719188511,
});

export async function startServer(): Promise<TestServer> {
  let handler: Handler = (_req, res) => json(res, 200, {});
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks), at: Date.now() };
      seen.push(entry);
      handler(entry, res, seen);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    reset(next) {
      handler = next;
      seen.length = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Runs `fn` after `ms` without keeping the test process alive for it. */
export function later(ms: number, fn: () => void): void {
  setTimeout(fn, ms).unref();
}

/** A port on 127.0.0.1 that nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The fields of a multipart body as the web platform parses them. */
export function parseMultipart(seen: Seen): Promise<FormData> {
  return new Response(new Uint8Array(seen.body), { headers: { "content-type": String(seen.headers["content-type"]) } }).formData();
}
