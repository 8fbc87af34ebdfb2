import { readFile } from "node:fs/promises";
import path from "node:path";
import { InputError } from "../util/input-error.js";
import { isObject } from "../document/own.js";
import { pointer } from "../document/pointer.js";
import type { AccessSettings } from "./access.js";
import { ACCESS_KEYS, accessSettings } from "./access-settings.js";
import { locate } from "./locate.js";
import { jsonSyntaxError } from "./parse-text.js";
import { type MocksSetting, mocksSetting, type NamespacesSetting, namespacesSetting } from "./sdk-settings.js";

/**
 * Settings that live beside a document, so that nobody has to edit a vendor's document:
 * `spec/<name>.config.json` for `spec/<name>.yaml` (or the file given with `--config`).
 *
 * ```json
 * { "include": ["Uploads"], "exclude": ["/admin/*"], "names": { "admin-api-keys-list": "listAdminKeys" }, "dates": "Date" }
 * ```
 */

/**
 * How the pages of a list follow one another, when the document does not say it well enough:
 * `style` and where the values are (`$.a.b` paths into the body, `-1` for a list's last item).
 * See `src/model/pagination.ts`.
 */
export interface PaginationSetting {
  style: "cursor" | "offset" | "page" | "link" | "url";
  /** cursor, offset, page: the parameter (its name in the document) that the next request sets. */
  param?: string;
  /** cursor: the next cursor in the body (`$.next_cursor`, `$.data[-1].id`); url: the next page's URL. */
  next?: string;
  /** The page's items (`$.data`); by default the body's one list. */
  items?: string;
  /** A boolean that is false on the last page (`$.has_more`). */
  hasMore?: string;
  /** offset: the number of items in all; page: the number of pages. */
  total?: string;
  /** The page-size parameter: a page shorter than the size asked for is the last. */
  limit?: string;
  /** page: the first page's number (1 by default). */
  firstPage?: number;
}
export interface Config {
  include: string[];
  exclude: string[];
  /** operationId (or `METHOD /path` for an operation without one) → function name. */
  names: Record<string, string>;
  /**
   * Operation (operationId, `METHOD /path`) or pattern (as in `include`) → how it pages, or `false`
   * for not at all; the first entry that matches an operation decides, before the document does.
   */
  pagination?: Record<string, PaginationSetting | false>;
  /** `"Date"`: `format: date-time` and `date` values are `Date` objects in the types and at run time; strings otherwise (the default). */
  dates?: "Date" | "string";
  /** `false`: one type per schema, readOnly and writeOnly properties in both directions; by default requests leave readOnly ones out and responses writeOnly ones. */
  readWriteViews?: boolean;
  /** Whether to generate `validators.js` (the checks `createClient({ validate, validators })` takes); off by default. */
  validators?: boolean;
  /** What the document may make the generator read and fetch: the project root, `allowedHosts`, `allowedFolders`, `limits`, `inputToken`. */
  access?: AccessSettings;
  /** `"tanstack"`: generate `query.js`, TanStack Query's option objects for every operation; off by default. */
  query?: "tanstack";
  /** Mutation → the queries it makes stale, replacing the rule that reads them from the paths (see `src/emit/query/invalidation.ts`). */
  invalidates?: Record<string, string[]>;
  /** Resource namespaces beside the flat methods (`api.uploads.cancel()`), grouped by tag or path: see `sdk-settings.ts`. */
  namespaces?: NamespacesSetting;
  /** Whether to generate `mocks.js`, MSW handlers answering with example data (and with which seed). */
  mocks?: MocksSetting;
  /** Refuse the document for faults that touch only some of its parts (a `$ref` to nothing), rather than generating around them with warnings. */
  strict?: boolean;
  /** The file it came from, for messages; undefined when there is none. */
  file?: string;
  /** Where `pagination` is in that file, when it is not `/pagination`. */
  paginationPointer?: string;
  /** Where `names` is in that file, when it is not `/names` (a project config's `/documents/0/names`). */
  namesPointer?: string;
  /** Where `invalidates` is in that file, when it is not `/invalidates`. */
  invalidatesPointer?: string;
  /** Where `namespaces` is in that file, when it is not `/namespaces`. */
  namespacesPointer?: string;
}

export const EMPTY_CONFIG: Config = { include: [], exclude: [], names: {} };

