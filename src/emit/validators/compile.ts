import { follow, isObject } from "../../document/own.js";
import { pointer, pointerSegments } from "../../document/pointer.js";
import { STRING_FORMATS } from "./helpers.js";

/**
 * Compiles JSON Schema (the 2020-12 keywords OpenAPI uses, plus `discriminator` and the markers
 * `x-binary` and `x-forbidden` that `normalise` writes) into JavaScript functions
 * `(x, p, e) => boolean`. With `e === null` a function answers as soon as it knows (the fast path
 * for valid data and for trying the branches of anyOf/oneOf); with an array it collects every issue,
 * each `{ path, message, keyword }` with `path` a JSON pointer from `p`.
 *
 * Every `$ref` target becomes one function (so recursion works and shared schemas are emitted once);
 * every other subschema is inlined into its parent. Issue paths are only built on failure, except
 * the path passed to a `$ref`'s function.
 */
export interface Compiled {
  /** Entry name → the function that checks it. */
  entries: Record<string, string>;
  /** Constants and functions, in dependency-free order (function declarations hoist). */
  code: string[];
  /** Helper names from `HELPERS` the code calls. */
  helpers: Set<string>;
  /** Keywords that were ignored because this compiler does not implement them, with where. */
  ignored: string[];
}

type Schema = boolean | Record<string, any>;

const IGNORED_KEYWORDS = ["unevaluatedProperties", "unevaluatedItems", "$dynamicRef", "$recursiveRef", "dependencies"];
const IDENT = /^[A-Za-z_$][\w$]*$/;
/** Marks a constructor call as free of side effects, for bundlers. */
const PURE = "/* @__PURE__ */ ";
// Document text (patterns, enum values) goes into string literals: U+2028 and U+2029 escaped as well.
const lit = (v: unknown) =>
  String(JSON.stringify(v))
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
const own = (o: Record<string, any>, k: string) => Object.hasOwn(o, k);

