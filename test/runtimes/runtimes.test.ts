// The committed Uploads client under every server-side JavaScript runtime a user may deploy it to: Node,
// Deno, Bun and Cloudflare's workerd (the browser is test/browser/'s). Each runs test/runtimes/scenarios.js
// (calls, a multipart body, errors, a retry, a redirect, a timeout, per-call fetch and middleware, logging,
// and a webhook's signature by Web Crypto) against a node:http server of this test on 127.0.0.1, and must
// get the same outcome. Deno, Bun and workerd come from the npm registry (dev dependencies); where a binary
// is missing or does not run here, its tests are skipped and the reason printed, unless RUNTIMES_REQUIRED=1.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type http from "node:http";
import os from "node:os";
import path from "node:path";
import { build } from "esbuild";
import { parseMultipart, type Seen, startServer, type TestServer, upload } from "../runtime/server.js";
import { root } from "../tsc.js";

const bin = (name: string) => path.join(root, "node_modules", ".bin", name);
const SCRIPT = path.join(root, "test/runtimes/cli.js");

interface Runtime {
  /** The command that prints its version, first. */
  version: string[];
  /** Runs the scenarios against `baseUrl`; resolves to what the runtime printed. */
  run(baseUrl: string): Promise<{ code: number | null; stdout: string; stderr: string }>;
}

let workerdDir: string | undefined;
const RUNTIMES: Record<string, Runtime> = {
  node: { version: [process.execPath, "--version"], run: (url) => exec([process.execPath, SCRIPT, url]) },
  // Network to loopback only, and reading the project (the client and node_modules); no environment access.
  deno: {
    version: [bin("deno"), "--version"],
    run: (url) => exec([bin("deno"), "run", "--allow-net=127.0.0.1", `--allow-read=${root}`, SCRIPT, url]),
  },
  bun: { version: [bin("bun"), "--version"], run: (url) => exec([bin("bun"), "run", SCRIPT, url]) },
  // Bundled by esbuild as Wrangler bundles a worker, then run by `workerd test` with the URL as a binding.
  workerd: { version: [bin("workerd"), "--version"], run: runWorker },
};

/** The runtime's version, or why it cannot run here. */
function probe(command: string[]): { version: string } | { missing: string } {
  const result = spawnSync(command[0]!, command.slice(1), { encoding: "utf8", timeout: 30_000 });
  if (result.error)
    return {
      missing: `${command[0]} does not run here (${result.error.message}): \`npm ci\` installs it where the registry has its binary`,
    };
  if (result.status !== 0)
    return { missing: `\`${command.join(" ")}\` exited ${result.status}: ${(result.stderr || result.stdout).trim().split("\n")[0]}` };
  return { version: result.stdout.trim().split("\n")[0]! };
}

function exec(command: string[], cwd = root): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(command[0]!, command.slice(1), { cwd, env: { ...process.env, NO_COLOR: "1" } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d));
  child.stderr.on("data", (d: Buffer) => (stderr += d));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

