import type { FunctionDeclarationStructure, StatementStructures, TypeAliasDeclarationStructure } from "ts-morph";
import type { OperationModel } from "../../model/types.js";
import { paramsRequired } from "../operation-types.js";
import { printStructure, StructureKind } from "../ts-morph.js";
import { codeName, commentText, propertyName, stringLiteral } from "../text.js";
import type { KeyedOperation, KeySegment } from "./keys.js";
import { mayBeEmpty, type QueryOperation, type QueryPlan } from "./plan.js";

/**
 * `query.d.ts`: the types of `query.js`, named so that a hover reads
 * `ApiQueryOptions<ListFilesResult, ListFilesError, ListFilesKey>`, typed with
 * `@tanstack/query-core` (the one import of the folder that is not its own), in the shapes every
 * adapter's `useQuery` infers `data` and `error` from.
 */

/** What `query.d.ts` takes from TanStack Query. */
const TANSTACK_TYPES = [
  "DataTag",
  "GetNextPageParamFunction",
  "InfiniteData",
  "MutationFunction",
  "QueryClient",
  "QueryFunction",
  "QueryKey",
];

/**
 * The generic option types, written once per folder: interfaces of what the objects hold, which
 * every adapter's \`useQuery\` (and \`fetchQuery\`) takes as they are. \`throwOnError\` is never
 * set; it is declared to carry the error type, the one member adapters infer \`error\` from that
 * costs a consumer's \`tsc\` next to nothing (\`retry\` would cost a one-query program 850 types).
 */
const OPTION_TYPES = `/**
 * A query's options, for \`useQuery\`, \`createQuery\`, \`injectQuery\`, a \`QueryObserver\` or
 * \`fetchQuery\`: spread them beside your own (\`enabled\`, \`select\`, \`staleTime\`). The key carries
 * the data and error types, so \`queryClient.getQueryData(key)\` is typed too.
 */
export interface ApiQueryOptions<TData, TError, TKey extends QueryKey> {
  queryKey: DataTag<TKey, TData, TError>;
  queryFn: QueryFunction<TData, DataTag<TKey, TData, TError>>;
  /** Not set: it gives the adapters the error type. */
  throwOnError?: (error: TError) => boolean;
}

/**
 * An infinite query's options: each page is a \`QueryPage\` (the body, its items, and what asks for
 * the next page), the pages followed as the document says; \`select: allItems\` gives every item.
 */
export interface ApiInfiniteQueryOptions<TData, TItem, TError, TKey extends QueryKey> {
  queryKey: InfiniteKey<TData, TItem, TError, TKey>;
  queryFn: QueryFunction<QueryPage<TData, TItem>, InfiniteKey<TData, TItem, TError, TKey>, PageParam>;
  initialPageParam: PageParam;
  getNextPageParam: GetNextPageParamFunction<PageParam, QueryPage<TData, TItem>>;
  /** Not set: it gives the adapters the error type. */
  throwOnError?: (error: TError) => boolean;
  /** Not set (the pages as they are): it gives the adapters the type of the pages' params. */
  select?: (data: InfiniteData<QueryPage<TData, TItem>, PageParam>) => InfiniteData<QueryPage<TData, TItem>, PageParam>;
}

/** An infinite query's key: the query's, then \`"infinite"\` (its data is pages, not one body). */
export type InfiniteKey<TData, TItem, TError, TKey extends QueryKey> = DataTag<
  readonly [...TKey, "infinite"],
  InfiniteData<QueryPage<TData, TItem>, PageParam>,
  TError
>;

/** A streamed query's options (\`streamedQuery\`): its data is every item received so far, in order. */
export type ApiStreamedQueryOptions<TItem, TError, TKey extends QueryKey> = ApiQueryOptions<TItem[], TError, TKey>;

/** A mutation's options, for \`useMutation\`, \`createMutation\`, \`injectMutation\` or a \`MutationObserver\`. */
export interface ApiMutationOptions<TData, TError, TVariables> {
  mutationKey: QueryKey;
  mutationFn: MutationFunction<TData, TVariables>;
  /** Not set: it gives the adapters the error type. */
  throwOnError?: (error: TError) => boolean;
}`;

