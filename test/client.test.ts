import http from "node:http";
import type { AddressInfo } from "node:net";
import { ApiError, cancelUpload, createClient, type components } from "../generated/openai-uploads/index.js";

// The committed client against a real HTTP server on 127.0.0.1: what goes over the wire, and what comes back.
interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
const seen: Seen[] = [];
let reply: (req: Seen) => { status: number; body: unknown; headers?: Record<string, string> };
let server: http.Server;
let baseUrl: string;

const upload: components["schemas"]["Upload"] = {
  id: "upload_abc123",
  object: "upload",
  bytes: 2147483648,
  created_at: 1719184911,
  filename: "training_examples.jsonl",
  purpose: "fine-tune",
  status: "cancelled",
  expires_at: 1719127296,
  file: null,
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const request = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      seen.push(request);
      const { status, body, headers } = reply(request);
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen.length = 0;
  reply = () => ({ status: 200, body: upload });
});

test("cancelUpload sends POST /uploads/{upload_id}/cancel with the key and resolves to the Upload", async () => {
  const api = createClient({ baseUrl, apiKey: "sk-test" });
  const result = await api.cancelUpload({ upload_id: "upload_abc123" });
  expect(result).toEqual(upload);
  expect(result.status).toBe("cancelled");
  expect(seen).toHaveLength(1);
  expect(seen[0]).toMatchObject({ method: "POST", url: "/v1/uploads/upload_abc123/cancel", body: "" });
  expect(seen[0]!.headers.authorization).toBe("Bearer sk-test");
});

test("the free function does the same through a client", async () => {
  const api = createClient({ baseUrl, apiKey: "sk-test" });
  await expect(cancelUpload(api, { upload_id: "upload_abc123" })).resolves.toEqual(upload);
  expect(seen[0]!.url).toBe("/v1/uploads/upload_abc123/cancel");
});

test("path values are percent-encoded into their own segment", async () => {
  const api = createClient({ baseUrl, apiKey: "sk-test" });
  await api.cancelUpload({ upload_id: "a/b?c#d e" });
  expect(seen[0]!.url).toBe("/v1/uploads/a%2Fb%3Fc%23d%20e/cancel");
});

test("createUpload and completeUpload send their JSON bodies", async () => {
  const api = createClient({ baseUrl, apiKey: "sk-test" });
  await api.createUpload({ body: { filename: "a.jsonl", purpose: "fine-tune", bytes: 3, mime_type: "text/jsonl" } });
  await api.completeUpload({ upload_id: "upload_abc123", body: { part_ids: ["part_1", "part_2"] } });
  expect(seen.map((s) => [s.method, s.url, s.headers["content-type"], JSON.parse(s.body)])).toEqual([
    ["POST", "/v1/uploads", "application/json", { filename: "a.jsonl", purpose: "fine-tune", bytes: 3, mime_type: "text/jsonl" }],
    ["POST", "/v1/uploads/upload_abc123/complete", "application/json", { part_ids: ["part_1", "part_2"] }],
  ]);
});

test("a 4xx rejects with ApiError carrying status, parsed body and headers", async () => {
  reply = () => ({
    status: 404,
    body: { error: { message: "No such upload: upload_xyz", type: "invalid_request_error" } },
    headers: { "x-request-id": "req_1" },
  });
  const api = createClient({ baseUrl, apiKey: "sk-test", maxRetries: 0 } as Parameters<typeof createClient>[0]);
  const error = await api.cancelUpload({ upload_id: "upload_xyz" }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ApiError);
  const apiError = error as ApiError;
  expect(apiError.status).toBe(404);
  expect(apiError.error).toEqual({ error: { message: "No such upload: upload_xyz", type: "invalid_request_error" } });
  expect(apiError.headers.get("x-request-id")).toBe("req_1");
  expect(apiError.message).toBe("404 No such upload: upload_xyz");
});

test("a path value that would leave its segment is rejected before anything is sent", async () => {
  const api = createClient({ baseUrl, apiKey: "sk-test" });
  for (const upload_id of ["", ".", "..", "%2e%2E"]) {
    await expect(api.cancelUpload({ upload_id })).rejects.toThrow(/upload_id/);
  }
  expect(seen).toHaveLength(0);
});
