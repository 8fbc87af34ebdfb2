import { isObject, own } from "../document/own.js";
import type { OpenApiDocument } from "../document/types.js";
import { camelCase, toSafeIdentifier } from "./names.js";
import type { EnumList } from "./types.js";

/**
 * Each enum of the document's named schemas as a frozen list of its values, for select boxes and
 * guards: a named enum schema under its name (`PetKind` → `PetKindValues`), an inline enum of a
 * named schema's property under the schema's and the property's names (`Upload.status` →
 * `UploadStatusValues`), an array property's item enum alike. The values are the document's
 * `enum`, in its order (3.1's `null` included). Each list is its own constant, marked pure, so a
 * bundler keeps only those a program uses; `enums.js` is re-exported by the folder's index.
 */

type Json = Record<string, any>;
const isPrimitive = (v: unknown): v is string | number | boolean | null =>
  v === null || typeof v === "string" || typeof v === "boolean" || (typeof v === "number" && Number.isFinite(v));

function pascal(text: string): string {
  const camel = camelCase(text);
  return camel.charAt(0).toUpperCase() + camel.slice(1);
}

/** The schema's own enum values, when it has an enum of primitives and is not an object. */
function enumOf(schema: unknown): Array<string | number | boolean | null> | undefined {
  if (!isObject(schema) || !Array.isArray(schema.enum) || schema.enum.length === 0) return undefined;
  if (schema.type === "object" || schema.properties !== undefined || !schema.enum.every(isPrimitive)) return undefined;
  return schema.enum as Array<string | number | boolean | null>;
}

/** The inline properties of a schema: its own, and those of the inline members of its `allOf`. */
function propertiesOf(schema: Json): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const add = (s: unknown) => {
    if (isObject(s) && isObject(s.properties)) for (const key of Object.keys(s.properties)) out.push([key, own(s.properties, key)]);
  };
  add(schema);
  if (Array.isArray(schema.allOf)) for (const member of schema.allOf) if (isObject(member) && member.$ref === undefined) add(member);
  return out;
}

/** Every enum list, named; a name another export already has gets a `_` (see `toSafeIdentifier`). */
export function enumLists(document: OpenApiDocument, reserved: ReadonlySet<string>): EnumList[] {
  const schemas = (document.components?.schemas ?? {}) as Record<string, unknown>;
  const found: Array<{ base: string; source: string; values: EnumList["values"] }> = [];
  const names = Object.keys(schemas).sort();
  for (const name of names) {
    const values = enumOf(own(schemas, name));
    if (values) found.push({ base: `${pascal(name)}Values`, source: name, values });
  }
  for (const name of names) {
    const schema = own(schemas, name);
    if (!isObject(schema)) continue;
    for (const [property, raw] of propertiesOf(schema)) {
      const values = enumOf(raw) ?? (isObject(raw) && raw.type === "array" ? enumOf(raw.items) : undefined);
      if (values) found.push({ base: `${pascal(name)}${pascal(property)}Values`, source: `${name}.${property}`, values });
    }
  }
  const taken = new Set(reserved);
  return found.map(({ base, source, values }) => {
    const name = toSafeIdentifier(base, taken);
    taken.add(name);
    return { name, source, values };
  });
}
