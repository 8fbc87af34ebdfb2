import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The generator loads one TypeScript: ts-morph's bundled copy is served the project's `typescript`
// (src/emit/ts-morph.ts). Run in a fresh Node process over the build, where require.cache is Node's own.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

test("ts-morph prints with the project's typescript, and its bundled copy is never loaded", () => {
  const script = `
    import { createRequire } from "node:module";
    import path from "node:path";
    const { printStructure, StructureKind } = await import(${JSON.stringify(path.join(root, "dist/emit/ts-morph.js"))});
    const require = createRequire(${JSON.stringify(path.join(root, "dist/emit/ts-morph.js"))});
    const bundled = path.join(path.dirname(createRequire(require.resolve("ts-morph")).resolve("@ts-morph/common")), "typescript.js");
    const text = printStructure({ kind: StructureKind.SourceFile, statements: [{ kind: StructureKind.Interface, name: "A", isExported: true }] });
    console.log(JSON.stringify({ same: require.cache[bundled]?.exports === require("typescript"), version: require.cache[bundled]?.exports.version, text }));
  `;
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  const out = JSON.parse(run.stdout);
  expect(out).toEqual({ same: true, version: require("typescript").version, text: "export interface A {\n}\n" });
  expect(out.version).toMatch(/^5\.9\./);
});
