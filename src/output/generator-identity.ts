import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "../util/sha256.js";

/** The folder of the generator's code (src/ under Jest, dist/ when built), and the package root above it. */
const codeDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
export const packageRoot = path.dirname(codeDir);
const require = createRequire(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : /\.(ts|js)$/.test(e.name) ? [path.join(dir, e.name)] : []))
    .sort();
}

let version: string | undefined;
/** The generator's name and version: what the output records (its `api.json` and headers). */
export function generatorVersion(): string {
  version ??= (JSON.parse(readFileSync(path.join(packageRoot, "package.json"), "utf8")) as { version: string }).version;
  return version;
}

let fingerprint: string | undefined;
/**
 * A hash of this very build: the generator's code and the versions of the libraries that shape the
 * output. It keys the fast path's cache, outside the generated folder, so that a change to the
 * generator never serves output an older build wrote, and never shows up in a reviewed file.
 */
export function generatorFingerprint(): string {
  if (fingerprint) return fingerprint;
  const parts = sources(codeDir).map((file) => `${path.relative(codeDir, file)}\n${readFileSync(file, "utf8")}`);
  for (const lib of ["openapi-typescript", "ts-morph", "typescript", "@redocly/openapi-core", "js-yaml", "swagger2openapi"]) {
    parts.push(`${lib}@${(require(`${lib}/package.json`) as { version: string }).version}`);
  }
  parts.push(generatorVersion());
  fingerprint = sha256(parts.join("\n\0")).slice(0, 16);
  return fingerprint;
}
