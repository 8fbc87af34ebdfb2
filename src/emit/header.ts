import { redactUrls } from "../load/redact-url.js";
import { GENERATED_MARK, GENERATED_MARKDOWN_MARK } from "../output/generated-mark.js";
import { lineCommentText } from "./text.js";

export interface HeaderInfo {
  /** The document, as a path relative to where the generator ran. */
  source: string;
  /** sha256 of the document's canonical JSON. */
  hash: string;
  /** The command that regenerates this folder. */
  command: string;
}

/** What the header says, each line as text: the source and the command, with any URL's secrets redacted. */
function lines(info: HeaderInfo): [string, string] {
  return [`Source: ${info.source} (sha256 of its canonical JSON: ${info.hash})`, `Regenerate: ${redactUrls(info.command)}`];
}

/** The first lines of every generated file: what made it, from what, and how to make it again. */
export function header(info: HeaderInfo): string {
  return [
    `${GENERATED_MARK} Do not edit: changes are lost when the folder is regenerated.`,
    ...lines(info).map((l) => `// ${lineCommentText(l)}`),
    "",
  ].join("\n");
}

/** The same lines for a Markdown file, in an HTML comment (which `-->` in a path cannot end early). */
export function markdownHeader(info: HeaderInfo): string {
  const text = (t: string) => lineCommentText(t).replace(/--!?>/g, (end) => end.replace(">", "&gt;"));
  return [
    `${GENERATED_MARKDOWN_MARK} Do not edit: changes are lost when the folder is regenerated.`,
    ...lines(info).map(text),
    "-->",
    "",
  ].join("\n");
}
