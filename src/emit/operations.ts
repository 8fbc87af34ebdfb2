import type {
  FunctionDeclarationStructure,
  FunctionDeclarationOverloadStructure,
  ModuleDeclarationStructure,
  StatementStructures,
  TypeAliasDeclarationStructure,
} from "ts-morph";
import type { ApiModel, OperationModel } from "../model/types.js";
import { operationDocs } from "./operation-docs.js";
import { formEncoders, paramStyles, specLiteral } from "./operation-spec.js";
import { errorType, eventType, paramsRequired, paramsType, resultType, statusTypesUsed } from "./operation-types.js";
import { headersType, itemType } from "./page-types.js";
import { ModuleDeclarationKind, printStructure, StructureKind } from "./ts-morph.js";
import { codeName, commentText, propertyName } from "./text.js";

/** Bindings of the operations files that an operation's function must not shadow. */
export const OPERATIONS_FILE_BINDINGS = [
  "send",
  "urlencoded",
  "multipart",
  "Client",
  "RequestOptions",
  "ApiError",
  "Stream",
  "paginated",
  "styles",
  "deepObject",
  "openStream",
  "readHeaders",
  "ApiPromise",
  "Page",
  "OperationErrors",
  "components",
  "operations",
  "paths",
  "dates",
] as const;

/** A type alias, its members one per line when long, so that a change is one line of diff. */
function alias(
  name: string,
  docs: string,
  members: readonly string[],
  operator: "|" | "&",
  leadingTrivia = "",
): TypeAliasDeclarationStructure {
  const flat = members.join(` ${operator} `);
  return {
    kind: StructureKind.TypeAlias,
    leadingTrivia,
    isExported: true,
    name,
    docs: [docs],
    type: flat.length <= 90 || members.length === 1 ? flat : (writer) => members.forEach((m) => writer.newLine().write(`${operator} ${m}`)),
  };
}

/** The operation's own named types, after a blank line that separates operations. */
function operationTypes(op: OperationModel): TypeAliasDeclarationStructure[] {
  const event = op.streaming
    ? [
        alias(
          op.types.event,
          `Each item of the stream ${codeName(op.name)} answers with (${op.streaming.contentType}).`,
          [eventType(op)],
          "|",
        ),
      ]
    : [];
  const item = op.pagination
    ? [alias(op.types.item, `Each item of the pages ${codeName(op.name)} answers with.`, [itemType(op)], "|")]
    : [];
  const headers = op.responseHeaders
    ? [
        alias(
          op.types.headers,
          `The response headers of ${codeName(op.name)} that \`withResponse\` gives, read by their schemas.`,
          [`{ ${headersType(op).join("; ")} }`],
          "|",
        ),
      ]
    : [];
  return [
    ...event,
    ...item,
    ...headers,
    alias(
      op.types.params,
      `The parameters of ${codeName(op.name)}: path, query, header and cookie parameters by name, and \`body\`.`,
      paramsType(op),
      "&",
      "\n",
    ),
    alias(op.types.result, `What ${codeName(op.name)} resolves to.`, resultType(op), "|"),
    alias(
      op.types.error,
      `The \`ApiError\`s ${codeName(op.name)} rejects with: comparing \`status\` narrows \`error\` to the body the document declares.`,
      errorType(op),
      "|",
    ),
  ];
}

/** What the function returns: a promise of `result`, carrying the type of its declared response headers when it has some. */
const promiseOf = (op: OperationModel, result: string) =>
  op.responseHeaders ? `ApiPromise<${result}, ${op.types.headers}>` : `Promise<${result}>`;

/**
 * An operation that answers JSON or a stream, chosen by a boolean body property (OpenAI's
 * `stream`), is declared three times: `true` resolves to the stream, `false` or absent to the JSON
 * body, and a value not known until run time to either.
 */
function streamOverloads(op: OperationModel): FunctionDeclarationOverloadStructure[] {
  const toggle = op.streaming?.toggle;
  if (toggle === undefined || !op.body) return [];
  const signature = (body: string, result: string): FunctionDeclarationOverloadStructure => ({
    kind: StructureKind.FunctionOverload,
    hasDeclareKeyword: true,
    docs: [operationDocs(op)],
    parameters: [
      { name: "client", type: "Client" },
      { name: "params", type: `${op.types.params} & { body${op.body!.required ? "" : "?"}: ${body} }` },
      { name: "options", type: "RequestOptions", hasQuestionToken: true },
    ],
    returnType: promiseOf(op, result),
  });
  const json = resultType(op).filter((t) => !t.startsWith("Stream<"));
  return [
    signature(`{ ${propertyName(toggle)}: true }`, `Stream<${op.types.event}>`),
    signature(`{ ${propertyName(toggle)}?: false | null }`, json.join(" | ") || "unknown"),
  ];
}

function declaration(op: OperationModel): FunctionDeclarationStructure {
  return {
    overloads: streamOverloads(op),
    kind: StructureKind.Function,
    isExported: true,
    hasDeclareKeyword: true,
    name: op.name,
    docs: [operationDocs(op)],
    parameters: [
      { name: "client", type: "Client" },
      { name: "params", type: op.types.params, hasQuestionToken: !paramsRequired(op) },
      { name: "options", type: "RequestOptions", hasQuestionToken: true },
    ],
    returnType: promiseOf(op, `${op.types.result}${op.streaming?.toggle && op.body ? ` | Stream<${op.types.event}>` : ""}`),
  };
}

