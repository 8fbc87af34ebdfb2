import { InvalidParameterError, MissingCredentialError } from "./errors.js";
import type { OperationSpec, SecurityScheme } from "./spec.js";

/** A secret, or a function returning one; the function is called before every attempt, so it can refresh a token. */
export type Credential = string | (() => string | Promise<string>);
export type BasicCredential = { username: string; password: string };

export type CredentialLookup = (scheme: string) => Credential | BasicCredential | undefined;

const isBasic = (scheme: SecurityScheme | undefined) => scheme?.type === "http" && scheme.scheme?.toLowerCase() === "basic";

/** Whether `credential` satisfies `scheme`: HTTP basic needs a user and a password, every other scheme one secret. */
function satisfies(scheme: SecurityScheme | undefined, credential: Credential | BasicCredential | undefined): boolean {
  if (credential === undefined) return false;
  return isBasic(scheme) === (typeof credential === "object");
}

/**
 * The first alternative of `spec.security` whose schemes the caller's credentials all satisfy, so
 * that one API key picks a bearer or API-key alternative rather than HTTP basic (Stripe lists basic first).
 */
export function schemesFor(
  spec: OperationSpec,
  schemes: Readonly<Record<string, SecurityScheme>>,
  credential: CredentialLookup,
  operation: string,
): readonly string[] {
  const alternatives = spec.security;
  if (!alternatives?.length) return [];
  const usable = alternatives.find((names) => names.every((name) => satisfies(schemes[name], credential(name))));
  if (!usable) {
    const needed = alternatives
      .map((names) => names.map((n) => (isBasic(schemes[n]) ? `${n} (a username and a password)` : n)).join(" + "))
      .join(" or ");
    throw new MissingCredentialError(
      `${operation} needs credentials for ${needed}: pass \`apiKey\` or \`credentials\` to createClient`,
      operation,
    );
  }
  return usable;
}

// What a header can carry (RFC 9110 field-value: visible ASCII, space, tab, and bytes up to 0xFF).
// A secret with a line break (read from a file with its newline) would otherwise reach fetch, whose
// TypeError quotes the value: a credential in a log. The error here names the scheme, never the value.
const HEADER_SAFE = /^[\t\x20-\x7e\x80-\xff]*$/;

export function checked(secret: string, scheme: string, operation: string): string {
  if (typeof secret !== "string")
    throw new InvalidParameterError(operation, `credential for ${scheme}`, `must be a string, not ${typeof secret}`);
  if (!HEADER_SAFE.test(secret)) {
    throw new InvalidParameterError(
      operation,
      `credential for ${scheme}`,
      "holds a line break, a control character or a character above U+00FF, which cannot be sent",
    );
  }
  return secret;
}

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** Where a credential goes: a header, a query parameter or a cookie. */
export interface Placed {
  headers: Record<string, string>;
  query: Array<[string, string]>;
  cookies: string[];
}

/** Puts a credential where its scheme says (a bearer token when the document declares no scheme). */
export function placeCredential(
  name: string,
  scheme: SecurityScheme | undefined,
  secret: string | BasicCredential,
  out: Placed,
  operation: string,
): void {
  if (typeof secret === "object") {
    out.headers.authorization =
      "Basic " + base64(`${checked(secret.username, name, operation)}:${checked(secret.password, name, operation)}`);
    return;
  }
  const value = checked(secret, name, operation);
  if (scheme?.type === "apiKey" && scheme.in === "query") out.query.push([scheme.name!, value]);
  else if (scheme?.type === "apiKey" && scheme.in === "header") out.headers[scheme.name!.toLowerCase()] = value;
  else if (scheme?.type === "apiKey" && scheme.in === "cookie") out.cookies.push(`${scheme.name}=${encodeURIComponent(value)}`);
  else out.headers.authorization = "Bearer " + value;
}
