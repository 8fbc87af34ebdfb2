import type { OpenApiDocument } from "../document/types.js";
import { InputError } from "../util/input-error.js";
import { pointer } from "../document/pointer.js";
import { assignOperationNames, isIdentifier, type NamedOperation, NameConflict, type OperationNaming, overrideProblem } from "./names.js";
import type { Collision, OperationTypeNames } from "./types.js";

export interface NamingOptions {
  file: string;
  /** Names the operations may not take (the runtime's exports, the entry's own). */
  reserved?: ReadonlySet<string> | undefined;
  /** Type names the operations' types may not take. */
  reservedTypes?: ReadonlySet<string> | undefined;
  /** Function names chosen in a config: operationId (or `METHOD /path`) → name. */
  names?: Readonly<Record<string, string>> | undefined;
  /** Where `names` came from, for messages. */
  namesFile?: string | undefined;
  /** The JSON pointer of `names` in that file (`/names`, or `/documents/0/names` in a project config). */
  namesPointer?: string | undefined;
  /** Every operation key of the whole document when this is a selection of it: renaming an unselected operation is not an error. */
  allOperations?: ReadonlySet<string> | undefined;
}

/** operationId, or `METHOD /path` for an operation without one: how the config's `names` refer to operations. */
export function operationKey(op: { operationId?: string | undefined; method: string; path: string }): string {
  return op.operationId ?? `${op.method.toUpperCase()} ${op.path}`;
}

interface Unnamed {
  operationId?: string;
  method: string;
  path: string;
  pointer: string;
  "x-codegen-name"?: unknown;
}

export interface Naming {
  name: string;
  chosenIn?: string;
  collision?: Collision;
  types: OperationTypeNames;
}

/** The function name of every operation (the rules are in `names.ts`), with the user's choices applied. */
export function nameOperations(ops: readonly Unnamed[], _doc: OpenApiDocument, options: NamingOptions): Naming[] {
  const { file } = options;
  const overrides = new Map(Object.entries(options.names ?? {}));
  const naming = ops.map((op): OperationNaming & { chosenIn?: string | undefined } => {
    const key = operationKey(op);
    const fromDocument = op["x-codegen-name"];
    const fromConfig = overrides.get(key);
    overrides.delete(key);
    const where =
      fromConfig !== undefined
        ? { file: options.namesFile ?? file, pointer: (options.namesPointer ?? "/names") + pointer([key]) }
        : { file, pointer: `${op.pointer}/x-codegen-name` };
    if (fromConfig === undefined && fromDocument !== undefined && typeof fromDocument !== "string") {
      throw new InputError({ message: "x-codegen-name must be a string", ...where, fix: "give the function name as a string" });
    }
    const override = fromConfig ?? (fromDocument as string | undefined);
    const problem = override === undefined ? undefined : overrideProblem(override, options.reserved);
    if (problem)
      throw new InputError({
        message: `the chosen name "${override}" ${problem}`,
        ...where,
        fix: "choose a JavaScript identifier that is not a reserved word",
      });
    return { ...op, override, chosenIn: fromConfig !== undefined ? where.file : override !== undefined ? "x-codegen-name" : undefined };
  });
  const unused = [...overrides.keys()].filter((key) => !options.allOperations?.has(key));
  if (unused.length > 0) {
    throw new InputError({
      message: `"names" renames "${unused[0]}", which the document does not have`,
      file: options.namesFile ?? file,
      pointer: (options.namesPointer ?? "/names") + pointer([unused[0]!]),
      fix: "use an operationId of the document, or `METHOD /path` for an operation without one",
    });
  }
  let names: NamedOperation[];
  try {
    names = assignOperationNames(naming, options.reserved);
  } catch (err) {
    if (!(err instanceof NameConflict)) throw err;
    const describe = (op: OperationNaming) =>
      `${op.method.toUpperCase()} ${op.path}${op.operationId ? ` (operationId ${op.operationId})` : ""}`;
    throw new InputError({
      message: `${describe(err.first)} and ${describe(err.second)} would both be named "${err.name}"`,
      file,
      fix: 'choose another name in x-codegen-name or in the config\'s "names", so that each operation has its own',
    });
  }
  const types = typeNames(
    names.map((n) => n.name),
    options.reservedTypes,
  );
  return names.map((n, i) => ({
    name: n.name,
    ...(naming[i]!.chosenIn !== undefined ? { chosenIn: naming[i]!.chosenIn } : {}),
    ...(n.collision ? { collision: n.collision } : {}),
    types: types[i]!,
  }));
}

/**
 * `cancelUpload` → `CancelUploadParams`, `CancelUploadResult`, `CancelUploadError`, `CancelUploadEvent`, `…Item`, `…Headers`. Function names
 * are unique but may differ only in case (`foo`, `Foo`); a type name already taken gets a `_`.
 */
export function typeNames(functionNames: readonly string[], reserved: ReadonlySet<string> = new Set()): OperationTypeNames[] {
  const taken = new Set(reserved);
  const claim = (wanted: string) => {
    let name = isIdentifier(wanted) ? wanted : `_${wanted}`;
    while (taken.has(name)) name += "_";
    taken.add(name);
    return name;
  };
  return functionNames.map((fn) => {
    const base = fn.replace(/^_+/, "");
    const stem = base.charAt(0).toUpperCase() + base.slice(1);
    return {
      params: claim(`${stem}Params`),
      result: claim(`${stem}Result`),
      error: claim(`${stem}Error`),
      event: claim(`${stem}Event`),
      item: claim(`${stem}Item`),
      headers: claim(`${stem}Headers`),
    };
  });
}
