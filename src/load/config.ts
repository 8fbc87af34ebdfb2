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
 * { "include": ["Uploads"], "exclude": ["/admin/*"], "names": { "admin-api-keys-list": "listAdminKeys" }, "dates": "Date" }
 * ```
 */
export interface Config {
  include: string[];
  exclude: string[];
  /** operationId (or `METHOD /path` for an operation without one) → function name. */
  names: Record<string, string>;
  /** `"Date"`: `format: date-time` and `date` values are `Date` objects in the types and at run time; strings otherwise (the default). */
  dates?: "Date" | "string";
  /** `false`: one type per schema, readOnly and writeOnly properties in both directions; by default requests leave readOnly ones out and responses writeOnly ones. */
  readWriteViews?: boolean;
  /** The file it came from, for messages; undefined when there is none. */
  file?: string;
}

export const EMPTY_CONFIG: Config = { include: [], exclude: [], names: {} };

const KEYS = ["$schema", "include", "exclude", "names", "dates", "readWriteViews"];

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
  const { dates, readWriteViews } = config;
  if (dates !== undefined && dates !== "Date" && dates !== "string")
    throw fail('"dates" must be "Date" or "string"', "/dates", 'write "Date" to get Date objects for date-time and date strings');
  if (readWriteViews !== undefined && typeof readWriteViews !== "boolean")
    throw fail(
      '"readWriteViews" must be true or false',
      "/readWriteViews",
      "write false to keep readOnly and writeOnly properties in both directions",
    );
  return {
    include: list("include"),
    exclude: list("exclude"),
    names: names as Record<string, string>,
    ...(dates !== undefined ? { dates } : {}),
    ...(readWriteViews !== undefined ? { readWriteViews } : {}),
    file,
  };
}
