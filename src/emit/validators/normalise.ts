import { mappingRef } from "../../document/component-names.js";
import { isObject } from "../../document/own.js";
import { LIST, MAP, ONE } from "../../document/schema-walk.js";
import { READ_ONLY_LIST } from "../../normalise/read-write-views.js";

/**
 * An OpenAPI Schema Object (3.0 or 3.1) as JSON Schema 2020-12, for one direction of travel: the
 * one input every validator engine is given. What OpenAPI adds or means differently:
 * - `nullable: true` (3.0, and still found in 3.1 documents such as OpenAI's) lets `null` through;
 * - 3.0's boolean `exclusiveMinimum`/`exclusiveMaximum` become 2020-12's numbers;
 * - `format: binary` becomes `{ "x-binary": true }`: bytes (a Blob, an ArrayBuffer, a typed array, a stream) or a string;
 * - the readOnly properties a request view left out (its `x-readOnly` list) must not be sent
 *   (`{ not: {}, "x-forbidden": "readOnly" }`);
 * - `$ref`s are rewritten by the caller (`ref`), annotations are dropped, `discriminator` is kept.
 * Which properties each direction has, and which it requires, the schema home has settled already.
 */
export type Dialect = "3.0" | "3.1";

export interface NormaliseContext {
  dialect: Dialect;
  /** The new `$ref` for a reference in the document; undefined to inline the target instead. */
  ref(ref: string): string | undefined;
  /** The node a `$ref` points at, or undefined. */
  resolve(ref: string): unknown;
}

type Json = Record<string, any>;

/** Keywords that say nothing a validator checks. */
const DROPPED = new Set([
  "description",
  "title",
  "example",
  "examples",
  "externalDocs",
  "xml",
  "deprecated",
  "default",
  "readOnly",
  "writeOnly",
  "nullable",
  "$comment",
  "$schema",
  "contentMediaType",
  "contentEncoding",
]);
const CONSTRAINTS = new Set([
  "type",
  "enum",
  "const",
  "$ref",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if",
  "x-binary",
  "x-forbidden",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "prefixItems",
  "minimum",
  "maximum",
  "pattern",
  "format",
]);

function setKey(obj: Json, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

function mapSchemas(map: Json, ctx: NormaliseContext, depth: number): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(map)) setKey(out, k, normaliseSchema(v, ctx, depth + 1));
  return out;
}

export function normaliseSchema(schema: unknown, ctx: NormaliseContext, depth = 0): unknown {
  if (typeof schema === "boolean") return schema;
  if (!isObject(schema)) return {};
  if (depth > 64) return {};
  const s = schema;

  if (typeof s.$ref === "string") {
    const target = ctx.ref(s.$ref);
    const inlined = target === undefined ? normaliseSchema(ctx.resolve(s.$ref), ctx, depth + 1) : { $ref: target };
    const ref = (typeof inlined === "boolean" ? { allOf: [inlined] } : inlined) as Json;
    // 3.0 ignores a $ref's siblings; 3.1 applies them. `nullable` beside a $ref is honoured in both.
    const siblings =
      ctx.dialect === "3.1"
        ? Object.keys(s).filter((k) => !["$ref", "$defs", "definitions"].includes(k) && !DROPPED.has(k) && !k.startsWith("x-"))
        : [];
    const body: Json =
      siblings.length === 0
        ? { ...ref }
        : { allOf: [ref, normaliseSchema(Object.fromEntries(siblings.map((k) => [k, s[k]])), ctx, depth + 1)] };
    const result: Json = s.nullable === true ? { anyOf: [{ type: "null" }, body] } : body;
    // Containers of subschemas stay, for pointers into them.
    for (const k of ["$defs", "definitions"]) if (isObject(s[k])) result[k] = mapSchemas(s[k], ctx, depth);
    return result;
  }

  const out: Json = {};
  const nullable = s.nullable === true;
  if (s.format === "binary" && (s.type === undefined || s.type === "string" || (Array.isArray(s.type) && s.type.includes("string")))) {
    const binary = { "x-binary": true };
    return nullable || (Array.isArray(s.type) && s.type.includes("null")) ? { anyOf: [{ type: "null" }, binary] } : binary;
  }

  for (const [key, value] of Object.entries(s)) {
    if (DROPPED.has(key) || (key.startsWith("x-") && key !== "x-binary" && key !== "x-forbidden")) continue;
    if ((ONE as readonly string[]).includes(key)) {
      if (key === "items" && Array.isArray(value))
        setKey(
          out,
          "prefixItems",
          value.map((v) => normaliseSchema(v, ctx, depth + 1)),
        );
      else setKey(out, key, normaliseSchema(value, ctx, depth + 1));
    } else if ((LIST as readonly string[]).includes(key) && Array.isArray(value)) {
      setKey(
        out,
        key,
        value.map((v) => normaliseSchema(v, ctx, depth + 1)),
      );
    } else if ((MAP as readonly string[]).includes(key) && isObject(value)) {
      setKey(out, key, mapSchemas(value, ctx, depth));
    } else if (key === "discriminator" && isObject(value)) {
      const mapping = isObject(value.mapping)
        ? Object.fromEntries(Object.entries(value.mapping).map(([k, v]) => [k, typeof v === "string" ? (ctx.ref(mappingRef(v)) ?? v) : v]))
        : undefined;
      out.discriminator = mapping ? { propertyName: value.propertyName, mapping } : { propertyName: value.propertyName };
    } else {
      setKey(out, key, value);
    }
  }

  // draft 4 / OpenAPI 3.0 forms of 2020-12 keywords.
  if (Array.isArray(s.items)) {
    delete out.additionalItems;
    if (s.additionalItems !== undefined) out.items = normaliseSchema(s.additionalItems, ctx, depth + 1);
  } else delete out.additionalItems;
  for (const [bool, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof s[bool] !== "boolean") continue;
    delete out[bool];
    if (s[bool] === true && typeof s[bound] === "number") {
      out[bool] = s[bound];
      delete out[bound];
    }
  }

  // Properties a request must not carry.
  if (Array.isArray(s[READ_ONLY_LIST])) {
    out.properties = isObject(out.properties) ? out.properties : {};
    for (const name of s[READ_ONLY_LIST])
      if (typeof name === "string") setKey(out.properties, name, { not: {}, "x-forbidden": "readOnly" });
  }

  if (!nullable) return out;
  if (typeof out.type === "string" || Array.isArray(out.type)) {
    const types: string[] = Array.isArray(out.type) ? out.type : [out.type];
    if (!types.includes("null")) out.type = [...types, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    if ("const" in out) return { anyOf: [{ type: "null" }, out] };
    return out;
  }
  if (Array.isArray(out.enum)) {
    if (!out.enum.includes(null)) out.enum = [...out.enum, null];
    if (!Object.keys(out).some((k) => k !== "enum" && CONSTRAINTS.has(k))) return out;
  }
  return Object.keys(out).some((k) => CONSTRAINTS.has(k)) ? { anyOf: [{ type: "null" }, out] } : out;
}
