import path from "node:path";
import { createRequire } from "node:module";
import type { Config, NormalizedProblem } from "@redocly/openapi-core";
import type { Problem } from "../util/input-error.js";
import { refusalFix } from "./access.js";
import { isUrl } from "./input-name.js";
import { SCHEMA_KEYS } from "./local-refs.js";
import { locator, type Position } from "./locate.js";
import type { OriginalPointer } from "./swagger-pointer.js";

const require = createRequire(import.meta.url);

/** The rules every document must pass. openapi-typescript is then run without linting again. */
const RULES = {
  struct: "error",
  "no-unresolved-refs": "error",
  "operation-operationId-unique": "error",
  // openapi-typescript writes a parameter declared twice twice: the types do not compile (TS2300).
  "operation-parameters-unique": "error",
  "path-parameters-defined": "error",
  "path-declaration-must-exist": "error",
  "no-path-trailing-slash": "off",
  "no-identical-paths": "warn",
  "spec-components-invalid-map-name": "off",
} as const;

const FIXES: Record<string, string> = {
  "no-unresolved-refs": "point the $ref at something that exists (a `#/components/...` pointer or a relative file path)",
  struct: "make this part of the document match the OpenAPI specification",
  "operation-operationId-unique": "give each operation its own operationId",
  "operation-parameters-unique": "declare each parameter (name and `in`) once in a list: remove the copy",
  "path-parameters-defined":
    "declare every `{name}` of the path as a parameter with `in: path`, and no others (the client sends an undeclared one as a string)",
};

/** What to do about a finding, as specific as its place allows (and in Swagger 2.0 terms for a converted document). */
function fixFor(finding: NormalizedProblem, ptr: string | undefined, swagger: boolean): string {
  // Bundling a Swagger 2.0 document (before it is converted and linted) reports the same `$ref`s.
  const rule = finding.ruleId === "bundler" && /^Can't resolve \$ref/.test(finding.message) ? "no-unresolved-refs" : finding.ruleId;
  const refused = rule === "no-unresolved-refs" ? refusalFix(finding.message) : undefined;
  if (refused) return refused;
  if (swagger && rule === "no-unresolved-refs") {
    return "point the $ref at something that exists (a `#/definitions/...`, `#/parameters/...` or `#/responses/...` pointer, or a relative file path)";
  }
  if (rule === "no-unresolved-refs" && ptr !== undefined && /\/discriminator\/mapping\//.test(ptr)) {
    return "a discriminator mapping value names a schema: make it the name of one in `components.schemas`, or a `#/components/schemas/...` reference to one that exists";
  }
  return FIXES[rule] ?? `see the \`${rule}\` rule of Redocly's OpenAPI linter`;
}

// Inside a schema, openapi-typescript reads what it understands and real documents carry
// keywords of the other OpenAPI version (`nullable` in 3.1, a boolean `exclusiveMinimum`):
// structural findings there are not errors. Around the schemas, the structure must be right.
const SCHEMA_SEGMENT = new RegExp(`/(${[...SCHEMA_KEYS].map((k) => k.replace("$", "\\$")).join("|")})(/|$)`);

export type Severity = "error" | "warning" | "ignore";

/**
 * Findings that change nothing on the wire: the client is generated, and the finding is shown as
 * a warning with its place. (A missing `info.title` or response `description`, an integer
 * `info.version`, a 3.0 document without `paths`, a path parameter an operation forgot to declare,
 * which the client then sends as a string.)
 */
function isHarmless(problem: NormalizedProblem, ptr: string): boolean {
  if (problem.ruleId === "path-parameters-defined") return true;
  if (problem.ruleId !== "struct") return false;
  if (ptr === "/info" || ptr.startsWith("/info/")) return true;
  if (/^The field `description` must be present/.test(problem.message)) return true;
  // OpenAPI 3.0 requires `responses`, 3.1 does not: an operation without them resolves what it gets, typed unknown.
  if (/^The field `responses` must be present/.test(problem.message)) return true;
  // OpenAPI 3.1 says it as "at least one of paths, components, webhooks".
  return (
    ptr === "" && /^(The field `paths` must be present|Must contain at least one of the following fields: paths\b)/.test(problem.message)
  );
}

