import { isLiteralText as isLiteral, unionMembers as members } from "../model/type-text.js";
import { own } from "../document/own.js";
import type { Surface, SurfaceOperation, SurfaceSchema } from "./surface.js";

const has = (obj: object, key: string) => Object.hasOwn(obj, key);

/**
 * What changed in the API between two manifests, judged from the side of code that calls the
 * generated client. What a caller sends may widen but not narrow (a new optional field is fine,
 * a new required one breaks); what it receives may narrow but not widen (a removed enum value in a
 * response breaks code that matches on it, a field that may now be missing breaks code that reads it).
 */
export interface Change {
  breaking: boolean;
  text: string;
}

type Direction = "request" | "response";

/** A changed type, described and judged for the direction the data flows. */
function typeChange(subject: string, before: string, after: string, directions: Direction[]): Change {
  const old = members(before);
  const now = members(after);
  const removed = old.filter((m) => !now.includes(m));
  const added = now.filter((m) => !old.includes(m));
  const breaking = directions.some((d) =>
    d === "request" ? removed.length > 0 : added.length > 0 && !(added.every(isLiteral) && old.every(isLiteral)),
  );
  if ([...old, ...now].every(isLiteral)) {
    const parts = [removed.length > 0 ? `removed ${removed.join(", ")}` : "", added.length > 0 ? `added ${added.join(", ")}` : ""].filter(
      Boolean,
    );
    return {
      breaking: breaking || (directions.includes("response") && removed.length > 0),
      text: `${subject}: values ${parts.join("; ")}`,
    };
  }
  return { breaking, text: `${subject}: type \`${before}\` → \`${after}\`` };
}

const where = (directions: Direction[]) =>
  directions.length === 2
    ? " (sent and received)"
    : directions.length === 0
      ? " (used by no operation)"
      : directions[0] === "request"
        ? " (sent in requests)"
        : " (received in responses)";

function compareOperation(before: SurfaceOperation, after: SurfaceOperation, out: Change[]): void {
  const name = `\`${after.name}\``;
  if (before.name !== after.name)
    out.push({ breaking: true, text: `renamed \`${before.name}\` → ${name} (${after.method} ${after.path})` });
  if (!before.deprecated && after.deprecated) out.push({ breaking: false, text: `${name} is now deprecated` });
  const key = (p: SurfaceOperation["parameters"][number]) => `${p.in} ${p.name}`;
  const oldParams = new Map(before.parameters.map((p) => [key(p), p]));
  for (const p of after.parameters) {
    const old = oldParams.get(key(p));
    oldParams.delete(key(p));
    const label = `${name}: ${p.in} parameter \`${p.name}\``;
    if (!old)
      out.push({ breaking: p.required, text: `${name}: new ${p.required ? "required" : "optional"} ${p.in} parameter \`${p.name}\`` });
    else {
      if (old.required !== p.required) out.push({ breaking: p.required, text: `${label} is now ${p.required ? "required" : "optional"}` });
      if (old.type !== p.type) out.push(typeChange(label, old.type, p.type, ["request"]));
    }
  }
  for (const p of oldParams.values()) out.push({ breaking: true, text: `${name}: removed ${p.in} parameter \`${p.name}\`` });

  if (!before.body && after.body)
    out.push({ breaking: after.body.required, text: `${name}: new ${after.body.required ? "required" : "optional"} request body` });
  else if (before.body && !after.body) out.push({ breaking: true, text: `${name}: removed the request body` });
  else if (before.body && after.body) {
    if (before.body.required !== after.body.required)
      out.push({
        breaking: after.body.required,
        text: `${name}: the request body is now ${after.body.required ? "required" : "optional"}`,
      });
    if (before.body.type !== after.body.type) out.push(typeChange(`${name}: request body`, before.body.type, after.body.type, ["request"]));
    if (before.body.contentType !== after.body.contentType)
      out.push({ breaking: false, text: `${name}: the request body is now sent as ${after.body.contentType}` });
  }
  if (before.response !== after.response) out.push(typeChange(`${name}: response`, before.response, after.response, ["response"]));
  // Losing pagination takes `.all` and `.pages` away from callers; gaining it, or paging another way, takes nothing.
  if (before.pagination !== after.pagination)
    out.push(
      !after.pagination
        ? { breaking: true, text: `${name} is no longer paginated (was ${before.pagination}): \`.all\` and \`.pages\` are gone` }
        : {
            breaking: false,
            text: before.pagination
              ? `${name}: pagination ${before.pagination} → ${after.pagination}`
              : `${name} is now paginated: ${after.pagination}`,
          },
    );
}

