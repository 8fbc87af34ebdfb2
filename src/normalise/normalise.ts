import type { OpenApiDocument } from "../load/document.js";
import { liftNullableFromAllOf } from "./nullable-in-allof.js";

export interface Normalised {
  document: OpenApiDocument;
  /** One line per rewrite, for the header of `schema.d.ts`. */
  notes: string[];
}

/**
 * Documents say more than a strict reader hears. Each step rewrites one pattern that
 * openapi-typescript would otherwise type wrongly, copy-on-write, and says what it did.
 */
const STEPS: ReadonlyArray<(document: OpenApiDocument) => Normalised> = [liftNullableFromAllOf];

export function normalise(document: OpenApiDocument): Normalised {
  const notes: string[] = [];
  let current = document;
  for (const step of STEPS) {
    const result = step(current);
    current = result.document;
    notes.push(...result.notes);
  }
  return { document: current, notes };
}
