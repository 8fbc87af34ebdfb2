import path from "node:path";
import { redactUrl } from "../load/redact-url.js";

/** A path as the header and manifest show it: relative to where the generator ran, with `/`; a URL without its secrets (see redact-url.ts). */
export function displayPath(cwd: string, file: string): string {
  if (/^https?:\/\//i.test(file)) return redactUrl(file);
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
}
