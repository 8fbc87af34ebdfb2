import type { OpenApiDocument, Operation, Parameter, PathItem, SchemaObject } from "../load/document.js";
import { resolve } from "../load/refs.js";
import { InputError } from "../util/input-error.js";
import { describeSchema } from "./describe-schema.js";
import { LOCATIONS, type ParameterLocation, type ParameterModel, type PrimitiveType } from "./types.js";

const PRIMITIVES = new Set(["string", "number", "integer", "boolean"]);

/** `string` for `{ type: string }` and `{ type: [string, "null"] }`; undefined when it is not one primitive. */
function primitiveType(doc: OpenApiDocument, schema: unknown, file: string, at: string): PrimitiveType | undefined {
  const s = resolve<SchemaObject>(doc, schema as SchemaObject, file, at) ?? {};
  const types = (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null");
  return types.length === 1 && PRIMITIVES.has(types[0] as string) ? (types[0] as PrimitiveType) : undefined;
}

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() !== "" ? value : undefined);

/** Path-level parameters, overridden by operation-level ones of the same name and location; sorted by location, then name. */
export function parametersOf(doc: OpenApiDocument, file: string, pathItem: PathItem, op: Operation, opPointer: string, itemPointer: string): ParameterModel[] {
  const byKey = new Map<string, ParameterModel>();
  const collect = (list: unknown, at: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const p = resolve<Parameter>(doc, raw, file, `${at}/parameters/${i}`) ?? {};
      if (typeof p.name !== "string" || !LOCATIONS.includes(p.in as ParameterLocation)) return;
      const location = p.in as ParameterLocation;
      const type = location === "path" && p.schema ? primitiveType(doc, p.schema, file, `${at}/parameters/${i}/schema`) : undefined;
      byKey.set(`${location}\u0000${p.name}`, {
        name: p.name,
        in: location,
        required: location === "path" ? true : p.required === true,
        deprecated: p.deprecated === true,
        ...(text(p.description) ? { description: p.description } : {}),
        ...(type ? { type } : {}),
        schemaType: describeSchema(p.schema, doc),
      });
    });
  };
  collect(pathItem.parameters, itemPointer);
  collect(op.parameters, opPointer);
  const params = [...byKey.values()].sort((a, b) => LOCATIONS.indexOf(a.in) - LOCATIONS.indexOf(b.in) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const seen = new Map<string, ParameterLocation>();
  for (const p of params) {
    const other = seen.get(p.name);
    if (other !== undefined || (p.name === "body" && op.requestBody !== undefined)) {
      throw new InputError({
        message: `parameter "${p.name}" appears both in ${other ?? "the request body"} and in ${p.in}; the client passes parameters by name, so they would clash`,
        file,
        pointer: opPointer,
        fix: "rename one of them in the document (the names on the wire are what the client sends)",
      });
    }
    seen.set(p.name, p.in);
  }
  return params;
}
