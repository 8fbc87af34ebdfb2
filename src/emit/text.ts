/**
 * Everything the document says reaches the generated code through these functions, so that
 * nothing in it (a `*\/`, a line separator, a quote) can end a comment or a string early.
 */

/** Text for the inside of a block comment: one `\n` per line, no `*\/`, no control characters. */
export function commentText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085]/g, "\n")
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, "\ufffd")
    .replace(/\*\//g, "*\\/")
    .split("\n")
    .map((line) => line.replace(/\s+$/, ""))
    .join("\n")
    .replace(/^\n+|\n+$/g, "");
}

/** Text for a `//` line comment: a single line. */
export function lineCommentText(text: string): string {
  return commentText(text).replace(/\n/g, " ");
}

/** A double-quoted string literal; escapes what JSON.stringify leaves raw. */
export function stringLiteral(value: string): string {
  return JSON.stringify(value)
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

const IDENTIFIER_NAME = /^[\p{ID_Start}$_][\p{ID_Continue}$\u200C\u200D]*$/u;

/** A property name as it can stand in a type: bare when it may, quoted otherwise. */
export function propertyName(name: string): string {
  return IDENTIFIER_NAME.test(name) ? name : stringLiteral(name);
}

/** A key as it can stand in an object literal: there, `__proto__: x` and `"__proto__": x` set the prototype. */
export function objectKey(name: string): string {
  return name === "__proto__" ? `[${stringLiteral(name)}]` : propertyName(name);
}

/**
 * A name in a per-operation doc comment, as code rather than `{@link name}`: tsc parses every
 * comment holding a `{@link}` (to resolve it), which cost ~70 ms of a one-call `tsc` over OpenAI's
 * 1,121 of them; the hover still shows the name, next to the declaration it belongs to.
 */
export function codeName(name: string): string {
  return `\`${name}\``;
}
