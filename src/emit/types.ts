import ts from "typescript";
import type { OpenApiDocument } from "../load.js";

let noLint: Promise<unknown> | undefined;

/** `format: binary` travels as bytes: accept what a caller has (a Blob or File, a Uint8Array or Buffer). */
function binaryAsBytes(schema: { format?: unknown }): ts.TypeNode | undefined {
  if (schema.format !== "binary") return undefined;
  const f = ts.factory;
  return f.createUnionTypeNode([f.createTypeReferenceNode("Blob"), f.createTypeReferenceNode("Uint8Array")]);
}

/**
 * The types, by openapi-typescript, from the document object `load` already parsed and linted:
 * it gets an empty rule set so that it does not lint a second time.
 */
export async function emitTypes(document: OpenApiDocument): Promise<string> {
  const [{ default: openapiTS, astToString }, { createConfig }] = await Promise.all([
    import("openapi-typescript"),
    import("@redocly/openapi-core"),
  ]);
  noLint ??= createConfig({ rules: {} }, { extends: [] });
  const ast = await openapiTS(document as never, { redocly: (await noLint) as never, silent: true, transform: binaryAsBytes });
  return astToString(ast);
}
