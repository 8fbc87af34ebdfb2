import { schemaNameOf } from "../document/component-names.js";
import { isJsonMediaType } from "../document/media-types.js";
import { follow, isObject, own, setOwn } from "../document/own.js";
import { pointerSegments } from "../document/pointer.js";
import { deref } from "../document/refs.js";
import type { OpenApiDocument } from "../document/types.js";
import type { ApiModel, OperationModel } from "../model/types.js";
import { objectKey, stringLiteral } from "./text.js";

/**
 * `dates.js` for `dates: "Date"`: where each operation's params and 2xx JSON bodies hold
 * `format: date-time` and `date` strings, as plans the runtime's `convertDates` walks (see
 * src/runtime/dates.ts for their shape). A named schema's plan is shared through a table, by name,
 * so that recursive schemas stay finite. Branches of `allOf`/`anyOf`/`oneOf` are merged: the runtime
 * converts only values of a date's form, so a branch without that date loses nothing.
 */
type Plan = 1 | 2 | string | Plan[] | { p?: Record<string, Plan>; i?: Plan; a?: Plan };
const ONE_OF = ["allOf", "anyOf", "oneOf"];

/** Both plans: objects merged key by key, anything else listed (the runtime applies each in turn). */
function merge(a: Plan | undefined, b: Plan | undefined): Plan | undefined {
  if (a === undefined) return b;
  if (b === undefined || a === b) return a;
  if (typeof a !== "object" || typeof b !== "object" || Array.isArray(a) || Array.isArray(b)) {
    const list = [...(Array.isArray(a) ? a : [a]), ...(Array.isArray(b) ? b : [b])];
    return list.filter((x, i) => typeof x === "object" || list.indexOf(x) === i);
  }
  const p: Record<string, Plan> = { ...a.p };
  for (const key of Object.keys(b.p ?? {})) setOwn(p, key, merge(own(p, key), b.p![key])!);
  const out: { p?: Record<string, Plan>; i?: Plan; a?: Plan } = {};
  if (Object.keys(p).length > 0) out.p = p;
  const i = merge(a.i, b.i);
  if (i !== undefined) out.i = i;
  const rest = merge(a.a, b.a);
  if (rest !== undefined) out.a = rest;
  return out;
}

class Planner {
  /** Named schema → its plan; `null` while it is being planned, and for one without dates. */
  readonly table = new Map<string, Plan | null>();
  constructor(private readonly doc: OpenApiDocument) {}

  /** The plan of a schema, `undefined` when it holds no date. */
  plan(schema: unknown, depth = 0): Plan | undefined {
    if (!isObject(schema) || depth > 64) return undefined;
    if (typeof schema.$ref === "string") {
      const name = schemaNameOf(schema);
      if (name === undefined) return this.plan(deref(this.doc, schema), depth + 1);
      if (!this.table.has(name)) {
        this.table.set(name, null);
        const plan = this.plan(deref(this.doc, schema), depth + 1);
        this.table.set(name, plan ?? null);
      }
      // A schema being planned (recursion) is named: the table says later whether it holds dates.
      return name;
    }
    const types = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
    if ((schema.format === "date-time" || schema.format === "date") && types.some((t: unknown) => t === "string")) {
      return schema.format === "date-time" ? 1 : 2;
    }
    let out: Plan | undefined;
    if (isObject(schema.properties)) {
      const p: Record<string, Plan> = {};
      for (const key of Object.keys(schema.properties)) {
        const sub = this.plan(own(schema.properties, key), depth + 1);
        if (sub !== undefined) setOwn(p, key, sub);
      }
      if (Object.keys(p).length > 0) out = { p };
    }
    const rest = isObject(schema.additionalProperties) ? this.plan(schema.additionalProperties, depth + 1) : undefined;
    if (rest !== undefined) out = merge(out, { a: rest });
    const items = isObject(schema.items) ? this.plan(schema.items, depth + 1) : undefined;
    if (items !== undefined) out = merge(out, { i: items });
    for (const k of ONE_OF) if (Array.isArray(schema[k])) for (const member of schema[k]) out = merge(out, this.plan(member, depth + 1));
    return out;
  }

  /** Named schemas that hold a date, themselves or through others: settled by `settle`. */
  private dated = new Set<string>();

  /** The plan without names of schemas that hold no date, and without what is left empty. */
  prune(plan: Plan | undefined): Plan | undefined {
    if (plan === undefined || plan === 1 || plan === 2) return plan;
    if (typeof plan === "string") return this.dated.has(plan) ? plan : undefined;
    if (Array.isArray(plan)) {
      const list = plan.flatMap((x) => this.prune(x) ?? []);
      return list.length === 0 ? undefined : list.length === 1 ? list[0] : list;
    }
    const out: { p?: Record<string, Plan>; i?: Plan; a?: Plan } = {};
    const p: Record<string, Plan> = {};
    for (const key of Object.keys(plan.p ?? {})) {
      const sub = this.prune(plan.p![key]);
      if (sub !== undefined) setOwn(p, key, sub);
    }
    if (Object.keys(p).length > 0) out.p = p;
    const i = this.prune(plan.i);
    if (i !== undefined) out.i = i;
    const a = this.prune(plan.a);
    if (a !== undefined) out.a = a;
    return Object.keys(out).length > 0 ? out : undefined;
  }

