import { ParameterProblem } from "./params.js";
import type { PrimitiveType } from "./spec.js";

const CHECKS: Record<PrimitiveType, (v: unknown) => boolean> = {
  string: (v) => typeof v === "string",
  number: (v) => typeof v === "number" && Number.isFinite(v),
  integer: (v) => Number.isInteger(v) || typeof v === "bigint",
  boolean: (v) => typeof v === "boolean",
};

const describe = (v: unknown) => (v === null || typeof v === "number" ? String(v) : Array.isArray(v) ? "an array" : typeof v);

/** A path value of the type the document declares, for JavaScript callers whom no compiler checked. */
export function checkPathType(key: string, value: unknown, declared: PrimitiveType): void {
  if (value !== undefined && !CHECKS[declared](value))
    throw new ParameterProblem(key, `must be a${declared === "integer" ? "n" : ""} ${declared}, not ${describe(value)}`);
}
