// The local API for row 4, run as its own process so that serving does not share the callers'
// event loop. Answers every POST /v1/uploads/{id}/cancel with an Upload; prints its port; stops
// when its standard input closes (the bench ended) or after 15 minutes at most.
import http from "node:http";

const upload = (id) =>
  JSON.stringify({
    id,
    object: "upload",
    bytes: 2147483648,
    created_at: 1719184911,
    filename: "training_examples.jsonl",
    purpose: "fine-tune",
    status: "cancelled",
    expires_at: 1719127296,
    file: null,
  });

const CANCEL = /^\/v1\/uploads\/([^/]+)\/cancel$/;

const server = http.createServer((req, res) => {
  const m = req.method === "POST" ? CANCEL.exec(req.url.split("?")[0]) : null;
  req.resume();
  req.on("end", () => {
    if (!m) {
      res.writeHead(404, { "content-type": "application/json" }).end('{"error":{"message":"not found"}}');
      return;
    }
    const body = upload(decodeURIComponent(m[1]));
    res.writeHead(200, { "content-type": "application/json", "content-length": Buffer.byteLength(body) }).end(body);
  });
});

// argv[2], when given: how long an idle connection stays open (ms). The load row passes a long one, so
// that the server never closes a kept-alive connection as a client reuses it (undici's own timeout,
// 4 s, closes it first) on a busy machine, where timers run late.
if (process.argv[2]) server.keepAliveTimeout = Number(process.argv[2]);

server.listen(0, "127.0.0.1", () => {
  process.stdout.write(JSON.stringify({ port: server.address().port }) + "\n");
});
const stop = () => server.close(() => process.exit(0));
process.stdin.on("end", stop);
process.stdin.on("close", stop);
process.stdin.resume();
setTimeout(() => process.exit(0), 15 * 60 * 1000).unref();
