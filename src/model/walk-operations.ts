import { METHODS, type Method, type OpenApiDocument, type Operation, type PathItem } from "../document/types.js";
import { resolve } from "../document/refs.js";
import { pointer } from "../document/pointer.js";
import { own } from "../document/own.js";
import { operationKey } from "./operation-names.js";

export interface FoundOperation {
  path: string;
  method: Method;
  operation: Operation;
  pathItem: PathItem;
  /** JSON pointers of the operation and its path item. */
  pointer: string;
  itemPointer: string;
}

/** Every operation of the document, in path order then method order, path item `$ref`s followed. */
export function operationsOf(doc: OpenApiDocument, file: string): FoundOperation[] {
  const found: FoundOperation[] = [];
  const paths = doc.paths ?? {};
  for (const path of Object.keys(paths).sort()) {
    const itemPointer = pointer(["paths", path]);
    const pathItem = resolve<PathItem>(doc, own(paths, path), file, itemPointer) ?? {};
    for (const method of METHODS) {
      const operation = own(pathItem, method) as Operation | undefined;
      if (!operation || typeof operation !== "object") continue;
      found.push({ path, method, operation, pathItem, pointer: pointer(["paths", path, method]), itemPointer });
    }
  }
  return found;
}

/** A usable operationId: a non-empty string. */
export const operationIdOf = (op: Operation): string | undefined =>
  typeof op.operationId === "string" && op.operationId !== "" ? op.operationId : undefined;

/** The keys of every operation in the document: how the config's `names` refer to operations. */
export function operationKeys(doc: OpenApiDocument, file = ""): Set<string> {
  return new Set(
    operationsOf(doc, file).map((o) => operationKey({ operationId: operationIdOf(o.operation), method: o.method, path: o.path })),
  );
}
