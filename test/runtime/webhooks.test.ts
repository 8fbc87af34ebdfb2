// Webhooks signed by the Standard Webhooks scheme, through a client generated from test/fixtures/webhooks.yaml
// (with its webhook-validators.js). The fixed vectors are the specification's own, from the reference
// libraries' tests in github.com/standard-webhooks/standard-webhooks: libraries/javascript/src/webhook.test.ts
// ("sign function works", and the default id, payload and secret of its TestPayload) and
// libraries/go/webhook_test.go (TestWebhookSign, and the multi-signature case's other values). The
// signatures of fresh timestamps are made here with node:crypto, an implementation independent of the one tested.
import { createHmac } from "node:crypto";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";

const out = path.join(root, ".tmp", "webhooks", "client");
let client: any;
let webhookEvent: (event: unknown) => unknown[];

beforeAll(async () => {
  const quiet = { out: () => {}, err: (t: string) => void process.stderr.write(t) };
  const args = ["--input", "test/fixtures/webhooks.yaml", "--output", ".tmp/webhooks/client"];
  expect(await main(args, quiet, root)).toBe(0);
  client = await import(pathToFileURL(path.join(out, "index.js")).href);
  ({ webhookEvent } = await import(pathToFileURL(path.join(out, "webhook-validators.js")).href));
}, 60000);

// The specification's test values.
const SPEC = {
  id: "msg_p5jXN8AQM9LWM0D4loKWxJek",
  payload: '{"test": 2432232314}',
  secret: "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
  timestamp: "1614265330",
  signature: "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
  otherSignature: "v1,Ceo5qEr07ixe2NLpvHk3FH9bwy/WavXrAFQ/9tdO6mc=",
};
const TOLERANCE = 5 * 60;

/** Headers signed with node:crypto for `payload` at `timestamp` (seconds), as a sender would send them. */
function signed(payload: string | Uint8Array, timestamp = Math.floor(Date.now() / 1000), secret = SPEC.secret, id = SPEC.id) {
  const hmac = createHmac("sha256", Buffer.from(secret.replace(/^whsec_/, ""), "base64"));
  hmac.update(`${id}.${timestamp}.`).update(payload);
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": `v1,${hmac.digest("base64")}` };
}

const failure = (promise: Promise<unknown>) =>
  promise.then(
    () => "resolved",
    (error: any) => ({
      name: error.name,
      message: error.message,
      operation: error.operation,
      ourError: error instanceof client.ApiClientError,
    }),
  );

