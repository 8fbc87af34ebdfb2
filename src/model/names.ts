import { createRequire } from "node:module";
/**
 * Function names for operations. One rule, applied in one place:
 * - an operationId that is already a usable identifier is kept as it is;
 * - any other operationId is split on the characters an identifier cannot hold and joined
 *   in camelCase (`admin-api-keys-list` → `adminApiKeysList`, `repos/get-content` → `reposGetContent`);
 * - without an operationId, the name comes from method and path (`GET /pets/{color}` → `getPetsByColor`);
 * - a leading digit gets a `_` prefix, a reserved word a `_` suffix;
 * - names that collide after this are numbered (`listFiles2`) in a stable order, and the
 *   renamed operation says why in its JSDoc;
 * - a name chosen by the user (`x-codegen-name`, or the config's `names`) is taken as it is,
 *   and may not collide with any other operation's name.
 */

const IDENTIFIER = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;
const SEPARATORS = /(?:[^\p{ID_Continue}$]|_)+/u;

const require = createRequire(import.meta.url);

/** What the language reserves, as TypeScript's own scanner lists it: ECMAScript and strict-mode reserved words. */
function languageReservedWords(): string[] {
  const ts = require("typescript") as typeof import("typescript");
  const words: string[] = [];
  const ranges = [
    [ts.SyntaxKind.FirstReservedWord, ts.SyntaxKind.LastReservedWord],
    [ts.SyntaxKind.FirstFutureReservedWord, ts.SyntaxKind.LastFutureReservedWord],
  ] as const;
  for (const [first, last] of ranges) for (let kind = first; kind <= last; kind++) words.push(ts.tokenToString(kind)!);
  return words;
}

/**
 * Names a generated binding must not take: the reserved words, `await` (reserved in modules),
 * what strict mode forbids binding, globals a binding must not shadow, names with a meaning on
 * every object, and `then` (an object or module with a `then` method is taken for a promise by `await`).
 */
let reservedWords: Set<string> | undefined;
function isReservedWord(name: string): boolean {
  reservedWords ??= new Set([
    ...languageReservedWords(),
    ..."await async arguments eval undefined NaN Infinity __proto__ constructor prototype then".split(" "),
  ]);
  return reservedWords.has(name);
}

export function isIdentifier(text: string): boolean {
  return IDENTIFIER.test(text);
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** `admin-api-keys-list` → `adminApiKeysList`; returns "" when nothing usable remains. */
export function camelCase(text: string): string {
  const words = text.split(SEPARATORS).filter(Boolean);
  return words.map((word, i) => (i === 0 ? word.charAt(0).toLowerCase() + word.slice(1) : capitalize(word))).join("");
}

/** `get` + `/pets/{color}/toys` → `getPetsByColorToys`. */
export function nameFromMethodAndPath(method: string, path: string): string {
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((segment) => {
      const words = segment
        .split(/(\{[^}]*\})/)
        .filter(Boolean)
        .map((piece) => (piece.startsWith("{") ? "By" + capitalize(camelCase(piece.slice(1, -1))) : capitalize(camelCase(piece))));
      return words.join("");
    });
  return camelCase(method.toLowerCase()) + parts.join("");
}

/** Makes any candidate a valid binding name that is not in `reserved`. */
export function toSafeIdentifier(candidate: string, reserved: ReadonlySet<string> = new Set()): string {
  let name = candidate;
  if (!isIdentifier(name)) name = camelCase(name);
  if (name === "") name = "operation";
  if (!isIdentifier(name)) name = "_" + name; // a leading digit, or another character an identifier cannot start with
  while (isReservedWord(name) || reserved.has(name)) name += "_";
  return name;
}

/** The name an operation asks for, before collisions with other operations are settled. */
export function baseOperationName(
  op: { operationId?: string | undefined; method: string; path: string },
  reserved: ReadonlySet<string> = new Set(),
): string {
  const fromId = op.operationId === undefined ? "" : isIdentifier(op.operationId) ? op.operationId : camelCase(op.operationId);
  return toSafeIdentifier(fromId || nameFromMethodAndPath(op.method, op.path), reserved);
}

export interface OperationNaming {
  operationId?: string | undefined;
  method: string;
  path: string;
  /** A name the user chose; it must be an identifier and is never changed. */
  override?: string | undefined;
}

/** Two operations would get the same name and one of them was named by the user. */
export class NameConflict extends Error {
  constructor(
    readonly name: string,
    readonly first: OperationNaming,
    readonly second: OperationNaming,
  ) {
    super(`the name "${name}" is wanted by two operations`);
  }
}

/** Why a user-chosen name cannot be used, or undefined when it can. */
export function overrideProblem(name: string, reserved: ReadonlySet<string> = new Set()): string | undefined {
  if (!isIdentifier(name)) return "is not a JavaScript identifier";
  if (isReservedWord(name)) return "is a reserved word";
  if (reserved.has(name)) return "is taken by the generated client itself";
  return undefined;
}

export interface NamedOperation {
  name: string;
  /** Set when the operation did not get the name it asked for, with who holds that name. */
  collision?: { wanted: string; holder: { method: string; path: string; operationId?: string | undefined } };
}

/**
 * Settles collisions. `ops` must already be in the model's stable order (path, then method).
 * An operation whose operationId is exactly the wanted name keeps it; otherwise the first in order
 * does. The others get the lowest free numeric suffix, so adding an operation elsewhere in the
 * document never renames an existing one unless it takes its exact operationId.
 */
export function assignOperationNames(ops: ReadonlyArray<OperationNaming>, reserved: ReadonlySet<string> = new Set()): NamedOperation[] {
  const wanted = ops.map((op) => op.override ?? baseOperationName(op, reserved));
  wanted.forEach((name, i) => {
    const j = wanted.indexOf(name);
    if (j !== i && (ops[i]!.override !== undefined || ops[j]!.override !== undefined)) throw new NameConflict(name, ops[j]!, ops[i]!);
  });
  const holderOf = new Map<string, number>();
  wanted.forEach((name, i) => {
    const current = holderOf.get(name);
    if (current === undefined || (ops[i]!.operationId === name && ops[current]!.operationId !== name)) holderOf.set(name, i);
  });
  const taken = new Set(holderOf.keys());
  return wanted.map((name, i) => {
    const holder = holderOf.get(name)!;
    if (holder === i) return { name };
    let n = 2;
    while (taken.has(`${name}${n}`) || reserved.has(`${name}${n}`)) n++;
    taken.add(`${name}${n}`);
    const h = ops[holder]!;
    return { name: `${name}${n}`, collision: { wanted: name, holder: { method: h.method, path: h.path, operationId: h.operationId } } };
  });
}
