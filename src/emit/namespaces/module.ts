import type { OperationModel } from "../../model/types.js";
import { codeName, commentText, objectKey, propertyName } from "../text.js";
import { summaryOf } from "../reference-docs.js";
import type { Namespace, NamespacePlan } from "./plan.js";

/**
 * `resources.js` and `resources.d.ts`: the resource namespaces `createClient` adds beside the flat
 * methods when the config asks for them. Each namespace is an object of the same bound methods
 * (`api.uploads.cancel === api.cancelUpload`), typed by a named interface so that a hover on
 * `api.uploads` reads `UploadsResource`, not a structure.
 */
export interface EmittedResources {
  source: string;
  declarations: string;
}

/** The document's summary (the full docs are the flat method's and the function's), the route, and the flat method's name. */
function memberDocs(op: OperationModel): string {
  const lines = [summaryOf(op)?.trim(), `\`${op.method.toUpperCase()} ${op.path}\`: the method ${codeName(`${op.name}`)} of the client.`];
  const text = commentText(lines.filter(Boolean).join("\n\n"));
  return `/**\n${text
    .split("\n")
    .map((l) => (l ? ` * ${l}` : " *"))
    .join("\n")}${op.deprecated ? "\n * @deprecated" : ""}\n */`;
}

const indent = (text: string, by: string) => text.replace(/^(?=.)/gm, by);

function interfaceOf(node: Namespace): string {
  const members = [
    ...node.methods.map((m) => `${memberDocs(m.op)}\nreadonly ${propertyName(m.name)}: Methods[${JSON.stringify(m.op.name)}];`),
    ...node.children.map((c) => `/** \`${c.path}\` */\nreadonly ${propertyName(c.name)}: ${c.typeName};`),
  ];
  return `/** The \`${node.path}\` resource of the client. */\nexport interface ${node.typeName} {\n${indent(members.join("\n"), "  ")}\n}`;
}

function literalOf(node: Namespace): string {
  const members = [
    ...node.methods.map((m) => `${objectKey(m.name)}: api.${m.op.name},`),
    ...node.children.map((c) => `${objectKey(c.name)}: ${literalOf(c)},`),
  ];
  return `{\n${indent(members.join("\n"), "  ")}\n}`;
}

const all = (node: Namespace): Namespace[] => [node, ...node.children.flatMap(all)];

export function emitResources(plan: NamespacePlan): EmittedResources {
  const top = plan.root.children;
  const source = [
    "/**",
    ` * Adds the resource namespaces (grouped by ${plan.by === "tags" ? "tag" : "path"}) to a client made by \`createClient\`:`,
    " * each method is the flat method of the same operation.",
    " */",
    "export function bindResources(api) {",
    ...top.map((c) => indent(`api[${JSON.stringify(c.name)}] = ${literalOf(c)};`, "  ")),
    "  return api;",
    "}",
    "",
  ].join("\n");
  const declarations = [
    'import type * as functions from "./operations.js";',
    'import type { Operations } from "./runtime/index.js";',
    "",
    "/** The client's flat methods, by function name. */",
    "type Methods = Operations<typeof functions>;",
    "",
    ...all(plan.root)
      .slice(1)
      .map((n) => interfaceOf(n) + "\n"),
    "/** The resource namespaces of the client, beside its flat methods. */",
    `export interface Resources {\n${indent(top.map((c) => `/** \`${c.path}\` */\nreadonly ${propertyName(c.name)}: ${c.typeName};`).join("\n"), "  ")}\n}`,
    "",
    "/** Adds the resource namespaces to a client: `createClient` calls it. */",
    "export declare function bindResources<T extends Methods>(api: T): T & Resources;",
    "",
  ].join("\n");
  return { source, declarations };
}
