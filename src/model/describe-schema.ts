import type { OpenApiDocument, Schema, SchemaObject } from "../document/types.js";
import { schemaNameOf } from "../document/component-names.js";
import { own } from "../document/own.js";
import { deref } from "../document/refs.js";
import { unionText, wrapComposite } from "./type-text.js";

/** A short, stable type text of a schema: `string`, `"a" | "b"`, `Upload[]`, `{ id: string; n?: integer }`. */
export function describeSchema(schema: Schema | undefined, doc: OpenApiDocument, depth = 0): string {
  if (schema === true || schema === undefined) return "unknown";
  if (schema === false) return "never";
  const s = schema as SchemaObject;
  if (typeof s.$ref === "string") {
    const name = schemaNameOf(s.$ref);
    if (name !== undefined) return name;
    const target = deref<Schema>(doc, s);
    return depth > 4 || target === undefined ? "unknown" : describeSchema(target, doc, depth + 1);
  }
  let text: string;
  if (Array.isArray(s.enum)) text = unionText(s.enum.map((v) => JSON.stringify(v)));
  else if ("const" in s) text = JSON.stringify(s.const);
  else if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf))
    text = unionText((s.oneOf ?? s.anyOf)!.map((m) => wrapComposite(describeSchema(m, doc, depth + 1))));
  else if (Array.isArray(s.allOf)) text = s.allOf.map((m) => wrapComposite(describeSchema(m, doc, depth + 1))).join(" & ");
  else {
    const types: string[] = Array.isArray(s.type)
      ? s.type
      : typeof s.type === "string"
        ? [s.type]
        : s.properties
          ? ["object"]
          : s.items
            ? ["array"]
            : [];
    text =
      unionText(
        types.map((t) => {
          if (t === "array") return `${wrapComposite(describeSchema(s.items, doc, depth + 1))}[]`;
          if (t === "object" && s.properties && depth < 3) {
            const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
            const props = Object.keys(s.properties).map(
              (k) => `${k}${required.has(k) ? "" : "?"}: ${describeSchema(own(s.properties, k), doc, depth + 1)}`,
            );
            return `{ ${props.join("; ")} }`;
          }
          if (t === "string" && s.format === "binary") return "binary";
          return t;
        }),
      ) || "unknown";
  }
  return s.nullable === true && !/\bnull$/.test(text) ? unionText([text, "null"]) : text;
}
