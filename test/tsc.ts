import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The strictest settings a consumer may have, and no Node types: generated code runs in browsers too. */
const STRICT = {
  strict: true,
  noEmit: true,
  target: "es2022",
  lib: ["es2022", "dom"],
  types: [],
  skipLibCheck: false,
  noUnusedLocals: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  verbatimModuleSyntax: true,
};

/** The settings a test varies: the module rules, and for Node projects without the DOM library, `lib` and `types`. */
export type CompilerOptions = { module: string; moduleResolution: string } & Record<string, unknown>;

export interface TscResult {
  status: number | null;
  output: string;
}

/** Runs the real `tsc` over `files` with a project written to `dir`; returns everything it printed. */
export function tsc(dir: string, name: string, files: string[], options: CompilerOptions): TscResult {
  const result = spawnSync(process.execPath, tscArgs(dir, name, files, options), { cwd: root, encoding: "utf8" });
  return { status: result.status, output: result.stdout + result.stderr };
}

/** `tsc`, without blocking: several settings check at once, each on a core of its own. */
export function tscAsync(dir: string, name: string, files: string[], options: CompilerOptions): Promise<TscResult> {
  const child = spawn(process.execPath, tscArgs(dir, name, files, options), { cwd: root });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, output }));
  });
}

function tscArgs(dir: string, name: string, files: string[], options: CompilerOptions): string[] {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "package.json"), JSON.stringify({ type: "module" }));
  const project = path.join(dir, `tsconfig.${name}.json`);
  writeFileSync(project, JSON.stringify({ compilerOptions: { ...STRICT, ...options }, files }));
  return [path.join(root, "node_modules/typescript/bin/tsc"), "-p", project];
}
