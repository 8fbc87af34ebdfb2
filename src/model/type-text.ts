/**
 * Short type texts for the review (`string`, `"a" | "b"`, `Upload[]`, `{ id: string; n?: integer }`).
 * `unionText` writes a union and `unionMembers` reads one back: they are exact inverses (tested),
 * so the change report compares the members the model described, not a guess at them.
 */

/** Joins members into a union text. A member that is itself a union or intersection must be wrapped by the caller. */
export function unionText(members: readonly string[]): string {
  return members.join(" | ");
}

/** Top-level members of a union text: `"a" | "b"` → [`"a"`, `"b"`]; brackets and strings are skipped. */
export function unionMembers(type: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < type.length; i++) {
    const c = type[i];
    if (c === "(" || c === "{" || c === "[" || c === "<") depth++;
    else if (c === ")" || c === "}" || c === "]" || c === ">") depth--;
    else if (c === '"') i = closingQuote(type, i);
    else if (depth === 0 && type.startsWith(" | ", i)) {
      out.push(type.slice(start, i));
      start = i + 3;
      i += 2;
    }
  }
  out.push(type.slice(start));
  return out;
}

function closingQuote(text: string, open: number): number {
  for (let i = open + 1; i < text.length; i++) {
    if (text[i] === "\\") i++;
    else if (text[i] === '"') return i;
  }
  return text.length;
}

/** Parenthesised when it holds a top-level union or intersection. */
export function wrapComposite(text: string): string {
  return unionMembers(text).length > 1 || / & /.test(text) ? `(${text})` : text;
}

export const isLiteralText = (t: string): boolean => /^(".*"|-?\d[\d.e+-]*|true|false|null)$/.test(t);
