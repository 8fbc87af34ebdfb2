import { readFile } from "node:fs/promises";
import path from "node:path";
import { createRequire } from "node:module";
import type { NormalizedProblem, Config } from "@redocly/openapi-core";
import { InputError } from "./problems.js";
import { lineColumn, locate } from "./locate.js";
import { canonicalize, documentHash } from "./hash.js";

export type OpenApiDocument = Record<string, any>;

export interface LoadedDocument {
  /** Path as the user gave it, for messages and headers. */
  file: string;
  /** The document with external `$ref`s bundled in (internal ones kept), in canonical key order. */
  document: OpenApiDocument;
  /** sha256 of the document's canonical JSON: key order and formatting do not change it. */
  hash: string;
  /** Every file the document is made of (absolute paths), for watch mode. */
  files: string[];
}

const require = createRequire(import.meta.url);

/**
 * Parses text once, with the fastest parser for the job: `JSON.parse` for JSON and js-yaml for
 * YAML (about 8x faster than `yaml` on the 3 MB OpenAI document). Positions for error messages
 * come from `yaml` in `locate`, only when there is an error.
 */
export function parseText(raw: string, file: string): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw; // a byte order mark
  const isJsonFile = /\.json$/i.test(file);
  if (isJsonFile || text.trimStart().startsWith("{")) {
    try {
      return JSON.parse(text);
    } catch (err) {
      // A YAML document may start with `{` too: only a .json file must be JSON.
      if (!isJsonFile) return parseYaml(text, file);
      const message = (err as Error).message;
      const at = /position (\d+)/.exec(message);
      throw new InputError(
        `invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, "")}`,
        file,
        at ? lineColumn(text, Number(at[1])) : undefined,
        "correct the JSON syntax at that position (a missing comma, quote or bracket is the usual cause)",
      );
    }
  }
  return parseYaml(text, file);
}

function parseYaml(text: string, file: string): unknown {
  const yaml = require("js-yaml") as typeof import("js-yaml");
  try {
    // Redocly's schema, which the files this one $refs are read with: merge keys, and no timestamps
    // (an unquoted 2024-06-01 stays a string rather than becoming a Date).
    const t = (yaml as unknown as { types: Record<"merge" | "binary" | "omap" | "pairs" | "set", import("js-yaml").Type> }).types;
    return yaml.load(text, { filename: file, schema: yaml.JSON_SCHEMA.extend({ implicit: [t.merge], explicit: [t.binary, t.omap, t.pairs, t.set] }) });
  } catch (err) {
    const e = err as { reason?: string; mark?: { line: number; column: number }; message: string };
    throw new InputError(
      `invalid YAML: ${e.reason ?? e.message}`,
      file,
      e.mark ? `${e.mark.line + 1}:${e.mark.column + 1}` : undefined,
      "correct the YAML syntax there (indentation, an unclosed quote, or a duplicated key)",
    );
  }
}

function checkVersion(doc: unknown, file: string, text: string): asserts doc is OpenApiDocument {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError("the document is not an object", file, undefined, "an OpenAPI document is a mapping with `openapi`, `info` and `paths` at the top");
  }
  const d = doc as OpenApiDocument;
  if (d.swagger !== undefined) {
    throw new InputError(
      `Swagger ${String(d.swagger)} is not supported, only OpenAPI 3.0 and 3.1`,
      file,
      locate(text, "/swagger"),
      "convert the document to OpenAPI 3 first (for example with swagger2openapi)",
    );
  }
  if (typeof d.openapi !== "string" || !/^3\.[01]\.\d+/.test(d.openapi)) {
    throw new InputError(
      d.openapi === undefined ? "this is not an OpenAPI document: it has no `openapi` field" : `unsupported OpenAPI version ${JSON.stringify(d.openapi)}`,
      file,
      d.openapi === undefined ? undefined : locate(text, "/openapi"),
      'set `openapi: 3.1.0` (or 3.0.x) at the top of an OpenAPI 3 document',
    );
  }
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
      throw new InputError("a YAML alias contains itself, so the document has no end", file, undefined, "replace the recursive alias (*name) with a $ref to a component");
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

