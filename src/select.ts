import type { OpenApiDocument } from "./load.js";
import { METHODS } from "./model.js";
import { pointerSegments } from "./problems.js";
import { follow, own, setOwn } from "./own.js";
import { deref, reachableComponents } from "./refs.js";

/**
 * Choosing operations from a big document. A pattern is one of:
 * - a path, `/uploads/*` (with `*` matching anything, `/` included), optionally after a method:
 *   `POST /uploads/*`;
 * - anything else, matched (with `*` globs) against the operationId and against each tag.
 * With no include patterns every operation is included; excludes then remove.
 */
export interface Selection {
  include: string[];
  exclude: string[];
}

type Json = Record<string, any>;

function glob(pattern: string): RegExp {
  return new RegExp("^" + pattern.split("*").map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&")).join(".*") + "$");
}

export function matches(pattern: string, op: { method: string; path: string; operationId?: string; tags: readonly string[] }): boolean {
  const methodPath = /^([A-Za-z]+)\s+(\/.*)$/.exec(pattern);
  if (methodPath) return methodPath[1]!.toLowerCase() === op.method && glob(methodPath[2]!).test(op.path);
  if (pattern.startsWith("/")) return glob(pattern).test(op.path);
  const re = glob(pattern);
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
export function selectOperations(doc: OpenApiDocument, selection: Selection): { document: OpenApiDocument; operations: number } {
  const paths: Json = {};
  const roots: unknown[] = [];
  const schemes = new Set<string>();
  let operations = 0;
  for (const [path, ref] of Object.entries((doc.paths ?? {}) as Json)) {
    const item = deref(doc, ref) as Json | undefined;
    const kept: Json = {};
    for (const method of METHODS) {
      const op = own(item, method) as Json | undefined;
      if (!op) continue;
      const tags = Array.isArray(op.tags) ? op.tags : [];
      if (!isSelected(selection, { method, path, operationId: op.operationId, tags })) continue;
      kept[method] = op;
      roots.push(op);
      operations++;
      for (const requirement of (op.security ?? doc.security ?? []) as Json[]) for (const name of Object.keys(requirement)) schemes.add(name);
    }
    if (Object.keys(kept).length === 0) continue;
    for (const [key, value] of Object.entries(item as Json)) if (!(METHODS as readonly string[]).includes(key)) setOwn(kept, key, value);
    setOwn(paths, path, kept);
    roots.push(kept.parameters);
  }

  const reached = reachableComponents(doc, roots);
  const components: Json = {};
  for (const ref of [...reached].sort()) {
    const [, , kind, name] = ref.split("/") as [string, string, string, string];
    const realName = pointerSegments("#/" + name)[0]!;
    setOwn((components[kind] ??= {}), realName, follow(doc, ["components", kind, realName]));
  }
  const securitySchemes = (doc.components?.securitySchemes ?? {}) as Json;
  for (const name of [...schemes].sort()) if (own(securitySchemes, name)) setOwn((components.securitySchemes ??= {}), name, own(securitySchemes, name));

  const { webhooks: _webhooks, paths: _paths, components: _components, ...rest } = doc;
  return { document: { ...rest, paths, ...(Object.keys(components).length > 0 ? { components } : {}) }, operations };
}
