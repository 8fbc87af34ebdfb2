// Drives a headless Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe): the browser
// reads JSON messages, each ended by a NUL byte, on its fd 3 and writes its own on fd 4. No port, no
// WebSocket and no npm dependency, so nothing here can download a browser: it runs the one installed
// (Debian's `chromium` package, /usr/bin/chromium), or the one CHROMIUM_PATH names.
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, constants, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Readable, Writable } from "node:stream";

/** The Chromium to run, or why there is none. */
export function findChromium(env: NodeJS.ProcessEnv = process.env): { path: string } | { missing: string } {
  const candidates = env.CHROMIUM_PATH ? [env.CHROMIUM_PATH] : ["/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) {
    try {
      accessSync(candidate, constants.X_OK);
      return { path: candidate };
    } catch {}
  }
  return { missing: `no executable Chromium at ${candidates.join(" or ")} (apt-get install chromium, or set CHROMIUM_PATH)` };
}

// Headless, with nothing that reaches beyond loopback: the machines this runs on have no other network, and
// Chromium's background connections would fail at every start. --no-sandbox: CI runs as root, where
// Chromium refuses its sandbox; the pages it loads are the test's own.
const FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--no-default-browser-check",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-extensions",
  "--remote-debugging-pipe",
];

/** One page in a running Chromium. */
export interface Page {
  /** Loads `url` and resolves once its load event fired (its module scripts have run). */
  goto(url: string): Promise<void>;
  /** Evaluates `expression` in the page, awaits the promise it gives, and resolves with its value as JSON. */
  evaluate<T>(expression: string): Promise<T>;
  /** What the page logged and threw so far, one line each: to show beside a failure. */
  readonly log: string[];
  close(): Promise<void>;
}

interface Message {
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { message: string };
  sessionId?: string;
}

export async function launchChromium(executable: string): Promise<Page> {
  const profile = mkdtempSync(path.join(tmpdir(), "chromium-"));
  const child = spawn(executable, [...FLAGS, `--user-data-dir=${profile}`, "about:blank"], {
    stdio: ["ignore", "ignore", "pipe", "pipe", "pipe"],
  });
  const toBrowser = child.stdio[3] as Writable;
  const fromBrowser = child.stdio[4] as Readable;
  // A write after the browser quit fails with EPIPE: the exit below reports it.
  toBrowser.on("error", () => {});
  let stderr = "";
  child.stderr!.on("data", (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));

  const pending = new Map<number, { resolve: (result: any) => void; reject: (error: Error) => void }>();
  const listeners = new Set<(message: Message) => void>();
  let nextId = 1;
  let exited: Error | undefined;
  // Settles when the browser is gone: exited, or never started ("exit" may not follow "error").
  const gone = new Promise<void>((resolve) => {
    const end = (error: Error) => {
      exited ??= error;
      for (const { reject } of pending.values()) reject(exited);
      pending.clear();
      resolve();
    };
    child.once("exit", (code, signal) => end(new Error(`Chromium exited (${signal ?? code}); its last output:\n${stderr}`)));
    child.once("error", end);
  });

  let buffered = "";
  fromBrowser.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let end = buffered.indexOf("\0"); end !== -1; end = buffered.indexOf("\0")) {
      const message = JSON.parse(buffered.slice(0, end)) as Message;
      buffered = buffered.slice(end + 1);
      const waiting = message.id === undefined ? undefined : pending.get(message.id);
      if (waiting) {
        pending.delete(message.id!);
        if (message.error) waiting.reject(new Error(message.error.message));
        else waiting.resolve(message.result);
      } else for (const listener of listeners) listener(message);
    }
  });

  const send = (method: string, params: object = {}, sessionId?: string): Promise<any> => {
    if (exited) return Promise.reject(exited);
    const id = nextId++;
    toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
    return new Promise((resolve, reject) => pending.set(id, { resolve, reject }));
  };

  try {
    const { targetId } = await send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await send("Target.attachToTarget", { targetId, flatten: true });
    const log: string[] = [];
    listeners.add((message) => {
      if (message.sessionId !== sessionId) return;
      if (message.method === "Runtime.consoleAPICalled")
        log.push(`console.${message.params.type}: ${message.params.args.map((a: any) => a.value ?? a.description).join(" ")}`);
      if (message.method === "Runtime.exceptionThrown") log.push(`uncaught: ${describeException(message.params.exceptionDetails)}`);
      if (message.method === "Log.entryAdded") log.push(`${message.params.entry.level}: ${message.params.entry.text}`);
    });
    await Promise.all([send("Runtime.enable", {}, sessionId), send("Page.enable", {}, sessionId), send("Log.enable", {}, sessionId)]);
    return {
      log,
      async goto(url) {
        const loaded = new Promise<void>((resolve) => {
          const listener = (message: Message) => {
            if (message.sessionId !== sessionId || message.method !== "Page.loadEventFired") return;
            listeners.delete(listener);
            resolve();
          };
          listeners.add(listener);
        });
        const { errorText } = await send("Page.navigate", { url }, sessionId);
        if (errorText) throw new Error(`loading ${url} failed: ${errorText}`);
        await Promise.race([loaded, gone.then(() => Promise.reject(exited))]);
      },
      async evaluate(expression) {
        const { result, exceptionDetails } = await send(
          "Runtime.evaluate",
          { expression, awaitPromise: true, returnByValue: true },
          sessionId,
        );
        if (exceptionDetails) throw new Error(`${expression} threw in the page: ${describeException(exceptionDetails)}`);
        return result.value;
      },
      close: () => close(child, send, gone, profile),
    };
  } catch (error) {
    await close(child, send, gone, profile);
    throw error;
  }
}

function describeException(details: any): string {
  return details.exception?.description ?? details.exception?.value ?? details.text;
}

/** Asks Chromium to quit, kills it if it has not within two seconds, and removes its profile. */
async function close(child: ChildProcess, send: (method: string) => Promise<unknown>, gone: Promise<void>, profile: string) {
  if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
    const timer = setTimeout(() => child.kill("SIGKILL"), 2000);
    send("Browser.close").catch(() => {});
    await gone;
    clearTimeout(timer);
  }
  rmSync(profile, { recursive: true, force: true });
}
