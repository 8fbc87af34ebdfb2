import { readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../util/input-error.js";
import { locate } from "./locate.js";
import { jsonSyntaxError } from "./parse-text.js";

/**
 * Settings that live beside a document, so that nobody has to edit a vendor's document:
 * `spec/<name>.config.json` for `spec/<name>.yaml` (or the file given with `--config`).
 *
 * ```json
 * { "include": ["Uploads"], "exclude": ["/admin/*"], "names": { "admin-api-keys-list": "listAdminKeys" } }
 * ```
 */
export interface Config {
  include: string[];
  exclude: string[];
  /** operationId (or `METHOD /path` for an operation without one) → function name. */
  names: Record<string, string>;
  /** The file it came from, for messages; undefined when there is none. */
  file?: string;
  /** Where `names` is in that file, when it is not `/names` (a project config's `/documents/0/names`). */
  namesPointer?: string;
}

export const EMPTY_CONFIG: Config = { include: [], exclude: [], names: {} };

const KEYS = ["$schema", "include", "exclude", "names"];

export function configPathFor(document: string): string {
  return document.replace(/\.(ya?ml|json)$/i, "") + ".config.json";
}

/** Reads the config; a missing file is an empty config unless it was named explicitly. */
export async function readConfig(file: string, cwd: string, required = false): Promise<Config> {
  let text: string;
  try {
    text = await readFile(path.resolve(cwd, file), "utf8");
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT" && !required) return EMPTY_CONFIG;
    throw new InputError({ message: "cannot read the config file", file, fix: "give the path of a JSON config file" });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw jsonSyntaxError(err as Error, text, file, "correct the JSON syntax");
  }
  const fail = (message: string, pointer: string, fix: string) => new InputError({ message, file, ...locate(text, pointer), pointer, fix });
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) {
    throw fail("the config must be a JSON object", "", 'write { "include": [...], "exclude": [...], "names": {...} }');
  }
  const config = raw as Record<string, unknown>;
  const unknown = Object.keys(config).find((k) => !KEYS.includes(k));
  if (unknown !== undefined)
    throw fail(
      `unknown setting "${unknown}"`,
      `/${unknown}`,
      `the settings are ${KEYS.slice(1)
        .map((k) => `"${k}"`)
        .join(", ")}`,
    );
  const list = (key: "include" | "exclude"): string[] => {
    const value = config[key];
    if (value === undefined) return [];
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === "")) {
      throw fail(
        `"${key}" must be a list of patterns`,
        `/${key}`,
        'write it as ["pattern", ...]: an operationId, a tag, or a path such as "/uploads/*"',
      );
    }
    return value as string[];
  };
  const names = config.names ?? {};
  if (typeof names !== "object" || names === null || Array.isArray(names) || Object.values(names).some((v) => typeof v !== "string")) {
    throw fail('"names" must map operationIds to function names', "/names", 'write { "operationId": "functionName" }');
  }
  return { include: list("include"), exclude: list("exclude"), names: names as Record<string, string>, file };
}
