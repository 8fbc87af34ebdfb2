import { readFileSync } from "node:fs";
import path from "node:path";
import { loadDocument, type OpenApiDocument } from "./load.js";
import { buildModel, operationKey, operationKeys, type ApiModel } from "./model.js";
import { header } from "./emit/header.js";
import { lineCommentText } from "./emit/text.js";
import { emitTypes } from "./emit/types.js";
import { emitOperations, OPERATIONS_FILE_BINDINGS } from "./emit/operations.js";
import { emitEntry, ENTRY_EXPORTS } from "./emit/entry.js";
import { InputError } from "./problems.js";
import { locate } from "./locate.js";
import { normaliseQuirks } from "./quirks.js";
import { buildSurface, type Surface } from "./surface.js";
import { EMPTY_SETTINGS, MANIFEST, manifestText, type Settings } from "./manifest.js";
import { generatorIdentity } from "./fingerprint.js";
import { canonicalize, sha256 } from "./hash.js";
import { displayPath } from "./paths.js";
import { selectOperations } from "./select.js";

export interface GeneratedFile {
  /** Relative to the output folder, with `/`. */
  name: string;
  content: string;
}

export interface GenerateResult {
  model: ApiModel;
  surface: Surface;
  files: GeneratedFile[];
  /** Every file the document is made of, absolute. */
  inputs: string[];
}

export interface GenerateRequest {
  /** The document, relative to `cwd` or absolute. */
  input: string;
  /** What the header says regenerates the folder. */
  command: string;
  /** Which operations, and under which names; defaults to all, as the document names them. */
  settings?: Settings;
  cwd?: string;
}

const RUNTIME_SOURCE = new URL("../src/runtime/runtime.ts", import.meta.url);
let runtimeText: string | undefined;

/** The hand-written runtime, read once per process. */
export function runtimeSource(): string {
  return (runtimeText ??= readFileSync(RUNTIME_SOURCE, "utf8"));
}

/** Every name the runtime exports, so that no operation is named like one of them. */
export function runtimeExports(source = runtimeSource()): string[] {
  return [...source.matchAll(/^export (?:declare )?(?:async )?(?:function|class|const|let|type|interface|enum) ([\p{ID_Start}$_][\p{ID_Continue}$]*)/gmu)].map((m) => m[1]!);
}

/**
 * The generated TypeScript is type-checked under `strict` by this project's tests (with this line
 * removed). A consumer's `tsc` skips it and resolves only the types a call touches, so a one-call
 * program against the 288 OpenAI operations costs about what openapi-typescript's types alone do
 * (checking the wrappers, `ErrorOf` and the runtime would resolve thousands of types on every run).
 */
export const NO_CHECK = "// @ts-nocheck: type-checked under strict when generated; skipped here to keep your type-checks fast\n";

/** load → model → emit, all in memory: nothing is written here. */
export async function generate(request: GenerateRequest): Promise<GenerateResult> {
  const cwd = request.cwd ?? process.cwd();
  const loaded = await loadDocument(request.input, cwd);
  const settings = request.settings ?? EMPTY_SETTINGS;
  const selecting = settings.include.length + settings.exclude.length > 0;
  const selected = selecting ? (canonicalize(selectOperations(loaded.document, settings).document) as OpenApiDocument) : loaded.document;
  const reserved = new Set<string>([...runtimeExports(), ...OPERATIONS_FILE_BINDINGS, ...ENTRY_EXPORTS]);
  let model: ApiModel;
  try {
    model = buildModel(selected, {
      file: request.input,
      reserved,
      names: settings.names,
      ...(settings.configFile ? { namesFile: settings.configFile } : {}),
      ...(selecting ? { allOperations: operationKeys(loaded.document) } : {}),
    });
  } catch (err) {
    // The model reports JSON pointers; give the line too, in the file (document or config) they point into.
    if (err instanceof InputError && err.location?.startsWith("/")) {
      const text = readFileSync(path.resolve(cwd, err.file), "utf8");
      const at = locate(text, err.location);
      throw new InputError(err.message, err.file, at ? `${at} (${err.location})` : err.location, err.fix);
    }
    throw err;
  }
  const source = displayPath(cwd, request.input);
  const head = header({ source, hash: loaded.hash, command: request.command });
  const { document, notes } = normaliseQuirks(selected);
  const types = await emitTypes(document);
  const typesHead = notes.length === 0 ? head : head + notes.map((n) => `// Note: ${lineCommentText(n)}\n`).join("");
  const files: GeneratedFile[] = [
    { name: "index.ts", content: head + NO_CHECK + "\n" + emitEntry(model) },
    { name: "operations.ts", content: head + NO_CHECK + "\n" + emitOperations(model) },
    { name: "runtime.ts", content: head + NO_CHECK + "\n" + runtimeSource() },
  ];
  const { version, fingerprint } = generatorIdentity();
  const surface = buildSurface(document, model);
  files.push({ name: "schema.d.ts", content: typesHead + "\n" + types });
  const names = Object.fromEntries(
    model.operations.map((op) => [operationKey(op), op.name] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  files.push({
    name: MANIFEST,
    content: manifestText({
      generator: { name: "openapi-client-gen", version, fingerprint },
      source,
      documentHash: loaded.hash,
      command: request.command,
      settings: { include: settings.include, exclude: settings.exclude, names: settings.names },
      names,
      files: Object.fromEntries(files.map((f) => [f.name, sha256(f.content)])),
      ...surface,
    }),
  });
  return { model, surface, files, inputs: loaded.files };
}
