import { declaredValues } from "../../document/discriminator-values.js";
import { isObject, own, setOwn } from "../../document/own.js";
import { deref, target } from "../../document/refs.js";
import { pointerSegments } from "../../document/pointer.js";
import type { OpenApiDocument } from "../../document/types.js";
import { samplePattern } from "./pattern-sample.js";
import { type Random, random } from "./random.js";

/**
 * Builds an example value from a JSON Schema 2020-12 schema of the validators' bundle (the schema
 * home's response view, as the generated validators check it): every required property, the
 * optional ones near the top, one item per list, a value of each format, an enum's value, a
 * pattern's draw, and for a discriminated union a branch with its discriminator's real value
 * (from the mapping). Draws are seeded per component, so a component's example is the same
 * wherever it appears, and is built once: the caller shares it.
 *
 * What it cannot build (a schema that can only be infinite, `false`) is `CUT`: an optional
 * property is then left out, a list left empty, a union takes another branch.
 */
export const CUT: unique symbol = Symbol("cut");
export type Built = unknown | typeof CUT;

type Json = Record<string, any>;

export interface ExampleOptions {
  seed: number;
  /** Only required properties, and lists at their minimum length. */
  minimal?: boolean;
  /** Which branch of a union without discriminator to try first (rotated by this). */
  branch?: number;
}

/** Nesting depth to which optional properties are included. */
const OPTIONAL_DEPTH = 3;
/** Beyond this, only what is required is built (documents nest deeply). */
const MAX_DEPTH = 24;

const WORDS = ["alpha", "bravo", "cedar", "delta", "ember", "falcon", "garnet", "harbor", "indigo", "juniper", "kestrel", "lumen"];

const EPOCH = Date.UTC(2024, 0, 1);

/** Values of the string formats the validators check, and of a few they do not. */
function formatted(format: string, rng: Random): string | undefined {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join("");
  const when = new Date(EPOCH + rng.int(0, 365 * 24 * 3600) * 1000).toISOString().replace(/\.\d{3}Z$/, "Z");
  switch (format) {
    case "date-time":
      return when;
    case "date":
      return when.slice(0, 10);
    case "time":
      return when.slice(11);
    case "uuid":
      return `${hex(8)}-${hex(4)}-4${hex(3)}-${rng.pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
    case "email":
    case "idn-email":
      return `${rng.pick(WORDS)}@example.com`;
    case "uri":
    case "url":
    case "iri":
      return `https://example.com/${rng.pick(WORDS)}`;
    case "uri-reference":
    case "iri-reference":
      return `/${rng.pick(WORDS)}`;
    case "hostname":
    case "idn-hostname":
      return `${rng.pick(WORDS)}.example.com`;
    case "ipv4":
      return `192.0.2.${rng.int(1, 254)}`;
    case "ipv6":
      return `2001:db8::${rng.int(1, 0xffff).toString(16)}`;
    case "byte":
      return Buffer.from(rng.pick(WORDS)).toString("base64");
    case "int32":
    case "int64":
      return String(rng.int(1, 1000));
    case "duration":
      return `P${rng.int(1, 30)}D`;
    default:
      return undefined;
  }
}

const typesOf = (s: Json): string[] =>
  Array.isArray(s.type)
    ? s.type
    : typeof s.type === "string"
      ? [s.type]
      : isObject(s.properties) || s.required || s.additionalProperties !== undefined
        ? ["object"]
        : s.items !== undefined || s.prefixItems !== undefined
          ? ["array"]
          : ["string"];

export class ExampleBuilder {
  /** Each component's example, built once (see `CUT` for those that could not be). */
  private readonly memo = new Map<string, Built>();
  private readonly building: string[] = [];
  private rng: Random;

  constructor(
    private readonly root: Json,
    private readonly options: ExampleOptions,
  ) {
    this.rng = random(options.seed, "");
  }

