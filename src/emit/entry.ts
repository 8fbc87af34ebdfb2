import type { ExportDeclarationStructure, ImportDeclarationStructure } from "ts-morph";
import type { ApiModel } from "../model/types.js";
import { printStructure, StructureKind } from "./ts-morph.js";
import { commentText, objectKey, stringLiteral } from "./text.js";

/** Names the entry files export themselves; operations may not take them. */
export const ENTRY_EXPORTS = [
  "createClient",
  "createBaseClient",
  "Api",
  "ErrorOf",
  "isApiError",
  "components",
  "operations",
  "paths",
  "webhooks",
  "$defs",
] as const;

const titleOf = (model: ApiModel) => commentText(`${model.title}${model.version ? " " + model.version : ""}`);

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

/** What else the folder holds that the entry uses: the document's webhooks (webhooks.js), resource namespaces. */
export interface EntryExtras {
  webhooks?: boolean;
  /** The client has resource namespaces (`resources.d.ts`). */
  resources?: boolean;
}

const extraExports = (extras: EntryExtras): ExportDeclarationStructure[] =>
  extras.webhooks ? [{ kind: StructureKind.ExportDeclaration, moduleSpecifier: "./webhooks.js" }] : [];

/** `index.d.ts`: the entry point's types and documentation. */
export function emitEntryDeclarations(model: ApiModel, extras: EntryExtras = {}): string {
  const resources = extras.resources === true;
  const title = titleOf(model);
  return printStructure(
    {
      kind: StructureKind.SourceFile,
      statements: [
        { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namespaceImport: "functions", moduleSpecifier: "./operations.js" },
        { kind: StructureKind.ImportDeclaration, isTypeOnly: true, namedImports: ["OperationErrors"], moduleSpecifier: "./operations.js" },
        {
          kind: StructureKind.ImportDeclaration,
          isTypeOnly: true,
          namedImports: ["ApiError", "Client", "ClientOptions", "Operations"],
          moduleSpecifier: "./runtime/index.js",
        },
        ...(resources
          ? [
              {
                kind: StructureKind.ImportDeclaration,
                isTypeOnly: true,
                namedImports: ["Resources"],
                moduleSpecifier: "./resources.js",
              } satisfies ImportDeclarationStructure,
            ]
          : []),
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./runtime/index.js", leadingTrivia: "\n" },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./operations.js" },
        ...extraExports(extras),
        {
          kind: StructureKind.ExportDeclaration,
          isTypeOnly: true,
          namedExports: ["components", "operations", "paths"],
          moduleSpecifier: "./schema.js",
        },
        {
          kind: StructureKind.TypeAlias,
          leadingTrivia: "\n",
          isExported: true,
          name: "Api",
          docs: [
            `The client for ${title}: one method per operation, each the function of the same name without its first argument${resources ? ", and the same methods grouped in resource namespaces (`resources.d.ts`)" : ""}.`,
          ],
          type: resources ? "Operations<typeof functions> & Resources" : "Operations<typeof functions>",
        },
        {
          kind: StructureKind.Function,
          isExported: true,
          hasDeclareKeyword: true,
          name: "createClient",
          docs: [
            `Creates a client for ${title}, with a method per operation.${model.baseUrl ? `\nRequests go to ${commentText(model.baseUrl)} unless \`options.baseUrl\` says otherwise.` : ""}`,
          ],
          parameters: [{ name: "options", type: "ClientOptions", hasQuestionToken: true }],
          returnType: "Api",
        },
        {
          kind: StructureKind.Function,
          isExported: true,
          hasDeclareKeyword: true,
          name: "createBaseClient",
          docs: [
            "Creates a client without methods, to pass to the operation functions: `cancelUpload(client, params)`.\nA bundler then keeps only the operations you import, where `createClient` keeps them all.",
          ],
          parameters: [{ name: "options", type: "ClientOptions", hasQuestionToken: true }],
          returnType: "Client",
        },
        {
          kind: StructureKind.TypeAlias,
          isExported: true,
          name: "ErrorOf",
          typeParameters: [{ name: "Name", constraint: "keyof OperationErrors" }],
          docs: [
            "The `ApiError`s an operation can reject with: comparing `status` narrows `error` to the body the document declares for it.",
          ],
          type: "OperationErrors[Name]",
        },
        {
          kind: StructureKind.Function,
          isExported: true,
          hasDeclareKeyword: true,
          name: "isApiError",
          overloads: [
            {
              hasDeclareKeyword: true,
              docs: ["Whether `error` is an `ApiError` this client threw."],
              parameters: [{ name: "error", type: "unknown" }],
              returnType: "error is ApiError",
            },
          ],
          docs: [
            "Whether `error` is an `ApiError` from the operation named; then comparing `error.status` narrows `error.error` to the body the document declares.",
          ],
          typeParameters: [{ name: "Name", constraint: "keyof OperationErrors" }],
          parameters: [
            { name: "error", type: "unknown" },
            { name: "operation", type: "Name" },
          ],
          returnType: "error is ErrorOf<Name>",
        },
      ],
    },
    { indentNumberOfSpaces: 2 },
  );
}

/** `index.js`: `createClient`, `createBaseClient`, and re-exports of everything public. */
export function emitEntryModule(model: ApiModel, extras: EntryExtras = {}): string {
  const resources = extras.resources === true;
  return printStructure(
    {
      kind: StructureKind.SourceFile,
      statements: [
        { kind: StructureKind.ImportDeclaration, namespaceImport: "functions", moduleSpecifier: "./operations.js" },
        { kind: StructureKind.ImportDeclaration, namedImports: ["bindOperations"], moduleSpecifier: "./runtime/bind.js" },
        { kind: StructureKind.ImportDeclaration, namedImports: ["configureClient"], moduleSpecifier: "./runtime/client.js" },
        ...(resources
          ? [
              {
                kind: StructureKind.ImportDeclaration,
                namedImports: ["bindResources"],
                moduleSpecifier: "./resources.js",
              } satisfies ImportDeclarationStructure,
            ]
          : []),
        {
          kind: StructureKind.ExportDeclaration,
          namedExports: ["isApiError"],
          moduleSpecifier: "./runtime/errors.js",
          leadingTrivia: "\n",
        },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./runtime/index.js" },
        { kind: StructureKind.ExportDeclaration, moduleSpecifier: "./operations.js" },
        ...extraExports(extras),
        // A plain statement: ts-morph's writer would hang-indent a multi-line initializer.
        `\n/** What the document says about the API: its first server and its security schemes. */\nconst defaults = ${defaultsLiteral(model)};`,
        {
          kind: StructureKind.Function,
          isExported: true,
          name: "createBaseClient",
          parameters: [{ name: "options" }],
          statements: ["return configureClient(defaults, options);"],
        },
        {
          kind: StructureKind.Function,
          isExported: true,
          name: "createClient",
          parameters: [{ name: "options" }],
          statements: [
            resources
              ? "return bindResources(bindOperations(functions, createBaseClient(options)));"
              : "return bindOperations(functions, createBaseClient(options));",
          ],
        },
      ],
    },
    { indentNumberOfSpaces: 2 },
  );
}
