// JSON pointers into a plain document: reading one, and writing one as a token or a URI fragment.

export const decodePointerToken = (token) => token.replace(/~1/g, "/").replace(/~0/g, "~");
export const encodePointerToken = (token) => String(token).replace(/~/g, "~0").replace(/\//g, "~1");

/** The value at `pointer` ("/components/schemas/Pet"; "" is the document), or undefined. */
export function get(doc, pointer) {
  if (pointer === "") return doc;
  if (!pointer.startsWith("/")) return undefined;
  let node = doc;
  for (const raw of pointer.slice(1).split("/")) {
    if (node === null || typeof node !== "object") return undefined;
    const key = decodePointerToken(raw);
    if (!Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}

/** `pointer` + one more token. */
export const child = (pointer, token) => `${pointer}/${encodePointerToken(token)}`;

/** A `$ref` value for `pointer` inside the schema added to Ajv as `base` (URI-encoded tokens). */
export const refInto = (base, pointer) =>
  `${base}#${pointer
    .split("/")
    .map((t) => encodeURIComponent(t))
    .join("/")}`;

/** The pointer a local `$ref` ("#/components/schemas/Pet") names; undefined for other references. */
export function refPointer(ref) {
  if (typeof ref !== "string" || !ref.startsWith("#")) return undefined;
  try {
    return decodeURIComponent(ref.slice(1));
  } catch {
    return ref.slice(1);
  }
}