/** The `.all` and `.pages` of a paginated operation, declared as a namespace merged with its function. */
function pagesNamespace(op: OperationModel): ModuleDeclarationStructure {
  const parameters = declaration(op).parameters;
  const page = `Page<${op.types.result}, ${op.types.item}${op.responseHeaders ? `, ${op.types.headers}` : ""}>`;
  return {
    kind: StructureKind.Module,
    isExported: true,
    hasDeclareKeyword: true,
    declarationKind: ModuleDeclarationKind.Namespace,
    name: op.name,
    docs: [`The pages of ${codeName(op.name)}, followed for you.`],
    statements: [
      {
        kind: StructureKind.Function,
        name: "all",
        docs: [`Every item of every page of ${codeName(op.name)}, each page fetched when the items before it are used up.`],
        parameters,
        returnType: `AsyncIterable<${op.types.item}>`,
      },
      {
        kind: StructureKind.Function,
        name: "pages",
        docs: [`Each page of ${codeName(op.name)}: its \`data\`, its \`items\`, and its \`response\` and \`headers\`.`],
        parameters,
        returnType: `AsyncIterable<${page}>`,
      },
    ],
  };
}

/** `operations.d.ts`: each operation's named types and documented signature. */
export function emitOperationDeclarations(model: ApiModel): string {
  const types = model.operations.flatMap((op) => [...paramsType(op), ...resultType(op), ...errorType(op)]);
  const schemaTypes = (["components", "operations", "paths"] as const).filter((name) =>
    types.some((t) => t.startsWith(`${name}[`) || t.includes(`<${name}[`) || t.includes(` ${name}[`)),
  );
  const statements: StatementStructures[] = [];
  if (schemaTypes.length > 0)
    statements.push({ kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: schemaTypes, moduleSpecifier: "./schema.js" });
  statements.push({
    kind: StructureKind.ImportDeclaration,
    isTypeOnly: true,
    namedImports: [
      "ApiError",
      "Client",
      "RequestOptions",
      ...statusTypesUsed(types),
      ...(model.operations.some((op) => op.streaming) ? ["Stream"] : []),
      ...(model.operations.some((op) => op.responseHeaders) ? ["ApiPromise"] : []),
      ...(model.operations.some((op) => op.pagination) ? ["Page"] : []),
    ],
    moduleSpecifier: "./runtime/index.js",
  });
  for (const op of model.operations)
    statements.push(...operationTypes(op), declaration(op), ...(op.pagination ? [pagesNamespace(op)] : []));
  statements.push({
    kind: StructureKind.Interface,
    isExported: true,
    name: "OperationErrors",
    docs: ["Each operation's `…Error` type, by function name: what `ErrorOf<name>` and `isApiError(e, name)` give."],
    properties: model.operations.map((op) => ({ name: op.name, type: op.types.error })),
  });
  // ts-morph writes "= " before a type that starts on the next line.
  return printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 }).replace(/ +$/gm, "");
}

/**
 * `operations.js`: each operation as a call of the runtime with what the document says about it.
 * `dated`: the operations whose params or bodies carry dates (`dates: "Date"`), from `dates.js`.
 */
export function emitOperationModule(model: ApiModel, dated: ReadonlySet<string> = new Set()): string {
  if (model.operations.length === 0) return "// No operations: the document declares none, or none was selected.\nexport {};\n";
  // Each part of the runtime that only some operations need is imported only when one does.
  const forms = [...new Set(model.operations.flatMap(formEncoders))].sort();
  const streams = model.operations.some((op) => op.streaming);
  const some = (test: (op: OperationModel) => unknown) => model.operations.some(test);
  const imports = (names: string[], module: string): StatementStructures[] =>
    names.length > 0 ? [{ kind: StructureKind.ImportDeclaration, namedImports: names, moduleSpecifier: module }] : [];
  const docs = (op: OperationModel) => commentText(`\`${op.method.toUpperCase()} ${op.path}\``).replace(/\n/g, " ");
  const statements: Array<string | StatementStructures> = [
    ...imports(forms, "./runtime/form-body.js"),
    ...imports(some((op) => op.pagination) ? ["paginated"] : [], "./runtime/pages.js"),
    ...imports(some((op) => paramStyles(op) === "deepObject") ? ["deepObject"] : [], "./runtime/deep-object.js"),
    ...imports(some((op) => paramStyles(op) === "styles") ? ["styles"] : [], "./runtime/param-styles.js"),
    ...imports(some((op) => op.responseHeaders) ? ["readHeaders"] : [], "./runtime/response-headers.js"),
    ...imports(some((op) => !op.pagination) ? ["send"] : [], "./runtime/send.js"),
    ...imports(streams ? ["openStream"] : [], "./runtime/stream-answer.js"),
    ...(dated.size > 0
      ? [{ kind: StructureKind.ImportDeclaration, namespaceImport: "dates", moduleSpecifier: "./dates.js" } as const]
      : []),
    ...model.operations.map((op, i): string | StatementStructures =>
      // A function with `.all` and `.pages`, made by a call a bundler may drop when nothing uses it.
      // (ts-morph puts a blank line after a function declaration, not after a plain statement.)
      op.pagination
        ? `${i === 0 || model.operations[i - 1]!.pagination ? "\n" : ""}/** ${docs(op)} */\nexport const ${op.name} = /* @__PURE__ */ paginated(${specLiteral(op, { dates: dated.has(op.name), securitySchemes: model.securitySchemes })});`
        : {
            kind: StructureKind.Function,
            isExported: true,
            name: op.name,
            docs: [docs(op)],
            parameters: [{ name: "client" }, { name: "params" }, { name: "options" }],
            statements: [
              `return send(client, ${specLiteral(op, { dates: dated.has(op.name), securitySchemes: model.securitySchemes })}, params, options);`,
            ],
          },
    ),
  ];
  return printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
}