/** The TypeScript of one key segment: the string, or the type of the params' field. */
function segmentType(params: string, s: KeySegment): string {
  if (s.kind === "literal") return stringLiteral(s.text);
  if (s.kind === "param") return `${params}[${stringLiteral(s.field)}]`;
  return "string";
}

/** `["openai", "files", file_id, params]`: the key's shape, for its doc comment. */
function keyText(api: string, path: KeyedOperation): string {
  const segment = (s: KeySegment) =>
    s.kind === "literal"
      ? JSON.stringify(s.text)
      : s.kind === "param"
        ? s.field
        : JSON.stringify(s.parts.map((p) => ("text" in p ? p.text : `{${p.field}}`)).join(""));
  return `[${[JSON.stringify(api), ...path.segments.map(segment), ...(path.suffix ? [JSON.stringify(path.suffix)] : []), "params"].join(", ")}]`;
}

const docsOf = (op: OperationModel, text: string) => {
  const docs = commentText(text);
  return op.deprecated ? `${docs}\n@deprecated` : docs;
};

/** A query's data: the result, `null` for an answer without content (TanStack Query refuses `undefined`). */
const queryData = (op: OperationModel) => (mayBeEmpty(op) ? `Exclude<${op.types.result}, undefined> | null` : op.types.result);

const route = (op: OperationModel) => `\`${op.method.toUpperCase()} ${op.path}\``;

/** The params the stream asks with: for an operation that answers JSON unless asked (`stream: true`), the toggle may only be true. */
const streamParams = (op: OperationModel, value: string) => {
  const toggle = op.streaming?.toggle;
  if (toggle === undefined || !op.body) return op.types.params;
  return `${op.types.params} & { body${op.body.required ? "" : "?"}: { ${propertyName(toggle)}?: ${value} } }`;
};

/** What a mutation resolves to: an operation that streams when asked answers its mutation (\`stream\` false or left out) in JSON. */
const mutationData = (op: OperationModel) => (toggled(op) ? `Exclude<${op.types.result}, Stream<${op.types.event}>>` : op.types.result);

const toggled = (op: OperationModel) => op.streaming?.toggle !== undefined && op.body !== undefined;

/** The variables of a mutation, `void` among them when nothing is required (`mutate()`). */
const variablesOf = (op: OperationModel) => `${streamParams(op, "false | null")}${paramsRequired(op) ? "" : " | void"}`;

function declared(op: OperationModel, name: string, docs: string, parameters: Array<[string, string, boolean?]>, returnType: string) {
  return {
    kind: StructureKind.Function,
    isExported: true,
    hasDeclareKeyword: true,
    name,
    docs: [docsOf(op, docs)],
    parameters: parameters.map(([name, type, optional]) => ({ name, type, hasQuestionToken: optional === true })),
    returnType,
  } satisfies FunctionDeclarationStructure;
}

function operationDeclarations(plan: QueryPlan, q: QueryOperation): StatementStructures[] {
  const { op } = q;
  const t = op.types;
  const optional = !paramsRequired(op);
  const out: StatementStructures[] = [];
  const client: [string, string] = ["client", "Client"];
  if (q.key) {
    const params = q.stream && !q.options ? streamParams(op, "true") : t.params;
    const segments = [
      stringLiteral(plan.api),
      ...q.key.path.segments.map((s) => segmentType(t.params, s)),
      ...(q.key.path.suffix ? [stringLiteral(q.key.path.suffix)] : []),
      t.params,
    ];
    out.push(
      {
        kind: StructureKind.TypeAlias,
        isExported: true,
        name: q.key.type,
        docs: [`The key of ${codeName(op.name)}'s queries: \`${keyText(plan.api, q.key.path)}\`.`],
        type: `readonly [${segments.join(", ")}]`,
        leadingTrivia: "\n",
      } satisfies TypeAliasDeclarationStructure,
      declared(
        op,
        q.key.name,
        `The key of ${codeName(op.name)}'s queries (${route(op)}); \`getQueryData\` with it is typed.`,
        [["params", params, optional]],
        `DataTag<${q.key.type}, ${q.options ? queryData(op) : `${t.event}[]`}, ${t.error}>`,
      ),
    );
  }
  if (q.options)
    out.push(
      declared(
        op,
        q.options,
        `${route(op)}, as a query.`,
        [client, ["params", t.params, optional]],
        `ApiQueryOptions<${queryData(op)}, ${t.error}, ${q.key!.type}>`,
      ),
    );
  if (q.infinite)
    out.push(
      declared(
        op,
        q.infinite,
        `Every page of ${codeName(op.name)} (${op.pagination!.style}), as an infinite query.`,
        [client, ["params", t.params, optional]],
        `ApiInfiniteQueryOptions<${t.result}, ${t.item}, ${t.error}, ${q.key!.type}>`,
      ),
    );
  if (q.stream)
    out.push(
      declared(
        op,
        q.stream,
        `${route(op)}, as a streamed query.`,
        [client, ["params", streamParams(op, "true"), optional]],
        `ApiStreamedQueryOptions<${t.event}, ${t.error}, ${q.key!.type}>`,
      ),
    );
  if (q.mutation)
    out.push(
      declared(
        op,
        q.mutation,
        `${route(op)}, as a mutation.`,
        [client],
        `ApiMutationOptions<${mutationData(op)}, ${t.error}, ${variablesOf(op)}>`,
      ),
    );
  return out;
}

