import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

// The runtime and its type-level tests under a real `tsc`: strict, exactOptionalPropertyTypes,
// and no Node types (the runtime runs in browsers too).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const out = path.join(root, ".tmp", "runtime-types");

test("ErrorFor narrows by status, raw access is typed, and the runtime needs no Node types", () => {
  mkdirSync(out, { recursive: true });
  const project = path.join(out, "tsconfig.json");
  writeFileSync(
    project,
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        target: "es2022",
        module: "nodenext",
        moduleResolution: "nodenext",
        lib: ["es2022", "dom"],
        types: [],
        noUnusedLocals: true,
        exactOptionalPropertyTypes: true,
        noUncheckedIndexedAccess: true,
        verbatimModuleSyntax: true,
        allowImportingTsExtensions: false,
      },
      files: [path.join(root, "src/runtime/runtime.ts"), path.join(root, "test/runtime/errors.types.ts")],
    }),
  );
  const result = spawnSync(process.execPath, [path.join(root, "node_modules/typescript/bin/tsc"), "-p", project], { cwd: root, encoding: "utf8" });
  expect(result.stdout + result.stderr).toBe("");
  expect(result.status).toBe(0);
});
