import { readFileSync } from "node:fs";
import path from "node:path";
import { emitEntryDeclarations, emitEntryModule, ENTRY_EXPORTS } from "./emit/entry.js";
import { emitDates } from "./emit/dates.js";
import { emitEnumDeclarations, emitEnumModule } from "./emit/enums.js";
import { header, markdownHeader } from "./emit/header.js";
import { emitOperationDeclarations, emitOperationModule, OPERATIONS_FILE_BINDINGS } from "./emit/operations.js";
import { emitPackageJson } from "./emit/package-json.js";
import { emitQuery, QUERY_RUNTIME } from "./emit/query/query-files.js";
import { emitResources } from "./emit/namespaces/module.js";
import { emitReferenceDocs } from "./emit/reference-docs.js";
import { buildExamples } from "./emit/mocks/examples.js";
import { emitMocks, MOCK_RUNTIME } from "./emit/mocks/module.js";
import { mocksSeed } from "./load/sdk-settings.js";
import { planNamespaces } from "./emit/namespaces/plan.js";
import { runtimeExports, runtimeFiles } from "./emit/runtime-files.js";
import { emitSchemaTypes } from "./emit/schema-types.js";
import { lineCommentText } from "./emit/text.js";
import { emitValidators, VALIDATORS_FILE_BINDINGS } from "./emit/validators/module.js";
import { WEBHOOKS_FILE_BINDINGS, webhookFiles } from "./emit/webhooks.js";
import { canonicalize } from "./load/canonical.js";
import { type Config, EMPTY_CONFIG } from "./load/config.js";
import type { OpenApiDocument } from "./document/types.js";
import { documentName } from "./load/input-name.js";
import { type LoadedDocument, type LoadedFault, loadDocument } from "./load/load-document.js";
import { locator } from "./load/locate.js";
import { buildModel } from "./model/build-model.js";
import { operationKey } from "./model/operation-names.js";
import { faultsByOperation } from "./model/operation-faults.js";
import { patternsMatchingNothing, selectOperations } from "./model/select.js";
import type { ApiModel } from "./model/types.js";
import { operationKeys } from "./model/walk-operations.js";
import { webhooksOf } from "./model/webhooks.js";
import { normalise, type SchemaHome } from "./normalise/normalise.js";
import { GENERATOR_NAME } from "./output/generated-mark.js";
import { generatorVersion } from "./output/generator-identity.js";
import { MANIFEST, manifestText, recordedSettings } from "./output/manifest.js";
import type { GeneratedFile } from "./output/write-folder.js";
import { buildSurface, type Surface } from "./review/surface.js";
import { displayPath } from "./util/display-path.js";
import { InputError, type Problem, type Warning } from "./util/input-error.js";
import { sha256 } from "./util/sha256.js";

export type { GeneratedFile };

export interface GenerateResult {
  model: ApiModel;
  surface: Surface;
  files: GeneratedFile[];
  /** Every file the document is made of, absolute. */
  inputs: string[];
  warnings: Warning[];
  /**
   * The document as written (canonical), when it is the one generated from and the run had no
   * warning: the next run may regenerate incrementally against it (see incremental/regenerate.ts).
   */
  asWritten?: OpenApiDocument;
}

export interface GenerateRequest {
  /** The document, relative to `cwd` or absolute. */
  input: string;
  /** What the header says regenerates the folder. */
  command: string;
  /** Which operations, and under which names; defaults to all, as the document names them. */
  settings?: Config;
  cwd?: string;
}

/** Names operations may not take: the runtime's public exports and the bindings of the generated files. */
function reservedNames(): Set<string> {
  return new Set<string>([
    ...runtimeExports(),
    ...OPERATIONS_FILE_BINDINGS,
    ...ENTRY_EXPORTS,
    ...VALIDATORS_FILE_BINDINGS,
    ...WEBHOOKS_FILE_BINDINGS,
  ]);
}

