import { createRequire } from "node:module";
import type * as TsMorph from "ts-morph";

// require(), not import: importing a CommonJS package from ESM makes Node scan it for its exports
// first, time a run of the generator does not need to spend.
const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof TsMorph;

export const { printStructure, StructureKind, ModuleDeclarationKind } = tsMorph;