const FIXES: Record<string, string> = {
  "no-unresolved-refs": "point the $ref at something that exists (a `#/components/...` pointer or a relative file path)",
  struct: "make this part of the document match the OpenAPI specification",
  "operation-operationId-unique": "give each operation its own operationId",
  "path-parameters-defined": "declare every `{name}` of the path as a parameter with `in: path`, and no others",
};

function problemToError(problem: NormalizedProblem, rootFile: string, cwd: string): InputError {
  const loc = problem.location[0];
  const absolute = loc?.source.absoluteRef ?? rootFile;
  const file = path.relative(cwd, absolute) || absolute;
  let where: string | undefined;
  if (loc?.pointer !== undefined) {
    where = locate(loc.source.body, loc.pointer.replace(/^#/, "")) ?? loc.pointer;
    where = `${where} (${loc.pointer.replace(/^#/, "") || "/"})`;
  }
  return new InputError(problem.message, file, where, FIXES[problem.ruleId] ?? `see the \`${problem.ruleId}\` rule of Redocly's OpenAPI linter`);
}

// Inside a schema, openapi-typescript reads what it understands and real documents carry
// keywords of the other OpenAPI version (`nullable` in 3.1, a boolean `exclusiveMinimum`):
// structural findings there are not errors. Around the schemas, the structure must be right.
const SCHEMA_SEGMENT = /\/(schema|schemas|properties|items|allOf|anyOf|oneOf|not|additionalProperties|prefixItems|patternProperties|\$defs)(\/|$)/;

function isError(problem: NormalizedProblem): boolean {
  if (problem.severity !== "error") return false;
  if (problem.ruleId !== "struct") return true;
  const ptr = problem.location[0]?.pointer ?? "";
  return !SCHEMA_SEGMENT.test(ptr.replace(/^#/, ""));
}

let configPromise: Promise<Config> | undefined;
/** The checks every document must pass; openapi-typescript is then run without linting again. */
function lintConfig(): Promise<Config> {
  const { createConfig } = require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
  configPromise ??= createConfig(
    {
      rules: {
        struct: "error",
        "no-unresolved-refs": "error",
        "operation-operationId-unique": "error",
        "path-parameters-defined": "error",
        "path-declaration-must-exist": "error",
        "no-path-trailing-slash": "off",
        "no-identical-paths": "warn",
        "spec-components-invalid-map-name": "off",
      },
    },
    { extends: [] },
  );
  return configPromise;
}

/**
 * load: read → parse once → check it is OpenAPI 3 → lint once → bundle external `$ref`s →
 * canonical key order. `lint: false` is for the fast path, which only needs the hash of a
 * document that was linted when its output was generated.
 */
export async function loadDocument(file: string, cwd = process.cwd(), { lint = true } = {}): Promise<LoadedDocument> {
  const absolute = path.resolve(cwd, file);
  let text: string;
  try {
    text = await readFile(absolute, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new InputError(
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "this is a folder, not a document" : `cannot read the file (${code})`,
      file,
      undefined,
      "give the path of an OpenAPI document (YAML or JSON)",
    );
  }
  const parsed = parseText(text, file);
  checkVersion(parsed, file, text);

  let bundled: OpenApiDocument = parsed;
  let files = [absolute];
  const external = hasExternalRef(parsed, file);
  if (lint || external) {
    const redocly = require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
    const config = await lintConfig();
    const resolver = new redocly.BaseResolver(config.resolve);
    const source = { source: new redocly.Source(absolute, text), parsed };
    if (lint) {
      const problems = await redocly.lintDocument({ document: source, config: config.styleguide, externalRefResolver: resolver });
      const errors = problems.filter(isError);
      if (errors.length > 0) {
        for (const extra of errors.slice(1)) process.stderr.write("error: " + problemToError(extra, absolute, cwd).format() + "\n");
        throw problemToError(errors[0]!, absolute, cwd);
      }
    }
    if (external) {
      const result = await redocly.bundle({ doc: source, config, dereference: false, externalRefResolver: resolver });
      const bundleErrors = result.problems.filter((p) => p.severity === "error");
      if (bundleErrors.length > 0) throw problemToError(bundleErrors[0]!, absolute, cwd);
      bundled = result.bundle.parsed as OpenApiDocument;
    }
    files = [absolute, ...[...resolver.getFiles()].filter((f) => f !== absolute)].sort();
  }
  const document = canonicalize(bundled) as OpenApiDocument;
  return { file, document, hash: documentHash(document), files };
}
