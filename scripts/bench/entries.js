// The programs bundled by rows 4 and 5, one per side, as esbuild stdin (TypeScript, resolved from
// the project root so that "openai" and "openapi-fetch" come from its node_modules).
export const OUR_CLIENT = "./generated/openai-uploads/index.js";

/** Row 4: each exports makeCaller(baseUrl) → () => Promise<Upload>, one cancelUpload per call. */
export const CALLERS = {
  ours: `import { createClient } from "${OUR_CLIENT}";
export function makeCaller(baseUrl: string) {
  const api = createClient({ apiKey: "k", baseUrl });
  return () => api.cancelUpload({ upload_id: "upload_abc" });
}
`,
  rawOpenapiFetch: `import createClient from "openapi-fetch";
export function makeCaller(baseUrl: string) {
  // The same work as ours: a bearer token on every request, and a non-2xx answer thrown.
  const client = createClient<any>({ baseUrl, headers: { Authorization: "Bearer k" } });
  return async () => {
    const { data, error, response } = await client.POST("/uploads/{upload_id}/cancel", { params: { path: { upload_id: "upload_abc" } } });
    if (!response.ok) throw new Error(String(response.status) + JSON.stringify(error));
    return data;
  };
}
`,
  // What the timeout costs each side: ours without one, and raw openapi-fetch given ours (10 minutes per call).
  oursNoTimeout: `import { createClient } from "${OUR_CLIENT}";
export function makeCaller(baseUrl: string) {
  const api = createClient({ apiKey: "k", baseUrl, timeout: Infinity });
  return () => api.cancelUpload({ upload_id: "upload_abc" });
}
`,
  rawOpenapiFetchWithTimeout: `import createClient from "openapi-fetch";
export function makeCaller(baseUrl: string) {
  const client = createClient<any>({ baseUrl, headers: { Authorization: "Bearer k" } });
  return async () => {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), 600_000);
    try {
      const { data, error, response } = await client.POST("/uploads/{upload_id}/cancel", {
        params: { path: { upload_id: "upload_abc" } },
        signal: controller.signal,
      });
      if (!response.ok) throw new Error(String(response.status) + JSON.stringify(error));
      return data;
    } finally {
      clearTimeout(timer);
    }
  };
}
`,
  openaiSdk: `import OpenAI from "openai";
export function makeCaller(baseUrl: string) {
  const client = new OpenAI({ apiKey: "k", baseURL: baseUrl, maxRetries: 0 });
  return () => client.uploads.cancel("upload_abc");
}
`,
};

/** Row 5: what a browser app ships for the Upload operations. */
export const BUNDLES = {
  ours: `import { createClient } from "${OUR_CLIENT}";
const api = createClient({ apiKey: "k" });
export async function run(data: Blob) {
  const upload = await api.createUpload({ body: { filename: "a.jsonl", purpose: "fine-tune", bytes: 1, mime_type: "text/jsonl" } });
  const part = await api.addUploadPart({ upload_id: upload.id, body: { data } });
  await api.completeUpload({ upload_id: upload.id, body: { part_ids: [part.id] } });
  return api.cancelUpload({ upload_id: upload.id });
}
`,
  oursOneOperation: `import { createBaseClient, cancelUpload } from "${OUR_CLIENT}";
const client = createBaseClient({ apiKey: "k" });
export function run() {
  return cancelUpload(client, { upload_id: "x" });
}
`,
  // The same program with validation on: the generated validators come along, and nothing else changes.
  oursValidating: `import { createClient } from "${OUR_CLIENT}";
import { validators } from "./generated/openai-uploads/validators.js";
const api = createClient({ apiKey: "k", validate: "all", validators });
export async function run(data: Blob) {
  const upload = await api.createUpload({ body: { filename: "a.jsonl", purpose: "fine-tune", bytes: 1, mime_type: "text/jsonl" } });
  const part = await api.addUploadPart({ upload_id: upload.id, body: { data } });
  await api.completeUpload({ upload_id: upload.id, body: { part_ids: [part.id] } });
  return api.cancelUpload({ upload_id: upload.id });
}
`,
  // What logging, per-call options and webhooks cost a one-call program, against oursOneOperation: used here;
  // unused, logging's share is what oursOneOperationNoLogging (the runtime with log.js stubbed out) saves.
  oursOneOperationLogging: `import { createBaseClient, cancelUpload } from "${OUR_CLIENT}";
const client = createBaseClient({ apiKey: "k", logLevel: "debug", logger: console });
export function run() {
  return cancelUpload(client, { upload_id: "x" });
}
`,
  oursOneOperationCallOptions: `import { createBaseClient, cancelUpload } from "${OUR_CLIENT}";
const client = createBaseClient({ apiKey: "k" });
export function run() {
  return cancelUpload(client, { upload_id: "x" }, { cache: "no-store", next: { revalidate: 60 }, fetch: (r) => fetch(r), middleware: [] });
}
`,
  oursOneOperationWebhooks: `import { createBaseClient, cancelUpload } from "${OUR_CLIENT}";
import { webhooks } from "${OUR_CLIENT.replace("index.js", "runtime/webhooks.js")}";
const client = createBaseClient({ apiKey: "k" });
export function run() {
  return cancelUpload(client, { upload_id: "x" });
}
export const receive = (body: string, headers: Headers, secret: string) => webhooks.unwrap(body, headers, secret);
`,
  openapiFetch: `import createClient from "openapi-fetch";
const client = createClient<any>({ baseUrl: "https://api.openai.com/v1" });
export function run() {
  return client.POST("/uploads/{upload_id}/cancel", { params: { path: { upload_id: "x" } } });
}
`,
  openaiSdk: `import OpenAI from "openai";
export function run() {
  return new OpenAI({ apiKey: "k", dangerouslyAllowBrowser: true }).uploads.cancel("x");
}
`,
};

