/**
 * Webhooks signed by the Standard Webhooks scheme (https://www.standardwebhooks.com, as OpenAI signs
 * them): the signature is an HMAC-SHA256 of `<webhook-id>.<webhook-timestamp>.<body>` with the
 * endpoint's secret (`whsec_` and base64), sent in `webhook-signature` as space-separated `v1,<base64>`
 * values (several during a secret's rotation). Web Crypto computes it, so it runs wherever fetch does.
 * A generated folder exports this as `webhooks` when its document declares webhooks.
 */
import { ApiClientError, InvalidParameterError } from "./errors.js";
import type { ValidationIssue } from "./validation.js";

/** A webhook's request was not signed with the secret, is too old or too new, or its body is not the event it should be. */
export class WebhookVerificationError extends ApiClientError {
  override name = "WebhookVerificationError";
  constructor(
    message: string,
    operation: string,
    /** When the event broke the document's schemas: every problem, with `path` a JSON pointer into it. */
    readonly issues?: readonly ValidationIssue[],
  ) {
    super(message, operation);
  }
}

/** The request's headers: a `Headers`, or an object of them by name as Node's `request.headers` is (any case). */
export type WebhookHeaders = Headers | Readonly<Record<string, string | readonly string[] | undefined>>;

/** The endpoint's signing secret (`whsec_` and base64, or the base64 alone), or its bytes. */
export type WebhookSecret = string | Uint8Array;

/** The request's body exactly as it arrived: its text or its bytes (JSON parsed and written again no longer matches). */
export type WebhookBody = string | ArrayBuffer | ArrayBufferView;

export interface WebhookOptions {
  /** Seconds the `webhook-timestamp` may be from now, either way, against replays; 300 (five minutes) by default. */
  tolerance?: number | undefined;
  /**
   * Checks the event after its signature (the generated `webhookEvent` of webhook-validators.js, or a check
   * of yours): its issues, `[]` when valid. With any, `unwrap` throws a `WebhookVerificationError` holding them.
   */
  validate?: ((event: unknown) => readonly ValidationIssue[]) | undefined;
}

/** `webhooks`: the checks of a webhook's request, `Event` being any of the document's webhook payloads. */
export interface Webhooks<Event> {
  /**
   * Resolves when one of the `webhook-signature` values is the body's, by one of the secrets (a list: a
   * rotation's old and new), and `webhook-timestamp` is within the tolerance; else rejects with a
   * `WebhookVerificationError`. Pass the body as it arrived, before any JSON parsing.
   */
  verify(
    body: WebhookBody,
    headers: WebhookHeaders,
    secret: WebhookSecret | readonly WebhookSecret[],
    options?: WebhookOptions,
  ): Promise<void>;
  /** `verify`, then the body parsed as the event (and checked, with `options.validate`). */
  unwrap(
    body: WebhookBody,
    headers: WebhookHeaders,
    secret: WebhookSecret | readonly WebhookSecret[],
    options?: WebhookOptions,
  ): Promise<Event>;
}

const VERIFY = "webhooks.verify";
const UNWRAP = "webhooks.unwrap";

export const webhooks: Webhooks<unknown> = {
  verify: (body, headers, secret, options) => verify(body, headers, secret, options, VERIFY).then(() => undefined),
  async unwrap(body, headers, secret, options) {
    const bytes = await verify(body, headers, secret, options, UNWRAP);
    let event: unknown;
    try {
      event = JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      throw new WebhookVerificationError("the webhook's body is not JSON", UNWRAP);
    }
    const issues = options?.validate?.(event) ?? [];
    if (issues.length > 0) {
      const shown = issues.slice(0, 3).map((i) => `${i.path || "the event"} ${i.message}`);
      throw new WebhookVerificationError(`the webhook's event does not match the document: ${shown.join("; ")}`, UNWRAP, issues);
    }
    return event;
  },
};

/** Verifies the request; resolves to the body's bytes. */
async function verify(
  body: WebhookBody,
  headers: WebhookHeaders,
  secret: WebhookSecret | readonly WebhookSecret[],
  options: WebhookOptions | undefined,
  where: string,
): Promise<Uint8Array> {
  const keys = (Array.isArray(secret) ? secret : [secret]).map((s: WebhookSecret) => keyBytes(s, where));
  const bytes = bodyBytes(body, where);
  const tolerance = options?.tolerance ?? 300;
  if (typeof tolerance !== "number" || !(tolerance >= 0))
    throw new InvalidParameterError(where, "tolerance", "must be a number of seconds, 0 or more (Infinity for any)");
  const id = header(headers, "webhook-id", where);
  const timestamp = header(headers, "webhook-timestamp", where);
  const signatures = header(headers, "webhook-signature", where);
  if (!/^\d{1,15}$/.test(timestamp)) throw new WebhookVerificationError("the webhook-timestamp header is not a number of seconds", where);
  const age = Date.now() / 1000 - Number(timestamp);
  if (age > tolerance) throw new WebhookVerificationError(`the webhook is too old: signed ${Math.round(age)} s ago`, where);
  if (-age > tolerance) throw new WebhookVerificationError(`the webhook is too new: signed ${Math.round(-age)} s ahead`, where);

  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const signed = new Uint8Array(prefix.length + bytes.length);
  signed.set(prefix);
  signed.set(bytes, prefix.length);
  const given = signatures.split(" ").flatMap((value) => (value.startsWith("v1,") ? [base64(value.slice(3))] : []));
  for (const key of keys) {
    const hmac = await crypto.subtle.importKey("raw", key as Uint8Array<ArrayBuffer>, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const expected = new Uint8Array(await crypto.subtle.sign("HMAC", hmac, signed));
    if (given.some((signature) => signature !== undefined && same(signature, expected))) return bytes;
  }
  throw new WebhookVerificationError("no webhook-signature matches the body with the secret", where);
}

/** Equal bytes, compared in a time that depends on their length only, never on where they first differ. */
function same(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a[i]! ^ b[i]!;
  return difference === 0;
}

function base64(text: string): Uint8Array | undefined {
  try {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

function keyBytes(secret: WebhookSecret, where: string): Uint8Array {
  const key = typeof secret === "string" ? base64(secret.startsWith("whsec_") ? secret.slice(6) : secret) : secret;
  if (!(key instanceof Uint8Array) || key.length === 0)
    throw new InvalidParameterError(where, "secret", "must be the endpoint's signing secret (whsec_ and base64), or its bytes");
  return key;
}

function bodyBytes(body: WebhookBody, where: string): Uint8Array {
  if (typeof body === "string") return new TextEncoder().encode(body);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  throw new InvalidParameterError(where, "body", "must be the request's body as it arrived, text or bytes: parsed JSON cannot be verified");
}

function header(headers: WebhookHeaders, name: string, where: string): string {
  let value: string | readonly string[] | null | undefined;
  if (typeof (headers as Headers).get === "function") value = (headers as Headers).get(name);
  else for (const key of Object.keys(headers ?? {})) if (key.toLowerCase() === name) value = (headers as Record<string, string>)[key];
  if (Array.isArray(value)) value = value.join(" ");
  if (typeof value !== "string" || value === "") throw new WebhookVerificationError(`the ${name} header is missing`, where);
  return value;
}
