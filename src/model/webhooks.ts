import { own } from "../document/own.js";
import { pointer } from "../document/pointer.js";
import { resolve } from "../document/refs.js";
import type { OpenApiDocument, Operation, PathItem } from "../document/types.js";
import { camelCase, isIdentifier } from "./names.js";
import { requestBodyOf } from "./request-body.js";

/** One webhook of the document (OpenAPI 3.1 `webhooks`): the request the API sends, whose body is the event. */
export interface WebhookModel {
  /** Its key in `webhooks`. */
  key: string;
  /** The exported name of its payload's type: `batch_cancelled` → `BatchCancelledWebhook`. */
  typeName: string;
  /** The body of each method it is sent with (the payload's type is their union): a component schema's name, or where it is. */
  bodies: Array<{ method: string; contentType: string; schemaName?: string }>;
  /** What the document says of it (a summary or description). */
  description?: string;
  /** Each JSON body's schema, as the document writes it (for the validators). */
  schemas: unknown[];
}

// The methods a webhook is sent with, the likeliest first: a payload is found in this order.
const METHODS = ["post", "put", "patch", "delete", "get", "options", "head", "trace"] as const;

/**
 * The document's webhooks that carry a body, sorted by key, each with a type name no other export of the
 * folder has (`taken`: the runtime's and entry's exports, every operation's function and type names).
 */
export function webhooksOf(doc: OpenApiDocument, file: string, taken: ReadonlySet<string>): WebhookModel[] {
  const used = new Set(taken);
  const out: WebhookModel[] = [];
  for (const key of Object.keys(doc.webhooks ?? {}).sort()) {
    const at = pointer(["webhooks", key]);
    const item = resolve<PathItem>(doc, own(doc.webhooks, key), file, at) ?? {};
    const bodies: WebhookModel["bodies"] = [];
    const schemas: unknown[] = [];
    let description: string | undefined;
    for (const method of METHODS) {
      const op = own(item, method) as Operation | undefined;
      if (!op || typeof op !== "object") continue;
      const body = requestBodyOf(doc, file, op.requestBody, pointer(["webhooks", key, method, "requestBody"]));
      if (!body) continue;
      bodies.push({ method, contentType: body.contentType, ...(body.schemaName !== undefined ? { schemaName: body.schemaName } : {}) });
      if (body.kind === "json") {
        const content = resolve<{ content?: Record<string, { schema?: unknown }> }>(doc, op.requestBody as never, file, at)?.content;
        schemas.push(own(own(content, body.contentType), "schema") ?? {});
      }
      description ??= [op.summary, op.description, item.summary, item.description].find((d) => typeof d === "string" && d.trim() !== "");
    }
    if (bodies.length === 0) continue;
    const typeName = unique(`${pascalCase(key)}Webhook`, used);
    used.add(typeName);
    out.push({ key, typeName, bodies, ...(description ? { description: description.trim() } : {}), schemas });
  }
  return out;
}

/** `batch_cancelled` → `BatchCancelled`; a key with nothing usable, or a leading digit, gets a leading `_`. */
function pascalCase(key: string): string {
  const camel = camelCase(key);
  const name = camel.charAt(0).toUpperCase() + camel.slice(1);
  return isIdentifier(name) ? name : `_${name.replace(/[^\w$]/g, "")}`;
}

/** `name`, or `name2`, `name3`, ... : the first that is not taken. */
function unique(name: string, taken: ReadonlySet<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate); n++) candidate = `${name}${n}`;
  return candidate;
}
