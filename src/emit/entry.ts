import { printStructure, StructureKind } from "./ts-morph.js";
import type { ApiModel } from "../model.js";
import { commentText, objectKey, stringLiteral } from "./text.js";

/** Names `index.ts` exports itself; operations may not take them. */
export const ENTRY_EXPORTS = ["createClient", "Api", "ErrorOf", "isApiError", "components", "operations", "paths", "webhooks", "$defs"] as const;

function defaultsLiteral(model: ApiModel): string {
  const schemes = Object.entries(model.securitySchemes).map(([name, scheme]) => {
    const fields = Object.entries(scheme).map(([k, v]) => `${k}: ${stringLiteral(String(v))}`);
    return `    ${objectKey(name)}: { ${fields.join(", ")} },`;
  });
  return [
    "{",
    `  baseUrl: ${stringLiteral(model.baseUrl)},`,
    schemes.length === 0 ? "  securitySchemes: {}," : `  securitySchemes: {\n${schemes.join("\n")}\n  },`,
    "}",
  ].join("\n");
}

/** `index.ts`: the single entry point, `createClient` and re-exports of everything public. */
export function emitEntry(model: ApiModel): string {
  const title = commentText(`${model.title}${model.version ? " " + model.version : ""}`);
  return printStructure(
    {
      kind: StructureKind.SourceFile,
      statements: [
        { kind: StructureKind.ImportDeclaration, namespaceImport: "wrappers", moduleSpecifier: "./operations.js" },
        { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ["OperationErrors"], moduleSpecifier: "./operations.js" },
        {
          kind: StructureKind.ImportDeclaration,
          namedImports: [
            "bindOperations",
            { name: "isApiError", alias: "isAnyApiError" },
            { name: "ApiError", isTypeOnly: true },
            { name: "ClientDefaults", isTypeOnly: true },
            { name: "ClientOptions", isTypeOnly: true },
            { name: "ErrorFor", isTypeOnly: true },
            { name: "Operations", isTypeOnly: true },
          ],
          moduleSpecifier: "./runtime.js",
        },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./runtime.js", leadingTrivia: "\n" },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./operations.js" },
        { kind: StructureKind.ExportDeclaration, isTypeOnly: true, namedExports: ["components", "operations", "paths"], moduleSpecifier: "./schema.js" },
        {
          kind: StructureKind.TypeAlias,
          leadingTrivia: "\n",
          isExported: true,
          name: "Api",
          docs: [`The client for ${title}: one method per operation, each the function of the same name without its first argument.`],
          type: "Operations<typeof wrappers>",
        },
        // A plain statement: ts-morph's writer would hang-indent a multi-line initializer.
        `\n/** What the document says about the API: its first server and its security schemes. */\nconst defaults: ClientDefaults = ${defaultsLiteral(model)};`,
        {
          kind: StructureKind.Function,
          isExported: true,
          name: "createClient",
          docs: [`Creates a client for ${title}.${model.baseUrl ? `\nRequests go to ${commentText(model.baseUrl)} unless \`options.baseUrl\` says otherwise.` : ""}`],
          parameters: [{ name: "options", type: "ClientOptions", hasQuestionToken: true }],
          returnType: "Api",
          statements: ["return bindOperations(wrappers, defaults, options);"],
        },
        {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: "ErrorOf",
          typeParameters: [{ name: "Name", constraint: "keyof OperationErrors" }],
          docs: ["The `ApiError`s an operation can reject with: comparing `status` narrows `error` to the body the document declares for it."],
          type: "ErrorFor<OperationErrors[Name]>",
        },
        {
          kind: StructureKind.Function,
          isExported: true,
          name: "isApiError",
          overloads: [
            { docs: ["Whether `error` is an `ApiError` this client threw."], parameters: [{ name: "error", type: "unknown" }], returnType: "error is ApiError" },
            {
              docs: ["Whether `error` is an `ApiError` from the operation named; then comparing `error.status` narrows `error.error` to the body the document declares."],
              typeParameters: [{ name: "Name", constraint: "keyof OperationErrors" }],
              parameters: [{ name: "error", type: "unknown" }, { name: "operation", type: "Name" }],
              returnType: "error is ErrorOf<Name>",
            },
          ],
          parameters: [{ name: "error", type: "unknown" }, { name: "operation", type: "string", hasQuestionToken: true }],
          returnType: "boolean",
          statements: ["return isAnyApiError(error, operation);"],
        },
      ],
    },
    { indentNumberOfSpaces: 2 },
  );
}
