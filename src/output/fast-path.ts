import { mkdir, readdir, readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Config } from "../load/config.js";
import { redactUrls } from "../load/redact-url.js";
import { displayPath } from "../util/display-path.js";
import { sha256 } from "../util/sha256.js";
import { generatorFingerprint, generatorVersion } from "./generator-identity.js";
import { MANIFEST, type Manifest, readManifest, recordedSettings } from "./manifest.js";

/**
 * The fast path: a folder is current when its manifest is intact, names this generator version,
 * this command and settings, a document with the same canonical hash, every file still has the
 * hash the manifest records, and this very build of the generator has seen that manifest before
 * (the cache below). Then nothing needs generating; a hand-edited, missing or extra file, or a
 * changed generator, sends the run down the full pipeline.
 *
 * The cache lives in `node_modules/.cache/openapi-client-gen/` of the project, where build caches
 * go: not in the reviewed output, so a generator change that changes no output changes no file.
 */
export interface CurrentFolder {
  operations: number;
  /** The files the document is made of, for watch mode. */
  inputs: string[];
}

export const cacheDir = (cwd: string) => path.join(cwd, "node_modules", ".cache", "openapi-client-gen");
const cacheFile = (cwd: string) => path.join(cacheDir(cwd), "verified.json");

type Cache = Record<string, string>;

async function readCache(cwd: string): Promise<Cache> {
  try {
    return JSON.parse(await readFile(cacheFile(cwd), "utf8")) as Cache;
  } catch {
    return {};
  }
}

/** The key under which a folder's manifest is remembered as made by this build. */
const entryKey = (dir: string, manifestText: string) => `${dir}\0${sha256(manifestText)}`;

/** A cache file written whole or not at all: a run killed half-way, or another run beside it, never leaves half a file. */
export async function writeAtomically(file: string, text: string): Promise<void> {
  const temporary = `${file}.${process.pid}`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}

/**
 * Remembers that this build made (or verified) the folder's current manifest. Best effort: a cache that
 * cannot be written costs speed only.
 */
export async function rememberFolder(cwd: string, output: string, manifestText: string): Promise<void> {
  const file = cacheFile(cwd);
  try {
    const cache = await readCache(cwd);
    const dir = path.resolve(cwd, output);
    for (const key of Object.keys(cache)) if (key.startsWith(`${dir}\0`)) delete cache[key];
    cache[entryKey(dir, manifestText)] = generatorFingerprint();
    await mkdir(path.dirname(file), { recursive: true });
    await writeAtomically(file, JSON.stringify(cache));
  } catch {
    // read-only node_modules, or none: every run takes the full pipeline
  }
}

/**
 * A folder exactly as this build of the generator wrote it for this command and settings: its
 * manifest intact and remembered (the cache above), no file missing, added or edited. Its files'
 * text, read to check them, comes with it (the incremental run starts from them).
 */
export interface VerifiedFolder {
  manifest: Manifest;
  files: Map<string, string>;
}

export async function verifiedFolder(
  input: string,
  output: string,
  command: string,
  settings: Config,
  cwd: string,
): Promise<VerifiedFolder | undefined> {
  const dir = path.resolve(cwd, output);
  let text: string;
  try {
    text = await readFile(path.join(dir, MANIFEST), "utf8");
  } catch {
    return undefined;
  }
  const manifest = readManifest(text);
  if (!manifest || manifest.generator.version !== generatorVersion()) return undefined;
  if ((await readCache(cwd))[entryKey(dir, text)] !== generatorFingerprint()) return undefined;
  if (manifest.command !== redactUrls(command) || manifest.source !== displayPath(cwd, input)) return undefined;
  if (JSON.stringify(manifest.settings) !== JSON.stringify(recordedSettings(settings))) return undefined;
  const names = await listFiles(dir);
  const expected = [...Object.keys(manifest.files), MANIFEST].sort();
  if (names.join("\0") !== expected.join("\0")) return undefined;
  const files = new Map([[MANIFEST, text]]);
  for (const [name, hash] of Object.entries(manifest.files)) {
    const content = await readFile(path.join(dir, name), "utf8");
    if (sha256(content) !== hash) return undefined;
    files.set(name, content);
  }
  return { manifest, files };
}

/** The folder is current when the document has the hash its manifest records. */
export function currentFolder(folder: VerifiedFolder, identity: { hash: string; files: string[] }): CurrentFolder | undefined {
  return identity.hash === folder.manifest.documentHash
    ? { operations: folder.manifest.operations.length, inputs: identity.files }
    : undefined;
}

/** Every file under `dir`, relative, with `/`, sorted. */
export async function listFiles(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(path.join(dir, prefix), { withFileTypes: true })) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(dir, name)));
    else out.push(name);
  }
  return out.sort();
}
