import { MissingCredentialError } from "./errors.js";
import type { OperationSpec, SecurityScheme } from "./spec.js";

/** A secret, or a function returning one; the function is called before every attempt, so it can refresh a token. */
export type Credential = string | (() => string | Promise<string>);
export type BasicCredential = { username: string; password: string };

export type CredentialLookup = (scheme: string) => Credential | BasicCredential | undefined;

/** The first alternative of `spec.security` whose schemes all have a credential. */
export function schemesFor(spec: OperationSpec, credential: CredentialLookup, operation: string): readonly string[] {
  const alternatives = spec.security;
  if (!alternatives?.length) return [];
  const usable = alternatives.find((names) => names.every((name) => credential(name) !== undefined));
  if (!usable) {
    const needed = alternatives.map((names) => names.join(" + ")).join(" or ");
    throw new MissingCredentialError(`${operation} needs credentials for ${needed}: pass \`apiKey\` or \`credentials\` to createClient`, operation);
  }
  return usable;
}

const base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)));

/** Puts a credential where its scheme says. */
export function placeCredential(
  scheme: SecurityScheme | undefined,
  secret: string | BasicCredential,
  headers: Record<string, string | null>,
  query: Record<string, unknown>,
  cookie: string,
): void {
  if (typeof secret === "object") headers.Authorization = "Basic " + base64(`${secret.username}:${secret.password}`);
  else if (scheme?.in === "query") query[scheme.name!] = secret;
  else if (scheme?.in === "header") headers[scheme.name!] = secret;
  else if (scheme?.in === "cookie") headers.Cookie = (cookie ? cookie + "; " : "") + `${scheme.name}=${encodeURIComponent(secret)}`;
  else if (scheme?.scheme?.toLowerCase() === "basic") headers.Authorization = "Basic " + base64(secret);
  else headers.Authorization = "Bearer " + secret;
}
