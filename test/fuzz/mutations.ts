import fc from "fast-check";

// Mutations of real documents, as data (so that a failing case prints, shrinks and replays): each
// picks a node by index into the document's nodes as they are when it applies, and breaks it the
// way hand-edited and hostile documents are broken.

/** Names and texts that break code generators: comment and template terminators, reserved words, separators. */
export const HOSTILE = [
  "*/",
  "*/ export const pwned = 1; /*",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: template syntax as data is the point
  "${globalThis.pwned}",
  "`; throw 1; `",
  "</script><script>alert(1)</script>",
  "\u2028",
  "a\nb",
  "'\"\\",
  "__proto__",
  "constructor",
  "toString",
  "class",
  "await",
  "default",
  "x-trace id",
  "",
  " ",
  "0",
  "-1",
  "𝒳",
  "\u0000",
  "{id}",
  "a/b",
  "%2F",
  "../../etc/passwd",
  "#/components/schemas/Nope",
];

/** Where a broken `$ref` may point: nowhere, out of the folder, at a host, at a file: URL, or back at itself. */
export const BROKEN_REFS = [
  "#/components/schemas/Nope",
  "#/nope",
  "#",
  "nope.yaml",
  "../../outside.json",
  "/etc/passwd",
  "file:///etc/passwd",
  "http://127.0.0.1:9/x.json",
  "SELF",
];

const RETYPED: unknown[] = [null, 0, -1.5, true, "text", [], {}, [null], { type: "object" }, { $ref: "#/components/schemas/Nope" }];

export type Mutation =
  | { op: "drop"; at: number }
  | { op: "duplicate"; at: number; name: number }
  | { op: "retype"; at: number; value: number }
  | { op: "breakRef"; at: number; ref: number }
  | { op: "inject"; at: number; text: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant("drop" as const), at: fc.nat() }),
  fc.record({ op: fc.constant("duplicate" as const), at: fc.nat(), name: fc.nat() }),
  fc.record({ op: fc.constant("retype" as const), at: fc.nat(), value: fc.nat() }),
  fc.record({ op: fc.constant("breakRef" as const), at: fc.nat(), ref: fc.nat() }),
  // Twice as likely: names and descriptions are where injection lives.
  fc.record({ op: fc.constant("inject" as const), at: fc.nat(), text: fc.nat() }),
  fc.record({ op: fc.constant("inject" as const), at: fc.nat(), text: fc.nat() }),
);

type Path = Array<string | number>;
type Container = Record<string | number, unknown>;

/** Every node's path, parents before children, in a stable order. */
function paths(doc: unknown): Path[] {
  const out: Path[] = [];
  const stack: Array<[unknown, Path]> = [[doc, []]];
  while (stack.length > 0) {
    const [node, path] = stack.pop()!;
    out.push(path);
    if (node === null || typeof node !== "object") continue;
    const keys = Object.keys(node).reverse();
    for (const key of keys) stack.push([(node as Container)[key], [...path, Array.isArray(node) ? Number(key) : key]]);
  }
  return out;
}

const parentOf = (doc: unknown, path: Path): Container | undefined => {
  let node = doc;
  for (const step of path.slice(0, -1)) node = (node as Container)[step];
  return node !== null && typeof node === "object" ? (node as Container) : undefined;
};

/** An own property, even `__proto__` (assignment would set the prototype instead). */
const define = (object: Container, key: string, value: unknown) =>
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });

/** The document with one mutation applied (in place); what it did, in words, for the report. */
export function apply(doc: unknown, m: Mutation): string {
  if (m.op === "breakRef") {
    const refs = paths(doc).filter((p) => p.at(-1) === "$ref");
    if (refs.length === 0) return "breakRef: no $ref";
    const path = refs[m.at % refs.length]!;
    let ref = BROKEN_REFS[m.ref % BROKEN_REFS.length]!;
    // SELF: the pointer of the schema holding the $ref, a cycle.
    if (ref === "SELF")
      ref = `#/${path
        .slice(0, -1)
        .map((s) => String(s).replace(/~/g, "~0").replace(/\//g, "~1"))
        .join("/")}`;
    parentOf(doc, path)!.$ref = ref;
    return `breakRef ${path.join("/")} → ${ref}`;
  }
  const all = paths(doc).filter((p) => p.length > 0);
  if (all.length === 0) return `${m.op}: empty document`;
  const path = all[m.at % all.length]!;
  const parent = parentOf(doc, path)!;
  const key = path.at(-1)!;
  const where = path.join("/");
  switch (m.op) {
    case "drop":
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
      return `drop ${where}`;
    case "duplicate": {
      if (Array.isArray(parent)) {
        parent.push(structuredClone(parent[key as number]));
        return `duplicate ${where}`;
      }
      const name = `${String(key)}${HOSTILE[m.name % HOSTILE.length]}`;
      define(parent, name, structuredClone(parent[key]));
      return `duplicate ${where} as ${JSON.stringify(name)}`;
    }
    case "retype": {
      const value = RETYPED[m.value % RETYPED.length];
      parent[key] = structuredClone(value);
      return `retype ${where} to ${JSON.stringify(value)}`;
    }
    case "inject": {
      const text = HOSTILE[m.text % HOSTILE.length]!;
      const value = parent[key];
      if (typeof value === "string" || Array.isArray(parent)) {
        parent[key] = typeof value === "string" ? `${value}${text}` : text;
        return `inject ${JSON.stringify(text)} into ${where}`;
      }
      // A key: a schema, property, operation or parameter name.
      const renamed = `${String(key)}${text}`;
      const entries = Object.entries(parent).map(([k, v]) => [k === key ? renamed : k, v] as const);
      for (const k of Object.keys(parent)) delete parent[k];
      for (const [k, v] of entries) define(parent, k, v);
      return `inject ${JSON.stringify(text)} into the name ${where}`;
    }
  }
}