/** The model, with the line and column of any problem it reports, in the file (document or config) it points into. */
function modelOf(
  home: SchemaHome,
  loaded: LoadedDocument,
  request: GenerateRequest,
  settings: Config,
  selecting: boolean,
  cwd: string,
): ApiModel {
  try {
    return buildModel(home, {
      file: request.input,
      reserved: reservedNames(),
      reservedTypes: new Set([...runtimeExports(), ...ENTRY_EXPORTS, "OperationErrors"]),
      names: settings.names,
      namesFile: settings.file,
      namesPointer: settings.namesPointer,
      pagination: settings.pagination,
      paginationFile: settings.file,
      paginationPointer: settings.paginationPointer,
      allOperations: selecting ? operationKeys(loaded.document, request.input) : undefined,
      faults:
        loaded.faults.length > 0
          ? faultsByOperation(
              loaded.document,
              loaded.faults.map((f) => f.fault),
              request.input,
            )
          : undefined,
    });
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    throw new InputError(err.problems.map((p) => located(p, loaded, request, cwd)));
  }
}

/** A problem the model found, at its line and column in the file (document or config) it points into. */
function located<P extends Problem>(p: P, loaded: LoadedDocument, request: GenerateRequest, cwd: string): P {
  if (p.pointer === undefined || p.line !== undefined) return p;
  // The document's own problems: at the place in the file the user wrote (for a Swagger 2.0
  // document, the node its converted one came from).
  if (p.file === request.input) return { ...p, ...loaded.locate(p.pointer) };
  try {
    return { ...p, ...locator(readFileSync(path.resolve(cwd, p.file), "utf8"))(p.pointer) };
  } catch {
    return p;
  }
}

/** A repaired fault as its warning: the problem, and what the client did about it. */
function faultWarning(f: LoadedFault): Warning {
  return {
    ...f.problem,
    message: `${f.problem.message.replace(/\.$/, "")}; generated around it: ${f.consequence}`,
    fix: `${f.problem.fix} (\`--strict\` refuses the document instead)`,
  };
}

/** An include pattern that matches no operation would silently make a smaller (or an empty) client: it is an error. */
function checkIncludes(document: OpenApiDocument, settings: Config, input: string): void {
  const unmatched = patternsMatchingNothing(document, settings.include, input);
  if (unmatched.length === 0) return;
  throw new InputError(
    unmatched.map((pattern) => ({
      message: `the include pattern ${JSON.stringify(pattern)} matches no operation of ${input}`,
      file: settings.file ?? input,
      fix: "give an operationId, a tag, or a path of the document (`/uploads/*`, `POST /uploads/*`): `api.json` of a full generation lists them",
    })),
  );
}

