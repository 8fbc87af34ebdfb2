import { readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import type { BaseResolver, Config, NormalizedProblem } from "@redocly/openapi-core";
import { InputError, type Problem, type Warning } from "../util/input-error.js";
import { canonicalize, documentHash } from "./canonical.js";
import { convertSwagger } from "./convert-swagger.js";
import type { OpenApiDocument } from "../document/types.js";
import { type Access, type AccessSettings, accessFor } from "./access.js";
import { fetchDocumentText } from "./fetch-text.js";
import { guardedResolver } from "./guarded-resolver.js";
import { isUrl } from "./input-name.js";
import { checkShape, tooLarge } from "./limits.js";
import { lintConfig, severityOf, toProblems, typesWithoutSchemas } from "./lint.js";
import { refsResolveLocally } from "./local-refs.js";
import { consequence, type Fault, faultFix, faultOf, refAt, repairDocument, schemaRefsToNonSchemas } from "./local-faults.js";
import { locate, locator, type Position } from "./locate.js";
import { downgrade32, isOas32, withLocalSelfRefs } from "./oas-3.2.js";
import { parseText } from "./parse-text.js";
import { checkRefCycles } from "./ref-cycles.js";
import { checkOperationIds } from "./operation-ids.js";
import { checkSchemaShapes } from "./schema-shapes.js";
import { type OriginalPointer, swaggerPointer } from "./swagger-pointer.js";

const require = createRequire(import.meta.url);
type Redocly = typeof import("@redocly/openapi-core");

export interface LoadedDocument {
  /** Path or URL as the user gave it, for messages and headers. */
  file: string;
  /**
   * The OpenAPI 3 document (a Swagger 2.0 one converted), with external `$ref`s bundled in
   * (internal ones kept), in canonical key order.
   */
  document: OpenApiDocument;
  /**
   * sha256 of the canonical JSON of the document as written (bundled; for Swagger 2.0, before
   * conversion): key order and formatting do not change it.
   */
  hash: string;
  /** Every local file the document is made of (absolute paths), for watch mode; none for a URL. */
  files: string[];
  /** Findings that do not stop generation. */
  warnings: Warning[];
  /**
   * Faults that touch a few parts of the document, which `document` has repaired (see
   * local-faults.ts): warnings, or with `strict` the errors they were.
   */
  faults: LoadedFault[];
  /**
   * Where a node of `document` is written in the user's file: the pointer there (the Swagger 2.0
   * node a converted one came from) and its line and column.
   */
  locate(pointer: string): { pointer: string } & Partial<Position>;
  /**
   * True when `document` is exactly the file as written, in canonical form: OpenAPI 3.0 or 3.1,
   * nothing bundled, converted or repaired (what an incremental run can diff the next version against).
   */
  asWritten?: boolean;
}

/** The text of a document, from a file or a URL, parsed once. */
interface Source {
  file: string;
  /** Absolute path or (final, after redirects) URL: what relative `$ref`s resolve against. */
  location: string;
  text: string;
  parsed: unknown;
}

async function readDocumentText(absolute: string, file: string, access: Access): Promise<string> {
  try {
    const { size } = await stat(absolute);
    if (size > access.limits.documentBytes) throw tooLarge(file, size, access.limits);
    return await readFile(absolute, "utf8");
  } catch (err) {
    if (err instanceof InputError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "this is a folder, not a document" : `cannot read the file (${code})`;
    throw new InputError({ message, file, fix: "give the path of an OpenAPI document (YAML or JSON), or an http(s) URL" });
  }
}

/** Read (or fetched), parsed, and measured against the limits before anything walks it. */
async function readSource(file: string, cwd: string, access: Access): Promise<Source> {
  let source: Source;
  if (isUrl(file)) {
    const { text, url, contentType } = await fetchDocumentText(file, access);
    const json = /[/+]json\b/i.test(contentType) || /\.json$/i.test(new URL(url).pathname);
    source = { file, location: url, text, parsed: parseText(text, file, json) };
  } else {
    const location = path.resolve(cwd, file);
    const text = await readDocumentText(location, file, access);
    source = { file, location, text, parsed: parseText(text, file) };
  }
  checkShape(source.parsed, file, source.text, access.limits);
  return source;
}

/** OpenAPI 3.0, 3.1 or 3.2, or Swagger 2.0 (converted later); anything else is refused here, with its place. */
function formatOf(doc: unknown, file: string, text: string): "openapi" | "swagger" {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError({
      message: "the document is not an object",
      file,
      fix: "an OpenAPI document is a mapping with `openapi`, `info` and `paths` at the top",
    });
  }
  const d = doc as Record<string, unknown>;
  if (d.swagger !== undefined) {
    // YAML reads an unquoted `swagger: 2.0` as the number 2, which the converter and Redocly refuse.
    if (d.swagger === 2) d.swagger = "2.0";
    if (d.swagger === "2.0") return "swagger";
    throw new InputError({
      message: `Swagger ${String(d.swagger)} is not supported, only Swagger 2.0 and OpenAPI 3.0, 3.1 and 3.2`,
      file,
      ...locate(text, "/swagger"),
      pointer: "/swagger",
      fix: "convert the document to OpenAPI 3 (or Swagger 2.0) first",
    });
  }
  if (typeof d.openapi !== "string" || !/^3\.[012]\.\d+/.test(d.openapi)) {
    throw new InputError({
      message:
        d.openapi === undefined
          ? "this is not an OpenAPI document: it has no `openapi` field"
          : `unsupported OpenAPI version ${JSON.stringify(d.openapi)}`,
      file,
      ...(d.openapi === undefined ? {} : { ...locate(text, "/openapi"), pointer: "/openapi" }),
      fix: 'set `openapi: 3.1.0` (or 3.0.x, 3.2.x) at the top of an OpenAPI 3 document (`swagger: "2.0"` for Swagger 2.0)',
    });
  }
  return "openapi";
}

/**
 * Whether any `$ref` points into another file. It also meets every node once, so it is where a
 * YAML alias that contains itself (`&a { child: *a }`), which no JSON can be, is found.
 */
function hasExternalRef(root: unknown, file: string): boolean {
  const ancestors = new Set<object>();
  const visit = (node: unknown): boolean => {
    if (node === null || typeof node !== "object") return false;
    if (ancestors.has(node)) {
      throw new InputError({
        message: "a YAML alias contains itself, so the document has no end",
        file,
        fix: "replace the recursive alias (*name) with a $ref to a component",
      });
    }
    ancestors.add(node);
    let found = false;
    for (const [key, value] of Object.entries(node)) {
      if (key === "$ref" && typeof value === "string" && !value.startsWith("#")) found = true;
      else if (typeof value === "object" && visit(value)) found = true;
    }
    ancestors.delete(node);
    return found;
  };
  return visit(root);
}

interface Tools {
  redocly: Redocly;
  config: Config;
  resolver: BaseResolver;
}

/** Redocly, its config, and a resolver that reads `$ref`d files and fetches `$ref`d URLs only where `access` allows. */
async function redoclyFor(access: Access, source: Source): Promise<Tools> {
  const redocly = require("@redocly/openapi-core") as Redocly;
  const config = await lintConfig();
  const origin = isUrl(source.file) ? new URL(source.file).origin : undefined;
  const resolver = guardedResolver(redocly, access, origin, config.resolve);
  return { redocly, config, resolver };
}

/** Redocly's resolver throws, rather than reports, a cycle of `$ref`s in another file: as an input error. */
async function reported<T>(source: Source, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (!/circular pointer/i.test((err as Error).message)) throw err;
    throw new InputError({
      message: `a cycle of $refs that never reaches a schema (${(err as Error).message})`,
      file: source.file,
      fix: "make one of the $refs of the cycle point at a schema rather than at another $ref",
    });
  }
}

