#!/usr/bin/env node
// Streaming: OpenAI chat-completion chunk events per second through our Stream
// (src/runtime/stream.ts, bundled by esbuild on the fly) and through the official openai package's
// Stream.fromSSEResponse, (1) over HTTP from a node:http server in its own process and (2) parsing
// alone, from a ReadableStream in memory. Both sides read the same ~50 MB in every round, sides
// interleaved, in a worker process of their own (run with --expose-gc, so that each run starts
// from a collected heap); peak RSS growth is sampled every 1024 events while reading.
//
//   node scripts/bench/stream.js [--runs N] [--warmup N]
//
// `streamRow({ runs, warmup, log })` returns the figures for `npm run bench`.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { fmt, table } from "./report.js";
import { payload } from "./stream-server.js";
import { median, pairedRatio, root } from "./util.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const SIDES = ["ours", "official"];
const MODES = ["http", "parse"];
/** What generated code would pass for OpenAI's chat completions (idleTimeout: the runtime's default timeout). */
const OURS = { format: "sse", json: true, done: "[DONE]", errorMember: true, idleTimeout: 600_000 };

/** Starts `node <args>`; `done` resolves with its stdout when it exits 0. */
function run(args, { log, onLine } = {}) {
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
  const name = path.basename(args.find((a) => a.endsWith(".js")));
  let stdout = "";
  child.stdout.on("data", (d) => {
    stdout += d;
    if (onLine && stdout.includes("\n")) onLine(stdout.split("\n")[0]);
  });
  child.stderr.on("data", (d) => log?.(String(d).trimEnd()));
  const done = new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${name} exited ${code}`))));
  });
  return { child, done };
}

export async function streamRow({ runs = 5, warmup = 1, log } = {}) {
  let server;
  const port = await new Promise((resolve, reject) => {
    server = run([path.join(here, "stream-server.js")], { log, onLine: (line) => resolve(JSON.parse(line).port) });
    server.done.then(() => reject(new Error("the stream server exited before listening")), reject);
  });
  try {
    const url = `http://127.0.0.1:${port}/`;
    const worker = run(["--expose-gc", fileURLToPath(import.meta.url), "--worker", url, String(runs), String(warmup)], { log });
    worker.child.stdin.end();
    const out = JSON.parse(await worker.done);
    const row = {
      payload: out.payload,
      server: "node:http on 127.0.0.1 in a child process; the readers in another child process (node --expose-gc)",
      ours: `src/runtime/stream.ts bundled by esbuild (format esm, platform neutral), options ${JSON.stringify(OURS)}`,
      official: `openai ${out.openaiVersion}, Stream.fromSSEResponse(response, controller)`,
      target: "ours >= 1.2x the official package's events/s",
    };
    for (const mode of MODES) {
      const sides = {};
      for (const side of SIDES) {
        const samples = out[mode][side];
        sides[side] = {
          eventsPerSec: median(samples.map((s) => s.eventsPerSec)),
          samples: samples.map((s) => Math.round(s.eventsPerSec)),
          medianMs: median(samples.map((s) => s.ms)),
          peakRssGrowthMB: Math.max(...samples.map((s) => s.rssGrowth)) / 2 ** 20,
        };
      }
      const perRound = (side) => out[mode][side].map((s) => s.eventsPerSec);
      row[mode] = { sides, oursVsOfficial: pairedRatio(perRound("ours"), perRound("official")) };
    }
    return row;
  } finally {
    server.child.stdin.end();
  }
}

