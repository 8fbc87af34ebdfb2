import { isObject } from "../document/own.js";
import { deref } from "../document/refs.js";
import { mapSchemaRoots } from "../document/schema-roots.js";
import { mapSubschemas } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import type { Normalised } from "./normalise.js";

/**
 * A rule that reads one schema object (its subschemas already rewritten) and returns it, or a
 * rewritten copy, saying what it did through `note`. Rules that need only the schema in front of
 * them run together in one walk of the document (`applySchemaRules`), not one walk each.
 */
export type SchemaRule = (
  schema: Record<string, any>,
  at: string,
  note: (text: string) => void,
  context: RuleContext,
) => Record<string, any>;

/** What a rule may read beyond the schema in front of it. */
export interface RuleContext {
  /** A node, its `$ref`s followed (in the document before this walk). */
  deref: (node: unknown) => unknown;
}

/** Every schema of the document, bottom-up, through each rule in turn, copy-on-write. */
export function applySchemaRules(document: OpenApiDocument, rules: readonly SchemaRule[]): Normalised {
  const notes: string[] = [];
  const note = (text: string) => notes.push(text);
  const context: RuleContext = { deref: (node) => deref(document, node) };
  const visit = (schema: unknown, at: string): unknown => {
    const inner = mapSubschemas(schema, (sub, [keyword, key]) =>
      visit(sub, `${at}/${keyword}${key === undefined ? "" : `/${String(key).replace(/~/g, "~0").replace(/\//g, "~1")}`}`),
    );
    if (!isObject(inner)) return inner;
    let out = inner;
    for (const rule of rules) out = rule(out, at, note, context);
    return out;
  };
  return { document: mapSchemaRoots(document, visit), notes };
}
