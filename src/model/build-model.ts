import type { OpenApiDocument } from "../load/document.js";
import { type NamingOptions, nameOperations } from "./operation-names.js";
import { parametersOf } from "./parameters.js";
import { requestBodyOf } from "./request-body.js";
import { responsesOf } from "./responses.js";
import { schemasOf } from "./schemas.js";
import { securityOf, securitySchemesOf } from "./security.js";
import { serverUrl } from "./servers.js";
import type { ApiModel, OperationModel } from "./types.js";
import { operationIdOf, operationsOf } from "./walk-operations.js";

export type ModelOptions = NamingOptions;

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** model: the bundled document → the operations to emit, named, in a stable order, and the schemas they use. */
export function buildModel(doc: OpenApiDocument, options: ModelOptions): ApiModel {
  const { file } = options;
  const found = operationsOf(doc, file);
  const unnamed = found.map(({ path, method, operation: op, pathItem, pointer, itemPointer }) => {
    const operationId = operationIdOf(op);
    return {
      ...(operationId !== undefined ? { operationId } : {}),
      method,
      path,
      pointer,
      ...(text(op.summary) ? { summary: op.summary! } : {}),
      ...(text(op.description) ? { description: op.description! } : {}),
      deprecated: op.deprecated === true,
      tags: Array.isArray(op.tags) ? op.tags.filter((t): t is string => typeof t === "string") : [],
      parameters: parametersOf(doc, file, pathItem, op, pointer, itemPointer),
      ...optional("body", requestBodyOf(doc, file, op.requestBody, `${pointer}/requestBody`)),
      ...responsesOf(doc, file, op.responses, ["paths", path, method]),
      security: securityOf(op.security ?? doc.security),
      "x-codegen-name": op["x-codegen-name"],
    };
  });
  const names = nameOperations(unnamed, doc, options);
  const operations = unnamed.map(({ "x-codegen-name": _, ...op }, i): OperationModel => ({ ...names[i]!, ...op }));
  return {
    title: text(doc.info?.title) ?? "API",
    version: String(doc.info?.version ?? ""),
    baseUrl: serverUrl(doc.servers),
    securitySchemes: securitySchemesOf(doc, file),
    operations,
    schemas: schemasOf(doc, found),
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
