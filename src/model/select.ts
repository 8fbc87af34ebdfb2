import { METHODS, type OpenApiDocument, type PathItem } from "../document/types.js";
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
  if (methodPath) return methodPath[1]!.toLowerCase() === op.method && glob(methodPath[2]!).test(op.path);
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
  for (const { path, method, operation: op, pathItem } of operationsOf(doc, file)) {
    const tags = Array.isArray(op.tags) ? op.tags : [];
    if (!isSelected(selection, { method, path, operationId: operationIdOf(op), tags })) continue;
    let kept = own(paths, path) as PathItem | undefined;
    if (!kept) {
      kept = {};
      for (const [key, value] of Object.entries(pathItem)) if (!(METHODS as readonly string[]).includes(key)) setOwn(kept, key, value);
      setOwn(paths, path, kept);
      roots.push(kept.parameters);
    }
    kept[method] = op;
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

/** The patterns of `patterns` that match no operation of the document. */
export function patternsMatchingNothing(doc: OpenApiDocument, patterns: readonly string[], file = ""): string[] {
  const ops = operationsOf(doc, file).map(({ method, path, operation }) => ({
    method,
    path,
    operationId: operationIdOf(operation),
    tags: Array.isArray(operation.tags) ? operation.tags : [],
  }));
  return patterns.filter((pattern) => !ops.some((op) => matches(pattern, op)));
}
