import type { EnumList } from "../model/types.js";
import { commentText, stringLiteral } from "./text.js";

/** `enums.js` and `enums.d.ts`: the model's enum lists (see `enumLists`), one frozen array each. */

const valueText = (v: string | number | boolean | null) => (typeof v === "string" ? stringLiteral(v) : String(v));
const tuple = (values: EnumList["values"]) => `[${values.map(valueText).join(", ")}]`;

/** `enums.js`: one frozen array per enum. */
export function emitEnumModule(lists: readonly EnumList[]): string {
  if (lists.length === 0) return "// The document's named schemas declare no enum.\nexport {};\n";
  return lists.map((l) => `export const ${l.name} = /* @__PURE__ */ Object.freeze(${tuple(l.values)});\n`).join("");
}

/** `enums.d.ts`: each list as a readonly tuple of its values. */
export function emitEnumDeclarations(lists: readonly EnumList[]): string {
  if (lists.length === 0) return "export {};\n";
  return lists
    .map((l) => `/** The values of \`${commentText(l.source)}\`. */\nexport declare const ${l.name}: readonly ${tuple(l.values)};\n`)
    .join("");
}
