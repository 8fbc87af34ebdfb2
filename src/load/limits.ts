import { InputError } from "../util/input-error.js";
import { pointer } from "../document/pointer.js";
import { locate } from "./locate.js";

/**
 * Bounds on what one document may cost. The defaults are far above real documents (the largest
 * of GitHub, Stripe, Kubernetes, Box and Twilio: 13 MB, 969 schemas, 1,876 keys in one mapping,
 * 25 levels deep) and below what the tools after the loader survive: Redocly's walk overflows
 * the stack past ~100,000 keys in one mapping, the recursive walks past a few thousand levels.
 * The config's `"limits"` raises or lowers them.
 */
export interface Limits {
  /** Bytes of one document or one file or URL it `$ref`s. */
  documentBytes: number;
  /** Levels of nesting (objects and lists). */
  depth: number;
  /** Schemas in `components.schemas` (`definitions` in Swagger 2.0). */
  schemas: number;
  /** Keys of one mapping, or items of one list. */
  entries: number;
  /** Nodes that YAML aliases (`*name`) add when they are expanded: a "billion laughs" is a few lines. */
  aliasNodes: number;
}

export const DEFAULT_LIMITS: Limits = {
  documentBytes: 100_000_000,
  depth: 200,
  schemas: 20_000,
  entries: 50_000,
  aliasNodes: 1_000_000,
};

export const LIMIT_NAMES = Object.keys(DEFAULT_LIMITS) as Array<keyof Limits>;

/** The fix of a limit's error: how to raise it, when the document is genuine. */
export function raiseLimit(name: keyof Limits, limits: Limits): string {
  return `if the document is genuine, raise the limit in its config: "limits": { "${name}": ${limits[name] * 10} } (the default is ${DEFAULT_LIMITS[name]})`;
}

/** A position re-parses the text: past 5 MB, the pointer alone says where (a second parse of a huge text is the cost the limit avoids). */
function at(text: string | undefined, ptr: string) {
  if (text === undefined || text.length > 5_000_000) return { pointer: ptr };
  try {
    return { ...locate(text, ptr), pointer: ptr };
  } catch {
    return { pointer: ptr }; // a text too deep for the locating parser
  }
}

/** A document (or a file it `$ref`s) over `documentBytes`, before it is read whole. */
export function tooLarge(file: string, bytes: number | undefined, limits: Limits): InputError {
  const size = bytes === undefined ? "" : ` (${bytes} bytes)`;
  return new InputError({
    message: `the document is larger than the limit of ${limits.documentBytes} bytes${size}`,
    file,
    fix: raiseLimit("documentBytes", limits),
  });
}

interface Node {
  /** The node with every alias expanded: how many values. */
  size: number;
  /** Levels from here to the deepest leaf. */
  height: number;
  done: boolean;
  /** Where an alias met it again. */
  again?: string[];
}

/**
 * Checks a parsed document against the limits, visiting each distinct object once (an alias is
 * a shared object: it is measured, never expanded) and without recursion (a 100,000-level
 * document cannot overflow it). Throws a located InputError naming the limit and how to raise it.
 */
export function checkShape(doc: unknown, file: string, text: string | undefined, limits: Limits): void {
  if (doc === null || typeof doc !== "object") return;
  const nodes = new Map<object, Node>();
  const fail = (message: string, path: string[], name: keyof Limits) =>
    new InputError({ message, file, ...at(text, pointer(path)), fix: raiseLimit(name, limits) });
  // Schemas first: a document with too many of them is most likely to have too many entries too.
  const d = doc as { components?: { schemas?: unknown }; definitions?: unknown };
  const [schemas, where] =
    d.definitions !== undefined ? [d.definitions, ["definitions"]] : [d.components?.schemas, ["components", "schemas"]];
  if (schemas !== null && typeof schemas === "object") {
    const count = Object.keys(schemas).length;
    if (count > limits.schemas) throw fail(`${count} schemas, more than the limit of ${limits.schemas}`, where, "schemas");
  }
  // The path of a node is built only for a message: the stack holds each level's keys.
  type Frame = { node: object; keys: string[]; i: number; info: Node };
  const stack: Frame[] = [];
  const pathTo = () => stack.map((f) => f.keys[f.i - 1]!);
  const open = (node: object): Frame => {
    const keys = Object.keys(node);
    if (keys.length > limits.entries)
      throw fail(
        `${keys.length} entries in one ${Array.isArray(node) ? "list" : "mapping"}, more than the limit of ${limits.entries}`,
        pathTo(),
        "entries",
      );
    if (stack.length >= limits.depth) throw fail(`the document nests deeper than the limit of ${limits.depth} levels`, pathTo(), "depth");
    const info: Node = { size: 1, height: 1, done: false };
    nodes.set(node, info);
    return { node, keys, i: 0, info };
  };
  let unique = 0;
  stack.push(open(doc));
  while (stack.length > 0) {
    const frame = stack[stack.length - 1]!;
    if (frame.i === frame.keys.length) {
      frame.info.done = true;
      unique++;
      stack.pop();
      const parent = stack[stack.length - 1];
      if (parent) {
        parent.info.size += frame.info.size;
        parent.info.height = Math.max(parent.info.height, frame.info.height + 1);
      }
      continue;
    }
    const key = frame.keys[frame.i++]!;
    const value = (frame.node as Record<string, unknown>)[key];
    if (value === null || typeof value !== "object") {
      frame.info.size++;
      continue;
    }
    const seen = nodes.get(value);
    if (seen === undefined) {
      stack.push(open(value));
      continue;
    }
    const path = pathTo();
    if (!seen.done) {
      throw new InputError({
        message: "a YAML alias contains itself, so the document has no end",
        file,
        ...at(text, pointer(path)),
        fix: "replace the recursive alias (*name) with a $ref to a component",
      });
    }
    // An alias: its expansion counts, its depth counts from here.
    seen.again ??= path;
    if (stack.length + seen.height > limits.depth)
      throw fail(`the document nests deeper than the limit of ${limits.depth} levels (through a YAML alias)`, path, "depth");
    frame.info.size += seen.size;
    frame.info.height = Math.max(frame.info.height, seen.height + 1);
  }
  const root = nodes.get(doc)!;
  const added = root.size - (unique + countLeaves(nodes));
  if (added > limits.aliasNodes) {
    let worst: Node | undefined;
    for (const n of nodes.values()) if (n.again && (!worst || n.size > worst.size)) worst = n;
    throw fail(
      `YAML aliases expand the document by ${added.toExponential(2)} values, more than the limit of ${limits.aliasNodes}`,
      worst?.again ?? [],
      "aliasNodes",
    );
  }
}

/** Scalars met once each: the document's own size is the distinct objects and their scalar values. */
function countLeaves(nodes: Map<object, Node>): number {
  let leaves = 0;
  for (const node of nodes.keys()) for (const value of Object.values(node)) if (value === null || typeof value !== "object") leaves++;
  return leaves;
}
