import type { OpenApiDocument } from "../document/types.js";
import { breakAliasCycles } from "./alias-cycles.js";
import { requiredBranches } from "./composition.js";
import { explicitDiscriminators } from "./discriminators.js";
import { exclusiveBranches } from "./exclusive-branches.js";
import { impliedArray } from "./implied-array.js";
import { inlineRefs } from "./inline-refs.js";
import { nullTypeAsNullable } from "./null-type.js";
import { memberDiscriminator } from "./member-discriminator.js";
import { liftNullableFromAllOf } from "./nullable-in-allof.js";
import { readWriteViews } from "./read-write-views.js";
import { applySchemaRules, type SchemaRule } from "./schema-rules.js";
import { declareRequired } from "./required-undeclared.js";

export interface Normalised {
  document: OpenApiDocument;
  /** One line per rewrite, for the header of `schema.d.ts`. */
  notes: string[];
}

/**
 * The one home of the schemas: the document as every emitter reads it. Types (openapi-typescript)
 * and validators both read `document`, so they agree by construction.
 */
export interface SchemaHome {
  /** Normalised, with each component as requests see it and as responses do (see `readWriteViews`). */
  document: OpenApiDocument;
  /** Normalised, before the views: the schemas under the names the document gives them. */
  written: OpenApiDocument;
  notes: string[];
}

/**
 * Documents say more than a strict reader hears. Each step settles one of OpenAPI's meanings that
 * openapi-typescript (or a validator) would otherwise read wrongly, copy-on-write, and says what it
 * did. Rules that read one schema at a time run together, in one walk.
 */
const SCHEMA_RULES: readonly SchemaRule[] = [
  liftNullableFromAllOf,
  nullTypeAsNullable,
  impliedArray,
  requiredBranches,
  declareRequired,
  exclusiveBranches,
  memberDiscriminator,
];
const STEPS: ReadonlyArray<(document: OpenApiDocument) => Normalised> = [
  inlineRefs,
  // Before the rules: `requiredBranches` moves an `anyOf` beside properties, where a discriminator's branches are read.
  explicitDiscriminators,
  (document) => applySchemaRules(document, SCHEMA_RULES),
];

function run(document: OpenApiDocument, steps: ReadonlyArray<(document: OpenApiDocument) => Normalised>, notes: string[]): OpenApiDocument {
  let current = document;
  for (const step of steps) {
    const result = step(current);
    current = result.document;
    notes.push(...result.notes);
  }
  return current;
}

/** The schema home of a (bundled, selected) document; `views: false` keeps one view for both directions. */
export function normalise(document: OpenApiDocument, options: { views?: boolean } = {}): SchemaHome {
  const notes: string[] = [];
  const written = run(document, STEPS, notes);
  const viewNotes: string[] = [];
  const viewed = options.views === false ? written : run(written, [readWriteViews], viewNotes);
  notes.push(...viewNotes.map((n) => `view: ${n}`));
  return { document: run(viewed, [breakAliasCycles], notes), written, notes };
}
