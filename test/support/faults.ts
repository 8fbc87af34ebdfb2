// Servers that misbehave on purpose, for tests of how the runtime survives the real network. Each
// starts on 127.0.0.1, port 0, and is closed by the test that started it (`close` also ends every
// connection still open, so a fault that never finishes does not keep the process alive).
import http from "node:http";
import net from "node:net";
import { getEventListeners } from "node:events";
import vm from "node:vm";

/** One request as a recording server received it. */
export interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** Answers one request; `seen` holds every request so far, this one last. */
export type Handler = (req: Seen, res: http.ServerResponse, seen: readonly Seen[]) => void;

export interface Recorder {
  /** `http://127.0.0.1:<port>`: also the server's origin. */
  url: string;
  /** Every request since the last `handle`, in arrival order. */
  seen: Seen[];
  /** Answers the next requests with `handler`, and forgets those seen so far. */
  handle(handler: Handler): void;
  close(): Promise<void>;
}

/** Answers 200 "ok". */
const ok: Handler = (_req, res) => res.writeHead(200, { "content-type": "text/plain", "content-length": 2 }).end("ok");

/** A node:http server that records every request, body included, before `handler` answers it. */
export async function startRecorder(handler: Handler = ok): Promise<Recorder> {
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const entry = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks) };
      seen.push(entry);
      handler(entry, res, seen);
    });
  });
  return {
    url: await listen(server),
    seen,
    handle(next) {
      handler = next;
      seen.length = 0;
    },
    close: () => close(server, () => server.closeAllConnections()),
  };
}

/** Answers `status` with a Location and a short body, as servers do. */
export function redirect(res: http.ServerResponse, status: number, location: string): void {
  res.writeHead(status, { location, "content-type": "text/plain", "content-length": 9 }).end("redirect\n");
}

/** Two recording servers on two ports: two origins, for redirects that leave the first. */
export async function startTwoOrigins(): Promise<{ first: Recorder; second: Recorder; close(): Promise<void> }> {
  const [first, second] = await Promise.all([startRecorder(), startRecorder()]);
  return { first, second, close: async () => void (await Promise.all([first.close(), second.close()])) };
}

export interface RawServer {
  url: string;
  /** Connections accepted so far. */
  readonly connections: number;
  close(): Promise<void>;
}

/** What a raw server does with each connection; `head` resolves once the request's head has arrived. */
export type Fault = (socket: net.Socket, head: Promise<void>) => void;

/** A node:net server that speaks whatever `fault` writes, HTTP or not. */
export async function startRaw(fault: Fault): Promise<RawServer> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    // The client may see the fault as a reset or a broken pipe; neither is news to the server.
    socket.on("error", () => {});
    fault(socket, headOf(socket));
  });
  return {
    url: await listen(server),
    get connections() {
      return connections;
    },
    close: () => close(server, () => sockets.forEach((s) => s.destroy())),
  };
}

/** Resolves once the request's head (up to its blank line) has arrived; the body, if any, is ignored. */
function headOf(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    let received = "";
    const onData = (chunk: Buffer) => {
      received += chunk.toString("latin1");
      if (!received.includes("\r\n\r\n")) return;
      socket.off("data", onData);
      // Keep reading (and dropping) so that a client still sending a body is not blocked.
      socket.resume();
      resolve();
    };
    socket.on("data", onData);
  });
}

const head = (lines: string[]) => `HTTP/1.1 200 OK\r\n${lines.map((l) => l + "\r\n").join("")}\r\n`;