function accessOf(file: string, cwd: string, settings: AccessSettings | undefined): Access {
  return accessFor(file, cwd, settings, isUrl(file));
}

/** The document with every external `$ref` bundled in; the problems of files that cannot be read, as errors. */
async function bundled(source: Source, cwd: string, tools: Tools, swagger: boolean): Promise<unknown> {
  const { redocly, config, resolver } = tools;
  const doc = { source: new redocly.Source(source.location, source.text), parsed: source.parsed };
  const result = await reported(source, () => redocly.bundle({ doc, config, dereference: false, externalRefResolver: resolver }));
  const errors = toProblems(
    result.problems.filter((p) => p.severity === "error"),
    source.location,
    cwd,
    { swagger },
  );
  if (errors.length > 0) throw new InputError(errors);
  return result.bundle.parsed;
}

/** Local files only: a URL is not watched. */
function localFiles(source: Source, resolver: BaseResolver | undefined): string[] {
  const all = [source.location, ...(resolver ? [...resolver.getFiles()] : [])];
  return [...new Set(all.filter((f) => !isUrl(f)))].sort();
}

/**
 * The identity of a document without generating from it, for the fast path: read (or fetch) →
 * parse → bundle external `$ref`s → hash. A Swagger 2.0 document is hashed as written, so this
 * needs no conversion, and nothing is linted (the folder's manifest says it was, when it was made).
 */
