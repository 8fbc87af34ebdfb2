import { matches } from "../../model/select.js";
import type { OperationModel } from "../../model/types.js";
import { InputError } from "../../util/input-error.js";
import { pointer } from "../../document/pointer.js";
import { type KeySegment, keySegments, segmentShape, shapeOf, startsWith } from "./keys.js";

/**
 * Which queries a mutation makes stale, read from the paths alone (no peer derives it):
 *
 * 1. The mutation acts on its path, or, when nothing can be read there (`POST /uploads/{id}/cancel`,
 *    `POST /images/edits`), on the nearest path above it that ends in a parameter or has a query;
 *    a path with neither above it (`POST /embeddings`) makes nothing stale.
 * 2. On an item (the path ends in a parameter, `PATCH /pets/{id}`): the item and everything under
 *    it (`getPet`, `listPetPhotos`), with the mutation's values of their parameters, and the lists
 *    of its collection (`listPets`, any params).
 * 3. On a collection (`POST /pets`): its lists; a `DELETE` of a collection, everything under it.
 *
 * Parameters match by position, whatever their names (`/pets/{id}` is `/pets/{petId}`). The
 * config's `invalidates` replaces the rule for the mutations it names.
 */

/** A query made stale, and which of its params come from the mutation's variables (its field ← the mutation's field). */
export interface Invalidation {
  query: OperationModel;
  bind: Array<[queryField: string, mutationField: string]>;
}

export interface InvalidationSettings {
  /** Mutation (operationId, function name, `METHOD /path`, tag or path pattern) → the queries it makes stale, the same ways; the first entry that matches a mutation decides. */
  invalidates?: Readonly<Record<string, readonly string[]>> | undefined;
  file?: string | undefined;
  /** Where `invalidates` is in that file (`/invalidates`, or `/documents/0/invalidates` in a project config). */
  pointer?: string | undefined;
}

const fieldsOf = (s: KeySegment): string[] =>
  s.kind === "param" ? [s.field] : s.kind === "template" ? s.parts.flatMap((p) => ("field" in p ? [p.field] : [])) : [];

/** The query's path parameters bound to the mutation's, position by position, over the first `length` segments. */
function bindByPosition(query: readonly KeySegment[], mutation: readonly KeySegment[], length: number): Array<[string, string]> {
  const bind: Array<[string, string]> = [];
  for (let i = 0; i < length; i++) {
    const q = fieldsOf(query[i]!);
    const m = fieldsOf(mutation[i]!);
    q.forEach((field, j) => bind.push([field, m[j]!]));
  }
  return bind;
}

/** The queries the rule says `mutation` makes stale. */
export function derivedInvalidations(mutation: OperationModel, queries: readonly OperationModel[]): Invalidation[] {
  const own = keySegments(mutation);
  const paths = queries.map((query) => ({ query, segments: keySegments(query) }));
  const readAt = (path: readonly KeySegment[]) => paths.some((p) => shapeOf(p.segments) === shapeOf(path));
  let target = own;
  while (target.length > 0 && target.at(-1)!.kind === "literal" && !readAt(target)) target = target.slice(0, -1);
  if (target.length === 0) return [];
  const item = target.at(-1)!.kind !== "literal";
  const collection = item ? target.slice(0, -1) : target;
  const everythingUnder = item || mutation.method === "delete";
  return paths
    .filter((p) => (everythingUnder && startsWith(p.segments, target)) || shapeOf(p.segments) === shapeOf(collection))
    .map((p) => ({ query: p.query, bind: bindByPosition(p.segments, own, Math.min(target.length, p.segments.length)) }));
}

const named = (pattern: string, op: OperationModel) => op.name === pattern || matches(pattern, op);

/** The queries the config names for `mutation`: parameters bound by position where the paths agree, then by name. */
function chosenInvalidations(mutation: OperationModel, chosen: readonly OperationModel[]): Invalidation[] {
  const own = keySegments(mutation);
  const byName = new Set(mutation.parameters.map((p) => p.key));
  return chosen.map((query) => {
    const segments = keySegments(query);
    let agree = 0;
    while (agree < Math.min(own.length, segments.length) && segmentShape(own[agree]!) === segmentShape(segments[agree]!)) agree++;
    const bind = bindByPosition(segments, own, agree);
    const bound = new Set(bind.map(([field]) => field));
    for (const field of segments.flatMap(fieldsOf)) if (!bound.has(field) && byName.has(field)) bind.push([field, field]);
    return { query, bind };
  });
}

/** Every mutation's invalidations, by function name: the config's where it names the mutation, the rule's otherwise. */
export function invalidations(
  mutations: readonly OperationModel[],
  queries: readonly OperationModel[],
  settings: InvalidationSettings = {},
): Map<string, Invalidation[]> {
  const entries = Object.entries(settings.invalidates ?? {});
  const at = (...steps: Array<string | number>) => (settings.pointer ?? "/invalidates") + pointer(steps);
  const problem = (message: string, where: string, fix: string) =>
    new InputError({ message, file: settings.file ?? "config", pointer: where, fix });
  // Each entry's queries; a pattern that names nothing is a mistake worth stopping for.
  const chosen = entries.map(([pattern, patterns]) => {
    if (!mutations.some((m) => named(pattern, m)))
      throw problem(
        `"invalidates" names "${pattern}", which matches no mutation (an operation other than GET, HEAD or QUERY)`,
        at(pattern),
        "name a mutation by operationId, function name, tag or METHOD /path",
      );
    const picked = new Set<OperationModel>();
    patterns.forEach((p, j) => {
      const found = queries.filter((q) => named(p, q));
      if (found.length === 0)
        throw problem(
          `"${p}" (for "${pattern}") matches no query (a GET, HEAD or QUERY operation)`,
          at(pattern, j),
          "name a query by operationId, function name, tag or METHOD /path",
        );
      for (const q of found) picked.add(q);
    });
    return picked;
  });
  const out = new Map<string, Invalidation[]>();
  for (const mutation of mutations) {
    const entry = entries.findIndex(([pattern]) => named(pattern, mutation));
    if (entry === -1) {
      out.set(mutation.name, derivedInvalidations(mutation, queries));
      continue;
    }
    out.set(
      mutation.name,
      chosenInvalidations(
        mutation,
        queries.filter((q) => chosen[entry]!.has(q)),
      ),
    );
  }
  return out;
}
