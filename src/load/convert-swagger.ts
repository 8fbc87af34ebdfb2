import { createRequire } from "node:module";
import { InputError } from "../util/input-error.js";
import { follow, isObject } from "../document/own.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import type { OpenApiDocument } from "../document/types.js";

const require = createRequire(import.meta.url);

/** The one function of swagger2openapi used here (it ships no types). */
interface Swagger2OpenApi {
  convertObj(swagger: object, options: Record<string, unknown>): Promise<OpenApiDocument>;
}

/** What the converter could not carry over exactly, at the place in the converted document. */
export interface ConversionNote {
  pointer: string;
  message: string;
}

const WARNING = "x-s2o-warning";

/** Whether the node at `at` (a pointer into the converted document) is a query parameter. */
function isQueryParameter(document: OpenApiDocument, at: string): boolean {
  const node = follow(document, pointerSegments(at));
  return isObject(node) && node.in === "query";
}

/** Takes the converter's `x-s2o-warning` marks out of the document, as notes with their places. */
function takeNotes(root: unknown): ConversionNote[] {
  const notes: ConversionNote[] = [];
  const visit = (node: unknown, at: string[]) => {
    if (node === null || typeof node !== "object") return;
    if (!Array.isArray(node) && Object.hasOwn(node, WARNING)) {
      notes.push({ pointer: pointer(at), message: String((node as Record<string, unknown>)[WARNING]) });
      delete (node as Record<string, unknown>)[WARNING];
    }
    for (const [key, value] of Object.entries(node)) if (typeof value === "object") visit(value, [...at, key]);
  };
  visit(root, []);
  return notes;
}

/**
 * A Swagger 2.0 document as OpenAPI 3.0, converted by swagger2openapi (the converter Redoc and
 * most OpenAPI tools use): it fixes what it safely can (`patch`: a missing parameter type, a
 * path parameter not marked required), marks what it cannot carry over (`warnOnly`: a
 * `collectionFormat: tsv`), and copies YAML aliases rather than refusing them (`anchors`).
 * `swagger` keeps its content (the converter only replaces objects that YAML aliases share with
 * copies); `text` is its source, which saves the converter re-serialising it.
 */
export async function convertSwagger(
  swagger: object,
  text: string,
  file: string,
): Promise<{ document: OpenApiDocument; notes: ConversionNote[] }> {
  const s2o = require("swagger2openapi") as Swagger2OpenApi;
  let document: OpenApiDocument;
  try {
    document = await s2o.convertObj(swagger, {
      patch: true,
      warnOnly: true,
      anchors: true,
      resolve: false,
      direct: true,
      text,
    });
  } catch (err) {
    throw new InputError({
      message: `cannot convert this Swagger 2.0 document to OpenAPI 3: ${(err as Error).message}`,
      file,
      fix: "correct the Swagger 2.0 document there, or convert it to OpenAPI 3 with another tool and generate from that",
    });
  }
  // The client sends a query `collectionFormat: tsv` tab-separated (the converter marks it `x-collectionFormat`).
  const carried = (note: ConversionNote) =>
    /collectionFormat:tsv/.test(note.message) && /\/parameters\/\d+$/.test(note.pointer) && isQueryParameter(document, note.pointer);
  return { document, notes: takeNotes(document).filter((note) => !carried(note)) };
}
