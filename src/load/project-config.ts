import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { InputError } from "../util/input-error.js";
import type { AccessSettings } from "./access.js";
import { accessSettings } from "./access-settings.js";
import { type PaginationSetting, paginationSettings, querySettings, SETTINGS_KEYS } from "./config.js";
import type { Limits } from "./limits.js";
import { locate } from "./locate.js";
import { jsonSyntaxError } from "./parse-text.js";
import { type MocksSetting, mocksSetting, type NamespacesSetting, namespacesSetting } from "./sdk-settings.js";

/** One document of a project, where its client goes, and its settings (those of `spec/<name>.config.json`). */
export interface DocumentConfig {
  /** The document: a path relative to the config file, or an http(s) URL. */
  input: string;
  /** The folder of its client, relative to the config file; `generated/<name>` by default. */
  output?: string;
  /** Only the operations that match (an operationId, a tag, or a path such as "/uploads/*"). */
  include?: string[];
  /** Leave matching operations out. */
  exclude?: string[];
  /** operationId (or `METHOD /path`) → function name. */
  names?: Record<string, string>;
  /** How operations page, by operationId, `METHOD /path` or pattern: `false`, or a setting (see the README). */
  pagination?: Record<string, PaginationSetting | false>;
  /** `"Date"`: date-time and date values as `Date` objects, in the types and at run time (strings by default). */
  dates?: "Date" | "string";
  /** `false`: readOnly and writeOnly properties in both directions (by default requests leave readOnly ones out, responses writeOnly ones). */
  readWriteViews?: boolean;
  /** Whether to generate `validators.js`, for runtime validation; off by default. */
  validators?: boolean;
  /** Hosts (besides a remote document's own origin) its `$ref`s may fetch from: `["schemas.example.com"]`. */
  allowedHosts?: string[];
  /** Folders (relative to the config) its local `$ref`s may read from, besides the project root. */
  allowedFolders?: string[];
  /** Bounds on the document's size and shape (see the README's "Untrusted documents"). */
  limits?: Partial<Limits>;
  /** An environment variable whose value is sent as a header when fetching a remote document: `{ env: "SPEC_TOKEN" }`. */
  inputToken?: AccessSettings["inputToken"];
  /** `"tanstack"`: generate `query.js`, TanStack Query's option objects (see the README); off by default. */
  query?: "tanstack";
  /** Mutation → the queries it makes stale, replacing the rule that reads them from the paths. */
  invalidates?: Record<string, string[]>;
  /** `"tags"` or `"paths"`: resource namespaces beside the flat methods (`api.uploads.cancel()`). */
  namespaces?: NamespacesSetting;
  /** Whether to generate `mocks.js`, MSW handlers answering with example data. */
  mocks?: MocksSetting;
  /** Refuse the document for faults that touch only some operations (see `Config.strict`). */
  strict?: boolean;
}

/** `openapi-client-gen.config.{ts,mjs,js,json}` at the project root: every document the project generates. */
export interface ProjectConfig {
  documents: DocumentConfig[];
}

/** Types a config file's object: `export default defineConfig({ documents: [...] })`. */
export function defineConfig(config: ProjectConfig): ProjectConfig {
  return config;
}

export const PROJECT_CONFIG_NAMES = [
  "openapi-client-gen.config.ts",
  "openapi-client-gen.config.mjs",
  "openapi-client-gen.config.js",
  "openapi-client-gen.config.json",
];

/** The project config in `cwd`, if there is one. */
export function findProjectConfig(cwd: string): string | undefined {
  return PROJECT_CONFIG_NAMES.find((name) => existsSync(path.join(cwd, name)));
}

const require = createRequire(import.meta.url);

/** A module's default export: a .ts config is compiled with TypeScript beside itself first, so that its imports resolve as written. */
async function importConfig(file: string): Promise<unknown> {
  if (!file.endsWith(".ts")) return ((await import(pathToFileURL(file).href)) as { default?: unknown }).default;
  const ts = require("typescript") as typeof import("typescript");
  const source = await readFile(file, "utf8");
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
    fileName: file,
  });
  const compiled = `${file.slice(0, -3)}.${process.pid}.mjs`;
  await writeFile(compiled, outputText);
  try {
    return ((await import(pathToFileURL(compiled).href)) as { default?: unknown }).default;
  } finally {
    await rm(compiled, { force: true });
  }
}

