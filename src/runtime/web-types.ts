/**
 * Names for the fetch types the runtime's declarations use, written through `RequestInit` (which
 * both the DOM library and Node's types declare), so that a Node project without `"dom"` in its
 * `lib` type-checks the generated folder too. (`BodyInit` and `RequestRedirect` are DOM-only names.)
 */
export type RequestBody = NonNullable<RequestInit["body"]>;
export type RedirectMode = NonNullable<RequestInit["redirect"]>;
