import { METHODS, type Method, type OpenApiDocument, type Operation, type OperationMethod, type PathItem } from "../document/types.js";
import { resolve } from "../document/refs.js";
import { pointer } from "../document/pointer.js";
import { isObject, own } from "../document/own.js";
import { operationKey } from "./operation-names.js";

export interface FoundOperation {
  /** The path and method as the document writes them (`/orders`, `query`; `COPY` for an additional operation). */
  path: string;
  method: OperationMethod;
  operation: Operation;
  pathItem: PathItem;
  /** JSON pointers of the operation and its path item. */
  pointer: string;
  itemPointer: string;
  /**
   * Where the operation is in the document the tools read, when that is not `paths[path][method]`:
   * OpenAPI 3.2's `query` and additional operations have a path item of their own (see load/oas-3.2.ts).
   */
  at?: { key: string; field: Method };
}

/** What load/oas-3.2.ts marks a path item that holds a 3.2 `query` or additional operation with. */
const MOVED = "x-oas32-operation";

/** Every operation of the document, in path order then method order, path item `$ref`s followed. */
export function operationsOf(doc: OpenApiDocument, file: string): FoundOperation[] {
  const found: FoundOperation[] = [];
  const paths = doc.paths ?? {};
  for (const key of Object.keys(paths).sort()) {
    const itemPointer = pointer(["paths", key]);
    const pathItem = resolve<PathItem>(doc, own(paths, key), file, itemPointer) ?? {};
    const moved = own(pathItem, MOVED) as { path?: unknown; method?: unknown } | undefined;
    for (const method of METHODS) {
      const operation = own(pathItem, method) as Operation | undefined;
      if (!operation || typeof operation !== "object") continue;
      const at = pointer(["paths", key, method]);
      if (isObject(moved) && typeof moved.path === "string" && typeof moved.method === "string") {
        const real = moved.method === "QUERY" ? "query" : moved.method;
        found.push({ path: moved.path, method: real, operation, pathItem, pointer: at, itemPointer, at: { key, field: method } });
      } else found.push({ path: key, method, operation, pathItem, pointer: at, itemPointer });
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