/** Row 5 sides bundled from another side's program with a runtime module replaced: what that module costs a program that never uses it. */
export const STUBBED = {
  oursOneOperationNoLogging: {
    from: "oursOneOperation",
    after: "oursOneOperationWebhooks",
    module: "runtime/log.js",
    contents: "export const requestLog = () => undefined;\n",
  },
};

/**
 * Row 5b: one operation of a 452-operation document (Stripe). `runtime` is openapi-fetch with the
 * runtime's request path and nothing of the document; the others are a generated client in STRIPE.
 */
export const STRIPE = "__STRIPE__";
export const TREE_SHAKING = {
  runtime: `import { configureClient } from "${OUR_CLIENT.replace("index.js", "runtime/client.js")}";
import { send } from "${OUR_CLIENT.replace("index.js", "runtime/send.js")}";
const client = configureClient({ baseUrl: "https://api.stripe.com/", securitySchemes: {} }, { apiKey: "k" });
export function run() {
  return send(client, { method: "GET", path: "/v1/customers/{customer}", params: { customer: { in: "path" } } }, { customer: "cus_1" });
}
`,
  oursOneOperation: `import { createBaseClient, GetCustomersCustomer } from "${STRIPE}/index.js";
const client = createBaseClient({ apiKey: "k" });
export function run() {
  return GetCustomersCustomer(client, { customer: "cus_1" });
}
`,
  oursCreateClient: `import { createClient } from "${STRIPE}/index.js";
const api = createClient({ apiKey: "k" });
export function run() {
  return api.GetCustomersCustomer({ customer: "cus_1" });
}
`,
};

/**
 * The alternative to passing \`validators\`: loading them with import() when validation is turned on.
 * esbuild without code splitting inlines a dynamic import, so every user would ship them; with
 * splitting they are a chunk of their own. Row 5 measures both (the entry chunk, and all chunks).
 */
export const LAZY_VALIDATORS = `import { createClient } from "${OUR_CLIENT}";
export async function run(data: Blob, validate: boolean) {
  const validators = validate ? (await import("./generated/openai-uploads/validators.js")).validators : undefined;
  const api = createClient({ apiKey: "k", validators });
  const upload = await api.createUpload({ body: { filename: "a.jsonl", purpose: "fine-tune", bytes: 1, mime_type: "text/jsonl" } });
  const part = await api.addUploadPart({ upload_id: upload.id, body: { data } });
  await api.completeUpload({ upload_id: upload.id, body: { part_ids: [part.id] } });
  return api.cancelUpload({ upload_id: upload.id });
}
`;
