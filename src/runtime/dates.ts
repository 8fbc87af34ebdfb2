/**
 * `dates: "Date"`: `format: date-time` and `date` values are `Date` objects for the caller and
 * ISO 8601 strings on the wire. Only operations that carry a date import this file (through the
 * generated `dates.js`), and only a folder generated with the setting has one.
 *
 * Where the dates are is a plan generated from the schemas: `1` a date-time, `2` a date, a string
 * the name of a shared plan in `table` (so that recursive schemas stay finite), a list of plans
 * applied in turn (the branches of a union), or an object with `p` (plans of properties by name),
 * `i` (of array items) and `a` (of other properties' values).
 * A `date` is a `Date` at UTC midnight, as `new Date("2024-05-01")` makes it, and is sent as its UTC day.
 */
import { InvalidParameterError } from "./errors.js";

export type DatePlan =
  | 1
  | 2
  | string
  | readonly DatePlan[]
  | { readonly p?: Readonly<Record<string, DatePlan>>; readonly i?: DatePlan; readonly a?: DatePlan };

/** An operation's dates: what its params and each 2xx JSON body hold. */
export interface DateSpec {
  readonly convert: typeof convertDates;
  readonly table: Readonly<Record<string, DatePlan>>;
  readonly request?: DatePlan;
  readonly responses?: Readonly<Record<string, DatePlan>>;
}

// RFC 3339 as the document's formats write it; anything else stays the string it is.
const DATE_TIME = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i;
const DATE = /^\d{4}-\d\d-\d\d$/;

// Array.isArray does not narrow a readonly array.
const isList = (plan: DatePlan): plan is readonly DatePlan[] => Array.isArray(plan);

type Leaf = (value: unknown, kind: 1 | 2, path: string) => unknown;

function set(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/** The value with each planned leaf replaced; containers are copied only on the way to a change, never changed in place. */
function walk(value: unknown, plan: DatePlan | undefined, table: DateSpec["table"], leaf: Leaf, path: string): unknown {
  const p = typeof plan === "string" ? table[plan] : plan;
  if (p === undefined || value === null || value === undefined) return value;
  if (p === 1 || p === 2) return leaf(value, p, path);
  if (isList(p)) return p.reduce((v: unknown, branch: DatePlan) => walk(v, branch, table, leaf, path), value);
  if (typeof p !== "object" || typeof value !== "object" || value instanceof Date) return value;
  if (Array.isArray(value)) {
    if (p.i === undefined) return value;
    let copy: unknown[] | undefined;
    value.forEach((item, i) => {
      const next = walk(item, p.i, table, leaf, `${path}/${i}`);
      if (next !== item) (copy ??= [...value])[i] = next;
    });
    return copy ?? value;
  }
  // Only plain objects: a Blob, a FormData or a stream is the caller's and goes as it is.
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const key of Object.keys(value)) {
    const sub = p.p && Object.hasOwn(p.p, key) ? p.p[key] : p.a;
    if (sub === undefined) continue;
    const item = (value as Record<string, unknown>)[key];
    const next = walk(item, sub, table, leaf, `${path}/${key}`);
    if (next !== item) set((copy ??= { ...(value as Record<string, unknown>) }), key, next);
  }
  return copy ?? value;
}

/**
 * A call's params with their dates as the wire carries them (`status` undefined), or a 2xx body
 * with the wire's date strings as `Date`s (the plan of `status`, then of its range).
 */
export function convertDates(spec: DateSpec, value: unknown, status: number | undefined, operation: string): unknown {
  if (status === undefined) {
    return walk(
      value,
      spec.request,
      spec.table,
      (v, kind, path) => {
        if (!(v instanceof Date)) return v;
        if (Number.isNaN(v.getTime())) throw new InvalidParameterError(operation, path.slice(1), "is an invalid Date");
        return kind === 2 ? v.toISOString().slice(0, 10) : v.toISOString();
      },
      "",
    );
  }
  const responses = spec.responses ?? {};
  const key = String(status);
  const plan = Object.hasOwn(responses, key) ? responses[key] : (responses[`${key[0]}XX`] ?? responses[`${key[0]}xx`]);
  return walk(
    value,
    plan,
    spec.table,
    (v, kind) => {
      if (typeof v !== "string" || !(kind === 2 ? DATE : DATE_TIME).test(v)) return v;
      const date = new Date(v);
      return Number.isNaN(date.getTime()) ? v : date;
    },
    "",
  );
}
