// The document's webhooks: a named type per payload (src/model/webhooks.ts), webhooks.d.ts and webhooks.js
// (src/emit/webhooks.ts), and the entry's re-export of them only where the document has webhooks.
import type { OpenApiDocument } from "../../src/document/types.js";
import { webhooksOf } from "../../src/model/webhooks.js";
import { emitWebhookDeclarations, webhookFiles } from "../../src/emit/webhooks.js";
import { emitEntryDeclarations, emitEntryModule } from "../../src/emit/entry.js";
import type { ApiModel } from "../../src/model/types.js";

const body = (schema: unknown, contentType = "application/json") => ({
  requestBody: { content: { [contentType]: { schema } } },
  responses: {},
});
const doc = (webhooks: Record<string, unknown>, components: Record<string, unknown> = {}) =>
  ({ openapi: "3.1.0", info: { title: "t", version: "1" }, paths: {}, webhooks, components }) as unknown as OpenApiDocument;
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

test.each([
  [
    "a component's payload keeps the component's name; the type is the webhook's name and `Webhook`",
    doc({ batch_cancelled: { post: body(ref("WebhookBatchCancelled")) } }),
    [
      {
        key: "batch_cancelled",
        typeName: "BatchCancelledWebhook",
        bodies: [{ method: "post", contentType: "application/json", schemaName: "WebhookBatchCancelled" }],
      },
    ],
  ],
  [
    "an inline payload is found where it is; keys in code-unit order",
    doc({ "user.created": { post: body({ type: "object" }) }, "a-b": { put: body({}, "text/plain") } }),
    [
      { key: "a-b", typeName: "ABWebhook", bodies: [{ method: "put", contentType: "text/plain" }] },
      { key: "user.created", typeName: "UserCreatedWebhook", bodies: [{ method: "post", contentType: "application/json" }] },
    ],
  ],
  [
    "a requestBody by $ref, and a path item by $ref",
    {
      ...doc({ a: { post: { requestBody: { $ref: "#/components/requestBodies/A" } } }, b: { $ref: "#/components/pathItems/B" } }),
      components: {
        requestBodies: { A: { content: { "application/json": { schema: ref("A") } } } },
        pathItems: { B: { post: body(ref("B")) } },
      },
    } as unknown as OpenApiDocument,
    [
      { key: "a", typeName: "AWebhook", bodies: [{ method: "post", contentType: "application/json", schemaName: "A" }] },
      { key: "b", typeName: "BWebhook", bodies: [{ method: "post", contentType: "application/json", schemaName: "B" }] },
    ],
  ],
  [
    "names that would clash are numbered; a taken name is skipped; no body, no type",
    doc({
      pet_adopted: { post: body(ref("P")) },
      petAdopted: { post: body(ref("P")) },
      taken: { post: body({}) },
      ping: { post: { responses: {} } },
    }),
    [
      { key: "petAdopted", typeName: "PetAdoptedWebhook", bodies: [{ method: "post", contentType: "application/json", schemaName: "P" }] },
      {
        key: "pet_adopted",
        typeName: "PetAdoptedWebhook2",
        bodies: [{ method: "post", contentType: "application/json", schemaName: "P" }],
      },
      { key: "taken", typeName: "TakenWebhook2", bodies: [{ method: "post", contentType: "application/json" }] },
    ],
  ],
  ["a key with no letter to start a name with", doc({ "2nd": { post: body({}) } }), [{ key: "2nd", typeName: "_2ndWebhook" }]],
])("%s", (_name, document, expected) => {
  const got = webhooksOf(document, "api.yaml", new Set(["TakenWebhook"]));
  expect(got).toEqual(expected.map((e) => expect.objectContaining(e)));
});

test("webhooks.d.ts: the named types, their map and union, and `webhooks` typed by it; text from the document stays text", () => {
  const text = emitWebhookDeclarations(
    webhooksOf(
      doc({
        batch_cancelled: { post: { ...body(ref("WebhookBatchCancelled")), description: "Sent when */ a batch\nhas been cancelled." } },
        "user.created": { post: body({ type: "object" }) },
      }),
      "api.yaml",
      new Set(),
    ),
  );
  expect(text).toBe(`import type { components, webhooks as DocumentWebhooks } from "./schema.js";
import type { Webhooks } from "./runtime/webhooks.js";

export {
  type WebhookBody,
  type WebhookHeaders,
  type WebhookOptions,
  type Webhooks,
  type WebhookSecret,
  WebhookVerificationError,
} from "./runtime/webhooks.js";

/** The payload of the webhook \`batch_cancelled\`: Sent when *\\/ a batch
has been cancelled. */
export type BatchCancelledWebhook = components["schemas"]["WebhookBatchCancelled"];

/** The payload of the webhook \`user.created\` */
export type UserCreatedWebhook = NonNullable<DocumentWebhooks["user.created"]["post"]["requestBody"]>["content"]["application/json"];

/** Every webhook's payload, by the webhook's name in the document. */
export interface WebhookPayloads {
  batch_cancelled: BatchCancelledWebhook;
  "user.created": UserCreatedWebhook;
}

/** Any webhook's payload: what \`webhooks.unwrap\` resolves to (its \`type\`, where the payloads have one, tells them apart). */
export type WebhookEvent = WebhookPayloads[keyof WebhookPayloads];

/**
 * Checks a webhook the API sent, by the Standard Webhooks scheme: \`await webhooks.unwrap(body, headers, secret)\`
 * verifies its signature and timestamp, then resolves to the event; \`webhooks.verify\` only verifies. Either
 * rejects with a \`WebhookVerificationError\`. Give the body as it arrived (\`await request.text()\`), not parsed.
 */
export declare const webhooks: Webhooks<WebhookEvent>;
`);
});

test("the folder gains webhooks.js (and its checks with validators) and the entry re-exports it only where the document has webhooks", () => {
  const none = doc({});
  const some = doc({ a: { post: body({ type: "object", properties: { n: { type: "integer" } } }) } });
  const files = (doc: OpenApiDocument, validators: boolean) => webhookFiles(doc, webhooksOf(doc, "api.yaml", new Set()), validators);
  expect(files(none, true)).toEqual([]);
  expect(files(some, false).map((f) => f.name)).toEqual(["webhooks.d.ts", "webhooks.js"]);
  const withChecks = files(some, true);
  expect(withChecks.map((f) => f.name)).toEqual(["webhooks.d.ts", "webhooks.js", "webhook-validators.d.ts", "webhook-validators.js"]);
  expect(withChecks[1]!.content).toBe('export { WebhookVerificationError, webhooks } from "./runtime/webhooks.js";\n');

  const model = { title: "t", version: "1", baseUrl: "", securitySchemes: {}, operations: [] } as unknown as ApiModel;
  for (const emit of [emitEntryDeclarations, emitEntryModule]) {
    expect(emit(model)).not.toContain("webhooks");
    expect(emit(model, { webhooks: true })).toContain('export * from "./webhooks.js";\n');
  }
});
