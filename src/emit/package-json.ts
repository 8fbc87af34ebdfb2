import { GENERATED_DESCRIPTION } from "../output/generated-mark.js";

/**
 * `package.json` of the generated folder: its `.js` files are ES modules wherever the folder sits
 * (also inside a CommonJS project), and bundlers may drop every module a program does not use.
 */
export function emitPackageJson(): string {
  return JSON.stringify({ description: GENERATED_DESCRIPTION, type: "module", sideEffects: false }, null, 2) + "\n";
}
