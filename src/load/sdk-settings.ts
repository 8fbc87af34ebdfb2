import { isObject } from "../document/own.js";
import { pointer } from "../document/pointer.js";
import type { InputError } from "../util/input-error.js";

/**
 * The settings of the opt-in SDK files, as written in `spec/<name>.config.json` or a project
 * config's document entry; each checked for its shape here (what it names is checked against the
 * document when the files are made).
 */

/** How `api.uploads.cancel()` is grouped: by the operations' first tag, or by their paths. */
export type NamespaceGrouping = "tags" | "paths";

/**
 * `"tags"`, `"paths"`, or `{ "by": "paths", "methods": { "createThreadAndRun": "threads.createAndRun" } }`:
 * an operation (operationId, or `METHOD /path`) → where its method goes, or `false` for nowhere (it
 * stays a flat method).
 */
export type NamespacesSetting = NamespaceGrouping | { by: NamespaceGrouping; methods?: Record<string, string | false> };

/** `true`, or `{ "seed": 7 }`: `mocks.js`, MSW handlers answering with examples built for that seed (1 by default). */
export type MocksSetting = boolean | { seed?: number };

type Fail = (message: string, pointer: string, fix: string) => InputError;

const GROUPINGS = ["tags", "paths"];

export function namespacesSetting(value: unknown, fail: Fail, at: string): NamespacesSetting {
  const fix = 'write "tags", "paths", or { "by": "paths", "methods": { "operationId": "resource.method" } }';
  if (typeof value === "string") {
    if (GROUPINGS.includes(value)) return value as NamespaceGrouping;
    throw fail('"namespaces" must be "tags" or "paths"', at, fix);
  }
  if (!isObject(value)) throw fail('"namespaces" must be "tags", "paths" or an object', at, fix);
  const unknown = Object.keys(value).find((k) => k !== "by" && k !== "methods");
  if (unknown !== undefined) throw fail(`unknown namespaces field "${unknown}"`, `${at}/${pointer([unknown]).slice(1)}`, fix);
  if (!GROUPINGS.includes(value.by)) throw fail('"namespaces.by" must be "tags" or "paths"', `${at}/by`, fix);
  if (value.methods !== undefined) {
    if (!isObject(value.methods)) throw fail('"namespaces.methods" must map operations to methods', `${at}/methods`, fix);
    for (const [key, where] of Object.entries(value.methods))
      if (where !== false && (typeof where !== "string" || where === ""))
        throw fail(
          `the method of "${key}" must be a dotted name or false`,
          `${at}/methods${pointer([key])}`,
          'write "resource.method" (as in "chat.completions.create"), or false to keep it flat only',
        );
  }
  return value as NamespacesSetting;
}

export function mocksSetting(value: unknown, fail: Fail, at: string): MocksSetting {
  const fix = 'write true, or { "seed": 7 } for other example data';
  if (typeof value === "boolean") return value;
  if (!isObject(value)) throw fail('"mocks" must be true, false or { "seed": n }', at, fix);
  const unknown = Object.keys(value).find((k) => k !== "seed");
  if (unknown !== undefined) throw fail(`unknown mocks field "${unknown}"`, `${at}/${pointer([unknown]).slice(1)}`, fix);
  if (value.seed !== undefined && !(Number.isSafeInteger(value.seed) && value.seed >= 0))
    throw fail('"mocks.seed" must be a whole number', `${at}/seed`, fix);
  return value as MocksSetting;
}

/** The seed of the examples, when mocks are asked for; undefined when they are not. */
export function mocksSeed(setting: MocksSetting | undefined): number | undefined {
  if (setting === undefined || setting === false) return undefined;
  return setting === true ? 1 : (setting.seed ?? 1);
}
