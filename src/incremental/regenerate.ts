import { mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Job } from "../cli/plan.js";
import { header, type HeaderInfo, markdownHeader } from "../emit/header.js";
import type { GenerateResult } from "../generate.js";
import type { OpenApiDocument } from "../document/types.js";
import { setOwn } from "../document/own.js";
import { selectOperations } from "../model/select.js";
import { operationKeys } from "../model/walk-operations.js";
import { cacheDir, type VerifiedFolder } from "../output/fast-path.js";
import { MANIFEST, type Manifest, manifestText, type RecordedSettings, recordedSettings } from "../output/manifest.js";
import type { GeneratedFile } from "../output/write-folder.js";
import { sha256 } from "../util/sha256.js";
import { type ChangedOperation, diffOperations, METHOD_KEYS } from "./document-diff.js";
import { rememberedDocument } from "./document-cache.js";
import { splice } from "./splice.js";
import { spliceSurface } from "./surface-splice.js";

/**
 * The incremental run: after an edit confined to some operations, the folder is the last one with
 * those operations' text replaced, instead of a generation of the whole document. The new text
 * comes from generating twice a document cut down to the changed operations and the components
 * they reach (before and after the edit): what changed between the two small outputs is spliced
 * into the big one where its neighbourhood is found unchanged (splice.ts). Every other case is a
 * `reason` to generate in full: another part of the document changed, a setting whose output is not
 * per operation, a warning, or a change whose place in the big output cannot be proven.
 */
export type Incremental = { result: Omit<GenerateResult, "model"> } | { reason: string };

/** Settings whose output is not each operation's own (a seeded mock sequence, query keys, namespaces, validators). */
function settingsReason(recorded: RecordedSettings): string | undefined {
  if (recorded.include.length + recorded.exclude.length > 0) return "include or exclude is set";
  for (const key of ["validators", "query", "invalidates", "namespaces", "mocks"] as const) {
    if (recorded[key] !== undefined && recorded[key] !== false) return `the setting \`${key}\` is set`;
  }
  return undefined;
}

/**
 * The document cut down to the path items of `changed`, all their operations (the big output's
 * neighbourhood of a changed operation is its path item), exactly: a path with a `*` could select more.
 */
function cutDown(document: OpenApiDocument, changed: readonly ChangedOperation[]): OpenApiDocument | undefined {
  const paths = [...new Set(changed.map((c) => c.path))];
  const expected = paths.reduce((n, p) => n + Object.keys(document.paths?.[p] ?? {}).filter((k) => METHOD_KEYS.has(k)).length, 0);
  const { document: cut, operations } = selectOperations(document, { include: paths, exclude: [] });
  // Webhooks are not operations: selectOperations drops OpenAPI 3.1's, and 3.0's spelling goes too (its $refs would dangle).
  const { "x-webhooks": _webhooks, ...rest } = cut as OpenApiDocument & { "x-webhooks"?: unknown };
  return operations === expected ? (rest as OpenApiDocument) : undefined;
}

function mergedComponents(a: OpenApiDocument, b: OpenApiDocument): { components?: OpenApiDocument["components"] } {
  const merged: Record<string, Record<string, unknown>> = {};
  for (const doc of [a, b]) {
    for (const [kind, map] of Object.entries(doc.components ?? {})) {
      for (const [name, value] of Object.entries(map ?? {})) setOwn((merged[kind] ??= {}), name, value);
    }
  }
  return Object.keys(merged).length > 0 ? { components: merged as OpenApiDocument["components"] } : {};
}

interface Small {
  files: Map<string, string>;
  info: HeaderInfo;
  manifest: Manifest;
}

async function generateSmall(document: OpenApiDocument, file: string, job: Job, cwd: string): Promise<Small | string> {
  const { generate } = await import("../generate.js");
  await writeFile(file, JSON.stringify(document));
  // The config's names of other operations would be names of nothing here.
  const keys = operationKeys(document, file);
  const names = Object.fromEntries(Object.entries(job.settings.names).filter(([key]) => keys.has(key)));
  let result: GenerateResult;
  try {
    result = await generate({ input: file, command: job.command, settings: { ...job.settings, names }, cwd });
  } catch (err) {
    return `the cut-down document does not generate (${(err as Error).message.split("\n")[0]})`;
  }
  if (result.warnings.length > 0) return "the changed operations have warnings";
  const files = new Map(result.files.map((f) => [f.name, f.content]));
  const manifest = JSON.parse(files.get(MANIFEST)!) as Manifest;
  return { files, manifest, info: { source: manifest.source, hash: manifest.documentHash, command: job.command } };
}

