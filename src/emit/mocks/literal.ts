import { isIdentifier } from "../../model/names.js";
import { objectKey, stringLiteral } from "../text.js";

/**
 * Example values as JavaScript source: every value that appears more than once (a component's
 * example, shared by identity) becomes a constant declared before its first use, so each is
 * written once. Keys and strings go through `objectKey` and `stringLiteral`: a document's text
 * cannot end a literal early.
 */
export interface Literals {
  /** `const exampleUpload = {...};`, each after those it uses. */
  declarations: string[];
  /** The expression for a value: a constant's name, or a literal. */
  expression(value: unknown): string;
  /** The same, an object or a list always as a constant, named after `hint` unless it has a name. */
  constant(value: unknown, hint: string): string;
}

const isComposite = (v: unknown): v is object => typeof v === "object" && v !== null;

export function literals(values: readonly unknown[], names: ReadonlyMap<unknown, string>, reserved: ReadonlySet<string>): Literals {
  const uses = new Map<object, number>();
  const count = (v: unknown) => {
    if (!isComposite(v)) return;
    const n = (uses.get(v) ?? 0) + 1;
    uses.set(v, n);
    if (n === 1) for (const child of Object.values(v)) count(child);
  };
  values.forEach(count);
  const constants = new Map<object, string>();
  const taken = new Set(reserved);
  const declarations: string[] = [];
  const nameFor = (v: object, fallback = "shared") => {
    const hint = names.get(v) ?? fallback;
    const base = `example${hint.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? "").toUpperCase()).replace(/^[a-z]/, (c) => c.toUpperCase())}`;
    let name = isIdentifier(base) ? base : "exampleShared";
    for (let n = 2; taken.has(name); n++) name = `${isIdentifier(base) ? base : "exampleShared"}${n}`;
    taken.add(name);
    return name;
  };
  const write = (v: unknown, indent: string): string => {
    if (!isComposite(v)) return v === undefined ? "undefined" : typeof v === "string" ? stringLiteral(v) : String(JSON.stringify(v));
    const known = constants.get(v);
    if (known) return known;
    if ((uses.get(v) ?? 0) > 1) {
      const name = nameFor(v);
      // Declared before the value that first uses it: its own parts first.
      const text = literal(v, "");
      constants.set(v, name);
      declarations.push(`const ${name} = ${text};`);
      return name;
    }
    return literal(v, indent);
  };
  const literal = (v: object, indent: string): string => {
    const inner = `${indent}  `;
    if (Array.isArray(v)) return v.length === 0 ? "[]" : `[\n${v.map((x) => `${inner}${write(x, inner)},`).join("\n")}\n${indent}]`;
    const entries = Object.entries(v);
    return entries.length === 0
      ? "{}"
      : `{\n${entries.map(([k, x]) => `${inner}${objectKey(k)}: ${write(x, inner)},`).join("\n")}\n${indent}}`;
  };
  const constant = (v: unknown, hint: string): string => {
    if (!isComposite(v) || constants.has(v) || (uses.get(v) ?? 0) > 1) return write(v, "");
    const text = literal(v, "");
    const name = nameFor(v, hint);
    constants.set(v, name);
    declarations.push(`const ${name} = ${text};`);
    return name;
  };
  return { declarations, expression: (v) => write(v, ""), constant };
}