const KEYS = ["input", "output", ...SETTINGS_KEYS];

/** Reads and checks the project config; every problem names the file and where in the config it is. */
export async function readProjectConfig(name: string, cwd: string): Promise<ProjectConfig> {
  const file = path.join(cwd, name);
  let raw: unknown;
  let text: string | undefined;
  if (name.endsWith(".json")) {
    text = await readFile(file, "utf8");
    try {
      raw = JSON.parse(text);
    } catch (err) {
      throw jsonSyntaxError(err as Error, text, name, "correct the JSON syntax");
    }
  } else {
    try {
      raw = await importConfig(file);
    } catch (err) {
      throw new InputError({
        message: `cannot load the config: ${(err as Error).message}`,
        file: name,
        fix: "make it a module whose default export is defineConfig({ documents: [...] })",
      });
    }
  }
  const fail = (pointer: string, message: string, fix: string): never => {
    throw new InputError({ message, file: name, ...(text !== undefined ? locate(text, pointer) : {}), pointer, fix });
  };
  const config = raw as { documents?: unknown } | undefined;
  if (!config || typeof config !== "object" || !Array.isArray(config.documents) || config.documents.length === 0) {
    return fail("", "the config must list its documents", 'write { "documents": [{ "input": "spec/api.yaml", "output": "src/api" }] }');
  }
  config.documents.forEach((doc: unknown, i) => {
    const at = `/documents/${i}`;
    if (!doc || typeof doc !== "object" || Array.isArray(doc))
      fail(at, "a document entry must be an object", 'write { "input": "spec/api.yaml" }');
    const d = doc as Record<string, unknown>;
    const unknown = Object.keys(d).find((k) => !KEYS.includes(k));
    if (unknown !== undefined)
      fail(`${at}/${unknown}`, `unknown setting "${unknown}"`, `the settings of a document are ${KEYS.map((k) => `"${k}"`).join(", ")}`);
    if (typeof d.input !== "string" || d.input === "")
      fail(`${at}/input`, '"input" must be the path or URL of a document', 'write "input": "spec/api.yaml"');
    if (d.output !== undefined && (typeof d.output !== "string" || d.output === ""))
      fail(`${at}/output`, '"output" must be a folder', 'write "output": "src/api"');
    for (const key of ["include", "exclude"] as const) {
      const list = d[key];
      if (list !== undefined && (!Array.isArray(list) || list.some((p) => typeof p !== "string" || p === "")))
        fail(`${at}/${key}`, `"${key}" must be a list of patterns`, 'write ["pattern", ...]');
    }
    const names = d.names;
    if (
      names !== undefined &&
      (typeof names !== "object" || names === null || Array.isArray(names) || Object.values(names).some((v) => typeof v !== "string"))
    ) {
      fail(`${at}/names`, '"names" must map operationIds to function names', 'write { "operationId": "functionName" }');
    }
    if (d.pagination !== undefined)
      paginationSettings(d.pagination, (message, pointer, fix) => fail(pointer, message, fix), `${at}/pagination`);
    if (d.dates !== undefined && d.dates !== "Date" && d.dates !== "string")
      fail(`${at}/dates`, '"dates" must be "Date" or "string"', 'write "Date" to get Date objects for date-time and date strings');
    if (d.strict !== undefined && typeof d.strict !== "boolean")
      fail(`${at}/strict`, '"strict" must be true or false', "write true to refuse a document for any fault");
    if (d.validators !== undefined && typeof d.validators !== "boolean")
      fail(`${at}/validators`, '"validators" must be true or false', "write true to generate validators.js for runtime validation");
    accessSettings(d, (message, pointer, fix) => fail(pointer, message, fix), at, cwd, name);
    querySettings(d, (message, pointer, fix) => fail(pointer, message, fix), at);
    const failWith = (message: string, pointer: string, fix: string) => fail(pointer, message, fix);
    if (d.namespaces !== undefined) namespacesSetting(d.namespaces, failWith, `${at}/namespaces`);
    if (d.mocks !== undefined) mocksSetting(d.mocks, failWith, `${at}/mocks`);
    if (d.readWriteViews !== undefined && typeof d.readWriteViews !== "boolean")
      fail(
        `${at}/readWriteViews`,
        '"readWriteViews" must be true or false',
        "write false to keep readOnly and writeOnly properties in both directions",
      );
  });
  return config as ProjectConfig;
}
