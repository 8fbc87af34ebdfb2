#!/usr/bin/env node
// Pagination: the time to iterate 10,000 items over 100 pages of an OpenAI-style list (`after` ←
// `last_id`, until `has_more` is false) through the generated `listFiles.all()`, against the same
// generated function called page by page by hand ("raw calls"). Same server (node:http in a child
// process, every page's JSON made before the first round), same client, sides interleaved in a
// worker process of their own (node --expose-gc, collected before each run); medians and the
// median of the per-round ratios, of the wall time and of the client process's CPU time (which
// a machine busy with other work disturbs less).
//
//   node scripts/bench/pages.js [--runs N] [--warmup N]
//
// `pagesRow({ runs, warmup, log })` returns the figures for `npm run bench`.
import { spawn, spawnSync } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { fmt, table } from "./report.js";
import { median, pairedRatio, root } from "./util.js";

const here = fileURLToPath(import.meta.url);
const ITEMS = 10_000;
const PER_PAGE = 100;
const SIDES = ["all", "raw"];

/** Starts `node <args>`; `done` resolves with its stdout when it exits 0. */
function run(args, { log, onLine } = {}) {
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
  let stdout = "";
  child.stdout.on("data", (d) => {
    stdout += d;
    if (onLine && stdout.includes("\n")) onLine(stdout.split("\n")[0]);
  });
  child.stderr.on("data", (d) => log?.(String(d).trimEnd()));
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${args.join(" ")} exited ${code}`))));
  });
  return { child, done };
}

/** The client the bench pages through: generated from the pagination fixture, inside the project (it imports openapi-fetch). */
function generateClient() {
  const out = path.join(root, ".tmp", "bench-pages");
  const result = spawnSync(process.execPath, ["scripts/generate.js", "--input", "test/fixtures/pagination.yaml", "--output", out], {
    cwd: root,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`generating the bench client failed:\n${result.stderr}`);
  return path.join(out, "index.js");
}

export async function pagesRow({ runs = 9, warmup = 2, log } = {}) {
  const client = generateClient();
  let server;
  const port = await new Promise((resolve, reject) => {
    server = run([here, "--server"], { log, onLine: (line) => resolve(JSON.parse(line).port) });
    server.done.then(() => reject(new Error("the pages server exited before listening")), reject);
  });
  try {
    const worker = run(["--expose-gc", here, "--worker", `http://127.0.0.1:${port}`, client, String(runs), String(warmup)], { log });
    worker.child.stdin.end();
    const out = JSON.parse(await worker.done);
    const ms = (side, key) => out[side].map((sample) => sample[key]);
    const sides = Object.fromEntries(
      SIDES.map((s) => [
        s,
        { medianMs: median(ms(s, "ms")), medianCpuMs: median(ms(s, "cpuMs")), samples: ms(s, "ms").map((x) => Math.round(x * 10) / 10) },
      ]),
    );
    return {
      workload: `${fmt.int(ITEMS)} items, ${ITEMS / PER_PAGE} pages of ${PER_PAGE} (OpenAI's list shape, ~${Math.round(out.pageBytes / 1024)} KB a page)`,
      server: "node:http on 127.0.0.1 in a child process, every page's JSON made before the first round",
      all: "for await (const file of listFiles.all(client, { limit: 100 }))",
      raw: "listFiles(client, { limit: 100, after }) in a loop, `after` ← last_id until has_more is false",
      target: "all <= 1.05x raw",
      sides,
      allVsRaw: pairedRatio(ms("all", "ms"), ms("raw", "ms")),
      cpuAllVsRaw: pairedRatio(ms("all", "cpuMs"), ms("raw", "cpuMs")),
    };
  } finally {
    server.child.stdin.end();
  }
}

