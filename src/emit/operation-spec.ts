import { requestContentType } from "../model/media-types.js";
import type { OperationModel } from "../model/types.js";
import { objectKey, stringLiteral } from "./text.js";

/** The `OperationSpec` literal the runtime reads: one fact per line, so a change is one line of diff. */
export function specLiteral(op: OperationModel): string {
  const lines = [`operation: ${stringLiteral(op.name)},`, `method: ${stringLiteral(op.method.toUpperCase())},`, `path: ${stringLiteral(op.path)},`];
  if (op.parameters.length > 0) {
    lines.push(`params: { ${op.parameters.map((p) => `${objectKey(p.name)}: ${stringLiteral(p.in)}`).join(", ")} },`);
  }
  const typed = op.parameters.filter((p) => p.in === "path" && p.type !== undefined);
  if (typed.length > 0) lines.push(`pathTypes: { ${typed.map((p) => `${objectKey(p.name)}: ${stringLiteral(p.type!)}`).join(", ")} },`);
  if (op.body) {
    lines.push(`body: ${stringLiteral(op.body.kind)},`);
    const contentType = requestContentType(op.body);
    if (contentType !== undefined) lines.push(`contentType: ${stringLiteral(contentType)},`);
  }
  const response = op.success.find((r) => r.kind !== "none")?.kind ?? "none";
  if (response !== "json") lines.push(`response: ${stringLiteral(response)},`);
  if (op.security.length > 0) {
    lines.push(`security: [${op.security.map((names) => `[${names.map(stringLiteral).join(", ")}]`).join(", ")}],`);
  }
  return `{\n${lines.map((l) => "  " + l).join("\n")}\n}`;
}
