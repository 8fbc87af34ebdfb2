import path from "node:path";

/** A path as the header and manifest show it: relative to where the generator ran, with `/`; a URL as it is. */
export function displayPath(cwd: string, file: string): string {
  if (/^https?:\/\//i.test(file)) return file;
  return path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join("/");
}
