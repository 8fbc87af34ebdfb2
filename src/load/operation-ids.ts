import { InputError } from "../util/input-error.js";
import { pointer } from "../document/pointer.js";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Locate = (ptr: string) => { pointer: string; line?: number; column?: number };

/**
 * operationIds openapi-typescript cannot name. It keys an operation by its operationId with `#`
 * read as `/` (Box's `put_files_id#add_shared_link` is fine), and refers to it through a `$ref`
 * it decodes: `a%2Fb` then names an operation that does not exist (TS2339), a lone `%` throws,
 * and `a#b` beside `a/b` is one key twice (TS2300).
 */
export function checkOperationIds(doc: unknown, file: string, locate: Locate): void {
  const paths = (doc as { paths?: unknown }).paths;
  if (paths === null || typeof paths !== "object") return;
  const keys = new Map<string, string>();
  for (const [route, item] of Object.entries(paths)) {
    if (item === null || typeof item !== "object") continue;
    for (const method of METHODS) {
      const id = (item as Record<string, { operationId?: unknown } | undefined>)[method]?.operationId;
      if (typeof id !== "string") continue;
      // Placed only when refused: locating parses the whole text again.
      const at = () => locate(pointer(["paths", route, method, "operationId"]));
      if (id.includes("%"))
        throw new InputError({
          message: `the operationId ${JSON.stringify(id)} holds %, which the types cannot name`,
          file,
          ...at(),
          fix: "write the operationId without %",
        });
      const key = id.replace(/#/g, "/");
      const other = keys.get(key);
      if (other !== undefined && other !== id)
        throw new InputError({
          message: `the operationIds ${JSON.stringify(other)} and ${JSON.stringify(id)} are one name to the types (# is read as /)`,
          file,
          ...at(),
          fix: "give one of them another operationId",
        });
      keys.set(key, id);
    }
  }
}
