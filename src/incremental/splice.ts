import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * The change one small generation made, carried into a big one: `miniBefore` → `miniAfter` are the
 * outputs for a document cut down to the changed operations (before and after the edit), `full` is
 * the whole document's output before it. Each changed run of lines must sit, in the small output,
 * between two anchor lines that are each unique in both outputs, and everything from one anchor to
 * the other must appear in `full` exactly as in the small output: then the big output has the same
 * neighbourhood and takes the same edit. Otherwise (an insertion into a sorted list whose neighbours
 * differ, a line the whole document names differently) undefined: generate in full.
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

export function splice(full: string, miniBefore: string, miniAfter: string): string | undefined {
  if (miniBefore === miniAfter) return full;
  const small = miniBefore.split("\n");
  const big = full.split("\n");
  const inSmall = positions(small);
  const inBig = positions(big);
  const anchor = (i: number) => {
    const line = small[i]!;
    return inSmall.get(line) === i ? (inBig.get(line) ?? -1) : -1;
  };
  const edits: Array<{ from: number; to: number; lines: string[] }> = [];
  for (const h of hunksOf(small, miniAfter.split("\n"))) {
    let a = h.start - 1;
    while (a >= 0 && h.start - a <= REACH && anchor(a) < 0) a--;
    let b = h.start + h.removed;
    while (b < small.length && b - h.start <= REACH && anchor(b) < 0) b++;
    if (a < 0 || b >= small.length || anchor(a) < 0 || anchor(b) < 0) return undefined;
    const fa = anchor(a);
    if (anchor(b) - fa !== b - a) return undefined;
    for (let i = a; i <= b; i++) if (big[fa + i - a] !== small[i]) return undefined;
    edits.push({ from: fa + h.start - a, to: fa + h.start - a + h.removed, lines: h.added });
  }
  edits.sort((x, y) => x.from - y.from);
  for (let i = 1; i < edits.length; i++) if (edits[i]!.from < edits[i - 1]!.to) return undefined;
  for (const e of edits.reverse()) big.splice(e.from, e.to - e.from, ...e.lines);
  return big.join("\n");
}