describe("the specification's vectors", () => {
  test("its fixed signature verifies, with the secret's whsec_ prefix and without (its timestamp is from 2021: no tolerance)", async () => {
    const headers = { "webhook-id": SPEC.id, "webhook-timestamp": SPEC.timestamp, "webhook-signature": SPEC.signature };
    for (const secret of [`whsec_${SPEC.secret}`, SPEC.secret])
      await expect(client.webhooks.verify(SPEC.payload, headers, secret, { tolerance: Infinity })).resolves.toBeUndefined();
    // Within the default five minutes it is a replay.
    expect(await failure(client.webhooks.verify(SPEC.payload, headers, SPEC.secret))).toMatchObject({
      name: "WebhookVerificationError",
      message: expect.stringMatching(/^the webhook is too old: signed \d+ s ago$/),
    });
    // One byte of the payload changed, and it no longer verifies.
    expect(
      await failure(client.webhooks.verify(SPEC.payload.replace("4}", "5}"), headers, SPEC.secret, { tolerance: Infinity })),
    ).toMatchObject({
      name: "WebhookVerificationError",
      message: "no webhook-signature matches the body with the secret",
    });
  });

  const now = () => Math.floor(Date.now() / 1000);
  test.each([
    ["a valid signature", (h: Record<string, string>) => h, "resolved"],
    ["a missing webhook-id", ({ "webhook-id": _, ...h }: Record<string, string>) => h, "the webhook-id header is missing"],
    [
      "a missing webhook-timestamp",
      ({ "webhook-timestamp": _, ...h }: Record<string, string>) => h,
      "the webhook-timestamp header is missing",
    ],
    [
      "a missing webhook-signature",
      ({ "webhook-signature": _, ...h }: Record<string, string>) => h,
      "the webhook-signature header is missing",
    ],
    [
      "a timestamp that is no number",
      (h: Record<string, string>) => ({ ...h, "webhook-timestamp": "hello" }),
      "the webhook-timestamp header is not a number of seconds",
    ],
    [
      "another signature",
      (h: Record<string, string>) => ({ ...h, "webhook-signature": SPEC.otherSignature }),
      "no webhook-signature matches the body with the secret",
    ],
    [
      "a signature cut short",
      (h: Record<string, string>) => ({ ...h, "webhook-signature": h["webhook-signature"]!.slice(0, 8) }),
      "no webhook-signature matches the body with the secret",
    ],
    [
      "an empty v1 signature",
      (h: Record<string, string>) => ({ ...h, "webhook-signature": "v1," }),
      "no webhook-signature matches the body with the secret",
    ],
    [
      "a signature that is not base64",
      (h: Record<string, string>) => ({ ...h, "webhook-signature": "v1,dawfeoifkpqwoekfpqoekf" }),
      "no webhook-signature matches the body with the secret",
    ],
    [
      "several signatures, one of them valid, one of another version",
      (h: Record<string, string>) => ({
        ...h,
        "webhook-signature": [
          SPEC.otherSignature,
          SPEC.otherSignature.replace("v1,", "v2,"),
          h["webhook-signature"],
          SPEC.otherSignature,
        ].join(" "),
      }),
      "resolved",
    ],
    [
      "the valid signature marked as another version",
      (h: Record<string, string>) => ({ ...h, "webhook-signature": h["webhook-signature"]!.replace("v1,", "v2,") }),
      "no webhook-signature matches the body with the secret",
    ],
  ])("%s", async (_name, change, expected) => {
    const outcome = await failure(client.webhooks.verify(SPEC.payload, change(signed(SPEC.payload)), SPEC.secret));
    expect(outcome).toEqual(
      expected === "resolved"
        ? "resolved"
        : { name: "WebhookVerificationError", message: expected, operation: "webhooks.verify", ourError: true },
    );
  });

  test.each([
    ["older than the tolerance", -TOLERANCE - 1, /^the webhook is too old: signed 30[12] s ago$/],
    ["newer than the tolerance", TOLERANCE + 1, /^the webhook is too new: signed 30[01] s ahead$/],
    ["within the tolerance, behind", -TOLERANCE + 5, "resolved"],
    ["within the tolerance, ahead", TOLERANCE - 5, "resolved"],
  ])("a timestamp %s", async (_name, offset, expected) => {
    const outcome = await failure(client.webhooks.verify(SPEC.payload, signed(SPEC.payload, now() + offset), SPEC.secret));
    if (expected === "resolved") expect(outcome).toBe("resolved");
    else expect(outcome).toMatchObject({ name: "WebhookVerificationError", message: expect.stringMatching(expected) });
  });

  test("a tolerance of the caller's own", async () => {
    const headers = signed(SPEC.payload, now() - 100);
    await expect(client.webhooks.verify(SPEC.payload, headers, SPEC.secret, { tolerance: 120 })).resolves.toBeUndefined();
    expect(await failure(client.webhooks.verify(SPEC.payload, headers, SPEC.secret, { tolerance: 60 }))).toMatchObject({
      message: expect.stringMatching(/too old/),
    });
  });
});

