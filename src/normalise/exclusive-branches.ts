import { isObject, own, setOwn } from "../document/own.js";
import type { SchemaRule } from "./schema-rules.js";

/**
 * Branches of a union that each forbid other properties (`additionalProperties: false`, Vercel's
 * `createOrTransferDomain`) are exclusive, but TypeScript's union is not: an object with one
 * branch's property and another's required ones passes, as its excess-property check asks only that
 * each property exist in some member. Each such inline branch gets the other branches' properties
 * as `false` (`name?: never`), which says in the types what `additionalProperties: false` says to
 * the validators.
 */
export const exclusiveBranches: SchemaRule = (schema, at, note) => {
  let s = schema;
  for (const keyword of ["oneOf", "anyOf"]) {
    const branches = s[keyword];
    if (!Array.isArray(branches) || branches.length < 2) continue;
    const closed = (b: unknown): b is Record<string, any> =>
      isObject(b) && b.additionalProperties === false && isObject(b.properties) && b.$ref === undefined;
    if (!branches.every(closed)) continue;
    const all = [...new Set(branches.flatMap((b) => Object.keys(b.properties)))];
    const next = branches.map((b) => {
      const missing = all.filter((name) => own(b.properties, name) === undefined);
      if (missing.length === 0) return b;
      const properties = { ...b.properties };
      for (const name of missing) setOwn(properties, name, false);
      return { ...b, properties };
    });
    if (next.some((b, i) => b !== branches[i])) {
      s = { ...s, [keyword]: next };
      note(`${at}: ${keyword} branches that allow no other properties exclude each other's`);
    }
  }
  return s;
};
