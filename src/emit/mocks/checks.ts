import { compileSchemas } from "../validators/compile.js";
import { helperSources } from "../validators/helpers.js";

/** `(value) => boolean` for each entry: the generated validators' own checks, run in the generator. */
export type Checks = Record<string, (value: unknown) => boolean>;

/**
 * The checks `validators.js` would make, compiled from the same bundle and evaluated here, so that
 * the generator keeps only examples the generated validators accept. The code is the validator
 * compiler's output, which holds the document's text only in string literals.
 */
export function compileChecks(root: unknown, entries: Readonly<Record<string, string>>): Checks {
  if (Object.keys(entries).length === 0) return {};
  const compiled = compileSchemas(root, entries);
  const table = Object.entries(compiled.entries).map(([key, f]) => `${JSON.stringify(key)}: (v) => ${f}(v, "", null)`);
  const source = [...helperSources(compiled.helpers), ...compiled.code, `return { ${table.join(", ")} };`].join("\n");
  return new Function(source)() as Checks;
}
