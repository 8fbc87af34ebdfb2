import type { Change } from "./compare.js";

/** The change report as the command prints it, breaking changes first. */
export function reportLines(changes: readonly Change[]): string {
  if (changes.length === 0) return "  no API changes\n";
  const breaking = changes.filter((c) => c.breaking).length;
  const head = `  API changes: ${breaking} breaking, ${changes.length - breaking} compatible\n`;
  return head + changes.map((c) => `  ${c.breaking ? "breaking  " : "compatible"}  ${c.text}\n`).join("");
}

export interface ReportSection {
  source: string;
  output: string;
  /** Undefined for a folder generated for the first time. */
  changes: Change[] | undefined;
}

/** The same report as Markdown, to paste into a pull request. */
export function markdownReport(sections: readonly ReportSection[]): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\n/g, " ");
  const parts = ["## API changes\n"];
  for (const { source, output, changes } of sections) {
    parts.push(`### \`${source}\` → \`${output}\`\n`);
    if (changes === undefined) parts.push("A new client.\n");
    else if (changes.length === 0) parts.push("No API changes.\n");
    else {
      const breaking = changes.filter((c) => c.breaking).length;
      parts.push(`${breaking > 0 ? `**${breaking} breaking**` : "0 breaking"}, ${changes.length - breaking} compatible.\n`);
      parts.push(
        "| | Change |\n| --- | --- |\n" +
          changes.map((c) => `| ${c.breaking ? "**breaking**" : "compatible"} | ${cell(c.text)} |`).join("\n") +
          "\n",
      );
    }
  }
  return parts.join("\n");
}
