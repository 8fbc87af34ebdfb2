import type { NamespaceGrouping, NamespacesSetting } from "../../load/sdk-settings.js";
import { operationKey } from "../../model/operation-names.js";
import { camelCase, isIdentifier } from "../../model/names.js";
import type { OperationModel } from "../../model/types.js";
import { pointer } from "../../document/pointer.js";
import { InputError } from "../../util/input-error.js";

/**
 * Resource namespaces, as the official SDKs name them (`api.uploads.cancel()`,
 * `api.chat.completions.create()`), beside the flat methods. Grouped by path, a path's literal
 * segments are the resources and the method says what is done to them:
 * - a collection (`/uploads`): GET `list`, POST `create`, PUT and PATCH `update`, DELETE `delete`;
 * - one thing (a singular segment: `/audio/speech`): GET `retrieve`, POST `create`, PUT and PATCH `update`, DELETE `delete`;
 * - an item (`/uploads/{id}`): GET `retrieve`, POST, PUT and PATCH `update`, DELETE `delete`;
 * - a singular segment after an item or a collection that nothing goes below and that has one operation
 *   (`/uploads/{id}/cancel`, `/files/{id}/content`, `/certificates/activate`) is something done to
 *   it: `uploads.cancel`, `files.content`, `certificates.activate`;
 * - a version prefix every path shares (Stripe's `/v1`, Twilio's `/2010-04-01`) is left out.
 * Grouped by tag, the first tag is the resource and the method is the function's name without
 * the tag's words (`createUpload` in `Uploads` → `uploads.create`; GitHub's `issues/list-comments`
 * → `issues.listComments`); an operation without tags is grouped by its path.
 *
 * Two operations that would get one name: the one with more path parameters keeps it (the
 * sub-resource of an item, `threads.runs.create`, before an action of the collection,
 * `/threads/runs`), then the first in the model's order; the other takes its function's name.
 * The config's `methods` places any operation by hand.
 */
export interface NamespaceMethod {
  name: string;
  op: OperationModel;
}

export interface Namespace {
  /** The property of its parent (`completions`); "" for the root. */
  name: string;
  /** The dotted path from the client (`chat.completions`). */
  path: string;
  /** The interface that types it, for hovers (`ChatCompletionsResource`). */
  typeName: string;
  methods: NamespaceMethod[];
  children: Namespace[];
}

export interface NamespacePlan {
  by: NamespaceGrouping;
  root: Namespace;
}

/** Where the setting is, for messages about what it names. */
export interface SettingLocation {
  file?: string | undefined;
  pointer?: string | undefined;
}

/** Names no namespace or method may take: what every object has, and a promise's `then`. */
const RESERVED = new Set(["then", "constructor", "__proto__", "prototype", "toString", "valueOf", "hasOwnProperty"]);

const COLLECTION: Record<string, string> = { get: "list", post: "create", put: "update", patch: "update", delete: "delete" };
const ITEM: Record<string, string> = { get: "retrieve", post: "update", put: "update", patch: "update", delete: "delete" };
/** A resource there is one of (`/audio/speech`, `/organization/spend_limit`). */
const SINGLE: Record<string, string> = { get: "retrieve", post: "create", put: "update", patch: "update", delete: "delete" };

const isParameter = (segment: string) => /^\{[^}]*\}$/.test(segment);

/** A segment as a property name: `fine_tuning` → `fineTuning`, `Calls.json` → `calls`, `2010-04-01` → `v20100401`. */
export function memberName(segment: string): string {
  const words = camelCase(segment.replace(/\.(json|xml|csv)$/i, ""));
  return safeMember(/^\p{Nd}/u.test(words) ? `v${words}` : words || "resource");
}

/** A property name: any identifier, reserved words included (`files.delete()`), but none every object has. */
function safeMember(name: string): string {
  let safe = isIdentifier(name) ? name : `_${camelCase(name)}`;
  while (RESERVED.has(safe)) safe += "_";
  return safe;
}

/** Whether a path segment names many things (`files`, `parts`), not one (`status`, `content`, `search`). */
export function isPlural(segment: string): boolean {
  const word = segment.replace(/\.(json|xml|csv)$/i, "").toLowerCase();
  return /[^s]s$/.test(word) && !/(us|is|ss)$/.test(word);
}

