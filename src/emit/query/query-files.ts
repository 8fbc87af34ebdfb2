import type { ApiModel } from "../../model/types.js";
import { emitQueryDeclarations } from "./declarations.js";
import { emitQueryModule } from "./module.js";
import { type QuerySettings, queryPlan } from "./plan.js";

/** The runtime module only `query.js` imports: copied into a folder only with `"query": "tanstack"`. */
export const QUERY_RUNTIME = ["query.js", "query.d.ts"];

/**
 * The range of `@tanstack/query-core` the output asks for as a peer: v5 with `streamedQuery`'s
 * `streamFn` (5.86 renamed it) and `QueryFunctionContext.client`, from a release known to have both.
 */
export const QUERY_CORE_RANGE = "^5.90.0";

export interface QueryFiles {
  plan: ReturnType<typeof queryPlan>;
  declarations: string;
  source: string;
  peerDependencies: Record<string, string>;
}

/** `query.d.ts` and `query.js` for `"query": "tanstack"`, and the peer dependency they bring. */
export function emitQuery(model: ApiModel, settings: QuerySettings): QueryFiles {
  const plan = queryPlan(model, settings);
  return {
    plan,
    declarations: emitQueryDeclarations(plan),
    source: emitQueryModule(plan),
    peerDependencies: { "@tanstack/query-core": QUERY_CORE_RANGE },
  };
}