/** A file's body: its text after the header naming `info` (none for package.json). */
function bodyOf(content: string, info: HeaderInfo): string | undefined {
  for (const head of [header(info), markdownHeader(info)]) if (content.startsWith(head)) return content.slice(head.length);
  return /^(\/\/|<!--) Generated by /.test(content) ? undefined : content;
}

/** `body` under the header naming `info`, of the kind (code, Markdown, none) that `before` had under `was`. */
function withHeader(body: string, before: string, was: HeaderInfo, info: HeaderInfo): string {
  if (before.startsWith(header(was))) return header(info) + body;
  if (before.startsWith(markdownHeader(was))) return markdownHeader(info) + body;
  return body;
}

/**
 * `folder` is the output folder as this build wrote it (fast-path.ts), `identity` the document now:
 * its hash, files, and itself as written when it is OpenAPI 3.0/3.1 without external `$ref`s.
 */
export async function regenerate(
  job: Job,
  cwd: string,
  folder: VerifiedFolder,
  identity: { hash: string; files: string[]; asWritten?: OpenApiDocument },
): Promise<Incremental> {
  const reason = settingsReason(recordedSettings(job.settings));
  if (reason) return { reason };
  if (!identity.asWritten) return { reason: "not an OpenAPI 3.0/3.1 document without external $refs" };
  if (identity.hash === folder.manifest.documentHash) return { reason: "the document did not change" };
  const before = (await rememberedDocument(cwd, folder.manifest.documentHash)) as OpenApiDocument | undefined;
  if (!before) return { reason: "no remembered document for the folder (its last run had warnings, or the cache is gone)" };
  const after = { document: identity.asWritten, hash: identity.hash, files: identity.files };
  const diff = diffOperations(before, after.document);
  if ("reason" in diff) return diff;
  const [cutBefore, cutAfter] = [cutDown(before, diff.changed), cutDown(after.document, diff.changed)];
  if (!cutBefore || !cutAfter) return { reason: "the changed operations cannot be cut out exactly" };
  // Both with the components either reaches (they are the same in both documents): a schema the edit
  // stops using is not removed from the small output, as the whole document still has it.
  const components = mergedComponents(cutBefore, cutAfter);
  const [smallBefore, smallAfter] = [
    { ...cutBefore, ...components },
    { ...cutAfter, ...components },
  ];

  const dir = await mkdtemp(path.join(cacheDir(cwd), "incremental-"));
  let small: [Small | string, Small | string];
  try {
    small = [
      await generateSmall(smallBefore, path.join(dir, "before.json"), job, cwd),
      await generateSmall(smallAfter, path.join(dir, "after.json"), job, cwd),
    ];
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  const [b, a] = small;
  if (typeof b === "string") return { reason: b };
  if (typeof a === "string") return { reason: a };
  if ([...b.files.keys()].join("\0") !== [...a.files.keys()].join("\0")) return { reason: "the edit adds or removes a file" };

  const oldInfo: HeaderInfo = { source: folder.manifest.source, hash: folder.manifest.documentHash, command: job.command };
  const newInfo: HeaderInfo = { ...oldInfo, hash: after.hash };
  const files: GeneratedFile[] = [];
  for (const [name, content] of folder.files) {
    if (name === MANIFEST) continue;
    const body = bodyOf(content, oldInfo);
    if (body === undefined) return { reason: `${name} has no header naming the document` };
    const [smallOld, smallNew] = [b.files.get(name), a.files.get(name)];
    let next = body;
    if (smallOld !== undefined && smallNew !== undefined) {
      const [o, n] = [bodyOf(smallOld, b.info), bodyOf(smallNew, a.info)];
      const spliced = o === undefined || n === undefined ? undefined : splice(body, o, n);
      if (spliced === undefined) return { reason: `the change to ${name} cannot be placed` };
      next = spliced;
    } else if (smallOld !== undefined || smallNew !== undefined) return { reason: `${name} is not in both outputs` };
    files.push({ name, content: withHeader(next, content, oldInfo, newInfo) });
  }
  for (const name of a.files.keys()) if (!folder.files.has(name)) return { reason: `${name} is new` };

  const surface = spliceSurface(folder.manifest, b.manifest, a.manifest);
  if (surface === undefined) return { reason: "the change to api.json cannot be placed" };
  const { names, operations, schemas } = surface;
  const hashes = new Map(files.map((f) => [f.name, sha256(f.content)]));
  const { generator, source, command, settings } = folder.manifest;
  const manifest = manifestText({
    generator,
    source,
    documentHash: after.hash,
    command,
    settings,
    names,
    files: Object.fromEntries(Object.keys(folder.manifest.files).map((name) => [name, hashes.get(name)!])),
    operations,
    schemas,
  });
  files.push({ name: MANIFEST, content: manifest });
  files.sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
  return { result: { surface: { operations, schemas }, files, inputs: after.files, warnings: [], asWritten: after.document } };
}
