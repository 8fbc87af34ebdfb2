import path from "node:path";
import type { InputError } from "../util/input-error.js";
import type { AccessSettings } from "./access.js";
import { LIMIT_NAMES, type Limits } from "./limits.js";

/** The settings that widen what a document may make the generator read and fetch (see access.ts), as config keys. */
export const ACCESS_KEYS = ["allowedHosts", "allowedFolders", "limits", "inputToken"];

type Fail = (message: string, pointer: string, fix: string) => InputError;

/**
 * Checks the access settings of one config entry (`raw`, at pointer `base`). `allowedFolders` are
 * relative to the config file's folder `dir`, which is also the project root local `$ref`s stay in.
 */
export function accessSettings(raw: Record<string, unknown>, fail: Fail, base: string, dir: string, file: string): AccessSettings {
  const { allowedHosts, allowedFolders, limits, inputToken } = raw;
  const strings = (value: unknown, key: string, fix: string): string[] | undefined => {
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string" || v === ""))
      throw fail(`"${key}" must be a list of strings`, `${base}/${key}`, fix);
    return value as string[];
  };
  const hosts = strings(allowedHosts, "allowedHosts", 'write host names: ["schemas.example.com", "localhost:8080"]');
  if (hosts?.some((h) => /[/:]{2}|\//.test(h)))
    throw fail(
      '"allowedHosts" takes host names, not URLs',
      `${base}/allowedHosts`,
      'write "schemas.example.com", not "https://schemas.example.com/"',
    );
  const folders = strings(allowedFolders, "allowedFolders", 'write folders relative to the config: ["../shared-schemas"]');
  let parsedLimits: Partial<Limits> | undefined;
  if (limits !== undefined) {
    if (limits === null || typeof limits !== "object" || Array.isArray(limits))
      throw fail(
        '"limits" must be an object',
        `${base}/limits`,
        `write { "documentBytes": 200000000 }; the limits are ${LIMIT_NAMES.join(", ")}`,
      );
    for (const [key, value] of Object.entries(limits)) {
      if (!(LIMIT_NAMES as string[]).includes(key))
        throw fail(`unknown limit "${key}"`, `${base}/limits/${key}`, `the limits are ${LIMIT_NAMES.join(", ")}`);
      if (!Number.isSafeInteger(value) || (value as number) < 1)
        throw fail(`the limit "${key}" must be a positive integer`, `${base}/limits/${key}`, "write a whole number such as 1000");
    }
    parsedLimits = limits as Partial<Limits>;
  }
  let token: AccessSettings["inputToken"];
  if (inputToken !== undefined) {
    const t = inputToken as Record<string, unknown>;
    const fix = 'write { "env": "SPEC_TOKEN" } (sent as "authorization: Bearer …"), or add "header": "x-api-key" and "scheme": ""';
    if (t === null || typeof t !== "object" || Array.isArray(t) || typeof t.env !== "string" || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(t.env))
      throw fail('"inputToken" must name an environment variable', `${base}/inputToken`, fix);
    const unknown = Object.keys(t).find((k) => !["env", "header", "scheme"].includes(k));
    if (unknown !== undefined) throw fail(`unknown field "${unknown}" of "inputToken"`, `${base}/inputToken/${unknown}`, fix);
    if (t.header !== undefined && (typeof t.header !== "string" || !/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(t.header)))
      throw fail('"inputToken.header" must be a header name', `${base}/inputToken/header`, fix);
    if (t.scheme !== undefined && typeof t.scheme !== "string")
      throw fail('"inputToken.scheme" must be a string', `${base}/inputToken/scheme`, fix);
    token = t as AccessSettings["inputToken"];
  }
  return {
    root: dir,
    ...(hosts ? { allowedHosts: hosts } : {}),
    ...(folders ? { allowedFolders: folders.map((f) => path.resolve(dir, f)) } : {}),
    ...(parsedLimits ? { limits: parsedLimits } : {}),
    ...(token ? { inputToken: token } : {}),
    file,
    base,
  };
}