  /** Which named schemas hold dates (the least fixed point, so recursion without dates holds none), and their pruned plans. */
  settle(): Map<string, Plan> {
    const reaches = (plan: Plan | undefined): boolean =>
      plan === 1 ||
      plan === 2 ||
      (typeof plan === "string"
        ? this.dated.has(plan)
        : Array.isArray(plan)
          ? plan.some(reaches)
          : typeof plan === "object" && (Object.values(plan.p ?? {}).some(reaches) || reaches(plan.i) || reaches(plan.a)));
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, plan] of this.table) {
        if (plan !== null && !this.dated.has(name) && reaches(plan)) {
          this.dated.add(name);
          changed = true;
        }
      }
    }
    const out = new Map<string, Plan>();
    for (const name of [...this.dated].sort()) out.set(name, this.prune(this.table.get(name)!)!);
    return out;
  }
}

interface OperationPlans {
  name: string;
  request?: Plan;
  responses: Record<string, Plan>;
}

/** Each operation's plans: params by field (and `body`, merged over its media types), 2xx JSON bodies by status. */
function operationPlans(doc: OpenApiDocument, operations: readonly OperationModel[], planner: Planner): OperationPlans[] {
  const at = (pointer: string | undefined) => (pointer === undefined ? undefined : follow(doc, pointerSegments(pointer)));
  return operations.map((op) => {
    const p: Record<string, Plan> = {};
    for (const param of op.parameters) {
      const plan = planner.plan(at(param.schemaPointer));
      if (plan !== undefined) setOwn(p, param.key, plan);
    }
    if (op.body) {
      let body: Plan | undefined;
      for (const choice of [op.body, ...(op.body.alternatives ?? [])]) body = merge(body, planner.plan(at(choice.schemaPointer)));
      if (body !== undefined) p.body = body;
    }
    const responses: Record<string, Plan> = {};
    for (const r of op.success) {
      if (r.kind !== "json" || r.contentType === undefined || !isJsonMediaType(r.contentType)) continue;
      const plan = planner.plan(at(r.schemaPointer));
      if (plan !== undefined) setOwn(responses, r.status, plan);
    }
    return { name: op.name, ...(Object.keys(p).length > 0 ? { request: { p } } : {}), responses };
  });
}

const planText = (plan: Plan): string => {
  if (typeof plan === "number") return String(plan);
  if (typeof plan === "string") return stringLiteral(plan);
  if (Array.isArray(plan)) return `[${plan.map(planText).join(", ")}]`;
  const parts: string[] = [];
  if (plan.p)
    parts.push(
      `p: { ${Object.keys(plan.p)
        .map((k) => `${objectKey(k)}: ${planText(plan.p![k]!)}`)
        .join(", ")} }`,
    );
  if (plan.i !== undefined) parts.push(`i: ${planText(plan.i)}`);
  if (plan.a !== undefined) parts.push(`a: ${planText(plan.a)}`);
  return `{ ${parts.join(", ")} }`;
};

export interface EmittedDates {
  source: string;
  declarations: string;
  /** The operations that carry dates, each with its plans. */
  operations: string[];
}

/** `dates.js` and its declarations, or undefined when no operation carries a date. */
export function emitDates(model: ApiModel): EmittedDates | undefined {
  const planner = new Planner(model.document);
  const raw = operationPlans(model.document, model.operations, planner);
  const table = planner.settle();
  const plans = raw
    .map((o) => ({
      name: o.name,
      request: planner.prune(o.request),
      responses: Object.fromEntries(
        Object.entries(o.responses).flatMap(([s, plan]) => (planner.prune(plan) !== undefined ? [[s, planner.prune(plan)!]] : [])),
      ),
    }))
    .filter((o) => o.request !== undefined || Object.keys(o.responses).length > 0);
  if (plans.length === 0) return undefined;
  const entries = plans.map((o, i) => {
    const fields = ["convert: convertDates", "table: T"];
    if (o.request !== undefined) fields.push(`request: ${planText(o.request)}`);
    const statuses = Object.entries(o.responses).map(([s, plan]) => `${stringLiteral(s)}: ${planText(plan)}`);
    if (statuses.length > 0) fields.push(`responses: { ${statuses.join(", ")} }`);
    return `const d${i} = { ${fields.join(", ")} };`;
  });
  const source = [
    'import { convertDates } from "./runtime/dates.js";',
    "",
    "/** The plans of the named schemas that hold dates, by name. */",
    `const T = {\n${[...table].map(([name, plan]) => `  ${objectKey(name)}: ${planText(plan)},`).join("\n")}\n};`,
    "",
    ...entries,
    "",
    `export { ${plans.map((o, i) => `d${i} as ${o.name}`).join(", ")} };`,
    "",
  ].join("\n");
  const declarations = [
    'import type { DateSpec } from "./runtime/dates.js";',
    "",
    "// Where each operation's params and 2xx bodies hold dates; the operations pass these to the runtime.",
    ...plans.map((o) => `export declare const ${o.name}: DateSpec;`),
    "",
  ].join("\n");
  return { source, declarations, operations: plans.map((o) => o.name) };
}