  /** The example of the schema at a pointer of the root (`#/operations/x/responses/200`), drawn with `key`'s sequence. */
  build(ref: string, key: string): Built {
    // A component's own pointer is its shared example.
    if (/^#\/\$defs\/[^/]+$/.test(ref)) return this.component(ref, 0);
    return this.withRandom(key, () => this.value(this.at(ref), 0, ""));
  }

  /** Components whose examples are shared, by name. */
  get components(): ReadonlyMap<string, Built> {
    return this.memo;
  }

  private at(ref: string): unknown {
    return target(this.root as OpenApiDocument, ref);
  }

  private withRandom<T>(key: string, f: () => T): T {
    const saved = this.rng;
    this.rng = random(this.options.seed, key);
    try {
      return f();
    } finally {
      this.rng = saved;
    }
  }

  private component(ref: string, depth: number): Built {
    const name = pointerSegments(ref).join("/");
    if (this.memo.has(name)) return this.memo.get(name);
    if (this.building.includes(name) || depth > MAX_DEPTH) return CUT;
    this.building.push(name);
    try {
      // Drawn from the component's own sequence and from the top: the same example wherever it is met.
      const value = this.withRandom(name, () => this.value(this.at(ref), 0, pointerSegments(ref).pop() ?? ""));
      // An example built while a component above it was being built may lack what only a cut left out: kept all the same.
      if (value !== CUT) this.memo.set(name, value);
      return value;
    } finally {
      this.building.pop();
    }
  }

  private value(schema: unknown, depth: number, hint: string): Built {
    if (schema === true || schema === undefined) return this.string({}, hint);
    if (schema === false || !isObject(schema)) return CUT;
    const s = schema;
    if (typeof s.$ref === "string" && Object.keys(s).length === 1) return this.component(s.$ref, depth);
    if (own(s, "const")) return s.const;
    if (Array.isArray(s.enum) && s.enum.length > 0) {
      const choices = s.enum.filter((v: unknown) => v !== null);
      return choices.length > 0 ? this.rng.pick(choices) : null;
    }
    if (Array.isArray(s.allOf) || Array.isArray(s.oneOf) || Array.isArray(s.anyOf) || typeof s.$ref === "string")
      return this.composed(s, depth, hint);
    if (s["x-binary"] === true) return this.string({}, hint);
    const types = typesOf(s);
    const type = types.find((t) => t !== "null") ?? "null";
    switch (type) {
      case "object":
        return this.object(s, depth);
      case "array":
        return this.array(s, depth, hint);
      case "integer":
      case "number":
        return this.number(s, type === "integer", hint);
      case "boolean":
        return this.rng.next() < 0.5;
      case "null":
        return null;
      default:
        return this.string(s, hint);
    }
  }

  /** allOf, anyOf, oneOf, and `$ref` beside other keywords: the members flattened, a branch chosen for each union, merged, built. */
  private composed(s: Json, depth: number, hint: string): Built {
    return this.chosen(this.members(s, 0), depth, hint);
  }

  /** Chooses a branch of the first union among `members` (the next if a branch cannot be built), then of the next. */
  private chosen(members: Json[], depth: number, hint: string): Built {
    const i = members.findIndex((m) => Array.isArray(m.oneOf) || Array.isArray(m.anyOf));
    if (i === -1) {
      const merged = this.merge(members);
      return merged === undefined ? CUT : this.value(merged, depth, hint);
    }
    const { oneOf, anyOf, discriminator, ...rest } = members[i]!;
    const others = [...members.slice(0, i), ...(Object.keys(rest).length > 0 ? [rest] : []), ...members.slice(i + 1)];
    const tagged = isObject(discriminator) && typeof discriminator.propertyName === "string" ? discriminator : undefined;
    for (const [branch, tag] of this.branches(oneOf ?? anyOf, tagged)) {
      const extra = this.members(branch, 0);
      if (tag !== undefined) {
        const properties: Json = {};
        setOwn(properties, tagged!.propertyName, { const: tag });
        extra.push({ properties, required: [tagged!.propertyName] });
      }
      const built = this.chosen([...others, ...extra], depth, hint);
      if (built !== CUT) return built;
    }
    return CUT;
  }

  /** The branches to try, in order, each with the discriminator value it must carry. */
  private branches(union: unknown[], discriminator: Json | undefined): Array<[unknown, string | undefined]> {
    if (discriminator && isObject(discriminator.mapping) && Object.keys(discriminator.mapping).length > 0) {
      const entries = Object.entries(discriminator.mapping).filter(([, ref]) => typeof ref === "string" && ref.startsWith("#"));
      const start = this.rng.int(0, entries.length - 1);
      return entries.map((_, i) => {
        const [value, ref] = entries[(start + i) % entries.length]!;
        return [{ $ref: ref }, value];
      });
    }
    const order = union.map((b, i) => [b, i] as const);
    // Not null first: an example that says more.
    const nonNull = order.filter(([b]) => !(isObject(b) && b.type === "null"));
    const nulls = order.filter(([b]) => isObject(b) && b.type === "null");
    const rotate = (this.options.branch ?? 0) % Math.max(1, nonNull.length);
    const tag = discriminator?.propertyName as string | undefined;
    return [...nonNull.slice(rotate), ...nonNull.slice(0, rotate), ...nulls].map(([b]) => {
      // OpenAPI's implicit mapping: the schema name of a branch that pins no value of its own.
      const name = isObject(b) && typeof b.$ref === "string" ? b.$ref.split("/").pop() : undefined;
      return [b, tag !== undefined && name !== undefined && !this.pins(b, tag) ? name : undefined];
    });
  }

  /** Whether a schema pins the discriminator property to values of its own (the one reading: `declaredValues`). */
  private pins(schema: unknown, tag: string): boolean {
    return declaredValues((node) => deref(this.root as OpenApiDocument, node), schema, tag) !== undefined;
  }

  /** A schema's allOf members and `$ref` targets, flattened; a union stays in its member, for `chosen` to choose from. */
  private members(schema: unknown, depth: number): Json[] {
    if (schema === true) return [];
    if (!isObject(schema) || depth > 16) return [{ not: {} }];
    const { $ref, allOf, ...rest } = schema;
    const out: Json[] = Object.keys(rest).length > 0 ? [rest] : [];
    if (typeof $ref === "string") out.push(...this.members(this.at($ref), depth + 1));
    if (Array.isArray(allOf)) for (const m of allOf) out.push(...this.members(m, depth + 1));
    return out;
  }

  /** One schema that asks what all of `members` ask, as far as an example needs; undefined when they cannot agree. */
  private merge(members: Json[]): Json | undefined {
    const out: Json = {};
    for (const m of members) {
      if (isObject(m.not) && Object.keys(m.not).length === 0) return undefined;
      for (const [key, value] of Object.entries(m)) {
        const current = own(out, key);
        if (current === undefined) setOwn(out, key, value);
        else if (key === "properties" && isObject(value)) {
          const properties: Json = { ...current };
          for (const [name, sub] of Object.entries(value))
            setOwn(properties, name, own(properties, name) === undefined ? sub : { allOf: [own(properties, name), sub] });
          out.properties = properties;
        } else if (key === "required" && Array.isArray(value)) out.required = [...new Set([...current, ...value])];
        else if (key === "type") {
          const a = Array.isArray(current) ? current : [current];
          const b = Array.isArray(value) ? value : [value];
          const both = a.filter((t: string) => b.includes(t) || (t === "integer" && b.includes("number")));
          const also = b.filter((t: string) => t === "integer" && a.includes("number"));
          const types = [...new Set([...both, ...also])];
          if (types.length === 0) return undefined;
          out.type = types;
        } else if (key === "enum" && Array.isArray(value)) {
          out.enum = current.filter((v: unknown) => value.some((w: unknown) => JSON.stringify(w) === JSON.stringify(v)));
          if (out.enum.length === 0) return undefined;
        } else if (/^(minimum|exclusiveMinimum|minLength|minItems|minProperties)$/.test(key)) out[key] = Math.max(current, value);
        else if (/^(maximum|exclusiveMaximum|maxLength|maxItems|maxProperties)$/.test(key)) out[key] = Math.min(current, value);
        else if (key === "items" || key === "additionalProperties") setOwn(out, key, { allOf: [current, value] });
        else if (key === "const" && JSON.stringify(current) !== JSON.stringify(value)) return undefined;
      }
    }
    return out;
  }

  private object(s: Json, depth: number): Built {
    const out: Record<string, unknown> = {};
    const properties: Json = isObject(s.properties) ? s.properties : {};
    const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
    const optional = !this.options.minimal && depth < OPTIONAL_DEPTH;
    for (const name of Object.keys(properties)) {
      const sub = properties[name];
      if (isObject(sub) && sub["x-forbidden"] !== undefined) continue;
      if (!required.has(name) && !optional) continue;
      const value = this.value(sub, depth + 1, name);
      if (value === CUT) {
        if (required.has(name)) return CUT;
        continue;
      }
      setOwn(out, name, value);
    }
    // Required properties the schema does not describe: from additionalProperties, or any value.
    for (const name of required) {
      if (own(out, name) !== undefined || own(properties, name) !== undefined) continue;
      const extra = s.additionalProperties;
      const value = this.value(isObject(extra) ? extra : {}, depth + 1, name);
      if (value === CUT) return CUT;
      setOwn(out, name, value);
    }
    let n = 1;
    while (Object.keys(out).length < (s.minProperties ?? 0) && s.additionalProperties !== false) {
      const value = this.value(isObject(s.additionalProperties) ? s.additionalProperties : {}, depth + 1, "");
      if (value === CUT) return CUT;
      setOwn(out, `key${n++}`, value);
    }
    return out;
  }

  private array(s: Json, depth: number, hint: string): Built {
    const prefix: unknown[] = Array.isArray(s.prefixItems) ? s.prefixItems : [];
    const min = s.minItems ?? 0;
    const wanted = Math.max(min, prefix.length, this.options.minimal || depth >= MAX_DEPTH ? 0 : 1);
    const length = Math.min(wanted, s.maxItems ?? wanted, prefix.length > 0 && s.items === false ? prefix.length : wanted);
    const out: unknown[] = [];
    const seen = new Set<string>();
    for (let i = 0; i < length; i++) {
      const schema = i < prefix.length ? prefix[i] : s.items;
      let value: Built = CUT;
      // Distinct items when the list must be unique: a few draws, then give up.
      for (let attempt = 0; attempt < 16; attempt++) {
        value = this.value(schema, depth + 1, hint);
        if (value === CUT || !s.uniqueItems || !seen.has(JSON.stringify(value))) break;
      }
      if (value === CUT || (s.uniqueItems && seen.has(JSON.stringify(value)))) {
        if (i < min) return CUT;
        break;
      }
      seen.add(JSON.stringify(value));
      out.push(value);
    }
    return out;
  }

  private number(s: Json, integer: boolean, hint: string): number {
    // A time in seconds (`created_at`) reads as one: a moment of 2024.
    const unbounded = [s.minimum, s.maximum, s.exclusiveMinimum, s.exclusiveMaximum, s.multipleOf].every((b) => b === undefined);
    if (integer && unbounded && /(_at|At|timestamp|Timestamp)$/.test(hint)) return EPOCH / 1000 + this.rng.int(0, 365 * 24 * 3600);
    const step = typeof s.multipleOf === "number" && s.multipleOf > 0 ? s.multipleOf : integer ? 1 : 0.01;
    let low = typeof s.minimum === "number" ? s.minimum : typeof s.exclusiveMinimum === "number" ? s.exclusiveMinimum + step : undefined;
    let high = typeof s.maximum === "number" ? s.maximum : typeof s.exclusiveMaximum === "number" ? s.exclusiveMaximum - step : undefined;
    if (low === undefined && high === undefined) [low, high] = [1, 100];
    else if (low === undefined) low = Math.min(1, high!) - (high! < 1 ? 100 : 0);
    else if (high === undefined) high = low + 100;
    const first = Math.ceil(low! / step);
    const last = Math.floor(high! / step);
    if (last < first) return low!;
    const k = first + this.rng.int(0, Math.min(last - first, 10_000));
    const value = k * step;
    return integer ? Math.round(value) : Number(value.toFixed(6));
  }

  private string(s: Json, hint: string): string {
    const min = s.minLength ?? 0;
    const max = s.maxLength ?? Number.POSITIVE_INFINITY;
    if (typeof s.pattern === "string") {
      const drawn = samplePattern(s.pattern, this.rng);
      if (drawn !== undefined && [...drawn].length >= min && [...drawn].length <= max) return drawn;
    }
    const format = typeof s.format === "string" ? formatted(s.format, this.rng) : undefined;
    if (format !== undefined) return format;
    const word = /^[A-Za-z][A-Za-z0-9_]{0,23}$/.test(hint) ? `${hint}_${this.rng.pick(WORDS)}` : this.rng.pick(WORDS);
    let text = word;
    while ([...text].length < min) text += `_${this.rng.pick(WORDS)}`;
    return [...text].slice(0, Math.max(min, Math.min(max, [...text].length))).join("");
  }
}