export async function documentIdentity(
  file: string,
  cwd = process.cwd(),
  settings?: AccessSettings,
): Promise<{ hash: string; files: string[]; asWritten?: OpenApiDocument }> {
  const access = accessOf(file, cwd, settings);
  const source = await readSource(file, cwd, access);
  const format = formatOf(source.parsed, file, source.text);
  if (!hasExternalRef(source.parsed, file)) {
    const document = canonicalize(source.parsed) as OpenApiDocument;
    // OpenAPI 3.0 or 3.1 without another file is what `loadDocument` hands on (see `asWritten` there): the incremental run diffs it.
    const plain = format === "openapi" && !isOas32(source.parsed);
    return { hash: documentHash(document), files: localFiles(source, undefined), ...(plain ? { asWritten: document } : {}) };
  }
  const tools = await redoclyFor(access, source);
  const document = await bundled(source, cwd, tools, format === "swagger");
  return { hash: documentHash(canonicalize(document)), files: localFiles(source, tools.resolver) };
}

/** A fault of the document (local-faults.ts): what it is in `document`, and the problem as the user's file places it. */
export interface LoadedFault {
  fault: Fault;
  problem: Problem;
  /** What the client does about it. */
  consequence: string;
}

// A converted Swagger 2.0 document's references, as its author wrote them.
const SWAGGER_SECTIONS: Array<[RegExp, string]> = [
  [/^#\/components\/schemas\//, "#/definitions/"],
  [/^#\/components\/(parameters|requestBodies)\//, "#/parameters/"],
  [/^#\/components\/responses\//, "#/responses/"],
];

/** `Can't resolve $ref "#/components/schemas/Nope"`: Redocly's message names no reference. */
function namingRef(finding: NormalizedProblem, document: unknown, rootFile: string, swagger: boolean): NormalizedProblem {
  const loc = finding.location[0];
  if (!/^Can't resolve \$ref/.test(finding.message) || (loc?.source.absoluteRef ?? rootFile) !== rootFile) return finding;
  let ref = refAt(document, (loc?.pointer ?? "").replace(/^#/, ""));
  if (ref === undefined) return finding;
  if (swagger) for (const [section, written] of SWAGGER_SECTIONS) ref = ref.replace(section, written);
  // What follows is the reason, as the resolver gives it (`: ENOENT: no such file…`, `: cannot fetch …: HTTP 404`).
  const reason = finding.message.replace(/^Can't resolve \$ref/, "");
  return { ...finding, message: `Can't resolve $ref ${JSON.stringify(ref)}${reason}` };
}

/**
 * Lints `document` (its root is `source`): errors throw, unless each is a fault the client can be
 * generated around (then they are returned as faults, with the warnings). `mapRoot` places a
 * converted document's pointers.
 */
async function lint(
  source: Source,
  document: unknown,
  cwd: string,
  tools: Tools,
  mapRoot?: (ptr: string) => OriginalPointer,
  swagger = mapRoot !== undefined,
): Promise<{ warnings: Warning[]; faults: LoadedFault[] }> {
  const { redocly, config, resolver } = tools;
  // A schema's $ref to a parameter (or another component that is not a schema) is repaired before
  // the linter reads the parameter as a schema and refuses it where it stands.
  const misused = schemaRefsToNonSchemas(document as OpenApiDocument);
  const linted = misused.length === 0 ? document : repairDocument(document, misused);
  const rootSource = new redocly.Source(source.location, source.text);
  // Most of a document is schemas, whose structure the linter need not check (see typesWithoutSchemas).
  const customTypes = refsResolveLocally(linted) ? typesWithoutSchemas(redocly, linted) : undefined;
  const findings = await reported(source, () =>
    redocly.lintDocument({
      document: { source: rootSource, parsed: linted },
      config: config.styleguide,
      externalRefResolver: resolver,
      customTypes,
    }),
  );
  const early: NormalizedProblem[] = misused.map((f) => ({
    ruleId: "no-unresolved-refs",
    severity: "error",
    message: `Can't resolve $ref ${JSON.stringify(f.kind === "unresolved" ? f.ref : "")} as a schema: it points at ${f.kind === "unresolved" ? f.points : ""}`,
    location: [{ source: rootSource, pointer: `#${f.pointer}`, reportOnKey: false }],
    suggest: [],
  }));
  const problems = (list: readonly NormalizedProblem[]) =>
    toProblems(list, source.location, cwd, { swagger, ...(mapRoot ? { mapRoot } : {}) });
  const errors = findings.filter((f) => severityOf(f) === "error").map((f) => namingRef(f, document, source.location, swagger));
  const faults: LoadedFault[] = misused.map((fault, i) => {
    const problem = problems([early[i]!])[0]!;
    return {
      fault,
      problem: { ...problem, fix: "point the $ref at a schema (`#/components/schemas/...`)" },
      consequence: consequence(fault),
    };
  });
  const seen = new Set<string>();
  const stopping = errors.filter((finding) => {
    const loc = finding.location[0];
    if (loc && loc.source.absoluteRef !== source.location) return true;
    const fault = faultOf(finding, (loc?.pointer ?? "").replace(/^#/, ""), document);
    if (!fault) return true;
    // Redocly may report one place twice (the same $ref reached by two walks).
    if (seen.has(`${fault.pointer}\0${finding.message}`)) return false;
    seen.add(`${fault.pointer}\0${finding.message}`);
    const problem = problems([finding])[0]!;
    faults.push({ fault, problem: { ...problem, fix: faultFix(fault) ?? problem.fix }, consequence: consequence(fault) });
    return false;
  });
  if (stopping.length > 0) throw new InputError(problems([...early, ...errors]));
  return { warnings: problems(findings.filter((f) => severityOf(f) === "warning")), faults };
}

/** A failure to bundle (a file another file $refs cannot be read) reports the root's faults with it: they are the same $refs. */
async function withFaults<T>(faults: readonly LoadedFault[], bundling: Promise<T>): Promise<T> {
  try {
    return await bundling;
  } catch (err) {
    if (!(err instanceof InputError) || faults.length === 0) throw err;
    throw new InputError([...faults.map((f) => f.problem), ...err.problems]);
  }
}

/** The document with its faults repaired, when it has some. */
const repaired = <T>(document: T, faults: readonly LoadedFault[]): T =>
  faults.length === 0
    ? document
    : repairDocument(
        document,
        faults.map((f) => f.fault),
      );

/**
 * An OpenAPI 3.2 document, written in the terms of 3.1 that Redocly and openapi-typescript read
 * (oas-3.2.ts), its problems placed in the document as written.
 */
async function loadOas32(source: Source, cwd: string, tools: Tools, at: (ptr: string) => Position | undefined): Promise<LoadedDocument> {
  const written = withLocalSelfRefs(source.parsed as Record<string, unknown>, source.location);
  // References by `$self` are this document's own: only others are bundled.
  const external = hasExternalRef(written, source.file);
  const original = external ? await bundled({ ...source, parsed: written }, cwd, tools, false) : written;
  const { document, map, notes } = downgrade32(original as Record<string, unknown>, source.location);
  const { warnings, faults } = await lint(source, document, cwd, tools, map, false);
  for (const note of notes) {
    const { pointer } = map(note.pointer);
    warnings.push({ message: note.message, file: source.file, ...at(pointer), pointer, fix: "correct it as OpenAPI 3.2 says" });
  }
  return checked({
    file: source.file,
    document: canonicalize(repaired(document, faults)) as OpenApiDocument,
    hash: documentHash(canonicalize(external ? original : source.parsed)),
    files: localFiles(source, tools.resolver),
    warnings,
    faults,
    locate: (ptr) => {
      const { pointer } = map(ptr);
      return { pointer, ...at(pointer) };
    },
  });
}

/**
 * load: read (or fetch) → parse once → check it is OpenAPI 3, or convert Swagger 2.0 → lint once →
 * bundle external `$ref`s → canonical key order. Problems in a converted document are placed at
 * the Swagger 2.0 node that produced them (see swagger-pointer.ts).
 */
export async function loadDocument(file: string, cwd = process.cwd(), settings?: AccessSettings): Promise<LoadedDocument> {
  const access = accessOf(file, cwd, settings);
  const source = await readSource(file, cwd, access);
  const format = formatOf(source.parsed, file, source.text);
  const external = hasExternalRef(source.parsed, file);
  checkRefCycles(source.parsed, file, source.text);
  const tools = await redoclyFor(access, source);
  let find: ((ptr: string) => Position | undefined) | undefined;
  const at = (ptr: string) => (find ??= locator(source.text))(ptr);

  if (format === "swagger") {
    const original = external ? await bundled(source, cwd, tools, true) : source.parsed;
    const hash = documentHash(canonicalize(original));
    const { document, notes } = await convertSwagger(original as object, source.text, file);
    const map = (ptr: string) => swaggerPointer(original, document, ptr);
    const { warnings, faults } = await lint(source, document, cwd, tools, map);
    for (const note of notes) {
      const { pointer } = map(note.pointer);
      warnings.push({
        message: `converting to OpenAPI 3: ${note.message}`,
        file,
        ...at(pointer),
        pointer,
        fix: "the client follows the converted document; write the Swagger 2.0 document so that it converts exactly",
      });
    }
    return checked({
      file,
      document: canonicalize(repaired(document, faults)) as OpenApiDocument,
      hash,
      files: localFiles(source, tools.resolver),
      warnings,
      faults,
      locate: (ptr) => {
        const { pointer } = map(ptr);
        return { pointer, ...at(pointer) };
      },
    });
  }

  if (isOas32(source.parsed)) return loadOas32(source, cwd, tools, at);

  const { warnings, faults } = await lint(source, source.parsed, cwd, tools);
  // The hash is the document's as written (bundled with its faults repaired: a file it cannot read has no text to hash).
  const written = canonicalize(
    external ? await withFaults(faults, bundled({ ...source, parsed: repaired(source.parsed, faults) }, cwd, tools, false)) : source.parsed,
  ) as OpenApiDocument;
  const document = external || faults.length === 0 ? written : (canonicalize(repaired(written, faults)) as OpenApiDocument);
  return checked({
    file,
    document,
    hash: documentHash(written),
    files: localFiles(source, tools.resolver),
    warnings,
    faults,
    locate: (ptr) => ({ pointer: ptr, ...at(ptr) }),
    asWritten: !external && faults.length === 0,
  });
}

/** The loaded document, once every schema in it is one and every operationId can be named (see schema-shapes.ts, operation-ids.ts). */
function checked(loaded: LoadedDocument): LoadedDocument {
  checkSchemaShapes(loaded.document, loaded.file, loaded.locate);
  checkOperationIds(loaded.document, loaded.file, loaded.locate);
  return loaded;
}
