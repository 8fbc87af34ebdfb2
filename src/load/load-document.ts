import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { InputError, type Warning } from "../util/input-error.js";
import { canonicalize, documentHash } from "./canonical.js";
import type { OpenApiDocument } from "./document.js";
import { lintConfig, severityOf, toProblems } from "./lint.js";
import { locate } from "./locate.js";
import { parseText } from "./parse-text.js";

const require = createRequire(import.meta.url);

export interface LoadedDocument {
  /** Path as the user gave it, for messages and headers. */
  file: string;
  /** The document with external `$ref`s bundled in (internal ones kept), in canonical key order. */
  document: OpenApiDocument;
  /** sha256 of the document's canonical JSON: key order and formatting do not change it. */
  hash: string;
  /** Every file the document is made of (absolute paths), for watch mode. */
  files: string[];
  /** Findings that do not stop generation. */
  warnings: Warning[];
}

async function readDocumentText(absolute: string, file: string): Promise<string> {
  try {
    return await readFile(absolute, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const message =
      code === "ENOENT" ? "file not found" : code === "EISDIR" ? "this is a folder, not a document" : `cannot read the file (${code})`;
    throw new InputError({ message, file, fix: "give the path of an OpenAPI document (YAML or JSON)" });
  }
}

function checkVersion(doc: unknown, file: string, text: string): asserts doc is OpenApiDocument {
  if (doc === null || typeof doc !== "object" || Array.isArray(doc)) {
    throw new InputError({
      message: "the document is not an object",
      file,
      fix: "an OpenAPI document is a mapping with `openapi`, `info` and `paths` at the top",
    });
  }
  const d = doc as Record<string, unknown>;
  if (d.swagger !== undefined) {
    throw new InputError({
      message: `Swagger ${String(d.swagger)} is not supported, only OpenAPI 3.0 and 3.1`,
      file,
      ...locate(text, "/swagger"),
      pointer: "/swagger",
      fix: "convert the document to OpenAPI 3 first (for example with swagger2openapi)",
    });
  }
  if (typeof d.openapi !== "string" || !/^3\.[01]\.\d+/.test(d.openapi)) {
    throw new InputError({
      message:
        d.openapi === undefined
          ? "this is not an OpenAPI document: it has no `openapi` field"
          : `unsupported OpenAPI version ${JSON.stringify(d.openapi)}`,
      file,
      ...(d.openapi === undefined ? {} : { ...locate(text, "/openapi"), pointer: "/openapi" }),
      fix: "set `openapi: 3.1.0` (or 3.0.x) at the top of an OpenAPI 3 document",
    });
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

/**
 * load: read → parse once → check it is OpenAPI 3 → lint once → bundle external `$ref`s →
 * canonical key order. `lint: false` is for the fast path, which only needs the hash of a
 * document that was linted when its output was generated.
 */
export async function loadDocument(file: string, cwd = process.cwd(), { lint = true } = {}): Promise<LoadedDocument> {
  const absolute = path.resolve(cwd, file);
  const text = await readDocumentText(absolute, file);
  const parsed = parseText(text, file);
  checkVersion(parsed, file, text);

  let bundled: OpenApiDocument = parsed;
  let files = [absolute];
  const warnings: Warning[] = [];
  const external = hasExternalRef(parsed, file);
  if (lint || external) {
    const redocly = require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
    const config = await lintConfig();
    const resolver = new redocly.BaseResolver(config.resolve);
    const source = { source: new redocly.Source(absolute, text), parsed };
    if (lint) {
      const findings = await redocly.lintDocument({ document: source, config: config.styleguide, externalRefResolver: resolver });
      const errors = toProblems(
        findings.filter((f) => severityOf(f) === "error"),
        absolute,
        cwd,
      );
      if (errors.length > 0) throw new InputError(errors);
      warnings.push(
        ...toProblems(
          findings.filter((f) => severityOf(f) === "warning"),
          absolute,
          cwd,
        ),
      );
    }
    if (external) {
      const result = await redocly.bundle({ doc: source, config, dereference: false, externalRefResolver: resolver });
      const errors = toProblems(
        result.problems.filter((p) => p.severity === "error"),
        absolute,
        cwd,
      );
      if (errors.length > 0) throw new InputError(errors);
      bundled = result.bundle.parsed as OpenApiDocument;
    }
    files = [absolute, ...[...resolver.getFiles()].filter((f) => f !== absolute)].sort();
  }
  const document = canonicalize(bundled) as OpenApiDocument;
  return { file, document, hash: documentHash(document), files, warnings };
}