/** The faults, by what the client sees. */
export const faults = {
  /** A TCP reset as soon as the connection is accepted: nothing was sent back. */
  resetOnAccept: ((socket) => socket.resetAndDestroy()) satisfies Fault,

  /** A reset after the response's head (which promises 100 bytes) has gone out. */
  resetAfterHeaders: ((socket, request) => {
    void request.then(() =>
      // The pause lets the head arrive on its own, before the reset.
      socket.write(head(["Content-Length: 100"]), () => setTimeout(() => socket.resetAndDestroy(), 10)),
    );
  }) satisfies Fault,

  /** A head promising 100 bytes, 10 of them, then a clean close. */
  halfResponse: ((socket, request) => {
    void request.then(() => socket.end(head(["Content-Length: 100"]) + "0123456789"));
  }) satisfies Fault,

  /** A head promising `bytes` bytes, then one byte every `ms` milliseconds until the client goes. */
  slowDrip:
    (ms: number, bytes = 1000): Fault =>
    (socket, request) => {
      void request.then(() => {
        socket.write(head([`Content-Length: ${bytes}`, "Content-Type: text/plain"]));
        let sent = 0;
        const timer = setInterval(() => {
          if (sent++ < bytes) return void socket.write("x");
          clearInterval(timer);
          socket.end();
        }, ms);
        socket.on("close", () => clearInterval(timer));
      });
    },

  /** A chunked body whose first chunk size is not hexadecimal. */
  badChunked: ((socket, request) => {
    void request.then(() => socket.end(head(["Transfer-Encoding: chunked"]) + "zz\r\nhello\r\n0\r\n\r\n"));
  }) satisfies Fault,

  /**
   * A 200 with the header `lines` and the start of its body, then `then`: a reset, or silence until
   * the client goes (a stalled stream: the connection stays open and nothing more arrives).
   */
  cutBody:
    (lines: string[], start: string, then: "reset" | "stall"): Fault =>
    (socket, request) => {
      void request.then(() =>
        socket.write(head(lines) + start, () => {
          if (then === "reset") setTimeout(() => socket.resetAndDestroy(), 10);
        }),
      );
    },

  /** Bytes that are not an HTTP response at all. */
  garbage: ((socket, request) => {
    void request.then(() => socket.end("SSH-2.0-OpenSSH_9.6\r\nthis is not http\r\n\r\n"));
  }) satisfies Fault,
};

export interface ListenerCount {
  /** "abort" listeners registered on the signal now. */
  readonly active: number;
  /** The most registered at once since tracking began. */
  readonly peak: number;
  /** Calls of addEventListener("abort") since tracking began. */
  readonly added: number;
  /** Puts the signal's own methods back. */
  restore(): void;
}

/**
 * Watches the "abort" listeners of `signal`, for leak tests: every listener added must be removed
 * once its request is over. The count is Node's own (`getEventListeners`), which knows about `once`
 * listeners that fired and listeners removed through an `AbortSignal` option; wrapping the signal's
 * addEventListener records the peak after each addition.
 */
export function trackAbortListeners(signal: AbortSignal): ListenerCount {
  const active = () => getEventListeners(signal, "abort").length;
  let peak = active();
  let added = 0;
  const add = signal.addEventListener;
  signal.addEventListener = function (this: AbortSignal, ...args: Parameters<typeof add>) {
    add.apply(this, args);
    if (args[0] === "abort") {
      added++;
      peak = Math.max(peak, active());
    }
  } as typeof add;
  return {
    get active() {
      return active();
    },
    get peak() {
      return peak;
    },
    get added() {
      return added;
    },
    restore: () => void delete (signal as Partial<AbortSignal>).addEventListener,
  };
}

/**
 * The warnings the process emits while `run` runs, such as MaxListenersExceededWarning (the events
 * fire under --no-warnings too). Jest gives each test file a copy of `process` whose events are its
 * own; Node emits on the real one, which code run in the main context sees. Jest's own
 * ExperimentalWarning (for VM modules) is left out.
 */
export async function warningsDuring(run: () => Promise<void>): Promise<string[]> {
  const real = vm.runInThisContext("process") as NodeJS.Process;
  const warnings: string[] = [];
  const listen = (warning: Error) => {
    if (warning.name !== "ExperimentalWarning") warnings.push(`${warning.name}: ${warning.message}`);
  };
  real.on("warning", listen);
  try {
    await run();
    // Node emits a warning on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    real.off("warning", listen);
  }
  return warnings;
}

async function listen(server: net.Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

function close(server: net.Server, endConnections: () => void): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    endConnections();
  });
}
