// A consumer of the committed Uploads client under Node's own module loader: no bundler, no TypeScript, no
// jest. It `import`s the client as an ES module and `require`s it too, as CommonJS code does where Node
// loads an ES module by require() (20.19 and later, 22.12 and later: `process.features.require_module`).
// It calls a node:http server of its own on 127.0.0.1 and prints, as JSON, what it got and what the server
// saw. test/node/loader.test.ts runs it; `node test/node/consumer.mjs` runs it by hand.
import http from "node:http";
import { createRequire } from "node:module";
import * as imported from "../../generated/openai-uploads/index.js";

const upload = {
  id: "upload_1",
  object: "upload",
  bytes: 3,
  created_at: 1,
  filename: "a.jsonl",
  purpose: "batch",
  status: "cancelled",
  expires_at: 2,
};
const part = { id: "part_1", object: "upload.part", created_at: 1, upload_id: "upload_1" };
const seen = [];
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on("data", (chunk) => chunks.push(chunk));
  req.on("end", () => {
    const body = Buffer.concat(chunks);
    seen.push({
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      contentType: req.headers["content-type"],
      body: body.toString("base64"),
    });
    const [status, answer] =
      req.url === "/uploads/upload_1/cancel"
        ? [200, upload]
        : req.url === "/uploads/upload_1/parts"
          ? [200, part]
          : [404, { error: { message: "no such upload" } }];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(answer));
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const baseUrl = `http://127.0.0.1:${server.address().port}`;

try {
  const api = imported.createClient({ baseUrl, apiKey: "sk-node", maxRetries: 0 });
  const cancelled = await api.cancelUpload({ upload_id: "upload_1" });
  const added = await api.addUploadPart({ upload_id: "upload_1", body: { data: new Blob([new Uint8Array([0, 13, 10, 255])]) } });
  const missing = await api.cancelUpload({ upload_id: "upload_x" }).catch((error) => ({
    name: error.name,
    isNotFoundError: error instanceof imported.NotFoundError,
    status: error.status,
  }));

  // require() of an ES module gives the same module instance that import did, so classes match across both.
  let required = "not supported by this Node (use `await import()` from CommonJS)";
  if (process.features.require_module) {
    const module = createRequire(import.meta.url)("../../generated/openai-uploads/index.js");
    required = { sameModule: module.createClient === imported.createClient && module.NotFoundError === imported.NotFoundError };
  }

  console.log(JSON.stringify({ node: process.version, cancelled: cancelled.status, added: added.id, missing, required, seen }));
} finally {
  server.close();
}
