import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { packageRoot } from "../output/generator-identity.js";

const require = createRequire(import.meta.url);

/**
 * The runtime as every generated folder holds it, in `runtime/`: the JavaScript and declarations
 * that `npm run build` compiles from `src/runtime/` (see its tsconfig). Read once per process.
 */
let files: Array<{ name: string; content: string }> | undefined;

export function runtimeFiles(): ReadonlyArray<{ name: string; content: string }> {
  if (files) return files;
  const dir = path.join(packageRoot, "dist", "runtime");
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.(js|d\.ts)$/.test(n))
      .sort();
  } catch {
    throw new Error(`the compiled runtime is missing (${dir}): run \`npm run build\``);
  }
  files = names
    .map((name) => ({
      name,
      content: readFileSync(path.join(dir, name), "utf8").replace(/^( {4})+/gm, (spaces) => " ".repeat(spaces.length / 2)),
    }))
    // A module of types only compiles to an empty one: its declarations are all there is.
    .filter((file) => !(file.name.endsWith(".js") && /^(\s*\/\*\*?[\s\S]*?\*\/|\s*\/\/.*)*\s*export \{\};\s*$/.test(file.content)));
  return files;
}

/**
 * Every name the runtime's public index exports (values and types), read with TypeScript's parser, so that no
 * operation or type is named like one of them.
 */
export function runtimeExports(): string[] {
  const ts = require("typescript") as typeof import("typescript");
  const index = runtimeFiles().find((f) => f.name === "index.d.ts")!.content;
  const source = ts.createSourceFile("index.d.ts", index, ts.ScriptTarget.Latest);
  const names: string[] = [];
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement) && statement.exportClause && ts.isNamedExports(statement.exportClause)) {
      for (const element of statement.exportClause.elements) names.push(element.name.text);
    }
  }
  return names;
}
