import { describePagination } from "../model/pagination.js";
import type { OperationModel } from "../model/types.js";
import { commentText } from "./text.js";

/**
 * The JSDoc text of an operation, tags included. It is handed to ts-morph as one string: its
 * structured tag printer writes a stray `*\/` when the description contains `/*`, which would end the comment.
 */
export function operationDocs(op: OperationModel): string {
  const paragraphs: string[] = [];
  if (op.summary) paragraphs.push(op.summary);
  if (op.description && op.description.trim() !== op.summary?.trim()) paragraphs.push(op.description);
  paragraphs.push(`\`${op.method.toUpperCase()} ${op.path}\``);
  const items = op.parameters.map((p) => {
    const where = p.querystring ? `the whole query string, as ${p.content}` : p.in;
    const facts = [where, p.required ? "required" : "optional", ...(p.deprecated ? ["deprecated"] : [])].join(", ");
    const field =
      p.key === p.name
        ? `\`${p.name}\``
        : `\`${p.key}\` (sent as the ${p.in} parameter \`${p.name}\`: another location has one of that name)`;
    const description = p.undeclared ? "not declared by the document, which has it in the path: sent as a string." : p.description?.trim();
    return `- ${field} (${facts})${description ? ": " + description : ""}`;
  });
  if (op.body) {
    items.push(
      `- \`body\` (${op.body.contentType}, ${op.body.required ? "required" : "optional"})${op.body.description ? ": " + op.body.description.trim() : ""}`,
    );
    if (op.body.alternatives) {
      const others = op.body.alternatives.map((c) => `\`"${c.contentType}"\``).join(", ");
      items.push(
        `- \`contentType\` (optional): the media type to send the body as, ${others} (default \`"${op.body.contentType}"\`); \`body\` is typed for it`,
      );
    }
  }
  if (items.length > 0) paragraphs.push(items.join("\n"));
  if (op.ignoredHeaders)
    paragraphs.push(
      `The document declares ${op.ignoredHeaders.map((h) => `\`${h}\``).join(", ")} as header parameters, which OpenAPI says to ignore (or fetch writes itself): the client sets them (\`Accept\` from the responses it reads, \`Content-Type\` and \`Content-Length\` from the body, \`Authorization\` from the credentials).`,
    );
  if (op.faults)
    paragraphs.push(
      `The document has faults this operation reaches; it was generated around them (\`--strict\` refuses them):\n${op.faults.map((f) => `- ${f}`).join("\n")}`,
    );
  if (op.droppedBody)
    paragraphs.push(`The document declares a request body, which a ${op.method.toUpperCase()} request cannot carry: it is left out.`);
  if (op.pagination)
    paragraphs.push(
      `Paginated, ${describePagination(op.pagination)}: \`${op.name}.all(client, params)\` iterates the items of every page, \`${op.name}.pages(client, params)\` the pages.`,
    );
  paragraphs.push(...namingNotes(op));
  const text = commentText(paragraphs.map((p) => p.trim()).join("\n\n"));
  return op.deprecated ? `${text}\n@deprecated` : text;
}

/** Why the function has the name it has, when that is not the operationId as written. */
function namingNotes(op: OperationModel): string[] {
  const notes: string[] = [];
  if (op.chosenIn !== undefined) notes.push(`Named \`${op.name}\` in ${op.chosenIn}.`);
  else if (op.operationId !== undefined && op.operationId !== op.name && !op.collision) {
    notes.push(`Named \`${op.name}\` after the operationId \`${op.operationId}\`.`);
  } else if (op.operationId === undefined) notes.push(`Named \`${op.name}\` after its method and path (the operation has no operationId).`);
  if (op.collision) {
    const h = op.collision.holder;
    const holder = h.operationId !== undefined ? `operationId \`${h.operationId}\`` : "no operationId";
    notes.push(`Named \`${op.name}\` because \`${op.collision.wanted}\` is taken by \`${h.method.toUpperCase()} ${h.path}\` (${holder}).`);
  }
  return notes;
}