/** The settings of one document: a `<document>.config.json`'s keys, and those of a project config's entry besides `input` and `output`. */
export const SETTINGS_KEYS = [
  "include",
  "exclude",
  "names",
  "pagination",
  "dates",
  "readWriteViews",
  "validators",
  "query",
  "invalidates",
  "namespaces",
  "mocks",
  "strict",
  ...ACCESS_KEYS,
];
const KEYS = ["$schema", ...SETTINGS_KEYS];

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
  const { dates, readWriteViews, validators, strict } = config;
  if (strict !== undefined && typeof strict !== "boolean")
    throw fail('"strict" must be true or false', "/strict", "write true to refuse a document for any fault, as --strict does");
  if (validators !== undefined && typeof validators !== "boolean")
    throw fail('"validators" must be true or false', "/validators", "write true to generate validators.js for runtime validation");
  if (dates !== undefined && dates !== "Date" && dates !== "string")
    throw fail('"dates" must be "Date" or "string"', "/dates", 'write "Date" to get Date objects for date-time and date strings');
  if (readWriteViews !== undefined && typeof readWriteViews !== "boolean")
    throw fail(
      '"readWriteViews" must be true or false',
      "/readWriteViews",
      "write false to keep readOnly and writeOnly properties in both directions",
    );
  const pagination = config.pagination === undefined ? undefined : paginationSettings(config.pagination, fail, "/pagination");
  const access = accessSettings(config, fail, "", path.dirname(path.resolve(cwd, file)), file);
  const query = querySettings(config, fail, "");
  const namespaces = config.namespaces === undefined ? undefined : namespacesSetting(config.namespaces, fail, "/namespaces");
  const mocks = config.mocks === undefined ? undefined : mocksSetting(config.mocks, fail, "/mocks");
  return {
    include: list("include"),
    exclude: list("exclude"),
    names: names as Record<string, string>,
    ...(pagination ? { pagination } : {}),
    ...(dates !== undefined ? { dates } : {}),
    ...(readWriteViews !== undefined ? { readWriteViews } : {}),
    ...(validators !== undefined ? { validators } : {}),
    access,
    ...query,
    ...(namespaces !== undefined ? { namespaces } : {}),
    ...(mocks !== undefined ? { mocks } : {}),
    ...(strict !== undefined ? { strict } : {}),
    file,
  };
}

/** `query` and `invalidates`, checked: `"tanstack"`, and mutation → a list of queries (operationIds, names or patterns). */
export function querySettings(
  config: Record<string, unknown>,
  fail: (message: string, pointer: string, fix: string) => InputError,
  base: string,
): Pick<Config, "query" | "invalidates"> {
  const { query, invalidates } = config;
  if (query !== undefined && query !== "tanstack")
    throw fail(
      '"query" must be "tanstack"',
      `${base}/query`,
      'write "tanstack" to generate query.js, TanStack Query\'s options for every operation',
    );
  if (invalidates === undefined) return query === undefined ? {} : { query };
  if (query === undefined)
    throw fail('"invalidates" needs "query": "tanstack"', `${base}/invalidates`, 'add "query": "tanstack", or remove "invalidates"');
  const isList = (v: unknown) => Array.isArray(v) && v.every((p) => typeof p === "string" && p !== "");
  if (invalidates === null || typeof invalidates !== "object" || Array.isArray(invalidates))
    throw fail(
      '"invalidates" must map mutations to the queries they make stale',
      `${base}/invalidates`,
      'write { "updatePet": ["getPet", "listPets"] }',
    );
  for (const [key, value] of Object.entries(invalidates))
    if (!isList(value))
      throw fail(
        `the queries "${key}" makes stale must be a list`,
        `${base}/invalidates${pointer([key])}`,
        'write ["getPet", "GET /pets"]: operationIds, function names, tags or METHOD /path patterns ([] for none)',
      );
  return { query, invalidates: invalidates as Record<string, string[]> };
}

const STYLES = ["cursor", "offset", "page", "link", "url"];
const SETTING_FIELDS = ["style", "param", "next", "items", "hasMore", "total", "limit", "firstPage"];

/** The `pagination` setting, each entry checked for its shape (what it names is checked against the document later). */
export function paginationSettings(
  value: unknown,
  fail: (message: string, pointer: string, fix: string) => InputError,
  base: string,
): Record<string, PaginationSetting | false> {
  if (!isObject(value))
    throw fail('"pagination" must map operations to settings', base, 'write { "listFiles": { "style": "cursor", ... } }');
  for (const [key, setting] of Object.entries(value)) {
    const at = base + pointer([key]);
    if (setting === false) continue;
    const fix = `write false, or { "style": ${STYLES.map((s) => `"${s}"`).join(" | ")}, "param": "...", "next": "$.path", ... }`;
    if (!isObject(setting)) throw fail(`the pagination of "${key}" must be false or an object`, at, fix);
    const unknown = Object.keys(setting).find((k) => !SETTING_FIELDS.includes(k));
    if (unknown !== undefined)
      throw fail(`unknown pagination field "${unknown}"`, `${at}/${unknown}`, `the fields are ${SETTING_FIELDS.join(", ")}`);
    if (!STYLES.includes(setting.style as string)) throw fail(`the pagination of "${key}" needs a style`, `${at}/style`, fix);
    for (const field of SETTING_FIELDS.slice(1, -1)) {
      if (setting[field] !== undefined && (typeof setting[field] !== "string" || setting[field] === ""))
        throw fail(
          `the pagination field "${field}" must be a string`,
          `${at}/${field}`,
          'write a parameter name or a path such as "$.data"',
        );
    }
    if (setting.firstPage !== undefined && !Number.isInteger(setting.firstPage))
      throw fail('the pagination field "firstPage" must be an integer', `${at}/firstPage`, "write 0 or 1");
  }
  return value as Record<string, PaginationSetting | false>;
}
