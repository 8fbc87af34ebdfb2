import { isIdentifier } from "../../model/names.js";
import type { ApiModel } from "../../model/types.js";
import { codeName, objectKey, stringLiteral } from "../text.js";
import { type SchemaBundle, schemaBundle } from "./bundle.js";
import { compileSchemas } from "./compile.js";
import { helperSources } from "./helpers.js";

/**
 * The generated `validators.js` and its declarations: plain functions, no dependency, imported only
 * by a client that turns validation on (`createClient({ validate: "all", validators })`), so a client
 * without it ships none of this. Each operation's checks are also exported by its function's name,
 * `createUpload.request(params)` and `createUpload.responses[200](body)`, each returning the issues
 * (`[]` when valid); a bundler keeps only those imported. A first pass with `e === null` stops at
 * the first failure and allocates nothing; only an invalid value is walked again to collect its issues.
 */
const PRELUDE = `function run(check, value) {
  if (check(value, "", null)) return [];
  const e = [];
  check(value, "", e);
  return e;
}`;

/** Names validators.js exports besides the operations': no operation may take them. */
export const VALIDATORS_FILE_BINDINGS = ["validators"] as const;

export interface EmittedValidators {
  /** validators.js */
  source: string;
  /** validators.d.ts */
  declarations: string;
  /** Keywords or patterns the validators do not check, with where they are. */
  ignored: string[];
}

/** The module's checks, compiled: the functions, and each operation's entry object. */
function compiled(bundle: SchemaBundle) {
  const entries: Record<string, string> = {};
  for (const [op, ref] of Object.entries(bundle.requests)) entries[`${op} request`] = ref;
  for (const [op, statuses] of Object.entries(bundle.responses))
    for (const [status, ref] of Object.entries(statuses)) entries[`${op} ${status}`] = ref;
  const result = compileSchemas(bundle.schema, entries);
  const fn = (key: string) => result.entries[key]!;
  const objects = Object.keys(bundle.requests).map((op, i) => {
    const statuses = Object.keys(bundle.responses[op] ?? {}).map((s) => `${stringLiteral(s)}: (v) => run(${fn(`${op} ${s}`)}, v)`);
    return `const o${i} = { request: (v) => run(${fn(`${op} request`)}, v), responses: {${statuses.length > 0 ? ` ${statuses.join(", ")} ` : ""}} };`;
  });
  return { result, objects };
}

export function emitValidatorModule(bundle: SchemaBundle): EmittedValidators {
  const { result, objects } = compiled(bundle);
  const ops = Object.keys(bundle.requests);
  const named = ops.filter(isIdentifier);
  const source = [
    'import { validatorTable } from "./runtime/validation.js";',
    ops.length > 0 ? PRELUDE : "",
    ...helperSources(result.helpers),
    ...result.code,
    ...objects,
    // Exported under the operations' names without binding them, so that no name the document
    // chooses can clash with a function above. (Generated functions' names are identifiers; the
    // engine benchmarks name operations by operationId, which may not be: those are in the table only.)
    named.length > 0 ? `export { ${named.map((op) => `o${ops.indexOf(op)} as ${op}`).join(", ")} };` : "",
    "/** Every operation's checks, for `createClient({ validate, validators })`. */\n" +
      `export const validators = /* @__PURE__ */ validatorTable({${ops.length > 0 ? ` ${ops.map((op, i) => `${objectKey(op)}: o${i}`).join(", ")} ` : ""}});`,
  ]
    .filter(Boolean)
    .join("\n\n");
  const declarations = [
    'import type { OperationValidators, Validators } from "./runtime/index.js";',
    "",
    ...named.flatMap((op) => {
      const statuses = Object.keys(bundle.responses[op] ?? {});
      const type = statuses.length > 0 ? `OperationValidators<${statuses.map(stringLiteral).join(" | ")}>` : "OperationValidators<never>";
      return [
        `/** The checks of ${codeName(op)}'s params object (\`request\`) and its 2xx JSON bodies (\`responses\`): each returns the issues, \`[]\` when valid. */`,
        `export declare const ${op}: ${type};`,
      ];
    }),
    "",
    "/**",
    ' * Every operation\'s checks, for the client: `createClient({ validate: "all", validators })` rejects a call whose',
    " * params break the document's schemas with a `RequestValidationError` before sending anything, and a 2xx JSON",
    " * body that breaks them with a `ResponseValidationError`.",
    " */",
    "export declare const validators: Validators;",
    "",
  ].join("\n");
  return { source: source + "\n", declarations, ignored: result.ignored };
}

/** The validators module of a model: its operations' checks, from its schema home. */
export function emitValidators(model: ApiModel): EmittedValidators {
  return emitValidatorModule(schemaBundle(model));
}
