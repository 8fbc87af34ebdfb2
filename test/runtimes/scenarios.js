// What runtimes.test.ts has every JavaScript runtime do with the committed Uploads client: plain JavaScript,
// no TypeScript and no bundler (but workerd's, which bundles as Wrangler does), each scenario's outcome
// as data, so that one expectation holds for Node, Deno, Bun and workerd alike. `baseUrl` is the test's
// node:http server on 127.0.0.1.
import { createClient, isApiError, NotFoundError } from "../../generated/openai-uploads/index.js";
import { webhooks } from "../../generated/openai-uploads/runtime/webhooks.js";

const settled = (call, describe) =>
  call.then(
    () => "resolved",
    (error) => describe(error),
  );

export async function scenarios(baseUrl) {
  const log = [];
  // Times vary: the lines are kept without them.
  const keep = (message) => void log.push(message.replace(/ in \d+ ms/, ""));
  const logger = { debug() {}, info: keep, warn: keep, error: keep };
  const api = createClient({ baseUrl, apiKey: "sk-runtime", maxRetries: 1, logger, logLevel: "info" });
  const out = {};
  out.cancelled = (await api.cancelUpload({ upload_id: "upload_1" })).status;
  out.requestId = (await api.cancelUpload.withResponse({ upload_id: "upload_1" })).requestId;
  const data = new Blob([new Uint8Array([0, 13, 10, 255])], { type: "application/octet-stream" });
  out.part = (await api.addUploadPart({ upload_id: "upload_1", body: { data } })).id;
  out.notFound = await settled(api.cancelUpload({ upload_id: "upload_x" }), (error) => ({
    name: error.name,
    isNotFoundError: error instanceof NotFoundError,
    isApiError: isApiError(error, "cancelUpload"),
    status: error.status,
    message: error.error?.error?.message,
  }));
  out.retried = (await api.cancelUpload({ upload_id: "flaky" })).status;
  // A 307 the runtime follows by its own rules (fetch's redirect "manual" gives it the 3xx).
  out.redirected = (await api.cancelUpload.withResponse({ upload_id: "moved" })).response.url.replace(baseUrl, "");
  out.timeout = await settled(api.cancelUpload({ upload_id: "slow" }, { timeout: 200, maxRetries: 0 }), (error) => error.name);
  const fetched = [];
  const perCall = {
    fetch: (request) => (fetched.push(`${request.method} ${request.url.replace(baseUrl, "")}`), fetch(request)),
    middleware: [{ onRequest: ({ request }) => void request.headers.set("x-middleware", "per-call") }],
  };
  out.perCall = (await api.cancelUpload({ upload_id: "upload_1" }, perCall)).status;
  out.perCallFetched = fetched;
  // The Standard Webhooks specification's signature vector (test/runtime/webhooks.test.ts cites it), by this runtime's Web Crypto.
  const headers = {
    "webhook-id": "msg_p5jXN8AQM9LWM0D4loKWxJek",
    "webhook-timestamp": "1614265330",
    "webhook-signature": "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  };
  const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  out.webhook = await settled(
    webhooks.unwrap('{"test": 2432232314}', headers, secret, { tolerance: Infinity }).then((event) => {
      out.webhookEvent = event;
    }),
    (error) => error.message,
  );
  out.webhookTampered = await settled(
    webhooks.verify('{"test": 2432232315}', headers, secret, { tolerance: Infinity }),
    (error) => error.name,
  );
  out.log = log;
  return out;
}
