// deepObject (`name[key]=value`), for query parameters and form fields: Stripe's style, on nearly
// every one of its operations. An operation whose only style beyond the plain ones is deepObject
// imports `deepObject` alone rather than every style (`styles`, param-styles.ts).
import { isPlainObject, type PairEncoders, type ParamStyles, ParameterProblem, PERCENT, present, RESERVED, textOf } from "./params.js";

// deepObject is only defined for an object of primitives. Nested objects (`name[a][b]=v`) and arrays
// indexed from 0 (`name[0]=v`) follow Stripe's convention, the main user of the style, which reads
// `expand[0]=…` and `metadata[key]=…`. The brackets are data delimiters and are percent-encoded like
// everything else (the specification's example: `color%5BR%5D=100`); servers decode them first.
function deep(parameter: string, name: string, value: unknown, out: Array<[string, string]>, seen: object[]) {
  if (!Array.isArray(value) && !isPlainObject(value)) {
    out.push([name, textOf(parameter, value)]);
    return;
  }
  if (seen.includes(value)) throw new ParameterProblem(parameter, "contains itself");
  seen.push(value);
  const members = Array.isArray(value) ? value.map((v, i): [number, unknown] => [i, v]) : Object.entries(value);
  for (const [k, v] of members) if (present(v)) deep(parameter, `${name}[${k}]`, v, out, seen);
  seen.pop();
}

/** The name=value pairs of a deepObject value, each encoded by `encoders`. */
export function deepPairs(parameter: string, name: string, value: unknown, { key, val }: PairEncoders): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  deep(parameter, name, value, out, []);
  return out.map(([k, v]) => [key(k), val(v)]);
}

/** The styles of an operation whose parameters and form fields beyond the plain ones are all of style deepObject, in the query. */
export const deepObject: ParamStyles = {
  param: (key, spec, value, out) => {
    for (const pair of deepPairs(key, spec.name ?? key, value, spec.allowReserved ? RESERVED : PERCENT)) out.query.push(pair.join("="));
  },
  pairs: (parameter, name, value, _style, _explode, encoders) => deepPairs(parameter, name, value, encoders),
};
