import { createRequire } from "node:module";
import type { GlobalContext, OpenAPI3, OpenAPITSOptions } from "openapi-typescript";
import type ts from "typescript";
import type { OpenApiDocument } from "../document/types.js";
import { discriminatorFacts } from "../normalise/discriminators.js";
import { type SchemaSource, schemaTypeError } from "./schema-type-errors.js";

// require(), not import(): importing these CommonJS builds from ESM makes Node scan the 9 MB
// typescript.js for its exports first, about 0.3 s that require() does not spend.
const require = createRequire(import.meta.url);

type OpenapiTypescript = typeof import("openapi-typescript");

/**
 * openapi-typescript's CommonJS build requires an ESM-only package, which `require` can load from
 * Node 20.19 on; on older Nodes (and in Jest's module system) the ESM build is imported instead.
 */
async function loadOpenapiTypescript(): Promise<OpenapiTypescript> {
  try {
    return require("openapi-typescript") as OpenapiTypescript;
  } catch {
    return import("openapi-typescript");
  }
}

/** `format: binary` travels as bytes: accept what a caller has (a Blob or File, a Uint8Array or Buffer). */
function binaryAsBytes(schema: { format?: unknown }): ts.TypeNode | undefined {
  if (schema.format !== "binary") return undefined;
  const f = (require("typescript") as typeof ts).factory;
  return f.createUnionTypeNode([f.createTypeReferenceNode("Blob"), f.createTypeReferenceNode("Uint8Array")]);
}

/** With `dates: "Date"`: `format: date-time` and `date` strings are `Date`s (or null, when nullable). */
function datesAsDate(schema: { format?: unknown; type?: unknown; nullable?: unknown }): ts.TypeNode | undefined {
  if (schema.format !== "date-time" && schema.format !== "date") return undefined;
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  if (!types.includes("string") || types.some((t) => t !== "string" && t !== "null")) return undefined;
  const f = (require("typescript") as typeof ts).factory;
  const date = f.createTypeReferenceNode("Date");
  // openapi-typescript takes the type as it is given here, `null` included.
  return schema.nullable === true || types.includes("null") ? f.createUnionTypeNode([date, f.createLiteralTypeNode(f.createNull())]) : date;
}

/** The options this generator chooses; everything else is openapi-typescript's default. */
const OPTIONS = {
  silent: true,
  transform: binaryAsBytes,
  // A schema that declares no properties accepts any (Kubernetes' `Patch`): not `Record<string, never>`.
  emptyObjectsUnknown: true,
} satisfies OpenAPITSOptions;

/**
 * The types, by openapi-typescript's own transform. `openapiTS()` would first serialise, lint and
 * bundle the document again; `load` has done all three, so this calls `transformSchema` with the
 * context `openapiTS()` builds. `GlobalContext` is its type: an upgrade that adds a setting fails
 * to compile here rather than running with the setting missing.
 */
export async function emitSchemaTypes(
  document: OpenApiDocument,
  settings: { dates?: boolean; source?: SchemaSource } = {},
): Promise<string> {
  const { transformSchema, resolveRef, astToString } = await loadOpenapiTypescript();
  const schema = document as unknown as OpenAPI3;
  const resolved = new Map<string, unknown>();
  const ctx: GlobalContext = {
    additionalProperties: false,
    alphabetize: false,
    arrayLength: false,
    // The response view requires properties with a default, the request view does not (see read-write-views).
    defaultNonNullable: false,
    discriminators: discriminatorFacts(document) as GlobalContext["discriminators"],
    emptyObjectsUnknown: OPTIONS.emptyObjectsUnknown,
    enum: false,
    enumValues: false,
    conditionalEnums: false,
    dedupeEnums: false,
    excludeDeprecated: false,
    exportType: false,
    immutable: false,
    rootTypes: false,
    rootTypesNoSchemaPrefix: false,
    rootTypesKeepCasing: false,
    injectFooter: [],
    pathParamsAsTypes: false,
    postTransform: undefined,
    propertiesRequiredByDefault: false,
    redoc: undefined as unknown as GlobalContext["redoc"],
    silent: OPTIONS.silent,
    inject: undefined,
    transform: settings.dates
      ? (schema) => binaryAsBytes(schema) ?? datesAsDate(schema as Parameters<typeof datesAsDate>[0])
      : OPTIONS.transform,
    transformProperty: undefined,
    makePathsEnum: false,
    generatePathParams: false,
    readWriteMarkers: false,
    // The transform resolves each $ref once per use (GitHub's: ~100,000 times); the document does not change meanwhile.
    resolve<T>($ref: string) {
      if (!resolved.has($ref)) resolved.set($ref, resolveRef(schema, $ref, { silent: true }));
      return resolved.get($ref) as T | undefined;
    },
  };
  try {
    return astToString(transformSchema(schema, ctx));
  } catch (err) {
    throw schemaTypeError(err, settings.source ?? { file: "the document" });
  }
}
