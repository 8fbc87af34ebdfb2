import { GENERATED_DESCRIPTION } from "../output/generated-mark.js";

/**
 * `package.json` of the generated folder: its `.js` files are ES modules wherever the folder sits
 * (also inside a CommonJS project), and bundlers may drop every module a program does not use.
 * `peerDependencies`: what an opt-in file imports beyond the folder (`query.js`: TanStack Query; `mocks.js`: msw), and only then.
 */
export function emitPackageJson(peerDependencies?: Record<string, string>): string {
  const peers = peerDependencies && Object.keys(peerDependencies).length > 0 ? { peerDependencies } : {};
  return JSON.stringify({ description: GENERATED_DESCRIPTION, type: "module", sideEffects: false, ...peers }, null, 2) + "\n";
}
