import path from "node:path";

/** A path as the header and manifest show it: relative to where the generator ran, with `/`. */
export function displayPath(cwd: string, file: string): string {
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
}
