import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import { printStructure, StructureKind } from "./ts-morph.js";
import type { ApiModel, OperationModel, ResponseModel } from "../model.js";
import { commentText, objectKey, propertyName, stringLiteral } from "./text.js";

/** Bindings of `operations.ts` that an operation's function must not shadow. */
export const OPERATIONS_FILE_BINDINGS = ["send", "Client", "RequestOptions", "components", "operations", "paths", "OperationErrors"] as const;

/** The openapi-typescript type of the operation: by operationId when it has one. */
function operationType(op: OperationModel): string {
  return op.operationId !== undefined ? `operations[${stringLiteral(op.operationId)}]` : `paths[${stringLiteral(op.path)}][${stringLiteral(op.method)}]`;
}

function statusKey(status: string): string {
  return /^[1-9]\d*$/.test(status) ? status : stringLiteral(status);
}

function responseType(op: OperationModel, r: ResponseModel): string {
  switch (r.kind) {
    case "none":
      return "undefined";
    case "blob":
      return "Blob";
    case "stream":
      return "ReadableStream<Uint8Array>";
    default:
      return r.schemaName !== undefined
        ? `components["schemas"][${stringLiteral(r.schemaName)}]`
        : `${operationType(op)}["responses"][${statusKey(r.status)}]["content"][${stringLiteral(r.contentType!)}]`;
  }
}

/** Each declared error response, by status as the document writes it: the input of the runtime's `ErrorFor`. */
export function errorsType(op: OperationModel): string {
  if (op.errors.length === 0) return "{}";
  return `{ ${op.errors.map((r) => `${/^\d+$/.test(r.status) ? r.status : propertyName(r.status)}: ${responseType(op, r)}`).join("; ")} }`;
}

/** The resolved value: the union of the 2xx bodies. */
export function resultType(op: OperationModel): string {
  if (op.success.length === 0) return "unknown";
  return [...new Set(op.success.map((r) => responseType(op, r)))].join(" | ");
}

/** The single params object: path, query, header and cookie parameters by name, and `body`. */
export function paramsType(op: OperationModel): string {
  const parts: string[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    if (!op.parameters.some((p) => p.in === location)) continue;
    const type = `${operationType(op)}["parameters"][${stringLiteral(location)}]`;
    parts.push(location === "path" ? type : `NonNullable<${type}>`);
  }
  if (op.body) {
    const type =
      op.body.schemaName !== undefined
        ? `components["schemas"][${stringLiteral(op.body.schemaName)}]`
        : `NonNullable<${operationType(op)}["requestBody"]>["content"][${stringLiteral(op.body.contentType)}]`;
    parts.push(`{ body${op.body.required ? "" : "?"}: ${type} }`);
  }
  return parts.length === 0 ? "Record<string, never>" : parts.join(" & ");
}

export function paramsRequired(op: OperationModel): boolean {
  return op.parameters.some((p) => p.required) || op.body?.required === true;
}

const DEFAULT_CONTENT_TYPE: Record<string, string> = {
  json: "application/json",
  multipart: "multipart/form-data",
  form: "application/x-www-form-urlencoded",
};

/** The `OperationSpec` literal the runtime reads: one fact per line, so a change is one line of diff. */
export function specLiteral(op: OperationModel): string {
  const lines = [`operation: ${stringLiteral(op.name)},`, `method: ${stringLiteral(op.method.toUpperCase())},`, `path: ${stringLiteral(op.path)},`];
  if (op.parameters.length > 0) {
    lines.push(`params: { ${op.parameters.map((p) => `${objectKey(p.name)}: ${stringLiteral(p.in)}`).join(", ")} },`);
  }
  const typed = op.parameters.filter((p) => p.in === "path" && p.type !== undefined);
  if (typed.length > 0) lines.push(`pathTypes: { ${typed.map((p) => `${objectKey(p.name)}: ${stringLiteral(p.type!)}`).join(", ")} },`);
  if (op.body) {
    lines.push(`body: ${stringLiteral(op.body.kind)},`);
    // A wildcard is what the server accepts, not a type to send: the runtime's default for the kind is.
    if (DEFAULT_CONTENT_TYPE[op.body.kind] !== op.body.contentType && !op.body.contentType.includes("*")) lines.push(`contentType: ${stringLiteral(op.body.contentType)},`);
  }
  const response = op.success.find((r) => r.kind !== "none")?.kind ?? "none";
  if (response !== "json") lines.push(`response: ${stringLiteral(response)},`);
  if (op.security.length > 0) {
    lines.push(`security: [${op.security.map((names) => `[${names.map(stringLiteral).join(", ")}]`).join(", ")}],`);
  }
  return `{\n${lines.map((l) => "  " + l).join("\n")}\n}`;
}

