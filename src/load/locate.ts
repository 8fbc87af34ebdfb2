import { createRequire } from "node:module";
import type { Node } from "yaml";
import { pointerSegments } from "../document/pointer.js";

// Loaded when there is something to place: a generation without problems never needs it.
const require = createRequire(import.meta.url);

export interface Position {
  line: number;
  column: number;
}

/**
 * Positions of JSON pointers in a document's text. The hot path parses with a fast parser that
 * keeps no positions; this re-reads the text once with `yaml` (JSON is YAML too), only when there
 * is something to report, and then answers any number of pointers from that one parse.
 */
export function locator(text: string): (ptr: string) => Position | undefined {
  const { isMap, isScalar, isSeq, LineCounter, parseDocument } = require("yaml") as typeof import("yaml");
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, keepSourceTokens: false, uniqueKeys: false });
  return (ptr) => {
    let node: Node | null | undefined = doc.contents as Node | null;
    let offset = node?.range?.[0];
    for (const segment of pointerSegments(ptr)) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
        if (!pair) break;
        offset = (pair.key as Node).range?.[0] ?? offset;
        node = pair.value as Node | null;
      } else if (isSeq(node)) {
        const item = node.items[Number(segment)] as Node | undefined;
        if (!item) break;
        offset = item.range?.[0] ?? offset;
        node = item;
      } else break;
    }
    if (offset === undefined) return undefined;
    const { line, col } = lineCounter.linePos(offset);
    return { line, column: col };
  };
}

/** The position of one pointer. */
export function locate(text: string, ptr: string): Position | undefined {
  return locator(text)(ptr);
}

/** The line and column of a character offset. */
export function lineColumn(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf("\n"); i !== -1 && i < offset; i = text.indexOf("\n", i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}
