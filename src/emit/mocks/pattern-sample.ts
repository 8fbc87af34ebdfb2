import type { Random } from "./random.js";

/**
 * A string that a regular expression (a schema's `pattern`) matches, drawn from it: literals,
 * escapes (`\d`, `\w`, `\s`, `\.`), classes with ranges and negation, groups, alternation,
 * quantifiers and anchors. Undefined for what it does not draw (back-references, look-arounds),
 * and for a draw the expression does not match: the caller then builds the value another way.
 */
type Node =
  | { kind: "chars"; chars: string[] }
  | { kind: "group"; alternatives: Node[][] }
  | { kind: "repeat"; node: Node; min: number; max: number }
  | { kind: "empty" };

const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(32 + i));
const range = (from: string, to: string) =>
  Array.from({ length: to.charCodeAt(0) - from.charCodeAt(0) + 1 }, (_, i) => String.fromCharCode(from.charCodeAt(0) + i));
const DIGITS = range("0", "9");
const WORD = [...range("a", "z"), ...range("A", "Z"), ...DIGITS, "_"];
const SPACE = [" "];
/** How many times an open-ended quantifier repeats. */
const OPEN = 3;

class Unsupported extends Error {}

class Parser {
  private at = 0;
  constructor(private readonly text: string) {}

  parse(): Node {
    const node = this.alternation();
    if (this.at < this.text.length) throw new Unsupported();
    return node;
  }

  private peek(): string | undefined {
    return this.text[this.at];
  }

  private alternation(): Node {
    const alternatives: Node[][] = [this.sequence()];
    while (this.peek() === "|") {
      this.at++;
      alternatives.push(this.sequence());
    }
    return { kind: "group", alternatives };
  }

  private sequence(): Node[] {
    const nodes: Node[] = [];
    while (this.at < this.text.length && this.peek() !== "|" && this.peek() !== ")") {
      const atom = this.atom();
      nodes.push(this.quantified(atom));
    }
    return nodes;
  }

  private quantified(node: Node): Node {
    const c = this.peek();
    let min: number;
    let max: number;
    if (c === "*") [min, max] = [0, OPEN];
    else if (c === "+") [min, max] = [1, OPEN];
    else if (c === "?") [min, max] = [0, 1];
    else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.text.slice(this.at));
      if (!m) return node; // a literal "{"
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? min + OPEN : Number(m[3]);
      this.at += m[0].length - 1;
    } else return node;
    this.at++;
    if (this.peek() === "?" || this.peek() === "+") this.at++; // lazy or possessive: the same strings
    return { kind: "repeat", node, min, max: Math.min(max, min + 64) };
  }

  private atom(): Node {
    const c = this.text[this.at++]!;
    switch (c) {
      case "^":
      case "$":
        return { kind: "empty" };
      case ".":
        return { kind: "chars", chars: WORD };
      case "(": {
        if (this.peek() === "?") {
          const rest = this.text.slice(this.at, this.at + 2);
          if (rest === "?:") this.at += 2;
          else if (/^\?<[A-Za-z]/.test(this.text.slice(this.at, this.at + 3))) this.at = this.text.indexOf(">", this.at) + 1;
          else throw new Unsupported();
        }
        const node = this.alternation();
        if (this.text[this.at++] !== ")") throw new Unsupported();
        return node;
      }
      case "[":
        return this.characterClass();
      case "\\":
        return { kind: "chars", chars: this.escape(false) };
      case ")":
      case "*":
      case "+":
      case "?":
        throw new Unsupported();
      default:
        return { kind: "chars", chars: [c] };
    }
  }

  private escape(inClass: boolean): string[] {
    const c = this.text[this.at++];
    if (c === undefined) throw new Unsupported();
    if (c === "d") return DIGITS;
    if (c === "w") return WORD;
    if (c === "s") return SPACE;
    if (c === "D" || c === "W" || c === "S") {
      const not = c === "D" ? DIGITS : c === "W" ? WORD : [...SPACE, "\t", "\n", "\r"];
      return PRINTABLE.filter((p) => !not.includes(p));
    }
    if (c === "n") return ["\n"];
    if (c === "t") return ["\t"];
    if (c === "r") return ["\r"];
    if (c === "b" && inClass) return ["\b"];
    if (c === "u" || c === "x") {
      const m = (c === "u" ? /^[0-9a-fA-F]{4}/ : /^[0-9a-fA-F]{2}/).exec(this.text.slice(this.at));
      if (!m) throw new Unsupported();
      this.at += m[0].length;
      return [String.fromCharCode(Number.parseInt(m[0], 16))];
    }
    if (/[0-9bBpPk]/.test(c)) throw new Unsupported(); // back-references, word boundaries, properties
    return [c];
  }

  private characterClass(): Node {
    let negated = false;
    if (this.peek() === "^") {
      negated = true;
      this.at++;
    }
    const chars = new Set<string>();
    let first = true;
    while (this.at < this.text.length && (this.peek() !== "]" || first)) {
      first = false;
      const c = this.text[this.at++]!;
      const set = c === "\\" ? this.escape(true) : [c];
      if (set.length === 1 && this.peek() === "-" && this.text[this.at + 1] !== "]" && this.text[this.at + 1] !== undefined) {
        this.at++;
        const d = this.text[this.at++]!;
        const end = d === "\\" ? this.escape(true) : [d];
        if (end.length !== 1 || end[0]! < set[0]!) throw new Unsupported();
        for (const r of range(set[0]!, end[0]!)) chars.add(r);
      } else for (const s of set) chars.add(s);
    }
    if (this.text[this.at++] !== "]") throw new Unsupported();
    const list = negated ? PRINTABLE.filter((p) => !chars.has(p)) : [...chars];
    if (list.length === 0) throw new Unsupported();
    // Printable characters first: a draw reads better, and a range to U+FFFF stays small.
    const printable = list.filter((ch) => ch >= " " && ch <= "~");
    return { kind: "chars", chars: printable.length > 0 ? printable : list.slice(0, 256) };
  }
}

function draw(node: Node, rng: Random): string {
  switch (node.kind) {
    case "empty":
      return "";
    case "chars":
      return rng.pick(node.chars);
    case "group":
      return rng
        .pick(node.alternatives)
        .map((n) => draw(n, rng))
        .join("");
    case "repeat": {
      const n = rng.int(node.min, node.max);
      let out = "";
      for (let i = 0; i < n; i++) out += draw(node.node, rng);
      return out;
    }
  }
}

export function samplePattern(pattern: string, rng: Random): string | undefined {
  let node: Node;
  let regexp: RegExp;
  try {
    regexp = new RegExp(pattern, "u");
    node = new Parser(pattern).parse();
  } catch {
    return undefined;
  }
  // A pattern is unanchored: drawing the whole of it gives a string that contains a match.
  for (let attempt = 0; attempt < 8; attempt++) {
    const text = draw(node, rng);
    if (regexp.test(text)) return text;
  }
  return undefined;
}