/** The API: GET /files?after&limit answers OpenAI's list shape; stops when its standard input closes. */
function serve() {
  const files = Array.from({ length: ITEMS }, (_, i) => ({
    id: `file-${String(i).padStart(5, "0")}`,
    object: "file",
    bytes: 1000 + i,
    created_at: 1719184911 + i,
    filename: `part-${i}.jsonl`,
    purpose: "fine-tune",
  }));
  const pages = new Map();
  for (let start = 0; start < ITEMS; start += PER_PAGE) {
    const data = files.slice(start, start + PER_PAGE);
    const body = JSON.stringify({
      object: "list",
      data,
      first_id: data[0].id,
      last_id: data.at(-1).id,
      has_more: start + PER_PAGE < ITEMS,
    });
    pages.set(start === 0 ? "" : files[start - 1].id, body);
  }
  const server = http.createServer((req, res) => {
    const after = new URL(req.url, "http://x").searchParams.get("after") ?? "";
    const body = pages.get(after);
    if (!body) return res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"no such page"}}');
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n"));
  const stop = () => server.close(() => process.exit(0));
  process.stdin.on("end", stop);
  process.stdin.resume();
  setTimeout(() => process.exit(0), 15 * 60 * 1000).unref();
  return Buffer.byteLength(pages.get(""));
}

/** The worker: iterates every item `warmup + runs` times per side, sides alternating which goes first; prints the milliseconds as JSON. */
async function worker(baseUrl, clientFile, runs, warmup) {
  const log = (line) => process.stderr.write(line + "\n");
  const { createBaseClient, listFiles } = await import(pathToFileURL(clientFile).href);
  const client = createBaseClient({ baseUrl, maxRetries: 0 });
  const iterate = {
    async all() {
      let count = 0;
      let bytes = 0;
      for await (const file of listFiles.all(client, { limit: PER_PAGE })) {
        count++;
        bytes += file.bytes;
      }
      return { count, bytes };
    },
    async raw() {
      let count = 0;
      let bytes = 0;
      let after;
      for (;;) {
        const page = await listFiles(client, after === undefined ? { limit: PER_PAGE } : { limit: PER_PAGE, after });
        for (const file of page.data) {
          count++;
          bytes += file.bytes;
        }
        if (!page.has_more) break;
        after = page.last_id;
      }
      return { count, bytes };
    },
  };
  const expected = { count: ITEMS, bytes: ITEMS * 1000 + (ITEMS * (ITEMS - 1)) / 2 };
  const out = { all: [], raw: [] };
  for (let round = 0; round < warmup + runs; round++) {
    const order = round % 2 ? [...SIDES].reverse() : SIDES;
    const taken = {};
    for (const side of order) {
      globalThis.gc?.();
      const cpu = process.cpuUsage();
      const start = performance.now();
      const got = await iterate[side]();
      const used = process.cpuUsage(cpu);
      taken[side] = { ms: performance.now() - start, cpuMs: (used.user + used.system) / 1000 };
      if (got.count !== expected.count || got.bytes !== expected.bytes)
        throw new Error(`${side} read ${JSON.stringify(got)}, not ${JSON.stringify(expected)}`);
    }
    if (round >= warmup) for (const side of SIDES) out[side].push(taken[side]);
    const text = SIDES.map((s) => `${s} ${taken[s].ms.toFixed(1)} ms (CPU ${taken[s].cpuMs.toFixed(1)} ms)`).join(", ");
    log(`    round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""}: ${text}`);
  }
  const first = await fetch(`${baseUrl}/files?limit=${PER_PAGE}`);
  out.pageBytes = (await first.arrayBuffer()).byteLength;
  process.stdout.write(JSON.stringify(out) + "\n");
}

function render(row) {
  const cells = (s) => [s, fmt.ms(row.sides[s].medianMs), fmt.ms(row.sides[s].medianCpuMs), row.sides[s].samples.join(" ")];
  return [
    `Pagination: ${row.workload}; medians.`,
    `all: ${row.all}`,
    `raw: ${row.raw}`,
    table(["side", "ms per 10,000 items", "client CPU ms", "samples (ms)"], SIDES.map(cells)),
    `  all vs raw: ${fmt.x(row.allVsRaw)} the time, ${fmt.x(row.cpuAllVsRaw)} the client's CPU time (target: ${row.target})`,
  ].join("\n");
}

const main = process.argv[1] === here;
if (main && process.argv[2] === "--server") serve();
else if (main && process.argv[2] === "--worker") {
  const [baseUrl, clientFile, runs, warmup] = process.argv.slice(3);
  await worker(baseUrl, clientFile, Number(runs), Number(warmup));
} else if (main) {
  const options = { runs: { type: "string", default: "9" }, warmup: { type: "string", default: "2" } };
  const { values } = parseArgs({ options });
  const log = (line) => process.stderr.write(line + "\n");
  const row = await pagesRow({ runs: Number(values.runs), warmup: Number(values.warmup), log });
  process.stdout.write(render(row) + "\n");
}
