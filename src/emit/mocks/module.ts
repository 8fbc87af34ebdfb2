import type { ApiModel, OperationModel } from "../../model/types.js";
import { codeName, commentText, lineCommentText, objectKey, stringLiteral } from "../text.js";
import { bodyType } from "../operation-types.js";
import type { Examples } from "./examples.js";
import { literals } from "./literal.js";

/**
 * `mocks.js` and `mocks.d.ts`: an MSW (v2) handler per operation, `handle<Operation>(override?)`,
 * answering with the operation's example, and `handlers`, all of them (a path's literal segments
 * before a parameter, so that `/files/search` is not taken for `/files/{id}`). The examples are
 * written once each, as constants.
 */
export interface EmittedMocks {
  source: string;
  declarations: string;
}

/** The runtime files only a folder with mocks holds (they import `msw`). */
export const MOCK_RUNTIME = ["mocks.js", "mocks.d.ts"];

/** Each handler's name: `handle` and the function's name, capitalised (numbered when `foo` and `Foo` both exist). */
export function handlerNames(ops: readonly OperationModel[]): Map<OperationModel, string> {
  const out = new Map<OperationModel, string>();
  const taken = new Set<string>();
  for (const op of ops) {
    const base = `handle${op.name.charAt(0).toUpperCase()}${op.name.slice(1)}`;
    let name = base;
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`;
    taken.add(name);
    out.set(op, name);
  }
  return out;
}

/** Literal segments before parameters, then the path, then the method: the order MSW tries them in. */
function routeOrder(a: OperationModel, b: OperationModel): number {
  const sa = a.urlPath.split("/");
  const sb = b.urlPath.split("/");
  for (let i = 0; i < Math.min(sa.length, sb.length); i++) {
    const pa = sa[i]!.includes("{");
    const pb = sb[i]!.includes("{");
    if (pa !== pb) return pa ? 1 : -1;
    if (sa[i] !== sb[i]) return sa[i]! < sb[i]! ? -1 : 1;
  }
  if (sa.length !== sb.length) return sb.length - sa.length;
  return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
}

/**
 * The type of `error`: the bodies of the error responses the document declares, or `unknown` when
 * it declares a `default` (any body) or none.
 */
function failureType(op: OperationModel): string {
  if (op.errors.length === 0 || op.errors.some((r) => r.status === "default")) return "unknown";
  return [
    ...new Set(op.errors.map((r) => (r.kind === "json" || r.kind === "none" || r.kind === "blob" ? bodyType(op, r) : "unknown"))),
  ].join(" | ");
}

/** The type of `data`: the operation's result when every 2xx answer is JSON, what a body can be otherwise. */
function dataType(op: OperationModel): string {
  if (op.success.length > 0 && op.success.every((r) => r.kind === "json")) return op.types.result;
  if (op.success.some((r) => r.kind === "json") && op.streaming) return `Exclude<${op.types.result}, Stream<${op.types.event}>>`;
  return "unknown";
}

export function emitMocks(model: ApiModel, examples: Examples, seed: number): EmittedMocks {
  const names = new Map<unknown, string>();
  for (const [at, value] of examples.components) names.set(value, at.split("/").pop() ?? "shared");
  const handlerOf = handlerNames(model.operations);
  const handlerName = (op: OperationModel) => handlerOf.get(op)!;
  const handlers = [...handlerOf.values()];
  const values = model.operations.flatMap((op) => {
    const e = examples.operations[op.name]!;
    return [...Object.values(e.responses).map((r) => r.value), ...(e.event !== undefined ? [e.event] : [])];
  });
  const lits = literals(values, names, new Set([...handlers, "handlers", "mockHandler", "baseUrl"]));
  const specs = model.operations.map((op) => {
    const e = examples.operations[op.name]!;
    const declared = [...op.success, ...op.errors].map((r) => {
      const example = e.responses[r.status];
      const fields = [
        ...(r.contentType !== undefined ? [`contentType: ${stringLiteral(r.contentType)}`] : []),
        ...(example ? [`example: ${lits.constant(example.value, `${op.name}_${r.status}`)}`] : []),
      ];
      return `${objectKey(r.status)}: ${fields.length > 0 ? `{ ${fields.join(", ")} }` : "{}"}`;
    });
    const stream = op.streaming
      ? `, stream: { contentType: ${stringLiteral(op.streaming.contentType)}${op.streaming.toggle ? `, toggle: ${stringLiteral(op.streaming.toggle)}` : ""}${e.event !== undefined ? `, example: ${lits.constant(e.event, `${op.name}_event`)}` : ""} }`
      : "";
    const success = op.success[0]?.status ?? "200";
    const spec = `{ method: ${stringLiteral(op.method.toUpperCase())}, path: ${stringLiteral(op.urlPath)}, baseUrl, success: ${stringLiteral(success)}, responses: { ${declared.join(", ")} }${stream} }`;
    return `/** ${commentText(`\`${op.method.toUpperCase()} ${op.path}\``).replace(/\n/g, " ")} */\nexport const ${handlerName(op)} = (override) => mockHandler(${spec}, override);`;
  });
  const ordered = [...model.operations].sort(routeOrder).map((op) => `  ${handlerName(op)}(),`);
  const source = [
    'import { mockHandler } from "./runtime/mocks.js";',
    "",
    `// Examples built for seed ${seed}: the document's own where the validators accept them, else drawn from the schemas.`,
    ...(examples.invalid.length > 0
      ? [
          `// Refused by the document's own schemas (no value passes them; the closest is given): ${lineCommentText(examples.invalid.join(", "))}`,
        ]
      : []),
    ...lits.declarations,
    "",
    "/** The document's first server, where the client sends requests by default. */",
    `const baseUrl = ${stringLiteral(model.baseUrl)};`,
    "",
    ...specs.flatMap((s) => [s, ""]),
    "/** A handler for every operation, answering with its example: `setupServer(...handlers)`, `setupWorker(...handlers)`. */",
    `export const handlers = [${ordered.length > 0 ? `\n${ordered.join("\n")}\n` : ""}];`,
    "",
  ].join("\n");
  const types = model.operations.flatMap((op) => [
    ...(dataType(op).includes(op.types.result) ? [op.types.result] : []),
    ...(dataType(op).includes("Stream<") ? [op.types.event] : []),
  ]);
  const failures = model.operations.map(failureType);
  const schemaTypes = (["components", "paths"] as const).filter((name) => failures.some((t) => t.includes(`${name}[`)));
  const streams = model.operations.some((op) => dataType(op).includes("Stream<"));
  const declarations = [
    'import type { HttpHandler } from "msw";',
    ...(types.length > 0 ? [`import type { ${[...new Set(types)].sort().join(", ")} } from "./operations.js";`] : []),
    `import type { MockOverride } from "./runtime/mocks.js";`,
    ...(schemaTypes.length > 0 ? [`import type { ${schemaTypes.join(", ")} } from "./schema.js";`] : []),
    ...(streams ? ['import type { Stream } from "./runtime/index.js";'] : []),
    "",
    ...model.operations.flatMap((op) => [
      `/**\n * An MSW handler of ${codeName(op.name)} (${commentText(`\`${op.method.toUpperCase()} ${op.path}\``).replace(/\n/g, " ")}): the document's example, or what \`override\` says.\n */`,
      `export declare function ${handlerName(op)}(override?: MockOverride<${dataType(op)}, ${failureType(op)}>): HttpHandler;`,
      "",
    ]),
    "/** A handler for every operation, answering with its example: `setupServer(...handlers)`, `setupWorker(...handlers)`. */",
    "export declare const handlers: HttpHandler[];",
    "",
  ].join("\n");
  return { source, declarations };
}
