import { responseKinds } from "../document/media-types.js";
import { type BodyChoice, CONTENT_TYPE_FIELD, type OperationModel, type ResponseMedia, type ResponseModel } from "../model/types.js";
import { propertyName, stringLiteral } from "./text.js";

/**
 * The types of one operation, written as openapi-typescript's types indexed by name, so that
 * `schema.d.ts` stays the single source of the shapes and each operation's own types are named
 * (`CancelUploadParams`), which is what hovers and error messages show.
 */

/**
 * openapi-typescript's type of the operation, by path and method: that key is the document's own,
 * where its `operations` keys are operationIds it rewrites (a `#` becomes `/`).
 */
function operationType(op: OperationModel): string {
  const { path, method } = op.typesKey ?? op;
  return `paths[${stringLiteral(path)}][${stringLiteral(method)}]`;
}

function statusKey(status: string): string {
  return /^[1-9]\d*$/.test(status) ? status : stringLiteral(status);
}

export function bodyType(op: OperationModel, r: ResponseModel): string {
  switch (r.kind) {
    case "none":
      return "undefined";
    case "blob":
      return "Blob";
    case "stream":
      return `Stream<${op.types.event}>`;
    default:
      return r.schemaName !== undefined
        ? `components["schemas"][${stringLiteral(r.schemaName)}]`
        : `${operationType(op)}["responses"][${statusKey(r.status)}]["content"][${stringLiteral(r.contentType!)}]`;
  }
}

/**
 * What an answer of one declared media type (or range) resolves to, as the runtime reads it: JSON
 * typed by its schema (`unknown` without one, or for a schema of bytes, which JSON cannot be), text a string, bytes a Blob, a stream the
 * operation's `Stream` (a string where the operation declares none); a range is each of its kinds.
 */
function mediaTypes(op: OperationModel, r: ResponseModel, m: ResponseMedia): string[] {
  if (r.undeclared) return ["unknown"];
  // The model knows a stream its media type alone does not say (OpenAPI 3.2's multipart/mixed with `itemSchema`).
  const kinds = m.kind === "stream" ? (["stream"] as const) : responseKinds(m.contentType);
  return kinds.map((kind) => {
    if (kind === "text") return "string";
    if (kind === "blob") return "Blob";
    if (kind === "stream") return op.streaming ? `Stream<${op.types.event}>` : "string";
    if (m.opaque) return "unknown";
    return m.schemaName !== undefined
      ? `components["schemas"][${stringLiteral(m.schemaName)}]`
      : `${operationType(op)}["responses"][${statusKey(r.status)}]["content"][${stringLiteral(m.contentType)}]`;
  });
}

/** What a 2xx status resolves to: `undefined` without content, else the union over its media types. */
export function statusType(op: OperationModel, r: ResponseModel): string[] {
  if (r.contentType === undefined) return ["undefined"];
  return [r as ResponseMedia, ...(r.alternatives ?? [])].flatMap((m) => mediaTypes(op, r, m));
}

/** The resolved value: the union over the 2xx statuses (the members); `unknown` absorbs the rest. */
export function resultType(op: OperationModel): string[] {
  const members = [...new Set(op.success.flatMap((r) => statusType(op, r)))];
  return members.length === 0 || members.includes("unknown") ? ["unknown"] : members;
}

/** The type of a streamed answer's items: its schema's, as openapi-typescript types the media type. */
export function eventType(op: OperationModel): string {
  const s = op.streaming!;
  if (s.schemaName !== undefined) return `components["schemas"][${stringLiteral(s.schemaName)}]`;
  const content = `${operationType(op)}["responses"][${statusKey(s.status)}]["content"][${stringLiteral(s.contentType)}]`;
  // OpenAPI 3.2's `itemSchema` is typed as the items of an array (load/oas-3.2.ts): openapi-typescript reads `schema` only.
  return s.itemSource === "itemSchema" ? `${content}[number]` : content;
}

/**
 * The single params object: path, query, header and cookie parameters by name, and `body` (the
 * members of an intersection). A parameter whose field is not its name (two locations share it)
 * is moved to its field.
 */
