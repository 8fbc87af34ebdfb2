import type { Config } from "../load/config.js";
import type { Surface } from "../review/surface.js";
import { redactUrls } from "../load/redact-url.js";
import { sha256 } from "../util/sha256.js";
import type { GENERATOR_NAME } from "./generated-mark.js";

export { MANIFEST } from "./generated-mark.js";

/** What the user chose beyond the document, as recorded: selected operations, function names, and pagination, dates and views when set. */
export type RecordedSettings = Pick<
  Config,
  | "include"
  | "exclude"
  | "names"
  | "pagination"
  | "dates"
  | "readWriteViews"
  | "validators"
  | "query"
  | "invalidates"
  | "namespaces"
  | "mocks"
>;

/**
 * `api.json`, written into every generated folder: the API surface for review and for the change
 * report, the operationId → function name map, and what the fast path needs to prove the folder
 * current without running the pipeline: the document's hash, the generator's name and version, the
 * command, and a hash of every other file. `integrity` covers the rest of this file. What proves
 * that this very build of the generator made it is kept outside the folder (see `fast-path.ts`).
 */
export interface Manifest extends Surface {
  generator: { name: typeof GENERATOR_NAME; version: string };
  source: string;
  documentHash: string;
  command: string;
  settings: RecordedSettings;
  /** operationId (or `METHOD /path` without one) → function name. */
  names: Record<string, string>;
  files: Record<string, string>;
  integrity: string;
}

function body(manifest: Omit<Manifest, "integrity">): string {
  const { generator, source, documentHash, command, settings, names, files, operations, schemas } = manifest;
  // A URL's token never reaches a file: `source` is redacted already, the command may hold the URL too.
  return JSON.stringify(
    { generator, source, documentHash, command: redactUrls(command), settings, names, files, operations, schemas },
    null,
    2,
  );
}

export function manifestText(manifest: Omit<Manifest, "integrity">): string {
  const text = body(manifest);
  return `${text.slice(0, -2)},\n  "integrity": "${sha256(text)}"\n}\n`;
}

/** The manifest, when the text is exactly what `manifestText` writes; undefined when edited or foreign. */
export function readManifest(text: string): Manifest | undefined {
  try {
    const parsed = JSON.parse(text) as Manifest;
    return typeof parsed.integrity === "string" && manifestText(parsed) === text ? parsed : undefined;
  } catch {
    return undefined;
  }
}

export function recordedSettings(settings: Config): RecordedSettings {
  const { include, exclude, names, pagination, dates, readWriteViews, validators, query, invalidates, namespaces, mocks } = settings;
  return {
    include,
    exclude,
    names,
    ...(pagination ? { pagination } : {}),
    ...(dates !== undefined ? { dates } : {}),
    ...(readWriteViews !== undefined ? { readWriteViews } : {}),
    ...(validators !== undefined ? { validators } : {}),
    ...(query !== undefined ? { query } : {}),
    ...(invalidates ? { invalidates } : {}),
    ...(namespaces !== undefined ? { namespaces } : {}),
    ...(mocks !== undefined ? { mocks } : {}),
  };
}
