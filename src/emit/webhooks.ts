import type { OpenApiDocument } from "../document/types.js";
import type { OperationModel } from "../model/types.js";
import type { WebhookModel } from "../model/webhooks.js";
import { schemaBundle } from "./validators/bundle.js";
import { compileSchemas } from "./validators/compile.js";
import { helperSources } from "./validators/helpers.js";
import { codeName, commentText, propertyName, stringLiteral } from "./text.js";

/** Names webhooks.d.ts exports besides the payloads' types: no payload type or operation may take them. */
export const WEBHOOKS_FILE_BINDINGS = [
  "webhooks",
  "Webhooks",
  "WebhookPayloads",
  "WebhookEvent",
  "WebhookVerificationError",
  "WebhookHeaders",
  "WebhookSecret",
  "WebhookBody",
  "WebhookOptions",
] as const;

/** The payload's type in the names schema.d.ts declares: each method's body, a union when there are several. */
function payloadType(webhook: WebhookModel): string {
  const types = webhook.bodies.map((b) =>
    b.schemaName !== undefined
      ? `components["schemas"][${stringLiteral(b.schemaName)}]`
      : `NonNullable<DocumentWebhooks[${stringLiteral(webhook.key)}][${stringLiteral(b.method)}]["requestBody"]>["content"][${stringLiteral(b.contentType)}]`,
  );
  return [...new Set(types)].join(" | ");
}

/** `webhooks.js`: the runtime's checks, exported under the names index.js re-exports. */
export function emitWebhookModule(): string {
  return 'export { WebhookVerificationError, webhooks } from "./runtime/webhooks.js";\n';
}

/** `webhooks.d.ts`: a named type per webhook's payload, their union, and `webhooks` typed by it. */
export function emitWebhookDeclarations(webhooks: readonly WebhookModel[]): string {
  const types = webhooks.map(payloadType);
  const imports = [
    types.some((t) => t.startsWith("components[") || t.includes(" | components[")) ? "components" : "",
    types.some((t) => t.includes("DocumentWebhooks[")) ? "webhooks as DocumentWebhooks" : "",
  ].filter(Boolean);
  const lines = [
    ...(imports.length > 0 ? [`import type { ${imports.join(", ")} } from "./schema.js";`] : []),
    'import type { Webhooks } from "./runtime/webhooks.js";',
    "",
    "export {",
    "  type WebhookBody,",
    "  type WebhookHeaders,",
    "  type WebhookOptions,",
    "  type Webhooks,",
    "  type WebhookSecret,",
    "  WebhookVerificationError,",
    '} from "./runtime/webhooks.js";',
    "",
  ];
  webhooks.forEach((webhook, i) => {
    const about = webhook.description ? `: ${commentText(webhook.description)}` : "";
    lines.push(`/** The payload of the webhook ${codeName(commentText(webhook.key))}${about} */`);
    lines.push(`export type ${webhook.typeName} = ${types[i]};`, "");
  });
  lines.push(
    "/** Every webhook's payload, by the webhook's name in the document. */",
    "export interface WebhookPayloads {",
    ...webhooks.map((w) => `  ${propertyName(w.key)}: ${w.typeName};`),
    "}",
    "",
    "/** Any webhook's payload: what `webhooks.unwrap` resolves to (its `type`, where the payloads have one, tells them apart). */",
    "export type WebhookEvent = WebhookPayloads[keyof WebhookPayloads];",
    "",
    "/**",
    " * Checks a webhook the API sent, by the Standard Webhooks scheme: `await webhooks.unwrap(body, headers, secret)`",
    " * verifies its signature and timestamp, then resolves to the event; `webhooks.verify` only verifies. Either",
    " * rejects with a `WebhookVerificationError`. Give the body as it arrived (`await request.text()`), not parsed.",
    " */",
    "export declare const webhooks: Webhooks<WebhookEvent>;",
    "",
  );
  return lines.join("\n");
}

/** Names webhook-validators.js exports. */
export const WEBHOOK_VALIDATORS_FILE_BINDINGS = ["webhookEvent"] as const;

/**
 * `webhook-validators.js` (with `"validators": true`): one check of any webhook's JSON event, as the API
 * sends it (the schema home's response view: readOnly properties allowed), for
 * `webhooks.unwrap(body, headers, secret, { validate: webhookEvent })`. The payloads are the branches of
 * one `anyOf`, so a failing event reports the branch that came closest.
 */
export function emitWebhookValidators(doc: OpenApiDocument, webhooks: readonly WebhookModel[]): { source: string; declarations: string } {
  // Once each: two webhooks may send the same event (a $ref to one component).
  const schemas = [...new Map(webhooks.flatMap((w) => w.schemas).map((s) => [JSON.stringify(s), s])).values()];
  // The events as the one 2xx answer of an operation without parameters: the validators read an answer as the API sends it.
  const at = "x-webhook-events";
  const event = { name: "webhookEvent", parameters: [], success: [{ status: "200", kind: "json", schemaPointer: `/${at}` }] };
  const bundle = schemaBundle({ document: { ...doc, [at]: { anyOf: schemas } }, operations: [event as unknown as OperationModel] });
  const compiled = compileSchemas(bundle.schema, { event: bundle.responses.webhookEvent!["200"]! });
  const source = [
    `function run(check, value) {
  if (check(value, "", null)) return [];
  const e = [];
  check(value, "", e);
  return e;
}`,
    ...helperSources(compiled.helpers),
    ...compiled.code,
    "/** The check of a webhook's event: its issues, `[]` when it is one of the document's webhook payloads. */\n" +
      `export const webhookEvent = (v) => run(${compiled.entries.event}, v);`,
  ].join("\n\n");
  const declarations = [
    'import type { ValidationIssue } from "./runtime/index.js";',
    "",
    "/**",
    " * The check of a webhook's event: its issues, `[]` when it is one of the document's webhook payloads.",
    " * `webhooks.unwrap(body, headers, secret, { validate: webhookEvent })` rejects an event that is not.",
    " */",
    "export declare const webhookEvent: (event: unknown) => ValidationIssue[];",
    "",
  ].join("\n");
  return { source: source + "\n", declarations };
}

/**
 * The files a document's webhooks add to its folder (none without webhooks): webhooks.js and its
 * declarations, and with `validators` webhook-validators.js; `doc` is the schema home (what schema.d.ts
 * and the validators read).
 */
export function webhookFiles(
  doc: OpenApiDocument,
  webhooks: readonly WebhookModel[],
  validators: boolean,
): Array<{ name: string; content: string }> {
  if (webhooks.length === 0) return [];
  const checks = validators ? emitWebhookValidators(doc, webhooks) : undefined;
  return [
    { name: "webhooks.d.ts", content: emitWebhookDeclarations(webhooks) },
    { name: "webhooks.js", content: emitWebhookModule() },
    ...(checks
      ? [
          { name: "webhook-validators.d.ts", content: checks.declarations },
          { name: "webhook-validators.js", content: checks.source },
        ]
      : []),
  ];
}
