import type { FunctionDeclarationStructure, StatementStructures } from "ts-morph";
import { printStructure, StructureKind } from "../ts-morph.js";
import { commentText, objectKey, propertyName, stringLiteral } from "../text.js";
import type { Invalidation } from "./invalidation.js";
import type { KeyedOperation, KeySegment } from "./keys.js";
import { mayBeEmpty, type QueryOperation, type QueryPlan } from "./plan.js";

/**
 * `query.js`: TanStack Query's option objects for each operation (see `plan.ts`), plain objects
 * that import nothing of TanStack Query but `streamedQuery`, so that every adapter (React, Vue,
 * Svelte, Solid, Angular) takes them as they are. The operations are called through the
 * `operations` namespace: no name an operation has can then clash with one this file exports.
 */

/** `params?.name`, or `params?.["a-b"]` for a name that is not an identifier (`v.name` when not `optional`). */
export function access(object: string, field: string, optional = true): string {
  const dot = optional ? "?." : ".";
  return propertyName(field) === field ? `${object}${dot}${field}` : `${object}${optional ? "?." : ""}[${stringLiteral(field)}]`;
}

/** The JavaScript of one key segment: a string, or the params' value. */
function segmentCode(s: KeySegment): string {
  if (s.kind === "literal") return stringLiteral(s.text);
  if (s.kind === "param") return access("params", s.field);
  const fields = s.parts.flatMap((p) => ("field" in p ? [access("params", p.field)] : []));
  const text = s.parts.map((p) => ("text" in p ? p.text.replace(/[`\\$]/g, "\\$&") : `\${${access("params", p.field)}}`)).join("");
  return `[${fields.join(", ")}].includes(undefined) ? undefined : \`${text}\``;
}

/** `["openai", "files", params?.file_id]`: the key's path, before the params (`keyOf` adds them). */
export function keyPathCode(api: string, path: KeyedOperation): string {
  const segments = [stringLiteral(api), ...path.segments.map(segmentCode), ...(path.suffix ? [stringLiteral(path.suffix)] : [])];
  return `[${segments.join(", ")}]`;
}

const docsOf = (q: QueryOperation) => {
  const text = commentText(`\`${q.op.method.toUpperCase()} ${q.op.path}\``).replace(/\n/g, " ");
  return q.op.deprecated ? `${text}\n@deprecated` : text;
};

function fn(q: QueryOperation, name: string, parameters: string[], body: string): FunctionDeclarationStructure {
  return {
    kind: StructureKind.Function,
    isExported: true,
    name,
    docs: [docsOf(q)],
    parameters: parameters.map((p) => ({ name: p })),
    statements: [body],
  };
}

const call = (q: QueryOperation) => `operations.${q.op.name}`;

function operationFunctions(plan: QueryPlan, q: QueryOperation): FunctionDeclarationStructure[] {
  const out: FunctionDeclarationStructure[] = [];
  const key = q.key;
  if (key) out.push(fn(q, key.name, ["params"], `return keyOf(${keyPathCode(plan.api, key.path)}, params);`));
  if (q.options)
    out.push(
      fn(
        q,
        q.options,
        ["client", "params"],
        `return {\n  queryKey: ${key!.name}(params),\n  queryFn: ({ signal }) => ${mayBeEmpty(q.op) ? `dataOf(${call(q)}(client, params, { signal }))` : `${call(q)}(client, params, { signal })`},\n};`,
      ),
    );
  if (q.infinite)
    out.push(
      fn(
        q,
        q.infinite,
        ["client", "params"],
        [
          "return {",
          `  queryKey: [...${key!.name}(params), "infinite"],`,
          `  queryFn: ({ pageParam, signal }) => pageOf(${call(q)}, client, params, pageParam, { signal }),`,
          "  initialPageParam: null,",
          "  getNextPageParam: nextPageParam,",
          "};",
        ].join("\n"),
      ),
    );
  if (q.stream) {
    const toggle = q.op.streaming!.toggle && q.op.body ? stringLiteral(q.op.streaming!.toggle) : "undefined";
    out.push(
      fn(
        q,
        q.stream,
        ["client", "params"],
        [
          "return {",
          `  queryKey: ${key!.name}(params),`,
          `  queryFn: streamedQuery({ streamFn: ({ signal }) => streamOf(${call(q)}, client, params, ${toggle}, { signal }) }),`,
          "};",
        ].join("\n"),
      ),
    );
  }
  if (q.mutation)
    out.push(
      fn(
        q,
        q.mutation,
        ["client"],
        `return {\n  mutationKey: [${stringLiteral(plan.api)}, ${stringLiteral(q.op.name)}],\n  mutationFn: (variables) => ${call(q)}(client, variables),\n};`,
      ),
    );
  return out;
}

/**
 * `updatePet: (v) => [getPetKey({ petId: v.petId }), listPetsKey()],`, one key a line when there are
 * several: the keys one mutation makes stale. A query's path value the variables do not give is
 * left out (`getOwnerKey({})`): any value matches there.
 */
function invalidationEntry(plan: QueryPlan, mutation: string, entries: readonly Invalidation[]): string {
  const byOperation = new Map(plan.operations.map((q) => [q.op, q]));
  const keys = entries.map(({ query, bind }) => {
    const fields = bind.map(([field, from]) => `${objectKey(field)}: ${access("v", from, false)}`);
    const hasPath = query.parameters.some((p) => p.in === "path");
    return `${byOperation.get(query)!.key!.name}(${fields.length > 0 ? `{ ${fields.join(", ")} }` : hasPath ? "{}" : ""})`;
  });
  const head = `${objectKey(mutation)}: (${entries.some((e) => e.bind.length > 0) ? "v" : ""}) => [`;
  return keys.length <= 1 ? `${head}${keys.join("")}],` : `${head}\n${keys.map((k) => `    ${k},`).join("\n")}\n  ],`;
}

export function emitQueryModule(plan: QueryPlan): string {
  const some = (test: (q: QueryOperation) => unknown) => plan.operations.some(test);
  const helpers = [
    ...(some((q) => q.options && mayBeEmpty(q.op)) ? ["dataOf"] : []),
    "keyOf",
    ...(some((q) => q.infinite) ? ["nextPageParam", "pageOf"] : []),
    ...(some((q) => q.stream) ? ["streamOf"] : []),
    "invalidate",
  ];
  const statements: Array<string | StatementStructures> = [
    ...(some((q) => q.stream)
      ? // TanStack Query v5 exports it under this name.
        ['import { experimental_streamedQuery as streamedQuery } from "@tanstack/query-core";']
      : []),
    { kind: StructureKind.ImportDeclaration, namespaceImport: "operations", moduleSpecifier: "./operations.js" },
    { kind: StructureKind.ImportDeclaration, namedImports: helpers, moduleSpecifier: "./runtime/query.js" },
    { kind: StructureKind.ExportDeclaration, namedExports: ["allItems"], moduleSpecifier: "./runtime/query.js" },
    ...plan.operations.flatMap((q) => operationFunctions(plan, q)),
  ];
  const example = [...plan.invalidations.keys()][0] ?? "updatePet";
  const lines = [...plan.invalidations].map(([mutation, entries]) => `  ${invalidationEntry(plan, mutation, entries)}`);
  statements.push(
    [
      "/**",
      " * The queries each mutation makes stale, as keys from its variables `v` (each a prefix, as TanStack",
      " * matches them): the resource it acts on and everything under it, and its collection's lists",
      ' * (see the README), or what the config\'s "invalidates" names.',
      " */",
      lines.length > 0 ? `export const invalidations = {\n${lines.join("\n")}\n};` : "export const invalidations = {};",
    ].join("\n"),
    {
      kind: StructureKind.Function,
      isExported: true,
      name: "invalidatesAfter",
      docs: [
        "Invalidates what `invalidations` says the mutation made stale; resolves once the active queries among them have refetched:\n" +
          `\`onSuccess: (_, variables) => invalidatesAfter(queryClient, ${stringLiteral(example)}, variables)\`.`,
      ],
      parameters: [{ name: "queryClient" }, { name: "mutation" }, { name: "variables" }],
      statements: ["return invalidate(invalidations, queryClient, mutation, variables);"],
    },
  );
  return printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 });
}
