import type { OpenApiDocument, SchemaObject } from "../document/types.js";
import { reachableComponents } from "../document/refs.js";
import { schemaNameOf } from "../document/component-names.js";
import { own } from "../document/own.js";
import { describeSchema } from "./describe-schema.js";
import type { SchemaModel, SchemaUse } from "./types.js";
import type { FoundOperation } from "./walk-operations.js";

/** Which component schemas callers send (parameters and bodies reach them) and which they receive (responses). */
function schemaUsage(doc: OpenApiDocument, ops: readonly FoundOperation[]): Map<string, Set<SchemaUse>> {
  const roots: Record<SchemaUse, unknown[]> = { request: [], response: [] };
  for (const { operation, pathItem } of ops) {
    roots.request.push(pathItem.parameters, operation.parameters, operation.requestBody);
    roots.response.push(operation.responses);
  }
  const usedIn = new Map<string, Set<SchemaUse>>();
  for (const use of ["request", "response"] as const) {
    for (const ref of reachableComponents(doc, roots[use])) {
      const name = schemaNameOf(ref);
      if (name === undefined) continue;
      if (!usedIn.has(name)) usedIn.set(name, new Set());
      usedIn.get(name)!.add(use);
    }
  }
  return usedIn;
}

/** Every schema of `components.schemas`, one property per entry, sorted by name. */
export function schemasOf(doc: OpenApiDocument, ops: readonly FoundOperation[]): SchemaModel[] {
  const usedIn = schemaUsage(doc, ops);
  const all = new Set([...Object.keys(doc.components?.schemas ?? {}), ...usedIn.keys()]);
  return [...all].sort().map((name): SchemaModel => {
    const raw = own(doc.components?.schemas, name);
    const s: SchemaObject = raw && typeof raw === "object" ? raw : {};
    const isObject = s.properties && typeof s.properties === "object" && !s.allOf && !s.oneOf && !s.anyOf;
    return {
      name,
      usedIn: (["request", "response"] as const).filter((u) => usedIn.get(name)?.has(u) === true),
      ...(s.deprecated === true ? { deprecated: true as const } : {}),
      ...(isObject
        ? {
            properties: Object.fromEntries(
              Object.keys(s.properties!)
                .sort()
                .map((k) => [k, describeSchema(own(s.properties, k), doc, 1)]),
            ),
            required: Array.isArray(s.required) ? [...s.required].sort() : [],
          }
        : { type: describeSchema(raw, doc, 1) }),
    };
  });
}
