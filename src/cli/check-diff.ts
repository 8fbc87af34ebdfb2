/** A short unified diff of one stale file, for `--check`: enough to see what changed, not the whole file. */
export async function shortDiff(before: string | undefined, after: string | undefined): Promise<string> {
  const { createTwoFilesPatch } = await import("diff");
  const patch = createTwoFilesPatch("on disk", "generated", before ?? "", after ?? "", undefined, undefined, { context: 1 });
  const lines = patch.split("\n").slice(3); // drop the "====", "---" and "+++" lines: the caller names the file
  const shown = lines.slice(0, 24);
  if (lines.length > shown.length) shown.push(`... (${lines.length - shown.length} more lines)`);
  return shown.map((l) => "    " + l).join("\n");
}
