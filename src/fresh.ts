import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { loadDocument } from "./load.js";
import { MANIFEST, readManifest, type Settings } from "./manifest.js";
import { generatorIdentity } from "./fingerprint.js";
import { sha256 } from "./hash.js";
import { displayPath } from "./paths.js";

/**
 * The fast path: a folder is current when its manifest is intact, was written by this very
 * generator for this command from a document with the same canonical hash, and every file still
 * has the hash the manifest records. Then nothing needs generating; a hand-edited, missing or
 * extra file sends the run down the full pipeline. Returns, when current, the operation count and
 * the files the document is made of (for watch mode).
 */
export async function currentFolder(input: string, output: string, command: string, settings: Settings, cwd: string): Promise<{ operations: number; inputs: string[] } | undefined> {
  const dir = path.resolve(cwd, output);
  let manifest;
  try {
    manifest = readManifest(await readFile(path.join(dir, MANIFEST), "utf8"));
  } catch {
    return undefined;
  }
  const { version, fingerprint } = generatorIdentity();
  if (!manifest || manifest.generator.version !== version || manifest.generator.fingerprint !== fingerprint) return undefined;
  if (manifest.command !== command || manifest.source !== displayPath(cwd, input)) return undefined;
  const chosen = { include: settings.include, exclude: settings.exclude, names: settings.names };
  if (JSON.stringify(manifest.settings) !== JSON.stringify(chosen)) return undefined;
  const names = (await readdir(dir)).sort();
  const expected = [...Object.keys(manifest.files), MANIFEST].sort();
  if (names.join("\0") !== expected.join("\0")) return undefined;
  for (const [name, hash] of Object.entries(manifest.files)) {
    if (sha256(await readFile(path.join(dir, name), "utf8")) !== hash) return undefined;
  }
  try {
    const loaded = await loadDocument(input, cwd, { lint: false });
    return loaded.hash === manifest.documentHash ? { operations: manifest.operations.length, inputs: loaded.files } : undefined;
  } catch {
    return undefined; // let the full pipeline report the problem properly
  }
}