/** load → select → normalise → model → emit, all in memory: nothing is written here. */
export async function generate(request: GenerateRequest): Promise<GenerateResult> {
  const cwd = request.cwd ?? process.cwd();
  const settings = request.settings ?? EMPTY_CONFIG;
  const loaded = await loadDocument(request.input, cwd, settings.access);
  // Faults that touch a few parts were repaired in loading: warnings, or with `strict` the errors they are.
  if (settings.strict === true && loaded.faults.length > 0) throw new InputError(loaded.faults.map((f) => f.problem));
  const warnings = [...loaded.warnings, ...loaded.faults.map(faultWarning)];
  const selecting = settings.include.length + settings.exclude.length > 0;
  if (settings.include.length > 0) checkIncludes(loaded.document, settings, request.input);
  const selected = selecting
    ? (canonicalize(selectOperations(loaded.document, settings, request.input).document) as OpenApiDocument)
    : loaded.document;
  const home = normalise(selected, { views: settings.readWriteViews !== false });
  const model = modelOf(home, loaded, request, settings, selecting, cwd);
  const source = displayPath(cwd, request.input);
  const head = header({ source, hash: loaded.hash, command: request.command });
  const typesHead = head + model.notes.map((n) => `// Note: ${lineCommentText(n)}\n`).join("");
  // Only when asked for: on a big document they are most of a generation's time and output.
  const validators = settings.validators === true ? emitValidators(model) : undefined;
  const enums = model.enums;
  const dates = settings.dates === "Date" ? emitDates(model) : undefined;
  const exported = model.operations.flatMap((op) => [op.name, ...Object.values(op.types)]);
  const taken = new Set([...reservedNames(), ...exported, "OperationErrors"]);
  const webhooks = webhookFiles(model.document, webhooksOf(model.document, request.input, taken), settings.validators === true);
  const query =
    settings.query === "tanstack"
      ? emitQuery(model, {
          api: documentName(request.input),
          document: request.input,
          invalidates: settings.invalidates,
          file: settings.file,
          pointer: settings.invalidatesPointer,
        })
      : undefined;
  const where = { file: settings.file, pointer: settings.namespacesPointer };
  const namespaces = settings.namespaces ? planNamespaces(model.operations, settings.namespaces, where) : undefined;
  const resources = namespaces && emitResources(namespaces);
  const seed = mocksSeed(settings.mocks);
  const mocks = seed === undefined ? undefined : emitMocks(model, buildExamples(model, seed), seed);
  const extras = { webhooks: webhooks.length > 0, resources: resources !== undefined };
  const files: GeneratedFile[] = [
    {
      name: "api.md",
      content: markdownHeader({ source, hash: loaded.hash, command: request.command }) + "\n" + emitReferenceDocs(model, namespaces?.root),
    },
    { name: "enums.d.ts", content: head + "\n" + emitEnumDeclarations(enums) },
    { name: "enums.js", content: head + "\n" + emitEnumModule(enums) },
    { name: "index.d.ts", content: head + "\n" + emitEntryDeclarations(model, extras) },
    { name: "index.js", content: head + "\n" + emitEntryModule(model, extras) },
    { name: "operations.d.ts", content: head + "\n" + emitOperationDeclarations(model) },
    { name: "operations.js", content: head + "\n" + emitOperationModule(model, new Set(dates?.operations)) },
    ...(dates
      ? [
          { name: "dates.d.ts", content: head + "\n" + dates.declarations },
          { name: "dates.js", content: head + "\n" + dates.source },
        ]
      : []),
    { name: "package.json", content: emitPackageJson({ ...query?.peerDependencies, ...(mocks ? { msw: "^2.0.0" } : {}) }) },
    ...(query
      ? [
          { name: "query.d.ts", content: head + "\n" + query.declarations },
          { name: "query.js", content: head + "\n" + query.source },
        ]
      : []),
    ...(mocks
      ? [
          { name: "mocks.d.ts", content: head + "\n" + mocks.declarations },
          { name: "mocks.js", content: head + "\n" + mocks.source },
        ]
      : []),
    ...(resources
      ? [
          { name: "resources.d.ts", content: head + "\n" + resources.declarations },
          { name: "resources.js", content: head + "\n" + resources.source },
        ]
      : []),
    ...runtimeFiles()
      .filter((f) => (query || !QUERY_RUNTIME.includes(f.name)) && (mocks || !MOCK_RUNTIME.includes(f.name)))
      .map((f) => ({ name: `runtime/${f.name}`, content: head + "\n" + f.content })),
    {
      name: "schema.d.ts",
      content:
        typesHead +
        "\n" +
        (await emitSchemaTypes(model.document, {
          dates: settings.dates === "Date",
          source: { file: request.input, locate: loaded.locate },
        })),
    },
    ...(validators
      ? [
          { name: "validators.d.ts", content: head + "\n" + validators.declarations },
          { name: "validators.js", content: head + "\n" + validators.source },
        ]
      : []),
    ...webhooks.map((f) => ({ name: f.name, content: head + "\n" + f.content })),
  ];
  const surface = buildSurface(model);
  const names = Object.fromEntries(
    model.operations.map((op) => [operationKey(op), op.name] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
  );
  files.push({
    name: MANIFEST,
    content: manifestText({
      generator: { name: GENERATOR_NAME, version: generatorVersion() },
      source,
      documentHash: loaded.hash,
      command: request.command,
      settings: recordedSettings(settings),
      names,
      files: Object.fromEntries(files.map((f) => [f.name, sha256(f.content)])),
      ...surface,
    }),
  });
  files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const allWarnings = [...warnings, ...(model.warnings ?? []).map((w) => located(w, loaded, request, cwd))];
  return {
    model,
    surface,
    files,
    inputs: loaded.files,
    warnings: allWarnings,
    ...(loaded.asWritten && !selecting && allWarnings.length === 0 ? { asWritten: loaded.document } : {}),
  };
}
