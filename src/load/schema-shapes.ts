import { pointer, pointerSegments } from "../document/pointer.js";
import { forEachSchemaRoot } from "../document/schema-roots.js";
import { LIST, MAP, ONE } from "../document/schema-walk.js";
import type { OpenApiDocument } from "../document/types.js";
import { InputError } from "../util/input-error.js";

type Locate = (ptr: string) => { pointer: string; line?: number; column?: number };

/**
 * Every schema of the document is a Schema Object or a boolean, with its subschemas where their
 * keywords say (a list under `allOf`, a mapping under `properties`). The linter lets structural
 * faults inside schemas through (documents mix the keywords of OpenAPI's versions, which
 * openapi-typescript reads as it can); a schema that is a string or a number, though, is nothing
 * any step can read. Found here, it is an input error at its place.
 */
export function checkSchemaShapes(doc: unknown, file: string, locate: Locate): void {
  const fail = (path: string[], what: string) =>
    new InputError({
      message: `${what}, received ${describe(valueAt(doc, path))}`,
      file,
      ...locate(pointer(path)),
      fix: "write a Schema Object here (a mapping such as { type: string }), or remove it",
    });
  const schemas: Array<[unknown, string[]]> = [];
  const schema = (value: unknown, path: string[]) => {
    if (typeof value === "boolean") return;
    if (value === null || typeof value !== "object" || Array.isArray(value))
      throw fail(path, "a schema must be a Schema Object or a boolean");
    schemas.push([value, path]);
  };
  // The document's structure: every `schema` of a parameter, header or media type, and components.schemas.
  forEachSchemaRoot(doc as OpenApiDocument, (value, at) => schema(value, pointerSegments(at)));
  // Each schema's subschemas.
  while (schemas.length > 0) {
    const [node, path] = schemas.pop()!;
    const s = node as Record<string, unknown>;
    if (s.$ref !== undefined && typeof s.$ref !== "string") throw fail([...path, "$ref"], "`$ref` must be a string");
    if (onlyNull(s)) throw fail([...path, "enum"], "an enum of only null on a schema whose type does not allow null admits no value");
    for (const key of ONE) {
      if (s[key] === undefined) continue;
      if (key === "items" && Array.isArray(s[key])) (s[key] as unknown[]).forEach((v, i) => schema(v, [...path, key, String(i)]));
      else schema(s[key], [...path, key]);
    }
    for (const key of LIST) {
      if (s[key] === undefined) continue;
      if (!Array.isArray(s[key])) throw fail([...path, key], `\`${key}\` must be a list of schemas`);
      (s[key] as unknown[]).forEach((v, i) => schema(v, [...path, key, String(i)]));
    }
    for (const key of MAP) {
      const map = s[key];
      if (map === undefined) continue;
      if (map === null || typeof map !== "object" || Array.isArray(map)) throw fail([...path, key], `\`${key}\` must map names to schemas`);
      for (const [name, v] of Object.entries(map)) schema(v, [...path, key, name]);
    }
  }
}

/** `{ type: string, enum: [null] }`: openapi-typescript drops the null and writes a member with no type (TS7008). */
function onlyNull(s: Record<string, unknown>): boolean {
  if (!Array.isArray(s.enum) || s.enum.length === 0 || s.enum.some((v) => v !== null)) return false;
  const types = Array.isArray(s.type) ? s.type : [s.type];
  return s.type !== undefined && !types.includes("null") && s.nullable !== true;
}

function valueAt(doc: unknown, path: string[]): unknown {
  let node = doc;
  for (const step of path) node = (node as Record<string, unknown>)[step];
  return node;
}

const describe = (value: unknown) =>
  value === null
    ? "null"
    : Array.isArray(value)
      ? "a list"
      : typeof value === "string"
        ? `the string ${JSON.stringify(value.slice(0, 40))}`
        : `${typeof value} ${JSON.stringify(value)}`;