async function runWorker(baseUrl: string) {
  workerdDir ??= mkdtempSync(path.join(os.tmpdir(), "ocg-workerd-"));
  const bundled = await build({
    entryPoints: [path.join(root, "test/runtimes/worker.js")],
    bundle: true,
    format: "esm",
    platform: "neutral",
    conditions: ["workerd", "worker", "browser"],
    mainFields: ["module", "main"],
    write: false,
    logLevel: "silent",
  });
  writeFileSync(path.join(workerdDir, "worker.js"), bundled.outputFiles[0]!.text);
  // Outbound requests may reach loopback only: the test's server.
  writeFileSync(
    path.join(workerdDir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .worker), (name = "loopback", network = (allow = ["local"]))],
);
const worker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "worker.js")],
  compatibilityDate = "2025-01-01",
  bindings = [(name = "API", text = ${JSON.stringify(baseUrl)})],
  globalOutbound = "loopback",
);
`,
  );
  const result = await exec([bin("workerd"), "test", "config.capnp"], workerdDir);
  return {
    ...result,
    stdout:
      result.stdout
        .split("\n")
        .find((line) => line.startsWith("outcome: "))
        ?.slice("outcome: ".length) ?? result.stdout,
  };
}

const found = Object.fromEntries(Object.entries(RUNTIMES).map(([name, runtime]) => [name, probe(runtime.version)]));
const required = process.env.RUNTIMES_REQUIRED === "1";
for (const [name, got] of Object.entries(found))
  if ("missing" in got && !required) console.warn(`skipped: the ${name} tests (test/runtimes/): ${got.missing}`);

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
  server.reset(api);
});
afterAll(async () => {
  await server.close();
  if (workerdDir) rmSync(workerdDir, { recursive: true, force: true });
});

/** The API: what each upload id answers (runtimes run one at a time, so `seen` is one runtime's). */
function api(req: Seen, res: http.ServerResponse, seen: Seen[]): void {
  const send = (status: number, body: unknown, headers: http.OutgoingHttpHeaders = {}) =>
    res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
  if (req.url === "/v1/uploads/upload_1/cancel") send(200, upload("upload_1", "cancelled"), { "x-request-id": "req_1" });
  else if (req.url === "/v1/uploads/upload_1/parts")
    send(200, { id: "part_1", object: "upload.part", created_at: 1, upload_id: "upload_1" });
  // The first attempt of each runtime fails.
  else if (req.url === "/v1/uploads/flaky/cancel")
    seen.filter((s) => s.url === req.url).length === 1
      ? send(503, { error: { message: "busy" } }, { "retry-after-ms": "10" })
      : send(200, upload("flaky", "cancelled"));
  else if (req.url === "/v1/uploads/moved/cancel") res.writeHead(307, { location: "/v1/uploads/upload_1/cancel" }).end();
  // Never answers: the call's timeout ends it.
  else if (req.url !== "/v1/uploads/slow/cancel") send(404, { error: { message: `no upload at ${req.url}` } });
}

const LINE = "cancelUpload POST /uploads/{upload_id}/cancel";
const EXPECTED = {
  cancelled: "cancelled",
  requestId: "req_1",
  part: "part_1",
  notFound: {
    name: "NotFoundError",
    isNotFoundError: true,
    isApiError: true,
    status: 404,
    message: "no upload at /v1/uploads/upload_x/cancel",
  },
  retried: "cancelled",
  redirected: "/uploads/upload_1/cancel",
  timeout: "ApiTimeoutError",
  perCall: "cancelled",
  perCallFetched: ["POST /uploads/upload_1/cancel"],
  webhook: "resolved",
  webhookEvent: { test: 2432232314 },
  webhookTampered: "WebhookVerificationError",
  log: [
    `${LINE}: 200`,
    `${LINE}: 200`,
    "addUploadPart POST /uploads/{upload_id}/parts: 200",
    `${LINE}: 404; NotFoundError thrown`,
    `${LINE}: 503; retry 1 of 1 in 10 ms`,
    `${LINE}: 200`,
    `${LINE}: 200`,
    `${LINE}: timed out; ApiTimeoutError thrown`,
    `${LINE}: 200`,
  ],
};

describe.each(Object.keys(RUNTIMES))("%s", (name) => {
  const got = found[name]!;
  const runs = "version" in got || required ? test : test.skip;

  runs(
    `runs the Uploads client and gets what Node gets (${"version" in got ? got.version : "not installed"})`,
    async () => {
      if ("missing" in got) throw new Error(got.missing);
      server.seen.length = 0;
      const result = await RUNTIMES[name]!.run(`${server.url}/v1`);
      let outcome: unknown;
      try {
        outcome = JSON.parse(result.stdout);
      } catch {
        throw new Error(`${name} exited ${result.code} without an outcome:\n${result.stdout}\n${result.stderr}`);
      }
      expect(outcome).toEqual(EXPECTED);
      expect(result.code).toBe(0);

      // What the server saw: the key on every request, the part's bytes as they were, the hop of the redirect, the middleware's header.
      expect(server.seen.every((s) => s.headers.authorization === "Bearer sk-runtime")).toBe(true);
      const part = server.seen.find((s) => s.url === "/v1/uploads/upload_1/parts")!;
      expect([...new Uint8Array(await ((await parseMultipart(part)).get("data") as File).arrayBuffer())]).toEqual([0, 13, 10, 255]);
      const urls = server.seen.map((s) => s.url);
      expect(urls.indexOf("/v1/uploads/moved/cancel")).toBeGreaterThan(-1);
      expect(urls[urls.indexOf("/v1/uploads/moved/cancel") + 1]).toBe("/v1/uploads/upload_1/cancel");
      expect(server.seen.at(-1)!.headers["x-middleware"]).toBe("per-call");
    },
    120_000,
  );
});
