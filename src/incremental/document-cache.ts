import { mkdir, readdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { cacheDir, writeAtomically } from "../output/fast-path.js";

/**
 * The documents the folders were last generated from, as written (canonical JSON), named by their
 * hash: what the next run diffs a changed document against. One per output folder (`index.json`
 * maps folder → hash); a document no folder names any more is removed. Best effort, like the
 * fast path's cache: a cache that cannot be written costs speed only.
 */
const dirOf = (cwd: string) => path.join(cacheDir(cwd), "documents");
const fileOf = (cwd: string, hash: string) => path.join(dirOf(cwd), `${hash}.json`);

async function readIndex(cwd: string): Promise<Record<string, string>> {
  try {
    return JSON.parse(await readFile(path.join(dirOf(cwd), "index.json"), "utf8")) as Record<string, string>;
  } catch {
    return {};
  }
}

export async function rememberDocument(cwd: string, output: string, hash: string, document: unknown): Promise<void> {
  try {
    const dir = dirOf(cwd);
    await mkdir(dir, { recursive: true });
    const index = await readIndex(cwd);
    if (index[path.resolve(cwd, output)] === hash) return;
    await writeAtomically(fileOf(cwd, hash), JSON.stringify(document));
    index[path.resolve(cwd, output)] = hash;
    await writeAtomically(path.join(dir, "index.json"), JSON.stringify(index));
    const named = new Set(Object.values(index).map((h) => `${h}.json`));
    for (const name of await readdir(dir)) {
      if (/^[0-9a-f]{64}\.json$/.test(name) && !named.has(name)) await rm(path.join(dir, name), { force: true });
    }
  } catch {
    // read-only node_modules, or none: the next run generates in full
  }
}

/** The document remembered under `hash`, or undefined. */
export async function rememberedDocument(cwd: string, hash: string): Promise<unknown> {
  try {
    return JSON.parse(await readFile(fileOf(cwd, hash), "utf8"));
  } catch {
    return undefined;
  }
}
