import { componentOf } from "../../document/component-names.js";
import { follow, own, setOwn } from "../../document/own.js";
import { pointer, pointerSegments } from "../../document/pointer.js";
import { deref } from "../../document/refs.js";
import type { ApiModel, OperationModel } from "../../model/types.js";
import { type Dialect, normaliseSchema } from "./normalise.js";

/**
 * One JSON Schema 2020-12 document with what a client checks, for every engine alike, made from the
 * schema home (the document the types are made from, with its request and response views):
 * - `$defs`: the component schemas the operations reach, once each;
 * - `operations.<name>.request`: the params object a generated function takes, path, query, header
 *   and cookie parameters by their field and `body` (checked for the media type `contentType` chooses);
 * - `operations.<name>.responses.<status>`: each 2xx JSON body.
 */
export interface SchemaBundle {
  schema: { $defs: Record<string, unknown>; operations: Record<string, { request: unknown; responses: Record<string, unknown> }> };
  /** Operation name → pointer of its request schema. */
  requests: Record<string, string>;
  /** Operation name → status → pointer of its response schema. */
  responses: Record<string, Record<string, string>>;
}

type Json = Record<string, any>;

/** The params object's schema: one property per parameter field and `body`, chosen by `contentType` when the body has several. */
function requestSchema(op: OperationModel, schemaAt: (pointer: string | undefined) => unknown): Json {
  const properties: Json = {};
  const required: string[] = [];
  for (const p of op.parameters) {
    setOwn(properties, p.key, p.undeclared ? {} : schemaAt(p.schemaPointer));
    if (p.required) required.push(p.key);
  }
  const out: Json = { type: "object", properties };
  const choices = op.body ? [op.body, ...(op.body.alternatives ?? [])] : [];
  if (choices.length === 1) properties.body = schemaAt(choices[0]!.schemaPointer);
  else if (choices.length > 1) {
    // `contentType` chooses the media type, and so the body's schema; the first is the default.
    properties.contentType = { enum: choices.map((c) => c.contentType) };
    let chain: Json = { properties: { body: schemaAt(choices[0]!.schemaPointer) } };
    for (const choice of choices.slice(1).reverse()) {
      chain = {
        if: { properties: { contentType: { const: choice.contentType } }, required: ["contentType"] },
        // biome-ignore lint/suspicious/noThenProperty: JSON Schema's keyword
        then: { properties: { body: schemaAt(choice.schemaPointer) } },
        else: chain,
      };
    }
    out.allOf = [chain];
  }
  if (op.body?.required) required.push("body");
  if (required.length) out.required = [...new Set(required)];
  return out;
}

export function schemaBundle(model: Pick<ApiModel, "document" | "operations">): SchemaBundle {
  const doc = model.document;
  const dialect: Dialect = String(doc.openapi ?? "3.0").startsWith("3.0") ? "3.0" : "3.1";
  const schemas: Json = doc.components?.schemas ?? {};
  const defs: Record<string, unknown> = {};
  const queue: string[] = [];
  const context = {
    dialect,
    resolve: (ref: string) => deref(doc, { $ref: ref }),
    ref: (ref: string) => {
      const c = componentOf(ref);
      if (c?.kind !== "schemas" || own(schemas, c.name) === undefined) return undefined; // anything else is inlined
      if (!own(defs, c.name)) {
        setOwn(defs, c.name, {}); // claimed now: a cycle must not queue it twice
        queue.push(c.name);
      }
      return `#${pointer(["$defs", c.name, ...c.rest])}`;
    },
  };
  const schemaAt = (at: string | undefined) => (at === undefined ? {} : normaliseSchema(follow(doc, pointerSegments(at)) ?? {}, context));

  const ops: SchemaBundle["schema"]["operations"] = {};
  const requests: Record<string, string> = {};
  const responses: Record<string, Record<string, string>> = {};
  for (const op of model.operations) {
    const statuses: Record<string, unknown> = {};
    for (const r of op.success) if (r.kind === "json" && r.schemaPointer !== undefined) statuses[r.status] = schemaAt(r.schemaPointer);
    setOwn(ops, op.name, { request: requestSchema(op, schemaAt), responses: statuses });
    requests[op.name] = `#${pointer(["operations", op.name, "request"])}`;
    responses[op.name] = Object.fromEntries(Object.keys(statuses).map((s) => [s, `#${pointer(["operations", op.name, "responses", s])}`]));
  }
  while (queue.length) {
    const name = queue.shift()!;
    setOwn(defs, name, normaliseSchema(own(schemas, name), context));
  }
  return { schema: { $defs: defs, operations: ops }, requests, responses };
}