interface Placement {
  op: OperationModel;
  resource: string[];
  /** Names to try, in order. */
  candidates: string[];
  /** Who wins a contested name: more path parameters, then earlier in the model. */
  rank: number;
  order: number;
}

/** A segment that says which API or version, not which resource: `v1`, `api`, `2010-04-01`. */
const VERSION = /^(v\d+([._-]?\w+)?|api|rest|\d{4}-\d{2}-\d{2}|\d+(\.\d+)*)$/i;

/** Each operation's path segments, without a version prefix every path shares (Stripe's `/v1`). */
function literalPaths(ops: readonly OperationModel[]): string[][] {
  const split = ops.map((op) => op.urlPath.split("/").filter(Boolean));
  let shared = 0;
  const first = split[0] ?? [];
  while (
    shared < first.length &&
    VERSION.test(first[shared]!) &&
    split.every((segments) => segments.length > shared + 1 && segments[shared] === first[shared])
  )
    shared++;
  return split.map((segments) => segments.slice(shared));
}

/** Where grouping by path puts an operation, and the names it tries. */
function byPath(op: OperationModel, segments: string[], below: ReadonlySet<string>, shared: boolean): Omit<Placement, "order"> {
  const literals = segments.filter((s) => !isParameter(s));
  const params = segments.length - literals.length;
  const method = op.method.toLowerCase();
  const last = segments[segments.length - 1];
  const fallback = [op.name];
  if (last === undefined || literals.length === 0) return { op, resource: [], candidates: [op.name], rank: params };
  // After an item or a collection, a singular segment that nothing goes below, with one operation, is something done to it.
  const parent = segments[segments.length - 2];
  const onSomething = parent !== undefined && (isParameter(parent) || isPlural(parent));
  const single = !isParameter(last) && !isPlural(last);
  if (single && onSomething && !shared && !below.has(segments.join("/")))
    return { op, resource: literals.slice(0, -1).map(memberName), candidates: [memberName(last), ...fallback], rank: params };
  const verb = (isParameter(last) ? ITEM : single ? SINGLE : COLLECTION)[method];
  return { op, resource: literals.map(memberName), candidates: [...(verb ? [verb] : []), ...fallback], rank: params };
}

/** The function's name without the words of its tag: `createUpload` in `Uploads` → `create`. */
export function withoutTagWords(name: string, tag: string): string {
  const words = (text: string) => text.split(/(?=[A-Z])|[^A-Za-z0-9]+/).filter(Boolean);
  // `batches`, `Batch` and `batch` are one word; `status` is not `statu`.
  const stem = (w: string) =>
    w
      .toLowerCase()
      .replace(/ies$/, "y")
      .replace(/(ch|sh|x|ss)es$/, "$1")
      .replace(/([^su])s$/, "$1");
  const stems = new Set(words(camelCase(tag)).map(stem));
  const kept = words(name).filter((w) => !stems.has(stem(w)));
  return kept.length === 0 ? name : camelCase(kept.join("-"));
}

/** Where grouping by tag puts an operation: an operationId written `tag/name` (GitHub's) gives the name. */
function byTag(op: OperationModel, tag: string): Omit<Placement, "order"> {
  const scoped = op.operationId?.match(/^([^/.]+)[/.](.+)$/);
  const own = scoped && camelCase(scoped[1]!) === camelCase(tag) ? camelCase(scoped[2]!) : withoutTagWords(op.name, tag);
  const params = op.urlPath.split("/").filter(isParameter).length;
  return { op, resource: [memberName(tag)], candidates: [own, op.name], rank: params };
}