/** The operation's own types `query.d.ts` names. */
function typesUsed(q: QueryOperation): string[] {
  const t = q.op.types;
  return [
    ...(q.key || q.mutation ? [t.params, t.error] : []),
    ...(q.options || q.mutation || q.infinite ? [t.result] : []),
    ...(q.infinite ? [t.item] : []),
    ...(q.stream || (q.mutation && toggled(q.op)) ? [t.event] : []),
  ].sort();
}

export function emitQueryDeclarations(plan: QueryPlan): string {
  const mutations = plan.operations.filter((q) => q.mutation);
  const statements: Array<string | StatementStructures> = [
    `import type {\n${TANSTACK_TYPES.map((name) => `  ${name},`).join("\n")}\n} from "@tanstack/query-core";`,
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ["Client", ...(plan.operations.some((q) => q.mutation && toggled(q.op)) ? ["Stream"] : [])],
      moduleSpecifier: "./runtime/index.js",
    },
    {
      kind: StructureKind.ImportDeclaration,
      isTypeOnly: true,
      namedImports: ["PageParam", "QueryPage"],
      moduleSpecifier: "./runtime/query.js",
    },
    // One import per operation: adding one is one line of diff.
    ...plan.operations.flatMap((q): StatementStructures[] => {
      const names = typesUsed(q);
      return names.length > 0
        ? [
            {
              kind: StructureKind.ImportDeclaration,
              isTypeOnly: true,
              namedImports: [...new Set(names)],
              moduleSpecifier: "./operations.js",
            },
          ]
        : [];
    }),
    { kind: StructureKind.ExportDeclaration, namedExports: ["allItems"], moduleSpecifier: "./runtime/query.js", leadingTrivia: "\n" },
    {
      kind: StructureKind.ExportDeclaration,
      isTypeOnly: true,
      namedExports: ["PageParam", "QueryPage"],
      moduleSpecifier: "./runtime/query.js",
    },
    `\n${OPTION_TYPES}`,
    ...plan.operations.flatMap((q) => operationDeclarations(plan, q)),
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: "MutationVariables",
      docs: ["Each mutation's variables, by name: what `invalidatesAfter` takes."],
      properties: mutations.map((q) => ({ name: q.op.name, type: variablesOf(q.op) })),
    },
    `/** The queries each mutation makes stale, as keys (prefixes) from its variables: see \`invalidatesAfter\`. */
export declare const invalidations: { readonly [M in keyof MutationVariables]: (variables: MutationVariables[M]) => QueryKey[] };`,
    {
      kind: StructureKind.Function,
      isExported: true,
      hasDeclareKeyword: true,
      name: "invalidatesAfter",
      typeParameters: [{ name: "M", constraint: "keyof MutationVariables" }],
      docs: [
        "Invalidates the queries `mutation` made stale (the resource it acts on and everything under it, and its collection's lists, or what the config's `invalidates` names); resolves once the active ones among them have refetched.",
      ],
      parameters: [
        { name: "queryClient", type: "QueryClient" },
        { name: "mutation", type: "M" },
        { name: "variables", type: "MutationVariables[M]" },
      ],
      returnType: "Promise<void>",
    },
  ];
  return printStructure({ kind: StructureKind.SourceFile, statements }, { indentNumberOfSpaces: 2 }).replace(/ +$/gm, "");
}
