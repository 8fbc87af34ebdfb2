import { InvalidParameterError } from "./errors.js";

// A path value may only fill its own segment: "", "." and ".." (also percent-encoded) would
// change which endpoint the request reaches once the URL is normalised.
const DOT_SEGMENT = /^(?:\.|%2e){0,2}$/i;

const PATH_TYPES = {
  string: (v: unknown) => typeof v === "string",
  number: (v: unknown) => typeof v === "number" && Number.isFinite(v),
  integer: (v: unknown) => Number.isInteger(v),
  boolean: (v: unknown) => typeof v === "boolean",
};
export type PathType = keyof typeof PATH_TYPES;

const describeValue = (v: unknown) => (v === null || typeof v === "number" ? String(v) : Array.isArray(v) ? "an array" : typeof v);

/** The value of a path parameter, checked: present, of the declared type, and unable to change the path. */
export function pathValue(operation: string, name: string, value: unknown, declared: PathType | undefined): unknown {
  if (value === undefined) throw new InvalidParameterError(operation, name, "is required");
  if (declared ? !PATH_TYPES[declared](value) : !(PATH_TYPES.string(value) || PATH_TYPES.number(value) || PATH_TYPES.boolean(value))) {
    throw new InvalidParameterError(operation, name, `must be ${declared ? `a ${declared}` : "a string, a number or a boolean"}, not ${describeValue(value)}`);
  }
  if (DOT_SEGMENT.test(String(value))) {
    throw new InvalidParameterError(operation, name, `cannot be ${JSON.stringify(value)}: it would change the path of the request`);
  }
  return value;
}
