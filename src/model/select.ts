import { METHODS, type Method, type OpenApiDocument, type PathItem } from "../document/types.js";
import { reachableComponents } from "../document/refs.js";
import { pointerSegments } from "../document/pointer.js";
import { follow, own, setOwn } from "../document/own.js";
import { operationIdOf, operationsOf } from "./walk-operations.js";

/**
 * Choosing operations from a big document. A pattern is one of:
 * - a path, `/uploads/*` (with `*` matching anything, `/` included), optionally after a method:
 *   `POST /uploads/*`;
 * - anything else, matched (with `*` globs) against the operationId and against each tag; a
 *   pattern that starts with `*` and holds a `/` (`*\/admin/*`) is also tried as a path.
 * With no include patterns every operation is included; excludes then remove.
 */
export interface Selection {
  include: readonly string[];
  exclude: readonly string[];
}

function glob(pattern: string): RegExp {
  return new RegExp(
    "^" +
      pattern
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*") +
      "$",
  );
}

export function matches(
  pattern: string,
  op: { method: string; path: string; operationId?: string | undefined; tags: readonly string[] },
): boolean {
  const methodPath = /^([A-Za-z]+)\s+(\/.*)$/.exec(pattern);
  if (methodPath) return methodPath[1]!.toLowerCase() === op.method.toLowerCase() && glob(methodPath[2]!).test(op.path);
  if (pattern.startsWith("/")) return glob(pattern).test(op.path);
  const re = glob(pattern);
  if (pattern.startsWith("*") && pattern.includes("/") && re.test(op.path)) return true;
  return (op.operationId !== undefined && re.test(op.operationId)) || op.tags.some((t) => re.test(t));
}

export function isSelected(selection: Selection, op: Parameters<typeof matches>[1]): boolean {
  const included = selection.include.length === 0 || selection.include.some((p) => matches(p, op));
  return included && !selection.exclude.some((p) => matches(p, op));
}

/**
 * The document cut down to the selected operations and exactly the components they reach through
 * `$ref`, transitively, plus the security schemes they name. Pure: the input is not changed.
 */
export function selectOperations(doc: OpenApiDocument, selection: Selection, file = ""): { document: OpenApiDocument; operations: number } {
  const paths: Record<string, PathItem> = {};
  const roots: unknown[] = [];
  const schemes = new Set<string>();
  let operations = 0;
  const parents = tagParents(doc);
  for (const { path, method, operation: op, pathItem, at } of operationsOf(doc, file)) {
    const tags = withParents(Array.isArray(op.tags) ? op.tags : [], parents);
    if (!isSelected(selection, { method, path, operationId: operationIdOf(op), tags })) continue;
    const key = at?.key ?? path;
    let kept = own(paths, key) as PathItem | undefined;
    if (!kept) {
      kept = {};
      for (const [k, value] of Object.entries(pathItem)) if (!(METHODS as readonly string[]).includes(k)) setOwn(kept, k, value);
      setOwn(paths, key, kept);
      roots.push(kept.parameters);
    }
    kept[at?.field ?? (method as Method)] = op;
    roots.push(op);
    operations++;
    for (const requirement of op.security ?? doc.security ?? []) for (const name of Object.keys(requirement)) schemes.add(name);
  }

  const components: Record<string, Record<string, unknown>> = {};
  for (const ref of [...reachableComponents(doc, roots)].sort()) {
    const [, , kind, name] = ref.split("/") as [string, string, string, string];
    const realName = pointerSegments("#/" + name)[0]!;
    setOwn((components[kind] ??= {}), realName, follow(doc, ["components", kind, realName]));
  }
  const securitySchemes = doc.components?.securitySchemes ?? {};
  for (const name of [...schemes].sort())
    if (own(securitySchemes, name)) setOwn((components.securitySchemes ??= {}), name, own(securitySchemes, name));

  const { webhooks: _webhooks, paths: _paths, components: _components, ...rest } = doc;
  return { document: { ...rest, paths, ...(Object.keys(components).length > 0 ? { components } : {}) } as OpenApiDocument, operations };
}

/** OpenAPI 3.2's nested tags: each tag's `parent` (kept as `x-oas32-parent` by load/oas-3.2.ts). */
function tagParents(doc: OpenApiDocument): Map<string, string> {
  const parents = new Map<string, string>();
  for (const tag of Array.isArray(doc.tags) ? doc.tags : []) {
    const parent = own(tag, "x-oas32-parent");
    if (typeof tag?.name === "string" && typeof parent === "string") parents.set(tag.name, parent);
  }
  return parents;
}

/** An operation's tags and every tag they are nested under, so that a pattern naming a parent selects its children's operations. */
function withParents(tags: readonly string[], parents: ReadonlyMap<string, string>): string[] {
  const out = new Set<string>();
  for (const tag of tags) {
    // A cycle of parents (which OpenAPI forbids) ends where it comes back.
    for (let t: string | undefined = tag; t !== undefined && !out.has(t); t = parents.get(t)) out.add(t);
  }
  return [...out];
}

/** The patterns of `patterns` that match no operation of the document. */
export function patternsMatchingNothing(doc: OpenApiDocument, patterns: readonly string[], file = ""): string[] {
  const parents = tagParents(doc);
  const ops = operationsOf(doc, file).map(({ method, path, operation }) => ({
    method,
    path,
    operationId: operationIdOf(operation),
    tags: withParents(Array.isArray(operation.tags) ? operation.tags : [], parents),
  }));
  return patterns.filter((pattern) => !ops.some((op) => matches(pattern, op)));
}
