import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The change one small generation made, carried into a big one: `miniBefore` → `miniAfter` are the
 * outputs for a document cut down to the changed operations (before and after the edit), `full` is
 * the whole document's output before it. Each changed run of lines must sit, in the small output,
 * between two anchor lines that are each unique in both outputs, and everything from one anchor to
 * the other must appear in `full` exactly as in the small output: then the big output has the same
 * neighbourhood and takes the same edit. Failing that, a change that adds and removes no blank line
 * may sit inside a paragraph (lines between blank lines) that appears, whole, once in `full`: the
 * paragraph is then the neighbourhood (an operation's function whose last lines are like every
 * other's). Failing that too, the change's enclosing block by indentation (from the line that opens
 * it to the one that closes it, climbing to the parent block while the block is not found) found
 * whole and once in `full`: an operation of `schema.d.ts` whose parameters every other list shares.
 * Otherwise (an insertion into a sorted list whose neighbours differ, a line the whole document
 * names differently) undefined: generate in full.
 */
interface Hunk {
  /** Lines of `miniBefore` replaced: [start, start + removed). */
  start: number;
  removed: number;
  added: string[];
}

function hunksOf(before: string[], after: string[]): Hunk[] {
  const { diffArrays } = require("diff") as typeof import("diff");
  const hunks: Hunk[] = [];
  let at = 0;
  let open: Hunk | undefined;
  for (const part of diffArrays(before, after)) {
    if (!part.added && !part.removed) {
      open = undefined;
      at += part.count ?? part.value.length;
      continue;
    }
    if (!open) hunks.push((open = { start: at, removed: 0, added: [] }));
    if (part.removed) {
      open.removed += part.value.length;
      at += part.value.length;
    } else open.added.push(...part.value);
  }
  return hunks;
}

function positions(lines: readonly string[]): Map<string, number> {
  // The line's index when it occurs once, -1 when more often.
  const at = new Map<string, number>();
  lines.forEach((line, i) => at.set(line, at.has(line) ? -1 : i));
  return at;
}

/** How far an anchor may be from its change: beyond, the change is not one operation's. */
const REACH = 400;

/** Where each paragraph (a run of non-blank lines between blank lines or the file's ends) starts, by its text; -1 when it occurs twice. */
function paragraphs(lines: readonly string[]): Map<string, number> {
  const at = new Map<string, number>();
  let start = 0;
  for (let i = 0; i <= lines.length; i++) {
    if (i < lines.length && lines[i] !== "") continue;
    if (i > start) {
      const text = lines.slice(start, i).join("\n");
      at.set(text, at.has(text) ? -1 : start);
    }
    start = i + 1;
  }
  return at;
}

/** The paragraph of `lines` that holds the hunk, as [start, end), when the hunk adds and removes no blank line. */
function paragraphOf(lines: readonly string[], h: Hunk): [number, number] | undefined {
  if (h.added.includes("") || lines.slice(h.start, h.start + h.removed).includes("")) return undefined;
  const blank = (i: number) => i < 0 || i >= lines.length || lines[i] === "";
  // A pure insertion between two blank lines would be a paragraph of its own.
  if (h.removed === 0 && blank(h.start - 1) && blank(h.start)) return undefined;
  let start = h.start;
  while (!blank(start - 1)) start--;
  let end = h.start + h.removed;
  while (!blank(end)) end++;
  return [start, end];
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** How many blocks up a change may look for one found whole in the big output. */
const LEVELS = 6;

/** The enclosing blocks of the hunk by indentation, innermost first, each as [opener, closer] (inclusive). */
function* blocksOf(lines: readonly string[], h: Hunk): Generator<[number, number]> {
  const changed = [...lines.slice(h.start, h.start + h.removed), ...h.added].filter((l) => l.trim() !== "");
  if (changed.length === 0) return;
  let inner = Math.min(...changed.map(indentOf));
  let opener = h.start - 1;
  for (let level = 0; level < LEVELS && inner > 0; level++) {
    while (opener >= 0 && (lines[opener]!.trim() === "" || indentOf(lines[opener]!) >= inner)) opener--;
    if (opener < 0) return;
    const indent = indentOf(lines[opener]!);
    let closer = Math.max(h.start + h.removed, opener + 1);
    while (closer < lines.length && (lines[closer]!.trim() === "" || indentOf(lines[closer]!) > indent)) closer++;
    if (closer >= lines.length || indentOf(lines[closer]!) !== indent) return;
    yield [opener, closer];
    inner = indent;
    opener--;
  }
}

export function splice(full: string, miniBefore: string, miniAfter: string): string | undefined {
  if (miniBefore === miniAfter) return full;
  const small = miniBefore.split("\n");
  const big = full.split("\n");
  const inSmall = positions(small);
  const inBig = positions(big);
  let bigParagraphs: Map<string, number> | undefined;
  const anchor = (i: number) => {
    const line = small[i]!;
    return inSmall.get(line) === i ? (inBig.get(line) ?? -1) : -1;
  };
  /** Where the hunk starts in `big`, by anchors: the neighbourhood from one to the other is the same. */
  const byAnchors = (h: Hunk): number | undefined => {
    let a = h.start - 1;
    while (a >= 0 && h.start - a <= REACH && anchor(a) < 0) a--;
    let b = h.start + h.removed;
    while (b < small.length && b - h.start <= REACH && anchor(b) < 0) b++;
    if (a < 0 || b >= small.length || anchor(a) < 0 || anchor(b) < 0) return undefined;
    const fa = anchor(a);
    if (anchor(b) - fa !== b - a) return undefined;
    for (let i = a; i <= b; i++) if (big[fa + i - a] !== small[i]) return undefined;
    return fa + h.start - a;
  };
  /** Where the hunk starts in `big`, by its paragraph, found whole and once there. */
  const byParagraph = (h: Hunk): number | undefined => {
    const range = paragraphOf(small, h);
    if (!range) return undefined;
    bigParagraphs ??= paragraphs(big);
    const at = bigParagraphs.get(small.slice(range[0], range[1]).join("\n")) ?? -1;
    return at < 0 ? undefined : at + h.start - range[0];
  };
  /** The line of `big` where `text` (whole lines) occurs, when it occurs once. */
  let padded: string | undefined;
  const onceInBig = (text: string): number | undefined => {
    const needle = `\n${text}\n`;
    padded ??= `\n${full}\n`;
    const at = padded.indexOf(needle);
    if (at < 0 || padded.indexOf(needle, at + 1) >= 0) return undefined;
    let line = 0;
    for (let i = full.indexOf("\n"); i >= 0 && i < at; i = full.indexOf("\n", i + 1)) line++;
    return line;
  };
  /** Where the hunk starts in `big`, by the innermost enclosing block found whole and once there. */
  const byBlock = (h: Hunk): number | undefined => {
    for (const [opener, closer] of blocksOf(small, h)) {
      const at = onceInBig(small.slice(opener, closer + 1).join("\n"));
      if (at !== undefined) return at + h.start - opener;
    }
    return undefined;
  };
  const edits: Array<{ from: number; to: number; lines: string[] }> = [];
  for (const h of hunksOf(small, miniAfter.split("\n"))) {
    const from = byAnchors(h) ?? byParagraph(h) ?? byBlock(h);
    if (from === undefined) return undefined;
    edits.push({ from, to: from + h.removed, lines: h.added });
  }
  edits.sort((x, y) => x.from - y.from);
  // Overlapping edits, or two insertions at one place (in which order?), are not one operation's.
  for (let i = 1; i < edits.length; i++) if (edits[i]!.from < edits[i - 1]!.to || edits[i]!.from === edits[i - 1]!.from) return undefined;
  for (const e of edits.reverse()) big.splice(e.from, e.to - e.from, ...e.lines);
  return big.join("\n");
}