/** The worker: reads the stream `warmup + runs` times per side and mode, prints the samples as JSON. */
async function worker(url, runs, warmup) {
  const log = (line) => process.stderr.write(line + "\n");
  const { build } = await import("esbuild");
  const bundled = await build({
    entryPoints: [path.join(root, "src/runtime/stream.ts")],
    bundle: true,
    write: false,
    format: "esm",
    platform: "neutral",
    logLevel: "silent",
  });
  const code = Buffer.from(bundled.outputFiles[0].text).toString("base64");
  const { Stream } = await import(`data:text/javascript;base64,${code}`);
  const { Stream: OpenAIStream } = await import("openai/core/streaming");
  const openaiVersion = JSON.parse(readFileSync(path.join(root, "node_modules/openai/package.json"), "utf8")).version;

  const data = payload();
  const chunks = data.chunks.map((b) => new Uint8Array(b.buffer, b.byteOffset, b.length));
  const errors = {
    event: (_data, raw) => new Error(`error event: ${raw}`),
    timeout: () => new Error("stream timed out"),
    invalid: (raw, cause) => new Error(`invalid JSON: ${raw}`, { cause }),
    connection: (cause) => new Error("connection error", { cause }),
  };
  const open = {
    ours: (response, controller) => new Stream(response, { ...OURS, errors, onClose: (aborted) => aborted && controller.abort() }),
    official: (response, controller) => OpenAIStream.fromSSEResponse(response, controller),
  };
  const source = {
    http: (controller) => fetch(url, { signal: controller.signal }),
    parse: async () => {
      let i = 0;
      const pull = (c) => (i < chunks.length ? c.enqueue(chunks[i++]) : c.close());
      return new Response(new ReadableStream({ pull }));
    },
  };

  async function measure(side, mode) {
    globalThis.gc?.();
    const base = process.memoryUsage.rss();
    let peak = base;
    let events = 0;
    let chars = 0;
    const start = performance.now();
    const controller = new AbortController();
    const stream = open[side](await source[mode](controller), controller);
    for await (const chunk of stream) {
      events++;
      chars += chunk.choices[0].delta.content.length;
      if ((events & 1023) === 0) peak = Math.max(peak, process.memoryUsage.rss());
    }
    const ms = performance.now() - start;
    peak = Math.max(peak, process.memoryUsage.rss());
    if (events !== data.events || chars !== data.contentChars) {
      throw new Error(`${side} (${mode}) read ${events} events, ${chars} characters; not ${data.events}, ${data.contentChars}`);
    }
    return { eventsPerSec: events / (ms / 1000), ms, rssGrowth: peak - base };
  }

  const out = {
    payload: { bytes: data.bytes, events: data.events, chunks: chunks.length, chunkSizes: data.chunkSizes },
    openaiVersion,
  };
  for (const mode of MODES) out[mode] = { ours: [], official: [] };
  for (let round = 0; round < warmup + runs; round++) {
    // Alternate which side goes first, so that neither always runs on a warmer process.
    const order = round % 2 ? [...SIDES].reverse() : SIDES;
    for (const mode of MODES) {
      for (const side of order) {
        const sample = await measure(side, mode);
        if (round >= warmup) out[mode][side].push(sample);
        const mb = (sample.rssGrowth / 2 ** 20).toFixed(1);
        const what = `${mode} ${side} ${fmt.int(sample.eventsPerSec)} events/s, +${mb} MB RSS`;
        log(`    round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""}: ${what}`);
      }
    }
  }
  process.stdout.write(JSON.stringify(out) + "\n");
}

export function renderStream(row) {
  const { events, bytes, chunks, chunkSizes } = row.payload;
  const lines = [
    `Streaming: ${fmt.int(events)} chat-completion chunk events, ${(bytes / 2 ** 20).toFixed(1)} MB ` +
      `in ${fmt.int(chunks)} chunks (${chunkSizes}); medians.`,
    `Official: ${row.official}. Target: ${row.target}.`,
  ];
  const titles = {
    http: "Over HTTP (node:http on 127.0.0.1, another process)",
    parse: "Parsing alone (a ReadableStream from memory)",
  };
  for (const mode of MODES) {
    const { sides, oursVsOfficial } = row[mode];
    const cells = (s) => [s, fmt.int(sides[s].eventsPerSec), fmt.ms(sides[s].medianMs), sides[s].peakRssGrowthMB.toFixed(1)];
    lines.push("", titles[mode], table(["side", "events/s", "ms per stream", "peak RSS growth (MB)"], SIDES.map(cells)));
    lines.push(`  ours vs official: ${fmt.x(oursVsOfficial)} the events/s`);
  }
  return lines.join("\n");
}

const main = process.argv[1] === fileURLToPath(import.meta.url);
if (main && process.argv[2] === "--worker") {
  const [url, runs, warmup] = process.argv.slice(3);
  await worker(url, Number(runs), Number(warmup));
} else if (main) {
  const options = { runs: { type: "string", default: "5" }, warmup: { type: "string", default: "1" } };
  const { values } = parseArgs({ options });
  const log = (line) => process.stderr.write(line + "\n");
  const row = await streamRow({ runs: Number(values.runs), warmup: Number(values.warmup), log });
  process.stdout.write(renderStream(row) + "\n");
}