/** Redocly reads a path template's parameter names as ASCII words: `{æøå}` is "not used" although it is. */
function isFalseUnusedParameter(problem: NormalizedProblem): boolean {
  const m = /^Path parameter `(.+)` is not used in the path `(.+)`\.$/.exec(problem.message);
  return m !== null && m[2]!.includes(`{${m[1]}}`);
}

/** How much a finding matters to the generated client. */
export function severityOf(problem: NormalizedProblem): Severity {
  if (problem.severity !== "error" || isFalseUnusedParameter(problem)) return "ignore";
  const ptr = (problem.location[0]?.pointer ?? "").replace(/^#/, "").replace(/^\/$/, "");
  if (isHarmless(problem, ptr)) return "warning";
  if (problem.ruleId !== "struct") return "error";
  return SCHEMA_SEGMENT.test(ptr) ? "ignore" : "error";
}

/**
 * The document's types as the linter knows them, with schemas opaque: it then walks no schema. Only
 * for a document whose references `refsResolveLocally`: what it would find inside schemas is then
 * all ignored (`severityOf`).
 */
export function typesWithoutSchemas(redocly: typeof import("@redocly/openapi-core"), document: unknown) {
  const types = redocly.getTypes(redocly.detectSpec(document));
  const opaque = { properties: {}, additionalProperties: {} };
  return { ...types, Schema: opaque, NamedSchemas: opaque };
}

let configPromise: Promise<Config> | undefined;
export function lintConfig(): Promise<Config> {
  const { createConfig } = require("@redocly/openapi-core") as typeof import("@redocly/openapi-core");
  configPromise ??= createConfig({ rules: RULES }, { extends: [] });
  return configPromise;
}

/** A file as messages show it: a URL as it is, a path relative to where the generator runs. */
function shownFile(absolute: string, cwd: string): string {
  return isUrl(absolute) ? absolute : path.relative(cwd, absolute) || absolute;
}

/**
 * Redocly's findings as problems, each once, located with one parse per file they point into
 * (not one per finding: a document with a hundred findings is read twice, not a hundred times).
 * For a Swagger 2.0 document (`swagger`), fixes speak of its sections; `mapRoot` places the
 * pointers of its conversion: the root source's text is then the Swagger text, and each pointer
 * becomes the one of the node that produced it there.
 */
export function toProblems(
  findings: readonly NormalizedProblem[],
  rootFile: string,
  cwd: string,
  { swagger = false, mapRoot }: { swagger?: boolean; mapRoot?: (ptr: string) => OriginalPointer } = {},
): Problem[] {
  const locators = new Map<string, (ptr: string) => Position | undefined>();
  const seen = new Set<string>();
  const problems: Problem[] = [];
  for (const finding of findings) {
    const loc = finding.location[0];
    const absolute = loc?.source.absoluteRef ?? rootFile;
    const file = shownFile(absolute, cwd);
    const found = loc?.pointer?.replace(/^#/, "");
    let ptr = found;
    let message = finding.message;
    if (mapRoot && found !== undefined && absolute === rootFile) {
      const original = mapRoot(found);
      ptr = original.pointer;
      if (!original.exact) message += ` (at ${found || "/"} of its conversion to OpenAPI 3, shown at the nearest Swagger 2.0 node)`;
    }
    const key = `${file}\0${ptr}\0${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let position: Position | undefined;
    if (loc && ptr !== undefined) {
      let find = locators.get(absolute);
      if (!find) locators.set(absolute, (find = locator(loc.source.body)));
      position = find(ptr);
    }
    problems.push({
      message,
      file,
      ...position,
      ...(ptr !== undefined ? { pointer: ptr } : {}),
      fix: fixFor(finding, found, swagger),
    });
  }
  return problems;
}
