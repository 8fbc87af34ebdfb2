import type { ApiModel, OperationModel } from "../../model/types.js";
import { InputError } from "../../util/input-error.js";
import { resultType } from "../operation-types.js";
import { type Invalidation, type InvalidationSettings, invalidations } from "./invalidation.js";
import { type KeyedOperation, keyedOperations } from "./keys.js";

/**
 * What `query.js` gives each operation, read from the model alone:
 * - a safe operation (GET, HEAD, QUERY) is a query, `<op>Options`, unless it streams;
 * - any other is a mutation, `<op>Mutation`, and `invalidations` says what it makes stale;
 * - a paginated one also gets `<op>InfiniteOptions`, a streaming one `<op>StreamOptions`;
 * - every query, infinite query and stream has a key, `<op>Key(params)`, and its type, `<Op>Key`.
 */

export interface QueryOperation {
  op: OperationModel;
  options?: string;
  infinite?: string;
  stream?: string;
  mutation?: string;
  /** The key function and the key type, with the key's path. */
  key?: { name: string; type: string; path: KeyedOperation };
}

export interface QueryPlan {
  /** The first element of every key: the document's name (`openai` for openai.yaml). */
  api: string;
  operations: QueryOperation[];
  /** By mutation function name, every mutation. */
  invalidations: Map<string, Invalidation[]>;
}

const SAFE = new Set(["get", "head", "query"]);
export const isSafe = (op: OperationModel) => SAFE.has(op.method);

/** Whether the call may resolve `undefined` (a 2xx without content, or one the document leaves unknown), which a query's data may not be. */
export const mayBeEmpty = (op: OperationModel) => resultType(op).some((t) => t === "undefined" || t === "unknown");

/** Type names `query.d.ts` declares or imports besides the operations' own. */
export const QUERY_TYPE_NAMES = [
  "ApiQueryOptions",
  "ApiInfiniteQueryOptions",
  "ApiMutationOptions",
  "ApiStreamedQueryOptions",
  "InfiniteKey",
  "MutationVariables",
  "PageParam",
  "QueryPage",
  "Client",
  "Stream",
  "DataTag",
  "GetNextPageParamFunction",
  "InfiniteData",
  "MutationFunction",
  "QueryClient",
  "QueryFunction",
  "QueryKey",
];

export interface QuerySettings extends InvalidationSettings {
  /** The first element of every key. */
  api: string;
  /** The document, for messages. */
  document: string;
}

export function queryPlan(model: ApiModel, settings: QuerySettings): QueryPlan {
  const keyed = model.operations.filter((op) => (isSafe(op) && !op.streaming) || op.pagination || op.streaming);
  const paths = new Map(keyedOperations(keyed).map((k) => [k.op, k]));
  const taken = new Set([...QUERY_TYPE_NAMES, ...model.operations.flatMap((op) => Object.values(op.types))]);
  const claim = (wanted: string) => {
    let name = wanted;
    while (taken.has(name)) name += "_";
    taken.add(name);
    return name;
  };
  const operations = model.operations.map((op): QueryOperation => {
    const path = paths.get(op);
    const stem = op.types.params.replace(/Params_*$/, "");
    return {
      op,
      ...(isSafe(op) && !op.streaming ? { options: `${op.name}Options` } : {}),
      ...(op.pagination ? { infinite: `${op.name}InfiniteOptions` } : {}),
      ...(op.streaming ? { stream: `${op.name}StreamOptions` } : {}),
      ...(!isSafe(op) ? { mutation: `${op.name}Mutation` } : {}),
      ...(path ? { key: { name: `${op.name}Key`, type: claim(`${stem}Key`), path } } : {}),
    };
  });
  refuseCollisions(operations, settings.document);
  const queries = operations.filter((q) => q.options).map((q) => q.op);
  const mutations = operations.filter((q) => q.mutation).map((q) => q.op);
  return { api: settings.api, operations, invalidations: invalidations(mutations, queries, settings) };
}

/** `listInfinite` + `Options` is `list` + `InfiniteOptions`: two functions that cannot both be exported under one name. */
function refuseCollisions(operations: readonly QueryOperation[], document: string): void {
  const owner = new Map<string, OperationModel>();
  for (const q of operations) {
    for (const name of [q.options, q.infinite, q.stream, q.mutation, q.key?.name]) {
      if (name === undefined) continue;
      const other = owner.get(name);
      if (other)
        throw new InputError({
          message: `query.js would export ${name} for both ${other.name} and ${q.op.name}`,
          file: document,
          pointer: q.op.pointer,
          fix: `rename one of them with "names" in the config, or x-codegen-name`,
        });
      owner.set(name, q.op);
    }
  }
}
