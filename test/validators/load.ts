import ts from "typescript";
import { compileSchemas } from "../../src/emit/validators/compile.js";
import { helperSources } from "../../src/emit/validators/helpers.js";

export interface Issue {
  path: string;
  message: string;
  keyword: string;
}
export type Validate = (value: unknown) => Issue[];

/** Strips the types of generated TypeScript and evaluates it, returning what `tail` returns. */
export function evaluate<T>(source: string, tail: string): T {
  const js = ts.transpileModule(source.replace(/^export /gm, ""), {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return new Function(`${js}\n${tail}`)() as T;
}

/** A validator for the schema at `pointer` of `root`, as the generated module would run it. */
export function validatorFor(root: unknown, pointer = "#"): Validate {
  const compiled = compileSchemas(root, { entry: pointer });
  const source = [
    "type ValidationIssue = { path: string; message: string; keyword: string };",
    "type Check = (x: any, p: string, e: ValidationIssue[] | null) => boolean;",
    ...helperSources(compiled.helpers),
    ...compiled.code,
  ].join("\n");
  const check = evaluate<(x: unknown, p: string, e: Issue[] | null) => boolean>(source, `return ${compiled.entries.entry};`);
  return (value) => {
    const quick = check(value, "", null);
    const issues: Issue[] = [];
    const full = check(value, "", issues);
    // The quick pass and the collecting pass must agree.
    if (quick !== full || full !== (issues.length === 0)) throw new Error(`quick ${quick}, full ${full}, ${issues.length} issues`);
    return issues;
  };
}