function compareSchema(name: string, before: SurfaceSchema, after: SurfaceSchema, out: Change[]): void {
  const directions = [...new Set([...before.usedIn, ...after.usedIn])].sort() as Direction[];
  const suffix = where(directions);
  const subject = `\`${name}\``;
  if (!before.deprecated && after.deprecated) out.push({ breaking: false, text: `${subject} is now deprecated` });
  if (before.type !== undefined || after.type !== undefined) {
    const b = before.type ?? "object";
    const a = after.type ?? "object";
    if (a !== b) out.push(withSuffix(typeChange(subject, b, a, directions), suffix));
    return;
  }
  const oldProps = before.properties ?? {};
  const newProps = after.properties ?? {};
  const oldRequired = new Set(before.required ?? []);
  const newRequired = new Set(after.required ?? []);
  for (const prop of Object.keys(newProps)) {
    const label = `${subject}: property \`${prop}\``;
    if (!has(oldProps, prop)) {
      const required = newRequired.has(prop);
      out.push({
        breaking: directions.includes("request") && required,
        text: `${subject}: new ${required ? "required" : "optional"} property \`${prop}\`${suffix}`,
      });
      continue;
    }
    if (oldRequired.has(prop) !== newRequired.has(prop)) {
      const nowRequired = newRequired.has(prop);
      const breaking = nowRequired ? directions.includes("request") : directions.includes("response");
      out.push({ breaking, text: `${label} is now ${nowRequired ? "required" : "optional"}${suffix}` });
    }
    if (own(oldProps, prop) !== own(newProps, prop))
      out.push(withSuffix(typeChange(label, own(oldProps, prop), own(newProps, prop), directions), suffix));
  }
  for (const prop of Object.keys(oldProps))
    if (!has(newProps, prop)) out.push({ breaking: true, text: `${subject}: removed property \`${prop}\`${suffix}` });
}

function withSuffix(change: Change, suffix: string): Change {
  return { ...change, text: change.text + suffix };
}

/** Every change from `before` to `after`, breaking ones first, each group in a stable order. */
export function compareSurfaces(before: Surface, after: Surface): Change[] {
  const out: Change[] = [];
  const key = (op: SurfaceOperation) => `${op.method} ${op.path}`;
  const oldOps = new Map(before.operations.map((op) => [key(op), op]));
  for (const op of after.operations) {
    const old = oldOps.get(key(op));
    oldOps.delete(key(op));
    if (old) compareOperation(old, op, out);
    else out.push({ breaking: false, text: `new operation \`${op.name}\` (${op.method} ${op.path})` });
  }
  for (const op of oldOps.values()) out.push({ breaking: true, text: `removed operation \`${op.name}\` (${op.method} ${op.path})` });
  for (const name of Object.keys(after.schemas)) {
    if (has(before.schemas, name)) compareSchema(name, own(before.schemas, name), own(after.schemas, name), out);
    else out.push({ breaking: false, text: `new schema \`${name}\`` });
  }
  for (const name of Object.keys(before.schemas)) {
    if (!has(after.schemas, name)) out.push({ breaking: true, text: `removed schema \`${name}\`` });
  }
  return [...out.filter((c) => c.breaking), ...out.filter((c) => !c.breaking)];
}