const pascal = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export function planNamespaces(ops: readonly OperationModel[], setting: NamespacesSetting, where: SettingLocation = {}): NamespacePlan {
  const by = typeof setting === "string" ? setting : setting.by;
  const methods = typeof setting === "string" ? {} : (setting.methods ?? {});
  const base = where.pointer ?? "/namespaces";
  const fail = (key: string, message: string, fix: string) =>
    new InputError({ message, file: where.file ?? "config", pointer: `${base}/methods${pointer([key])}`, fix });

  const keys = new Map(ops.map((op) => [operationKey(op), op] as const));
  for (const key of Object.keys(methods))
    if (!keys.has(key)) throw fail(key, `"${key}" is not an operation of the document`, "name an operationId, or METHOD /path without one");

  const paths = literalPaths(ops);
  // Every strict prefix of a path: a segment with something below it is a resource, not an action.
  const below = new Set(paths.flatMap((segments) => segments.slice(0, -1).map((_, i) => segments.slice(0, i + 1).join("/"))));
  // The methods of each path: variants of one method (OpenAI's `?beta=true` twins) count once.
  const perPath = new Map<string, Set<string>>();
  for (const op of ops) perPath.set(op.urlPath, new Set([...(perPath.get(op.urlPath) ?? []), op.method]));
  const placements: Placement[] = [];
  const fixed: Array<{ op: OperationModel; resource: string[]; name: string }> = [];
  ops.forEach((op, order) => {
    const chosen = methods[operationKey(op)];
    if (chosen === false) return;
    if (typeof chosen === "string") {
      const parts = chosen.split(".");
      const bad = parts.find((p) => safeMember(p) !== p);
      if (bad !== undefined || parts.length < 2)
        throw fail(
          operationKey(op),
          `"${chosen}" is not a place for a method`,
          'write resource names and the method, each an identifier, joined by dots: "chat.completions.create"',
        );
      fixed.push({ op, resource: parts.slice(0, -1), name: parts[parts.length - 1]! });
      return;
    }
    const tag = op.tags[0];
    const shared = (perPath.get(op.urlPath)?.size ?? 0) > 1;
    const placed = by === "tags" && tag !== undefined ? byTag(op, tag) : byPath(op, paths[order]!, below, shared);
    if (placed.resource.length > 0) placements.push({ ...placed, order });
  });

  const root: Namespace = { name: "", path: "", typeName: "", methods: [], children: [] };
  const nodeAt = (resource: string[]): Namespace => {
    let node = root;
    for (const part of resource) {
      let child = node.children.find((c) => c.name === part);
      if (!child) {
        const path = node.path ? `${node.path}.${part}` : part;
        child = { name: part, path, typeName: "", methods: [], children: [] };
        node.children.push(child);
      }
      node = child;
    }
    return node;
  };
  for (const { resource } of [...fixed, ...placements]) nodeAt(resource);
  // The config's places first and as written: a clash there is the user's to settle.
  for (const { op, resource, name } of fixed) {
    const node = nodeAt(resource);
    if (node.methods.some((m) => m.name === name) || node.children.some((c) => c.name === name))
      throw fail(operationKey(op), `"${resource.join(".")}.${name}" is taken`, "choose another method name for it");
    node.methods.push({ name, op });
  }
  const contested = [...placements].sort((a, b) => b.rank - a.rank || a.order - b.order);
  for (const placement of contested) {
    const node = nodeAt(placement.resource);
    const free = (name: string) => !node.methods.some((m) => m.name === name) && !node.children.some((c) => c.name === name);
    const name = placement.candidates.map(safeMember).find(free) ?? numbered(placement.op.name, free);
    node.methods.push({ name, op: placement.op });
  }
  // The flat methods keep their names: a top-level resource named like one becomes `<name>Resource`.
  const flat = new Set(ops.map((op) => op.name));
  for (const child of root.children) if (flat.has(child.name)) child.name = numbered(`${child.name}Resource`, (n) => !flat.has(n));
  // Names the resources file declares itself.
  finish(root, new Set(["Resources", "Methods", "Operations", "functions"]));
  return { by, root };
}

function numbered(name: string, free: (name: string) => boolean): string {
  if (free(name)) return name;
  let n = 2;
  while (!free(`${name}${n}`)) n++;
  return `${name}${n}`;
}

/** Sorts members by name (output is stable whatever the document's order) and names each interface once. */
function finish(node: Namespace, typeNames: Set<string>, parentPath = ""): void {
  node.path = parentPath ? `${parentPath}.${node.name}` : node.name;
  if (node.name !== "") {
    const wanted = node.path.split(".").map(pascal).join("") + "Resource";
    node.typeName = numbered(wanted, (n) => !typeNames.has(n));
    typeNames.add(node.typeName);
  }
  node.methods.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  node.children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const child of node.children) finish(child, typeNames, node.path);
}
