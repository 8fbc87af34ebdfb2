import type { OperationModel } from "../../model/types.js";

/**
 * Query keys, `[api, ...path, params]`: the operation's path, segment by segment, with the values
 * of its path parameters in place, then the params object. Hierarchical, so that TanStack's prefix
 * matching invalidates a resource and everything under it (`["openai", "files", id]`), and a
 * collection's lists (`["openai", "files", {}]`: an object there is a list's params, never an id).
 * A format suffix (Twilio's `.json`) is left out of the last segment: `/Calls.json` and
 * `/Calls/{Sid}.json` are a list and its items.
 */

export type KeySegment =
  | { kind: "literal"; text: string }
  /** A whole segment that is one path parameter: `field` is its key in the params object. */
  | { kind: "param"; field: string }
  /** A segment of text and parameters (`{base}...{head}`), `{field}` standing for each. */
  | { kind: "template"; parts: Array<{ text: string } | { field: string }> };

const FORMAT_SUFFIX = /\.(json|xml)$/i;

/** The operation's path as key segments (its urlPath: no `#…`, no `?…`). */
export function keySegments(op: Pick<OperationModel, "urlPath" | "parameters">): KeySegment[] {
  const texts = op.urlPath.split("/").filter((s) => s !== "");
  const last = texts.length - 1;
  if (last >= 0 && FORMAT_SUFFIX.test(texts[last]!) && texts[last]!.replace(FORMAT_SUFFIX, "") !== "")
    texts[last] = texts[last]!.replace(FORMAT_SUFFIX, "");
  const field = (name: string) => op.parameters.find((p) => p.in === "path" && p.name === name)?.key ?? name;
  return texts.map((text): KeySegment => {
    const whole = /^\{([^{}]+)\}$/.exec(text);
    if (whole) return { kind: "param", field: field(whole[1]!) };
    if (!/\{[^{}]+\}/.test(text)) return { kind: "literal", text };
    const parts = text
      .split(/(\{[^{}]+\})/)
      .filter((p) => p !== "")
      .map((p) => (/^\{[^{}]+\}$/.test(p) ? { field: field(p.slice(1, -1)) } : { text: p }));
    return { kind: "template", parts };
  });
}

/** A segment with its parameters' names left out: what two paths must agree on to be the same resource. */
export function segmentShape(s: KeySegment): string {
  if (s.kind === "literal") return `=${s.text}`;
  if (s.kind === "param") return "{}";
  return `~${s.parts.map((p) => ("text" in p ? p.text : "{}")).join("")}`;
}

export const shapeOf = (segments: readonly KeySegment[]) => JSON.stringify(segments.map(segmentShape));

/** Whether `segments` start with the segments of `prefix`, parameters matching parameters whatever their names. */
export function startsWith(segments: readonly KeySegment[], prefix: readonly KeySegment[]): boolean {
  return prefix.length <= segments.length && prefix.every((s, i) => segmentShape(s) === segmentShape(segments[i]!));
}

export interface KeyedOperation {
  op: OperationModel;
  segments: KeySegment[];
  /** Set when another keyed operation has the same path: the function name, as one more segment before the params. */
  suffix?: string;
}

/**
 * Every keyed operation's key path. Two with the same path (`GET` and `HEAD`, Box's `#…` variants
 * of one path, a list beside a streamed `POST`) could make equal keys, one cache entry for two
 * types: the plain `GET` keeps its key, and each other one gets its function name as one more segment.
 */
export function keyedOperations(ops: readonly OperationModel[]): KeyedOperation[] {
  const keyed = ops.map((op) => ({ op, segments: keySegments(op) }));
  const groups = new Map<string, typeof keyed>();
  for (const k of keyed) {
    const shape = shapeOf(k.segments);
    groups.set(shape, [...(groups.get(shape) ?? []), k]);
  }
  return keyed.map((k) => {
    const group = groups.get(shapeOf(k.segments))!;
    if (group.length === 1) return k;
    const primary = group.filter((g) => isPlainGet(g.op));
    return primary.length === 1 && primary[0] === k ? k : { ...k, suffix: k.op.name };
  });
}

/** A `GET` of its path as written: no `#…` or `?…` telling it apart from another operation on the same path, no stream. */
const isPlainGet = (op: OperationModel) => op.method === "get" && op.path === op.urlPath && !op.streaming;
