import { follow } from "../document/own.js";

/** The keys under which schemas stand: a pointer through one of them is inside a schema (lint.ts ignores its structure). */
export const SCHEMA_KEYS = new Set([
  "schema",
  "schemas",
  "properties",
  "items",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "additionalProperties",
  "prefixItems",
  "patternProperties",
  "$defs",
]);

/**
 * A `$ref` fragment's segments as Redocly reads them (`#/a~1b/c%20d` → `a/b`, `c d`), or undefined
 * for one it could read otherwise (an anchor, another file, a second `#/`, a bad escape).
 */
function localSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#/") || ref.indexOf("#/", 1) !== -1) return undefined;
  try {
    return ref
      .slice(2)
      .split("/")
      .map((s) => decodeURIComponent(s.replace(/~1/g, "/").replace(/~0/g, "~")))
      .filter((s) => s !== "");
  } catch {
    return undefined;
  }
}

/** Redocly reads a discriminator mapping value as a reference when it looks like one (its `isMappingRef`). */
const isMappingRef = (value: string) => /^(#|https?:\/\/|\.\.?\/)/.test(value) || value.includes("/");

/** A schema's keys whose values are data, not schemas: the linter walks none of them as a schema. */
const DATA_KEYS = new Set(["example", "examples", "default", "enum", "const"]);

/** Where a node stands: outside schemas, at a schema's place, or in data inside a schema (an `example`). */
type Place = "outside" | "schema" | "data";

/**
 * Whether every reference of the document (each `$ref`, and each discriminator mapping value
 * Redocly reads as one) points at an object of this document through its own keys, and each
 * made at a schema's place points at a schema's place. Then the linter has nothing to report
 * inside schemas that lint.ts keeps (their structure is ignored, and no reference there is
 * unresolved), so it need not walk them: on OpenAI's and GitHub's documents, most of its time.
 */
export function refsResolveLocally(document: unknown): boolean {
  const resolves = (ref: unknown, place: Place): boolean => {
    if (typeof ref !== "string") return false;
    const segments = localSegments(ref);
    if (segments === undefined) return false;
    const target = follow(document, segments);
    if (target === null || typeof target !== "object") return false;
    // The linter walks a schema's target as a schema: its structure is ignored only at a schema's place.
    return place !== "schema" || segments.some((s) => SCHEMA_KEYS.has(s));
  };
  const mappingResolves = (discriminator: unknown): boolean => {
    const mapping = (discriminator as { mapping?: unknown } | null)?.mapping;
    if (mapping === null || typeof mapping !== "object") return true;
    return Object.values(mapping).every((target) => typeof target !== "string" || !isMappingRef(target) || resolves(target, "schema"));
  };
  const stack: Array<[unknown, Place]> = [[document, "outside"]];
  while (stack.length > 0) {
    const [node, place] = stack.pop()!;
    if (Array.isArray(node)) {
      for (const item of node) if (item !== null && typeof item === "object") stack.push([item, place]);
      continue;
    }
    const record = node as Record<string, unknown>;
    if (Object.hasOwn(record, "$ref") && !resolves(record.$ref, place)) return false;
    for (const key in record) {
      if (!Object.hasOwn(record, key)) continue;
      const value = record[key];
      if (key === "discriminator" && !mappingResolves(value)) return false;
      if (value === null || typeof value !== "object") continue;
      const next = place === "data" ? "data" : place === "schema" && DATA_KEYS.has(key) ? "data" : SCHEMA_KEYS.has(key) ? "schema" : place;
      stack.push([value, next]);
    }
  }
  return true;
}
