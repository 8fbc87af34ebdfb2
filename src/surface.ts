import type { OpenApiDocument } from "./load.js";
import type { ApiModel } from "./model.js";
import { pointerSegments } from "./problems.js";
import { follow, own, setOwn } from "./own.js";
import { deref, reachableComponents } from "./refs.js";

/**
 * The API surface as a reviewer and the change report see it: every operation with its
 * parameters, body and result described as short type texts, and every schema they reach, one
 * property per line. Sorted and stable, so its diff reads as the API's diff.
 */
export interface Surface {
  operations: SurfaceOperation[];
  schemas: Record<string, SurfaceSchema>;
}

export interface SurfaceOperation {
  name: string;
  operationId?: string;
  method: string;
  path: string;
  deprecated?: true;
  parameters: Array<{ name: string; in: string; required: boolean; type: string }>;
  body?: { contentType: string; required: boolean; type: string };
  response: string;
}

export interface SurfaceSchema {
  /** Where callers meet it: in what they send, what they receive, both, or (when no operation reaches it) neither. */
  usedIn: Array<"request" | "response">;
  deprecated?: true;
  /** The whole type, for schemas that are not objects with properties. */
  type?: string;
  properties?: Record<string, string>;
  required?: string[];
}

type Json = Record<string, any>;

function lookup(doc: OpenApiDocument, ref: string): Json | undefined {
  const node = follow(doc, pointerSegments(ref));
  return node && typeof node === "object" ? node : undefined;
}

const SCHEMA_REF = /^#\/components\/schemas\/([^/]+)$/;

/** A short, stable type text: `string`, `"a" | "b"`, `Upload[]`, `{ id: string; n?: integer }`. */
export function describe(schema: unknown, doc: OpenApiDocument, depth = 0): string {
  if (schema === true || schema === undefined) return "unknown";
  if (schema === false) return "never";
  const s = schema as Json;
  if (typeof s.$ref === "string") {
    const m = SCHEMA_REF.exec(s.$ref);
    return m ? pointerSegments("#/" + m[1])[0]! : depth > 4 ? "unknown" : describe(lookup(doc, s.$ref), doc, depth + 1);
  }
  let text: string;
  if (Array.isArray(s.enum)) text = s.enum.map((v: unknown) => JSON.stringify(v)).join(" | ");
  else if ("const" in s) text = JSON.stringify(s.const);
  else if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) text = (s.oneOf ?? s.anyOf).map((m: unknown) => describe(m, doc, depth + 1)).join(" | ");
  else if (Array.isArray(s.allOf)) text = s.allOf.map((m: unknown) => describe(m, doc, depth + 1)).join(" & ");
  else {
    const types: string[] = Array.isArray(s.type) ? s.type : typeof s.type === "string" ? [s.type] : s.properties ? ["object"] : s.items ? ["array"] : [];
    text =
      types
        .map((t) => {
          if (t === "array") return `${wrap(describe(s.items, doc, depth + 1))}[]`;
          if (t === "object" && s.properties && depth < 3) {
            const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
            const props = Object.keys(s.properties).map((k) => `${k}${required.has(k) ? "" : "?"}: ${describe(own(s.properties, k), doc, depth + 1)}`);
            return `{ ${props.join("; ")} }`;
          }
          if (t === "string" && s.format === "binary") return "binary";
          return t;
        })
        .join(" | ") || "unknown";
  }
  return s.nullable === true && !/\bnull$/.test(text) ? `${text} | null` : text;
}

function wrap(text: string): string {
  return /[|&]/.test(text) ? `(${text})` : text;
}

export function buildSurface(doc: OpenApiDocument, model: ApiModel): Surface {
  const requestRoots: unknown[] = [];
  const responseRoots: unknown[] = [];
  const operations = model.operations.map((op): SurfaceOperation => {
    const item = deref(doc, own(doc.paths, op.path)) as Json;
    const raw = own(item, op.method) as Json;
    requestRoots.push(item.parameters, raw.parameters, raw.requestBody);
    responseRoots.push(raw.responses);
    const resolve = (node: unknown): Json => deref(doc, node) ?? {};
    const paramSchemas = new Map<string, unknown>();
    for (const p of [...(item.parameters ?? []), ...(raw.parameters ?? [])].map(resolve)) paramSchemas.set(`${p.in}:${p.name}`, p.schema);
    const body = op.body ? resolve(raw.requestBody).content?.[op.body.contentType]?.schema : undefined;
    const response = op.success.map((r) => {
      if (r.kind === "none") return "undefined";
      if (r.kind === "blob") return "Blob";
      if (r.kind === "stream") return "stream";
      return describe(resolve(raw.responses?.[r.status]).content?.[r.contentType!]?.schema, doc);
    });
    return {
      name: op.name,
      ...(op.operationId !== undefined ? { operationId: op.operationId } : {}),
      method: op.method.toUpperCase(),
      path: op.path,
      ...(op.deprecated ? { deprecated: true as const } : {}),
      parameters: op.parameters.map((p) => ({ name: p.name, in: p.in, required: p.required, type: describe(paramSchemas.get(`${p.in}:${p.name}`), doc) })),
      ...(op.body ? { body: { contentType: op.body.contentType, required: op.body.required, type: describe(body, doc) } } : {}),
      response: [...new Set(response)].join(" | ") || "unknown",
    };
  });

  const usedIn = new Map<string, Set<"request" | "response">>();
  for (const [roots, use] of [
    [requestRoots, "request"],
    [responseRoots, "response"],
  ] as const) {
    for (const ref of reachableComponents(doc, roots)) {
      const m = SCHEMA_REF.exec(ref);
      if (m) {
        const name = pointerSegments("#/" + m[1])[0]!;
        if (!usedIn.has(name)) usedIn.set(name, new Set());
        usedIn.get(name)!.add(use);
      }
    }
  }
  const schemas: Record<string, SurfaceSchema> = {};
  const all = new Set([...Object.keys((doc.components?.schemas ?? {}) as Json), ...usedIn.keys()]);
  for (const name of [...all].sort()) {
    const s = (own(doc.components?.schemas, name) ?? {}) as Json;
    const isObject = s.properties && typeof s.properties === "object" && !s.allOf && !s.oneOf && !s.anyOf;
    setOwn(schemas, name, {
      usedIn: (["request", "response"] as const).filter((u) => usedIn.get(name)?.has(u) === true),
      ...(s.deprecated === true ? { deprecated: true as const } : {}),
      ...(isObject
        ? {
            properties: Object.fromEntries(Object.keys(s.properties).sort().map((k) => [k, describe(own(s.properties, k), doc, 1)])),
            required: Array.isArray(s.required) ? [...s.required].sort() : [],
          }
        : { type: describe(s, doc, 1) }),
    });
  }
  return { operations, schemas };
}
