import { readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "./problems.js";
import { lineColumn } from "./locate.js";
import type { Selection } from "./select.js";

/**
 * Settings that live beside a document, so that nobody has to edit a vendor's document:
 * `spec/<name>.config.json` for `spec/<name>.yaml` (or the file given with `--config`).
 *
 * ```json
 * { "include": ["Uploads"], "exclude": ["/admin/*"], "names": { "admin-api-keys-list": "listAdminKeys" } }
 * ```
 */
export interface Config extends Selection {
  /** operationId (or `METHOD /path` for an operation without one) → function name. */
  names: Record<string, string>;
  /** The file it came from, for messages; undefined when there is none. */
  file?: string;
}

const KEYS = new Set(["$schema", "include", "exclude", "names"]);

export function configPathFor(document: string): string {
  return document.replace(/\.(ya?ml|json)$/i, "") + ".config.json";
}

function stringList(value: unknown, key: string, file: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
    throw new InputError(`"${key}" must be a list of patterns`, file, `/${key}`, `write it as ["pattern", ...]: an operationId, a tag, or a path such as "/uploads/*"`);
  }
  return value;
}

/** Reads the config; a missing file is an empty config unless it was named explicitly. */
export async function readConfig(file: string, cwd: string, required = false): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" && !required) return { include: [], exclude: [], names: {} };
    throw new InputError("cannot read the config file", file, undefined, "give the path of a JSON config file");
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const at = /position (\d+)/.exec((err as Error).message);
    throw new InputError(`invalid JSON: ${(err as Error).message.replace(/ in JSON at position \d+.*$/, "")}`, file, at ? lineColumn(text, Number(at[1])) : undefined, "correct the JSON syntax");
  }
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw new InputError("the config must be a JSON object", file, undefined, 'write { "include": [...], "exclude": [...], "names": {...} }');
  }
  const config = raw as Record<string, unknown>;
  const unknown = Object.keys(config).filter((k) => !KEYS.has(k));
  if (unknown.length > 0) {
    throw new InputError(`unknown setting "${unknown[0]}"`, file, `/${unknown[0]}`, 'the settings are "include", "exclude" and "names"');
  }
  const names = config.names ?? {};
  if (typeof names !== "object" || names === null || Array.isArray(names) || Object.values(names).some((v) => typeof v !== "string")) {
    throw new InputError('"names" must map operationIds to function names', file, "/names", 'write { "operationId": "functionName" }');
  }
  return {
    include: stringList(config.include, "include", file),
    exclude: stringList(config.exclude, "exclude", file),
    names: names as Record<string, string>,
    file,
  };
}
