import { createRequire, Module } from "node:module";
import path from "node:path";
import type * as TsMorph from "ts-morph";

const require = createRequire(import.meta.url);

// ts-morph's @ts-morph/common bundles a TypeScript of its own (9 MB, about 0.3 s to load) beside the
// `typescript` that openapi-typescript prints with. We only print structures, which need no compiler,
// so its copy is served the one already loaded: one TypeScript per run.
// Resolved from ts-morph's own folder, so that a nested install finds the copy ts-morph itself loads.
const common = createRequire(require.resolve("ts-morph")).resolve("@ts-morph/common");
const bundled = path.join(path.dirname(common), "typescript.js");
if (!require.cache[bundled]) {
  const m = new Module(bundled);
  m.filename = bundled;
  m.exports = require("typescript");
  m.loaded = true;
  require.cache[bundled] = m;
}

// require(), not import: importing a CommonJS package from ESM makes Node scan it for its exports
// first, time a run of the generator does not need to spend.
const tsMorph = require("ts-morph") as typeof TsMorph;

export const { printStructure, StructureKind, ModuleDeclarationKind } = tsMorph;