export function paramsType(op: OperationModel): string[] {
  const parts: string[] = [];
  for (const location of ["path", "query", "header", "cookie"] as const) {
    const here = op.parameters.filter((p) => p.in === location);
    if (here.length === 0) continue;
    const raw = `${operationType(op)}["parameters"][${stringLiteral(location)}]`;
    // openapi-typescript types the header parameters OpenAPI says to ignore: they are left out.
    const ignored = location === "header" ? (op.ignoredHeaders ?? []) : [];
    const whole = location === "path" ? raw : `NonNullable<${raw}>`;
    const type = ignored.length > 0 ? `Omit<${whole}, ${ignored.map(stringLiteral).join(" | ")}>` : whole;
    const moved = here.filter((p) => p.key !== p.name);
    const undeclared = here.filter((p) => p.undeclared);
    if (undeclared.length > 0) parts.push(`{ ${undeclared.map((p) => `${propertyName(p.key)}: string`).join("; ")} }`);
    if (undeclared.length === here.length) continue;
    if (moved.length === 0) {
      parts.push(type);
      continue;
    }
    parts.push(`Omit<${type}, ${moved.map((p) => stringLiteral(p.name)).join(" | ")}>`);
    parts.push(`{ ${moved.map((p) => `${propertyName(p.key)}${p.required ? "" : "?"}: ${type}[${stringLiteral(p.name)}]`).join("; ")} }`);
  }
  if (op.body) {
    const body = op.body;
    const typeOf = (choice: BodyChoice) =>
      choice.schemaName !== undefined
        ? `components["schemas"][${stringLiteral(choice.schemaName)}]`
        : `NonNullable<${operationType(op)}["requestBody"]>["content"][${stringLiteral(choice.contentType)}]`;
    const field = `body${body.required ? "" : "?"}`;
    if (!body.alternatives) parts.push(`{ ${field}: ${typeOf(body)} }`);
    else {
      // The caller chooses the media type; the body is typed for the choice (the first is the default).
      const choices = [body, ...body.alternatives].map(
        (c, i) => `{ ${CONTENT_TYPE_FIELD}${i === 0 ? "?" : ""}: ${stringLiteral(c.contentType)}; ${field}: ${typeOf(c)} }`,
      );
      const flat = `(${choices.join(" | ")})`;
      parts.push(flat.length <= 100 ? flat : `(\n${choices.map((c) => `  | ${c}`).join("\n")}\n)`);
    }
  }
  return parts.length === 0 ? ["Record<string, never>"] : parts;
}

export function paramsRequired(op: OperationModel): boolean {
  return op.parameters.some((p) => p.required) || op.body?.required === true;
}

const RANGES: Record<string, string> = { "3": "RedirectStatus", "4": "ClientErrorStatus", "5": "ServerErrorStatus" };

/**
 * The `ApiError`s the operation rejects with, one member per declared status, so that comparing
 * `status` narrows `error`: exact statuses, then ranges (`4XX`) without the exact ones, then
 * `default` (or `unknown` bodies) for every other status.
 */
export function errorType(op: OperationModel): string[] {
  const exact = op.errors.filter((r) => /^[3-5]\d\d$/.test(r.status));
  const ranges = op.errors.filter((r) => /^[3-5]XX$/i.test(r.status));
  const fallback = op.errors.find((r) => r.status === "default");
  const members = exact.map((r) => `ApiError<${r.status}, ${bodyType(op, r)}>`);
  const exactIn = (digit: string) => exact.filter((r) => r.status.startsWith(digit)).map((r) => r.status);
  for (const r of ranges) {
    const digit = r.status[0]!;
    const taken = exactIn(digit);
    members.push(`ApiError<${taken.length > 0 ? `Exclude<${RANGES[digit]}, ${taken.join(" | ")}>` : RANGES[digit]}, ${bodyType(op, r)}>`);
  }
  const rest = [...exact.map((r) => r.status), ...ranges.map((r) => RANGES[r.status[0]!]!)];
  const others = rest.length > 0 ? `Exclude<ErrorStatus, ${rest.join(" | ")}>` : "ErrorStatus";
  members.push(`ApiError<${others}, ${fallback ? bodyType(op, fallback) : "unknown"}>`);
  return members;
}

/** Which of the runtime's status types `errorType` uses. */
export function statusTypesUsed(types: readonly string[]): string[] {
  return ["ErrorStatus", ...Object.values(RANGES)].filter((name) => types.some((t) => t.includes(name))).sort();
}