describe("what a receiver gives it", () => {
  const event = { type: "pet.adopted", pet: { id: "p_1", name: "Rëx 🐕" }, adopted_at: 1719184911 };
  const body = JSON.stringify(event);

  test("the body as text, bytes or a buffer; headers as Headers or as Node's object of them, in any case, a value a list", async () => {
    const headers = signed(body);
    const bytes = new TextEncoder().encode(body);
    const node = {
      "Webhook-Id": [headers["webhook-id"]],
      "WEBHOOK-TIMESTAMP": headers["webhook-timestamp"],
      "webhook-signature": headers["webhook-signature"],
    };
    for (const given of [body, bytes, bytes.buffer, Buffer.from(body), new DataView(bytes.buffer)])
      for (const h of [headers, new Headers(headers), node])
        await expect(client.webhooks.unwrap(given, h, SPEC.secret)).resolves.toEqual(event);
  });

  test("several secrets, during a rotation: any one of them signs", async () => {
    const other = `whsec_${Buffer.from("another secret of 24 bytes!").toString("base64")}`;
    const headers = signed(body);
    await expect(client.webhooks.unwrap(body, headers, [other, `whsec_${SPEC.secret}`])).resolves.toEqual(event);
    expect(await failure(client.webhooks.unwrap(body, headers, [other]))).toMatchObject({ name: "WebhookVerificationError" });
    // A secret given as its bytes.
    await expect(client.webhooks.verify(body, headers, new Uint8Array(Buffer.from(SPEC.secret, "base64")))).resolves.toBeUndefined();
  });

  test.each([
    [
      "a parsed body",
      (h: object) => client.webhooks.verify(event, h, SPEC.secret),
      "body",
      "must be the request's body as it arrived, text or bytes: parsed JSON cannot be verified",
    ],
    [
      "an empty secret",
      (h: object) => client.webhooks.verify(body, h, "whsec_"),
      "secret",
      "must be the endpoint's signing secret (whsec_ and base64), or its bytes",
    ],
    [
      "a secret that is not base64",
      (h: object) => client.webhooks.verify(body, h, "whsec_!!"),
      "secret",
      "must be the endpoint's signing secret (whsec_ and base64), or its bytes",
    ],
    [
      "a negative tolerance",
      (h: object) => client.webhooks.unwrap(body, h, SPEC.secret, { tolerance: -1 }),
      "tolerance",
      "must be a number of seconds, 0 or more (Infinity for any)",
    ],
  ])("%s is an InvalidParameterError, the caller's mistake", async (_name, call, parameter, reason) => {
    const error = await call(signed(body)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.InvalidParameterError);
    expect(error).toMatchObject({ parameter, message: expect.stringContaining(reason) });
  });
});

describe("unwrap", () => {
  test("resolves to the event; with validate, one that is not among the document's payloads rejects with its issues", async () => {
    const closed = JSON.stringify({ type: "shop.closed", until: "2026-01-01T09:00:00Z" });
    await expect(client.webhooks.unwrap(closed, signed(closed), SPEC.secret, { validate: webhookEvent })).resolves.toEqual(
      JSON.parse(closed),
    );
    const wrong = JSON.stringify({ type: "shop.closed", until: "tomorrow" });
    const error = await client.webhooks.unwrap(wrong, signed(wrong), SPEC.secret, { validate: webhookEvent }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(client.WebhookVerificationError);
    expect(error).toMatchObject({
      operation: "webhooks.unwrap",
      message: "the webhook's event does not match the document: the event must match a schema in anyOf; /until must be a valid date-time",
      issues: [
        { path: "", keyword: "anyOf", message: "must match a schema in anyOf" },
        { path: "/until", keyword: "format", message: "must be a valid date-time" },
      ],
    });
    // Without validate the same event is returned as it came: validation is the caller's choice.
    await expect(client.webhooks.unwrap(wrong, signed(wrong), SPEC.secret)).resolves.toEqual(JSON.parse(wrong));
  });

  test("a signed body that is not JSON is a WebhookVerificationError; verify alone does not read it", async () => {
    expect(await failure(client.webhooks.unwrap("not json", signed("not json"), SPEC.secret))).toMatchObject({
      name: "WebhookVerificationError",
      message: "the webhook's body is not JSON",
      operation: "webhooks.unwrap",
    });
    await expect(client.webhooks.verify("not json", signed("not json"), SPEC.secret)).resolves.toBeUndefined();
  });

  test("the generated check accepts each kind of payload the document declares, readOnly properties included", () => {
    expect(webhookEvent({ type: "pet.adopted", pet: { id: "p_1", name: "Rex" }, adopted_at: 1 })).toEqual([]);
    expect(webhookEvent({ type: "pet.deleted", id: "p_1" })).toEqual([]);
    expect(webhookEvent({ type: "shop.closed", until: "2026-01-01T09:00:00Z" })).toEqual([]);
    expect(webhookEvent({ type: "pet.deleted" })).not.toEqual([]);
  });
});