/** `#/a/b~1c` → ["a", "b/c"]; throws on anything but a same-document pointer. */
export function refSegments(ref: string): string[] {
  if (!ref.startsWith("#")) throw new Error(`unsupported $ref ${ref}: only same-document JSON pointers`);
  if (ref.length > 1 && !ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}: anchors are not supported`);
  return pointerSegments(ref);
}

/** The JavaScript expression of a path: a static suffix is folded into a literal. */
function join(path: string, suffix: string | number): string {
  const tail = "/" + String(suffix).replace(/~/g, "~0").replace(/\//g, "~1");
  const m = /^(.*) \+ ("(?:[^"\\]|\\.)*")$/.exec(path);
  if (m) return `${m[1]} + ${lit(JSON.parse(m[2]!) + tail)}`;
  return `${path} + ${lit(tail)}`;
}

class Compiler {
  readonly code: string[] = [];
  readonly helpers = new Set<string>();
  readonly ignored: string[] = [];
  private readonly functions = new Map<string, string>();
  private readonly constants = new Map<string, string>();
  private readonly usedNames = new Set<string>();
  private pending: Array<{ name: string; schema: Schema; at: string }> = [];
  private vars = 0;

  constructor(private readonly root: unknown) {}

  /** The function for the schema at a JSON pointer of the root, compiled once. */
  functionFor(segments: readonly string[], hint?: string): string {
    const key = pointer(segments);
    const known = this.functions.get(key);
    if (known) return known;
    let node: any = this.root;
    for (const s of segments) {
      node = node !== null && typeof node === "object" && own(node, s) ? node[s] : undefined;
      if (node === undefined) throw new Error(`$ref #${key} points at nothing`);
    }
    const name = this.name(hint ?? segments[segments.length - 1] ?? "root");
    this.functions.set(key, name);
    this.pending.push({ name, schema: node, at: key });
    return name;
  }

  /** An entry's function: the target's own when the schema is only a `$ref` (most bodies are). */
  entry(segments: readonly string[], hint: string): string {
    const node = follow(this.root, segments);
    if (isObject(node) && typeof node.$ref === "string" && Object.keys(node).length === 1) {
      return this.functionFor(refSegments(node.$ref), refHint(node.$ref));
    }
    return this.functionFor(segments, hint);
  }

  /** Emits every function reached so far (compiling one may reach more). */
  drain(): void {
    while (this.pending.length > 0) {
      const { name, schema, at } = this.pending.shift()!;
      this.emitFunction(name, schema, at);
    }
  }

  private name(hint: string): string {
    const base = "v_" + hint.replace(/[^\w$]/g, "_").slice(0, 40);
    let name = base;
    for (let i = 2; this.usedNames.has(name); i++) name = base + "_" + i;
    this.usedNames.add(name);
    return name;
  }

  private constant(kind: string, source: string): string {
    const key = kind + source;
    let name = this.constants.get(key);
    if (!name) {
      name = `${kind}${this.constants.size}`;
      this.constants.set(key, name);
      this.code.push(`const ${name} = ${source};`);
    }
    return name;
  }

  private emitFunction(name: string, schema: Schema, at: string): void {
    this.vars = 0;
    const body = this.schema(schema, "x", "p", at);
    const uses = /\bok\b/.test(body);
    this.code.push(
      `function ${name}(x, p, e) {\n` +
        (uses ? `  let ok = true;\n${indent(body)}\n  return ok;\n` : body ? `${indent(body)}\n  return true;\n` : `  return true;\n`) +
        `}`,
    );
  }

  /** A subschema that must be judged on its own (a branch of anyOf, not, if): one function. */
  private branch(schema: Schema, at: string): string {
    if (isObject(schema) && typeof schema.$ref === "string" && Object.keys(schema).length === 1) {
      return this.functionFor(refSegments(schema.$ref), refHint(schema.$ref));
    }
    const known = this.functions.get(at + "#branch");
    if (known) return known;
    const name = this.name("b" + this.functions.size);
    this.functions.set(at + "#branch", name);
    this.pending.push({ name, schema, at });
    return name;
  }

  private fail(path: string, message: string, keyword: string): string {
    this.helpers.add("F");
    return `{ if (!e) return false; ok = F(e, ${path}, ${message}, ${lit(keyword)}); }`;
  }

  private typeTest(type: string, x: string): string {
    if (type === "object") this.helpers.add("O");
    return TYPE_TEST[type]?.(x) ?? "false";
  }

  private local(): string {
    return `x${++this.vars}`;
  }

  /** Statements that check the value in `x` (a variable) and report issues at `path` (an expression). */
  schema(schema: Schema, x: string, path: string, at: string): string {
    if (schema === true) return "";
    if (schema === false) return this.fail(path, lit("must not be present"), "false");
    if (!isObject(schema)) return "";
    const s = schema;
    for (const k of IGNORED_KEYWORDS) if (own(s, k)) this.ignored.push(`${at}/${k}`);
    if (s["x-forbidden"]) {
      const why =
        s["x-forbidden"] === "writeOnly" ? "is write-only and is not expected in a response" : "is read-only and must not be sent";
      return this.fail(path, lit(why), String(s["x-forbidden"]));
    }

    const types: string[] | undefined = typeof s.type === "string" ? [s.type] : Array.isArray(s.type) ? s.type : undefined;
    const blocks: string[] = [];
    const typed = (kind: "string" | "number" | "object" | "array", code: string) => {
      if (!code) return;
      const applies = kind === "number" ? ["number", "integer"] : [kind];
      const only = types?.every((t) => applies.includes(t));
      if (only) blocks.push(code);
      else if (types === undefined || types.some((t) => applies.includes(t)))
        blocks.push(`if (${this.typeTest(kind, x)}) {\n${indent(code)}\n}`);
    };
    typed("string", this.stringKeywords(s, x, path));
    typed("number", this.numberKeywords(s, x, path));
    typed("object", this.objectKeywords(s, x, path, at));
    typed("array", this.arrayKeywords(s, x, path, at));
    blocks.push(...this.anyKeywords(s, x, path, at));
    const rest = blocks.filter(Boolean).join("\n");

    if (types === undefined) return rest;
    const test = types.map((t) => this.typeTest(t, x)).join(" || ");
    const message = lit(`must be ${types.join(" or ")}`);
    return rest
      ? `if (!(${test})) ${this.fail(path, message, "type")}\nelse {\n${indent(rest)}\n}`
      : `if (!(${test})) ${this.fail(path, message, "type")}`;
  }

  private stringKeywords(s: Record<string, any>, x: string, path: string): string {
    const out: string[] = [];
    if (typeof s.minLength === "number" || typeof s.maxLength === "number") this.helpers.add("L");
    // Code points never outnumber UTF-16 units: count them only when the cheap test is not enough.
    if (typeof s.minLength === "number")
      out.push(
        `if (${x}.length < ${2 * s.minLength} && L(${x}) < ${s.minLength}) ${this.fail(path, lit(`must have at least ${s.minLength} characters`), "minLength")}`,
      );
    if (typeof s.maxLength === "number")
      out.push(
        `if (${x}.length > ${s.maxLength} && L(${x}) > ${s.maxLength}) ${this.fail(path, lit(`must have at most ${s.maxLength} characters`), "maxLength")}`,
      );
    if (typeof s.pattern === "string") {
      const re = regexSource(s.pattern);
      if (re)
        out.push(`if (!${this.constant("R", re)}.test(${x})) ${this.fail(path, lit(`must match the pattern ${s.pattern}`), "pattern")}`);
      else this.ignored.push(`pattern ${s.pattern} (not a JavaScript regular expression)`);
    }
    const check = typeof s.format === "string" ? STRING_FORMATS[s.format] : undefined;
    if (check) {
      this.helpers.add("format:" + s.format);
      out.push(`if (!${check}(${x})) ${this.fail(path, lit(`must be a valid ${s.format}`), "format")}`);
    }
    return out.join("\n");
  }

  private numberKeywords(s: Record<string, any>, x: string, path: string): string {
    const out: string[] = [];
    const bound = (keyword: string, op: string, words: string) => {
      if (typeof s[keyword] === "number")
        out.push(`if (${x} ${op} ${s[keyword]}) ${this.fail(path, lit(`must be ${words} ${s[keyword]}`), keyword)}`);
    };
    bound("minimum", "<", ">=");
    bound("maximum", ">", "<=");
    bound("exclusiveMinimum", "<=", ">");
    bound("exclusiveMaximum", ">=", "<");
    if (typeof s.multipleOf === "number") {
      this.helpers.add("M");
      out.push(`if (!M(${x}, ${s.multipleOf})) ${this.fail(path, lit(`must be a multiple of ${s.multipleOf}`), "multipleOf")}`);
    }
    if (s.format === "int32")
      out.push(
        `if (!Number.isInteger(${x}) || ${x} < -2147483648 || ${x} > 2147483647) ${this.fail(path, lit("must be a 32-bit integer"), "format")}`,
      );
    // int64 travels as a JSON number (the generated types say `number`): any integer passes.
    const integer = s.type === "integer" || (Array.isArray(s.type) && s.type.includes("integer"));
    if (s.format === "int64" && !integer) out.push(`if (!Number.isInteger(${x})) ${this.fail(path, lit("must be an integer"), "format")}`);
    return out.join("\n");
  }

  private access(x: string, key: string): string {
    // A name Object.prototype has (constructor, toString, __proto__) must be an own property.
    if (key in Object.prototype) {
      this.helpers.add("H");
      return `(H(${x}, ${lit(key)}) ? ${x}[${lit(key)}] : undefined)`;
    }
    return IDENT.test(key) ? `${x}.${key}` : `${x}[${lit(key)}]`;
  }

  private objectKeywords(s: Record<string, any>, x: string, path: string, at: string): string {
    const out: string[] = [];
    const properties: Record<string, Schema> = isObject(s.properties) ? s.properties : {};
    const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
    for (const key of Object.keys(properties)) {
      const v = this.local();
      const check = this.schema(properties[key]!, v, join(path, key), `${at}/properties/${key}`);
      if (!check && !required.has(key)) continue;
      const read = `const ${v} = ${this.access(x, key)};\n`;
      if (!required.has(key)) out.push(`${read}if (${v} !== undefined) {\n${indent(check)}\n}`);
      else
        out.push(
          `${read}if (${v} === undefined) ${this.fail(join(path, key), lit("is required"), "required")}` +
            (check ? `\nelse {\n${indent(check)}\n}` : ""),
        );
    }
    for (const key of required) {
      if (!own(properties, key))
        out.push(`if (${this.access(x, key)} === undefined) ${this.fail(join(path, key), lit("is required"), "required")}`);
    }
    if (isObject(s.dependentRequired)) {
      for (const [key, needs] of Object.entries(s.dependentRequired)) {
        if (!Array.isArray(needs) || needs.length === 0) continue;
        const checks = needs.map(
          (n: string) =>
            `if (${this.access(x, n)} === undefined) ${this.fail(join(path, n), lit(`is required when ${key} is present`), "dependentRequired")}`,
        );
        out.push(`if (${this.access(x, key)} !== undefined) {\n${indent(checks.join("\n"))}\n}`);
      }
    }
    if (isObject(s.dependentSchemas)) {
      for (const [key, schema] of Object.entries(s.dependentSchemas)) {
        const check = this.schema(schema as Schema, x, path, `${at}/dependentSchemas/${key}`);
        if (check) out.push(`if (${this.access(x, key)} !== undefined) {\n${indent(check)}\n}`);
      }
    }
    if (typeof s.minProperties === "number" || typeof s.maxProperties === "number") {
      const n = this.local();
      out.push(`{\n  const ${n} = Object.keys(${x}).length;`);
      if (typeof s.minProperties === "number")
        out.push(
          `  if (${n} < ${s.minProperties}) ${this.fail(path, lit(`must have at least ${s.minProperties} properties`), "minProperties")}`,
        );
      if (typeof s.maxProperties === "number")
        out.push(
          `  if (${n} > ${s.maxProperties}) ${this.fail(path, lit(`must have at most ${s.maxProperties} properties`), "maxProperties")}`,
        );
      out.push("}");
    }
    const loop = this.keyLoop(s, properties, x, path, at);
    if (loop) out.push(loop);
    return out.join("\n");
  }

  /** additionalProperties, patternProperties and propertyNames share one pass over the keys. */
  private keyLoop(s: Record<string, any>, properties: Record<string, Schema>, x: string, path: string, at: string): string {
    const patterns = isObject(s.patternProperties) ? Object.entries(s.patternProperties as Record<string, Schema>) : [];
    const additional = s.additionalProperties as Schema | undefined;
    const names = s.propertyNames as Schema | undefined;
    if (patterns.length === 0 && (additional === undefined || additional === true) && (names === undefined || names === true)) return "";
    const k = this.local();
    const v = this.local();
    this.helpers.add("J");
    const keyPath = `${path} + "/" + J(${k})`;
    const body: string[] = [];
    if (names !== undefined && names !== true) body.push(this.schema(names, k, keyPath, `${at}/propertyNames`));
    const matched = this.local();
    const patternChecks: string[] = [];
    for (const [pattern, schema] of patterns) {
      const re = regexSource(pattern);
      if (!re) {
        this.ignored.push(`patternProperties ${pattern} (not a JavaScript regular expression)`);
        continue;
      }
      const check = this.schema(schema, v, keyPath, `${at}/patternProperties/${pattern}`);
      patternChecks.push(`if (${this.constant("R", re)}.test(${k})) {\n  ${matched} = true;\n${indent(check)}\n}`);
    }
    if (additional !== undefined && additional !== true) {
      const keys = Object.keys(properties);
      const known =
        keys.length === 0
          ? "false"
          : keys.length <= 6
            ? keys.map((key) => `${k} === ${lit(key)}`).join(" || ")
            : `${this.constant("K", `${PURE}new Set(${lit(keys)})`)}.has(${k})`;
      const check =
        additional === false
          ? this.fail(keyPath, lit("is not an allowed property"), "additionalProperties")
          : this.schema(additional, v, keyPath, `${at}/additionalProperties`);
      // A failure alone is one block already: `if (...) { ... }`.
      const then = additional === false ? ` ${check}` : ` {\n${indent(check)}\n}`;
      if (patternChecks.length) body.push(`let ${matched} = ${known};`, ...patternChecks, `if (!${matched})${then}`);
      else body.push(`if (!(${known}))${then}`);
    } else if (patternChecks.length) {
      body.push(`let ${matched} = false;`, ...patternChecks);
    }
    const text = body.filter(Boolean).join("\n");
    if (!text) return "";
    const needsValue = new RegExp(`\\b${v}\\b`).test(text);
    return `for (const ${k} in ${x}) {\n` + (needsValue ? `  const ${v} = ${x}[${k}];\n` : "") + `${indent(text)}\n}`;
  }

  private arrayKeywords(s: Record<string, any>, x: string, path: string, at: string): string {
    const out: string[] = [];
    if (typeof s.minItems === "number")
      out.push(`if (${x}.length < ${s.minItems}) ${this.fail(path, lit(`must have at least ${s.minItems} items`), "minItems")}`);
    if (typeof s.maxItems === "number")
      out.push(`if (${x}.length > ${s.maxItems}) ${this.fail(path, lit(`must have at most ${s.maxItems} items`), "maxItems")}`);
    const prefix: Schema[] = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    prefix.forEach((schema, i) => {
      const v = this.local();
      const check = this.schema(schema, v, join(path, i), `${at}/prefixItems/${i}`);
      if (check) out.push(`if (${x}.length > ${i}) {\n  const ${v} = ${x}[${i}];\n${indent(check)}\n}`);
    });
    if (s.items !== undefined && s.items !== true && !Array.isArray(s.items)) {
      if (s.items === false) {
        out.push(
          `if (${x}.length > ${prefix.length}) ${this.fail(join(path, prefix.length), lit(`must have at most ${prefix.length} items`), "items")}`,
        );
      } else {
        const i = this.local();
        const v = this.local();
        const check = this.schema(s.items, v, `${path} + "/" + ${i}`, `${at}/items`);
        if (check)
          out.push(`for (let ${i} = ${prefix.length}; ${i} < ${x}.length; ${i}++) {\n  const ${v} = ${x}[${i}];\n${indent(check)}\n}`);
      }
    }
    if (s.contains !== undefined) {
      const f = this.branch(s.contains, `${at}/contains`);
      const min = typeof s.minContains === "number" ? s.minContains : 1;
      const max = typeof s.maxContains === "number" ? s.maxContains : undefined;
      const c = this.local();
      const i = this.local();
      const checks = [];
      if (min > 0) checks.push(`if (${c} < ${min}) ${this.fail(path, lit(`must contain at least ${min} matching items`), "contains")}`);
      if (max !== undefined)
        checks.push(`if (${c} > ${max}) ${this.fail(path, lit(`must contain at most ${max} matching items`), "maxContains")}`);
      if (checks.length)
        out.push(
          `{\n  let ${c} = 0;\n  for (let ${i} = 0; ${i} < ${x}.length; ${i}++) if (${f}(${x}[${i}], p, null)) ${c}++;\n${indent(checks.join("\n"))}\n}`,
        );
    }
    if (s.uniqueItems === true) {
      this.helpers.add("U");
      out.push(`if (U(${x}) >= 0) ${this.fail(path, lit("must not contain duplicate items"), "uniqueItems")}`);
    }
    return out.join("\n");
  }

  private anyKeywords(s: Record<string, any>, x: string, path: string, at: string): string[] {
    const out: string[] = [];
    if (s["x-binary"] === true) {
      this.helpers.add("B");
      out.push(
        `if (!B(${x})) ${this.fail(path, lit("must be bytes (a Blob, an ArrayBuffer, a typed array or a ReadableStream) or a string"), "type")}`,
      );
    }
    if (Array.isArray(s.enum))
      out.push(
        `if (!(${this.oneOfValues(s.enum, x)})) ${this.fail(path, lit(`must be one of ${s.enum.map((v: unknown) => JSON.stringify(v)).join(", ")}`), "enum")}`,
      );
    if (own(s, "const"))
      out.push(`if (!(${this.oneOfValues([s.const], x)})) ${this.fail(path, lit(`must be ${JSON.stringify(s.const)}`), "const")}`);
    if (typeof s.$ref === "string") {
      const f = this.functionFor(refSegments(s.$ref), refHint(s.$ref));
      out.push(`if (!${f}(${x}, ${path}, e)) { if (!e) return false; ok = false; }`);
    }
    if (Array.isArray(s.allOf)) s.allOf.forEach((member: Schema, i: number) => out.push(this.schema(member, x, path, `${at}/allOf/${i}`)));
    const discriminated = isObject(s.discriminator) && typeof s.discriminator.propertyName === "string";
    for (const keyword of ["anyOf", "oneOf"] as const) {
      if (!Array.isArray(s[keyword])) continue;
      const other = keyword === "anyOf" ? orNull(s[keyword]) : undefined;
      if (other !== undefined && !discriminated) {
        // `nullable`'s shape: check the other branch inline, its issues directly.
        const check = this.schema(other, x, path, `${at}/${keyword}/1`);
        if (check) out.push(`if (${x} !== null) {\n${indent(check)}\n}`);
        continue;
      }
      const fs = (s[keyword] as Schema[]).map((b, i) => this.branch(b, `${at}/${keyword}/${i}`));
      const combinator = this.combinator(keyword, fs, x, path);
      out.push(discriminated ? this.discriminator(s, keyword, s[keyword], fs, combinator, x, path) : combinator);
    }
    if (s.not !== undefined) {
      const f = this.branch(s.not, `${at}/not`);
      out.push(`if (${f}(${x}, ${path}, null)) ${this.fail(path, lit("must not match the schema in not"), "not")}`);
    }
    if (s.if !== undefined && (s.then !== undefined || s.else !== undefined)) {
      const f = this.branch(s.if, `${at}/if`);
      const then = s.then === undefined ? "" : this.schema(s.then, x, path, `${at}/then`);
      const otherwise = s.else === undefined ? "" : this.schema(s.else, x, path, `${at}/else`);
      out.push(`if (${f}(${x}, ${path}, null)) {\n${indent(then)}\n} else {\n${indent(otherwise)}\n}`);
    }
    return out;
  }

  private combinator(keyword: "anyOf" | "oneOf", fs: string[], x: string, path: string): string {
    this.helpers.add("N");
    const list = this.constant("A", `[${fs.join(", ")}]`);
    if (keyword === "anyOf") {
      return `if (!(${fs.map((f) => `${f}(${x}, ${path}, null)`).join(" || ")})) {\n  if (!e) return false;\n  ok = false;\n  e.push({ path: ${path}, message: "must match a schema in anyOf", keyword: "anyOf" });\n  N(${list}, ${x}, ${path}, e);\n}`;
    }
    const c = this.local();
    return (
      `{\n  let ${c} = 0;\n` +
      fs.map((f) => `  if (${f}(${x}, ${path}, null)) ${c}++;`).join("\n") +
      `\n  if (${c} !== 1) {\n    if (!e) return false;\n    ok = false;\n    e.push({ path: ${path}, message: ${c} === 0 ? "must match a schema in oneOf" : "must match only one schema in oneOf", keyword: "oneOf" });\n    if (${c} === 0) N(${list}, ${x}, ${path}, e);\n  }\n}`
    );
  }

  /**
   * OpenAPI's discriminator picks the branch by a property's value: values from `mapping`, from a
   * branch's `const`/`enum` on that property, or a referenced schema's name. Known values check one
   * branch; others fall back to the plain combinator, or fail at once when every branch pins its value.
   */
  private discriminator(
    s: Record<string, any>,
    keyword: "anyOf" | "oneOf",
    branches: Schema[],
    fs: string[],
    combinator: string,
    x: string,
    path: string,
  ): string {
    const tag: string = s.discriminator.propertyName;
    /** Value → the branches it selects: one, or several where branches declare the same value. */
    const cases = new Map<string, string[]>();
    const pins = branches.map((b) => this.tagValues(b, tag));
    const pinned = pins.every((values) => values !== undefined);
    pins.forEach((values, i) => {
      for (const v of values ?? []) cases.set(v, [...(cases.get(v) ?? []), fs[i]!]);
    });
    if (isObject(s.discriminator.mapping)) {
      for (const [value, ref] of Object.entries(s.discriminator.mapping)) {
        if (typeof ref !== "string" || cases.has(value)) continue;
        const target = ref.startsWith("#") ? this.functionFor(refSegments(ref), refHint(ref)) : undefined;
        if (target) cases.set(value, [target]);
      }
    }
    // OpenAPI's implicit mapping: a referenced schema's name, for branches that pin no value.
    branches.forEach((b, i) => {
      if (pins[i] !== undefined) return;
      const ref = isObject(b) && typeof b.$ref === "string" ? b.$ref : undefined;
      const name = ref?.split("/").pop();
      if (name && !cases.has(name)) cases.set(name, [fs[i]!]);
    });
    if (cases.size === 0) return combinator;
    const d = this.local();
    const lines = [...cases].map(([value, selected]) => {
      const check =
        selected.length === 1
          ? `if (!${selected[0]}(${x}, ${path}, e)) { if (!e) return false; ok = false; }`
          : this.combinator(keyword, selected, x, path).replace(/\n/g, "\n    ");
      return `  case ${lit(value)}:\n    ${check}\n    break;`;
    });
    const known = [...new Set(cases.keys())].map((v) => JSON.stringify(v)).join(", ");
    const fallback = pinned
      ? `if (typeof ${d} === "string") ${this.fail(join(path, tag), lit(`must be one of ${known}`), "discriminator")}\n    else {\n${indent(combinator, 6)}\n    }`
      : combinator.replace(/\n/g, "\n    ");
    return `{\n  const ${d} = ${this.typeTest("object", x)} ? ${x}[${lit(tag)}] : undefined;\n  switch (${d}) {\n${lines.join("\n")}\n  default:\n    ${fallback}\n  }\n}`;
  }

  /** The values a branch pins its discriminator property to, or undefined when it does not. */
  private tagValues(branch: Schema, tag: string, depth = 0): string[] | undefined {
    if (!isObject(branch) || depth > 8) return undefined;
    if (typeof branch.$ref === "string") {
      try {
        let node: any = this.root;
        for (const seg of refSegments(branch.$ref)) node = isObject(node) || Array.isArray(node) ? (node as any)[seg] : undefined;
        const found = this.tagValues(node, tag, depth + 1);
        if (found) return found;
      } catch {
        return undefined;
      }
    }
    const p = isObject(branch.properties) ? branch.properties[tag] : undefined;
    if (isObject(p)) {
      if (typeof p.const === "string") return [p.const];
      if (Array.isArray(p.enum) && p.enum.every((v: unknown) => typeof v === "string")) return p.enum;
    }
    if (Array.isArray(branch.allOf)) {
      for (const m of branch.allOf) {
        const found = this.tagValues(m, tag, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** An expression that is true when `x` equals one of `values` (JSON equality). */
  private oneOfValues(values: unknown[], x: string): string {
    const primitives = values.filter((v) => v === null || typeof v !== "object");
    const objects = values.filter((v) => v !== null && typeof v === "object");
    const tests: string[] = [];
    if (primitives.length > 6) tests.push(`${this.constant("S", `${PURE}new Set(${lit(primitives)})`)}.has(${x})`);
    else tests.push(...primitives.map((v) => `${x} === ${lit(v)}`));
    if (objects.length) {
      this.helpers.add("Q");
      tests.push(`${this.constant("E", lit(objects))}.some((c) => Q(c, ${x}))`);
    }
    return tests.length ? tests.join(" || ") : "false";
  }
}

const TYPE_TEST: Record<string, (x: string) => string> = {
  string: (x) => `typeof ${x} === "string"`,
  number: (x) => `typeof ${x} === "number"`,
  integer: (x) => `Number.isInteger(${x})`,
  boolean: (x) => `typeof ${x} === "boolean"`,
  null: (x) => `${x} === null`,
  array: (x) => `Array.isArray(${x})`,
  object: (x) => `O(${x})`,
};

/** For `[{ type: "null" }, S]` in either order: S; otherwise undefined. */
function orNull(branches: Schema[]): Schema | undefined {
  if (branches.length !== 2) return undefined;
  const isNull = (b: Schema) => isObject(b) && b.type === "null" && Object.keys(b).length === 1;
  if (isNull(branches[0]!) && !isNull(branches[1]!)) return branches[1];
  if (isNull(branches[1]!) && !isNull(branches[0]!)) return branches[0];
  return undefined;
}

function refHint(ref: string): string {
  return ref.split("/").pop() || "root";
}

/**
 * A regular expression literal for a pattern, with the `u` flag when JavaScript accepts it so: a
 * literal rather than `new RegExp`, so that a bundler sees a constant. `source` escapes what a
 * literal cannot hold (`/`, line breaks).
 */
function regexSource(pattern: string): string | undefined {
  for (const flags of ["u", ""]) {
    try {
      return `/${new RegExp(pattern, flags).source}/${flags}`;
    } catch {}
  }
  return undefined;
}

function indent(text: string, spaces = 2): string {
  const pad = " ".repeat(spaces);
  return text
    .split("\n")
    .map((line) => (line ? pad + line : line))
    .join("\n");
}

/** Compiles the schemas at `entries` (name → JSON pointer into `root`, e.g. `#/$defs/Upload`). */
export function compileSchemas(root: unknown, entries: Readonly<Record<string, string>>): Compiled {
  const compiler = new Compiler(root);
  const names: Record<string, string> = {};
  for (const [entry, ref] of Object.entries(entries)) names[entry] = compiler.entry(refSegments(ref), entry);
  compiler.drain();
  return { entries: names, code: compiler.code, helpers: compiler.helpers, ignored: compiler.ignored };
}
