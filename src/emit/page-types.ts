import type { HeaderModel, OperationModel } from "../model/types.js";
import { bodyType } from "./operation-types.js";
import { propertyName, stringLiteral } from "./text.js";

/**
 * The type of a paginated operation's items: its page body's type, indexed along the items' path;
 * at each step only the members of a union that can hold it (Vercel's `getRecords` answers a
 * string or a page).
 */
export function itemType(op: OperationModel): string {
  const pagination = op.pagination!;
  const response = op.success.find((r) => r.status === pagination.status)!;
  const list = pagination.items.reduce(
    (type, step) => `NonNullable<Extract<${type}, { ${propertyName(step)}?: unknown }>[${stringLiteral(step)}]>`,
    bodyType(op, response),
  );
  return `${list}[number]`;
}

const TS_TYPES: Record<HeaderModel["type"], string> = {
  string: "string",
  number: "number",
  boolean: "boolean",
  "string[]": "string[]",
  "number[]": "number[]",
  "boolean[]": "boolean[]",
};

/**
 * The response headers `withResponse` gives, typed as the runtime reads them: each header any 2xx
 * status declares, required when every one declares it required.
 */
export function headersType(op: OperationModel): string[] {
  const statuses = Object.values(op.responseHeaders ?? {});
  const byName = new Map<string, { types: Set<string>; required: boolean; count: number }>();
  for (const headers of statuses)
    for (const h of headers) {
      const entry = byName.get(h.name) ?? { types: new Set<string>(), required: true, count: 0 };
      entry.types.add(TS_TYPES[h.type]);
      entry.required &&= h.required;
      entry.count++;
      byName.set(h.name, entry);
    }
  const everyStatus = op.success.length;
  return [...byName].map(
    ([name, h]) => `${propertyName(name)}${h.required && h.count === everyStatus ? "" : "?"}: ${[...h.types].join(" | ")}`,
  );
}
