import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sha256 } from "./hash.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(import.meta.url);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith(".ts") ? [path.join(dir, e.name)] : []))
    .sort();
}

let cached: { version: string; fingerprint: string } | undefined;

/**
 * What made the output: the package version, and a hash of the generator's sources and of the
 * versions of the libraries that shape the output. Any change to either invalidates every
 * "unchanged" shortcut, so the fast path can never serve output an older generator wrote.
 */
export function generatorIdentity(): { version: string; fingerprint: string } {
  if (cached) return cached;
  const own = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
  const parts = sources(path.join(root, "src")).map((file) => `${path.relative(root, file)}\n${readFileSync(file, "utf8")}`);
  for (const lib of ["openapi-typescript", "ts-morph", "typescript", "@redocly/openapi-core", "js-yaml"]) {
    parts.push(`${lib}@${(require(`${lib}/package.json`) as { version: string }).version}`);
  }
  cached = { version: own.version, fingerprint: sha256(parts.join("\n\0")).slice(0, 16) };
  return cached;
}
