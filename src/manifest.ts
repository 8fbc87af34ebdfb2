import { sha256 } from "./hash.js";
import type { Surface } from "./surface.js";

export const MANIFEST = "api.json";

/** What the user chose beyond the document: selected operations and function names. */
export interface Settings {
  include: string[];
  exclude: string[];
  names: Record<string, string>;
  /** The config file they came from, for messages (not recorded). */
  configFile?: string;
}

export const EMPTY_SETTINGS: Settings = { include: [], exclude: [], names: {} };

/**
 * `api.json`, written into every generated folder: the API surface for review and for the change
 * report, the operationId → function name map, and what the fast path needs to prove the folder
 * current without running the pipeline: the document's hash, the generator's identity, the command,
 * and a hash of every other file. `integrity` covers the rest of this file.
 */
export interface Manifest extends Surface {
  generator: { name: "openapi-client-gen"; version: string; fingerprint: string };
  source: string;
  documentHash: string;
  command: string;
  settings: Omit<Settings, "configFile">;
  /** operationId (or `METHOD /path` without one) → function name. */
  names: Record<string, string>;
  files: Record<string, string>;
  integrity: string;
}

function body(manifest: Omit<Manifest, "integrity">): string {
  const { generator, source, documentHash, command, settings, names, files, operations, schemas } = manifest;
  return JSON.stringify({ generator, source, documentHash, command, settings, names, files, operations, schemas }, null, 2);
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
