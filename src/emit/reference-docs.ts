import type { ApiModel, OperationModel, ResponseModel } from "../model/types.js";
import type { Namespace } from "./namespaces/plan.js";
import { paramsRequired } from "./operation-types.js";

/**
 * `api.md`: the reference of the generated client, as the official SDKs ship one: one section per
 * resource (the namespaces when the config asks for them, the first tag otherwise), and for each
 * method its signature, its named types, the errors it rejects with and the document's summary.
 * Plain text derived from the model only, so it changes exactly when the client does and its diff
 * reviews beside the code's.
 */

/**
 * Text of the document as one line of Markdown prose: its links and emphasis stay, but no HTML
 * (`<` and `>` escaped) and nothing that would start a heading, a list or a quote.
 */
export function prose(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\<>]/g, (c) => `\\${c}`)
    .replace(/^(?=[#+*=|-]|\d+[.)])/, "\\");
}

/** Text as a Markdown code span, whatever backticks it holds. */
export function code(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = flat.startsWith("`") || flat.endsWith("`") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** The document's summary of an operation: its `summary`, or the first sentence of its description. */
export function summaryOf(op: OperationModel): string | undefined {
  if (op.summary?.trim()) return op.summary.split(/\n\s*\n/)[0];
  const description = op.description?.trim();
  if (!description) return undefined;
  const paragraph = description.split(/\n\s*\n/)[0]!;
  const sentence = /^[\s\S]*?[.!?](?=\s|$)/.exec(paragraph);
  return sentence ? sentence[0] : paragraph;
}

function responseText(r: ResponseModel): string {
  const body = r.kind === "none" ? "no body" : r.schemaName !== undefined ? code(r.schemaName) : (r.contentType ?? "no body");
  return `${r.status} (${body})`;
}

function methodSection(op: OperationModel, call: string): string[] {
  const params = `params${paramsRequired(op) ? "" : "?"}: ${op.types.params}`;
  const lines = [
    `### ${code(`${call}(${params}, options?: RequestOptions): Promise<${op.types.result}>`)}`,
    "",
    ...(summaryOf(op) ? [prose(summaryOf(op)!), ""] : []),
    `- ${code(`${op.method.toUpperCase()} ${op.path}`)}; the function ${code(`${op.name}(client, params, options?)`)}${op.deprecated ? "; **deprecated**" : ""}`,
  ];
  const success = op.success.map(responseText);
  lines.push(`- resolves to ${code(op.types.result)}${success.length > 0 ? `: ${success.join(", ")}` : ""}`);
  if (op.streaming) lines.push(`- streams ${code(op.types.event)} items (${op.streaming.contentType})`);
  if (op.pagination)
    lines.push(`- pages: ${code(`${call}.all(…)`)} for every ${code(op.types.item)}, ${code(`${call}.pages(…)`)} for each page`);
  const errors = op.errors.map(responseText);
  lines.push(
    `- rejects with ${code(op.types.error)}${errors.length > 0 ? `: ${errors.join(", ")}` : ""}, or another ${code("ApiClientError")}`,
  );
  lines.push("");
  return lines;
}

interface Group {
  title: string;
  methods: Array<{ call: string; op: OperationModel }>;
}

function namespaceGroups(root: Namespace): Group[] {
  const out: Group[] = [];
  const visit = (node: Namespace) => {
    if (node.methods.length > 0)
      out.push({
        title: `${code(`api.${node.path}`)} (${code(node.typeName)})`,
        methods: node.methods.map((m) => ({ call: `api.${node.path}.${m.name}`, op: m.op })),
      });
    node.children.forEach(visit);
  };
  root.children.forEach(visit);
  return out;
}

function tagGroups(ops: readonly OperationModel[]): Group[] {
  const byTag = new Map<string, OperationModel[]>();
  for (const op of ops) {
    const tag = op.tags[0] ?? "";
    byTag.set(tag, [...(byTag.get(tag) ?? []), op]);
  }
  return [...byTag.keys()]
    .sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a < b ? -1 : a > b ? 1 : 0))
    .map((tag) => ({
      title: tag === "" ? "Operations without a tag" : prose(tag),
      methods: byTag.get(tag)!.map((op) => ({ call: `api.${op.name}`, op })),
    }));
}

/** `api.md` of a model; `namespaces`: the resource tree the client has, when it has one. */
export function emitReferenceDocs(model: ApiModel, namespaces?: Namespace): string {
  const grouped = namespaces ? namespaceGroups(namespaces) : tagGroups(model.operations);
  const placed = new Set(grouped.flatMap((g) => g.methods.map((m) => m.op)));
  const flatOnly = model.operations.filter((op) => !placed.has(op));
  const groups =
    namespaces && flatOnly.length > 0
      ? [...grouped, { title: "Flat methods only", methods: flatOnly.map((op) => ({ call: `api.${op.name}`, op })) }]
      : grouped;
  const title = `${model.title}${model.version ? ` ${model.version}` : ""}`;
  const lines = [
    `# ${prose(title)}: API reference`,
    "",
    `${model.operations.length} operation${model.operations.length === 1 ? "" : "s"}. Every method is also a flat method of the client (${code("api.<function>(params)")}) and a function (${code("<function>(client, params)")}); each resolves to the data and has ${code(".withResponse()")} and ${code(".asResponse()")}. ${code("RequestOptions")}, ${code("ApiError")} and ${code("ApiClientError")} come from ${code("./runtime/index.js")}, the named types from ${code("./operations.js")}.`,
    "",
  ];
  for (const group of groups) {
    lines.push(`## ${group.title}`, "");
    for (const { call, op } of group.methods) lines.push(...methodSection(op, call));
  }
  return lines.join("\n").replace(/\n+$/, "\n");
}
