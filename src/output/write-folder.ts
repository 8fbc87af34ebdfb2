import type { Dirent } from "node:fs";
import { mkdir, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../util/input-error.js";
import { isGenerated } from "./generated-mark.js";

export interface GeneratedFile {
  /** Relative to the output folder, with `/`. */
  name: string;
  content: string;
}

export interface FolderDiff {
  changed: string[];
  added: string[];
  /** Files in the folder that the generator no longer makes. */
  removed: string[];
  unchanged: string[];
}

/** Every file of the folder by relative name (`runtime/client.js`); undefined when there is no folder. */
export async function readFolder(dir: string, prefix = ""): Promise<Map<string, string> | undefined> {
  let entries: Dirent[];
  try {
    entries = await readdir(path.join(dir, prefix), { withFileTypes: true });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && prefix === "") return undefined;
    if (code === "ENOTDIR")
      throw new InputError({
        message: "the output path is a file, not a folder",
        file: dir,
        fix: "give a folder for the generated client",
      });
    throw err;
  }
  const files = new Map<string, string>();
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const name = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) for (const [n, c] of (await readFolder(dir, name)) ?? []) files.set(n, c);
    else files.set(name, await readFile(path.join(dir, name), "utf8"));
  }
  return files;
}

export async function diffFolder(
  dir: string,
  files: readonly GeneratedFile[],
): Promise<{ diff: FolderDiff; current: Map<string, string> }> {
  const current = (await readFolder(dir)) ?? new Map<string, string>();
  const diff: FolderDiff = { changed: [], added: [], removed: [], unchanged: [] };
  for (const file of files) {
    const old = current.get(file.name);
    if (old === undefined) diff.added.push(file.name);
    else if (old === file.content) diff.unchanged.push(file.name);
    else diff.changed.push(file.name);
  }
  const names = new Set(files.map((f) => f.name));
  diff.removed = [...current.keys()].filter((name) => !names.has(name));
  return { diff, current };
}

export function isClean(diff: FolderDiff): boolean {
  return diff.changed.length === 0 && diff.added.length === 0 && diff.removed.length === 0;
}

/** Refuses to replace a folder the generator did not make, so that a mistyped `--output` cannot delete someone's code. */
export function assertOwned(dir: string, current: Map<string, string>): void {
  const foreign = [...current.entries()].filter(([name, content]) => !isGenerated(name, content));
  if (current.size > 0 && foreign.length > 0) {
    throw new InputError({
      message: `the output folder holds files the generator did not write (${foreign
        .map(([n]) => n)
        .slice(0, 3)
        .join(", ")})`,
      file: dir,
      fix: "choose an empty or previously generated folder for --output; the generator replaces the whole folder",
    });
  }
}

/**
 * Replaces `dir` with exactly `files`. Everything is written to a sibling folder first and swapped
 * in by rename, so the folder is either wholly old or wholly new.
 */
export async function writeFolder(dir: string, files: readonly GeneratedFile[], current: Map<string, string>): Promise<void> {
  assertOwned(dir, current);
  const parent = path.dirname(path.resolve(dir));
  const base = path.basename(dir);
  const staging = path.join(parent, `.${base}.new-${process.pid}`);
  const previous = path.join(parent, `.${base}.old-${process.pid}`);
  await mkdir(parent, { recursive: true });
  await rm(staging, { recursive: true, force: true });
  try {
    await mkdir(staging);
    for (const file of files) {
      await mkdir(path.dirname(path.join(staging, file.name)), { recursive: true });
      await writeFile(path.join(staging, file.name), file.content);
    }
    const existed = current.size > 0 || (await readFolder(dir)) !== undefined;
    if (existed) await rename(dir, previous);
    try {
      await rename(staging, dir);
    } catch (err) {
      if (existed) await rename(previous, dir);
      throw err;
    }
    if (existed) await rm(previous, { recursive: true, force: true });
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}