/**
 * The JSDoc text, tags included. It is handed to ts-morph as one string: its structured tag
 * printer writes a stray `*\/` when the description contains `/*`, which would end the comment.
 */
function docs(op: OperationModel): string {
  const paragraphs: string[] = [];
  if (op.summary) paragraphs.push(op.summary);
  if (op.description && op.description.trim() !== op.summary?.trim()) paragraphs.push(op.description);
  paragraphs.push(`\`${op.method.toUpperCase()} ${op.path}\``);
  const items = op.parameters.map((p) => {
    const facts = [p.in, p.required ? "required" : "optional", ...(p.deprecated ? ["deprecated"] : [])].join(", ");
    return `- \`${p.name}\` (${facts})${p.description ? ": " + p.description.trim() : ""}`;
  });
  if (op.body) {
    items.push(`- \`body\` (${op.body.contentType}, ${op.body.required ? "required" : "optional"})${op.body.description ? ": " + op.body.description.trim() : ""}`);
  }
  if (items.length > 0) paragraphs.push(items.join("\n"));
  const notes: string[] = [];
  if (op.chosenIn !== undefined) notes.push(`Named \`${op.name}\` in ${op.chosenIn}.`);
  else if (op.operationId !== undefined && op.operationId !== op.name && !op.collision) {
    notes.push(`Named \`${op.name}\` after the operationId \`${op.operationId}\`.`);
  } else if (op.operationId === undefined) notes.push(`Named \`${op.name}\` after its method and path (the operation has no operationId).`);
  if (op.collision) {
    const h = op.collision.holder;
    const holder = h.operationId !== undefined ? `operationId \`${h.operationId}\`` : "no operationId";
    notes.push(`Named \`${op.name}\` because \`${op.collision.wanted}\` is taken by \`${h.method.toUpperCase()} ${h.path}\` (${holder}).`);
  }
  paragraphs.push(...notes);
  const text = commentText(paragraphs.map((p) => p.trim()).join("\n\n"));
  return op.deprecated ? `${text}\n@deprecated` : text;
}

function wrapper(op: OperationModel): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name: op.name,
    docs: [docs(op)],
    parameters: [
      { name: "client", type: "Client" },
      { name: "params", type: paramsType(op), hasQuestionToken: !paramsRequired(op) },
      { name: "options", type: "RequestOptions", hasQuestionToken: true },
    ],
    returnType: `Promise<${resultType(op)}>`,
    statements: [`return send(client, ${specLiteral(op)}, params, options);`],
  };
}

/** `operations.ts`: one exported, documented function per operation, built as structures and printed once. */
export function emitOperations(model: ApiModel): string {
  if (model.operations.length === 0) return "/** No operations: the document declares none, or none was selected. */\nexport interface OperationErrors {}\n";
  const signatures = model.operations.map((op) => paramsType(op) + resultType(op) + errorsType(op));
  const used = (name: string) => signatures.some((s) => s.includes(`${name}[`));
  const schemaTypes = (["components", "operations", "paths"] as const).filter(used);
  const statements: StatementStructures[] = [
    { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: schemaTypes, moduleSpecifier: "./schema.js" },
    {
      kind: StructureKind.ImportDeclaration,
      namedImports: ["send", { name: "Client", isTypeOnly: true }, { name: "RequestOptions", isTypeOnly: true }],
      moduleSpecifier: "./runtime.js",
    },
    ...model.operations.map(wrapper),
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: "OperationErrors",
      docs: ["The error responses each operation declares, by function name: status → body. `ErrorOf<name>` turns them into `ApiError`s."],
      properties: model.operations.map((op) => ({ name: op.name, type: errorsType(op) })),
    },
  ];
  if (schemaTypes.length === 0) statements.shift();
  return printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
}
