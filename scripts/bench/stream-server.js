// The streaming row's payload and its server. `payload()` builds ~50 MB of OpenAI chat-completion
// chunk events, always the same, cut into chunks of realistic sizes. Run as a process, it serves
// them to every GET on 127.0.0.1 (backpressure respected), prints its port, and stops when its
// standard input closes (the bench ended) or after 15 minutes at most.
import http from "node:http";
import { fileURLToPath } from "node:url";

// Tokens as a model streams them: mostly ASCII, some accents, CJK and emoji, some escapes.
const WORDS = [
  "hello",
  " world",
  ",",
  " the",
  " stream",
  " of",
  " tokens",
  ".",
  "\n\n",
  " naïve",
  " café",
  " 日本語",
  " テキスト",
  " 🙂",
  ' "quoted"',
  " back\\slash",
  " a",
  " model",
  "'s",
  " answer",
  " is",
  " 42",
  ":",
  " code",
  "```",
  "\t",
  " ü",
];

/** A small deterministic PRNG (mulberry32), so every run and both processes see the same bytes. */
function random(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The events as the server sends them: `chunks` (Buffers of 128 B to 16 KiB, log-uniform, cut
 * anywhere, also inside a character), with how many events they hold (without `[DONE]`) and the
 * total length of their `delta.content`, to check what each side read.
 */
export function payload(targetBytes = 50 * 1024 * 1024) {
  const next = random(42);
  const parts = [];
  let bytes = 0;
  let events = 0;
  let contentChars = 0;
  let id = "";
  while (bytes < targetBytes) {
    if (events % 500 === 0) id = `chatcmpl-${Math.floor(next() * 2 ** 52).toString(36)}`;
    let content = "";
    for (let n = 1 + Math.floor(next() * 3); n > 0; n--) content += WORDS[Math.floor(next() * WORDS.length)];
    const delta = events % 500 === 0 ? { role: "assistant", content } : { content };
    const chunk = {
      id,
      object: "chat.completion.chunk",
      created: 1719184911 + Math.floor(events / 500),
      model: "gpt-4o",
      choices: [{ index: 0, delta, finish_reason: events % 500 === 499 ? "stop" : null }],
    };
    const part = Buffer.from(`data: ${JSON.stringify(chunk)}\n\n`);
    parts.push(part);
    bytes += part.length;
    events++;
    contentChars += content.length;
  }
  parts.push(Buffer.from("data: [DONE]\n\n"));
  const all = Buffer.concat(parts);
  const chunks = [];
  for (let at = 0; at < all.length; ) {
    const size = Math.round(128 * 2 ** (next() * 7));
    chunks.push(all.subarray(at, at + size));
    at += size;
  }
  return { chunks, chunkSizes: "128 B to 16 KiB, log-uniform, cut anywhere", bytes: all.length, events, contentChars };
}

function serve() {
  const { chunks } = payload();
  const server = http.createServer((req, res) => {
    req.resume();
    // One connection per stream: a kept-alive one could be closed by the server's idle timer while
    // the reader reuses it for the next run.
    res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache", connection: "close" });
    let i = 0;
    res.on("close", () => (i = chunks.length));
    const pump = () => {
      while (i < chunks.length) if (!res.write(chunks[i++])) return void res.once("drain", pump);
      res.end();
    };
    pump();
  });
  server.listen(0, "127.0.0.1", () => process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n"));
  const stop = () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  process.stdin.resume();
  setTimeout(() => process.exit(0), 15 * 60 * 1000).unref();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) serve();
