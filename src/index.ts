/**
 * openapi-client-gen's programmatic API: what the `openapi-client-gen` command does, for build
 * scripts and tools. The generated clients do not import this package: they need openapi-fetch only.
 */
export { type CheckOutcome, check, type GenerateOptions, type GenerateOutcome, generate } from "./api.js";
export { main } from "./cli/main.js";
export { type DocumentConfig, defineConfig, type ProjectConfig } from "./load/project-config.js";
export type { GeneratedFile } from "./output/write-folder.js";
export type { Change } from "./review/compare.js";
export { InputError, type Problem } from "./util/input-error.js";
