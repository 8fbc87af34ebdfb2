// The contract: the generated client's requests pass Prism's validation against the document, and
// Prism's mocked answers come back typed. Prism answers an invalid request with 422 and reports any
// violation in an `sl-violations` header.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { UnprocessableEntityError, createClient, type Api } from "../../generated/openai-uploads/index.js";
import { closedPort } from "./server.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
let prism: ChildProcess | undefined;
let api: Api;

beforeAll(async () => {
  const port = await closedPort();
  const cli = path.join(root, "node_modules/@stoplight/prism-cli/dist/index.js");
  prism = spawn(process.execPath, [cli, "mock", "spec/openai-uploads.yaml", "-h", "127.0.0.1", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Prism did not start within 20 s:\n${output}`)), 20_000);
    const listen = (chunk: Buffer) => {
      output += chunk;
      if (output.includes("Prism is listening")) {
        clearTimeout(timer);
        resolve();
      }
    };
    prism!.stdout!.on("data", listen);
    prism!.stderr!.on("data", listen);
    prism!.on("exit", (code) => reject(new Error(`Prism exited (${code}):\n${output}`)));
  });
  api = createClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: "sk-contract", maxRetries: 0 });
}, 30_000);

afterAll(async () => {
  if (!prism || prism.exitCode !== null) return;
  const exited = new Promise((resolve) => prism!.once("exit", resolve));
  prism.kill();
  await exited;
});

const noViolations = (response: Response) => expect(response.headers.get("sl-violations")).toBeNull();

test("all four Upload operations pass Prism's validation", async () => {
  const created = await api.createUpload.withResponse({
    body: {
      filename: "train.jsonl",
      purpose: "fine-tune",
      bytes: 5,
      mime_type: "text/jsonl",
      expires_after: { anchor: "created_at", seconds: 3600 },
    },
  });
  noViolations(created.response);
  expect(created.response.status).toBe(200);
  expect(typeof created.data.id).toBe("string");

  const part = await api.addUploadPart.withResponse({
    upload_id: "upload_abc123",
    body: { data: new Uint8Array([104, 101, 108, 108, 111]) },
  });
  noViolations(part.response);
  expect(part.data.object).toBe("upload.part");

  const blobPart = await api.addUploadPart.withResponse({ upload_id: "upload_abc123", body: { data: new Blob(["hello"]) } });
  noViolations(blobPart.response);

  const completed = await api.completeUpload.withResponse({
    upload_id: "upload_abc123",
    body: { part_ids: [part.data.id], md5: "5d41402abc4b2a76b9719d911017c592" },
  });
  noViolations(completed.response);
  expect(completed.response.status).toBe(200);

  const cancelled = await api.cancelUpload.withResponse({ upload_id: "upload_abc123" });
  noViolations(cancelled.response);
  expect(cancelled.data.object).toBe("upload");
});

test("the check is not vacuous: Prism rejects what the document forbids", async () => {
  // @ts-expect-error purpose is an enum
  const invalid = api.createUpload({ body: { filename: "a", purpose: "nonsense", bytes: 1, mime_type: "text/plain" } });
  await expect(invalid).rejects.toBeInstanceOf(UnprocessableEntityError);
});
