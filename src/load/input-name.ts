import path from "node:path";

/** Whether an input names a remote document (an http or https URL) rather than a file. */
export function isUrl(input: string): boolean {
  return /^https?:\/\//i.test(input);
}

/**
 * A document's name without its extension, for its default output folder: the file's name, or
 * the last segment of a URL's path (`https://host/v2/openapi.json?x=1` → `openapi`; the host
 * when the path is empty).
 */
export function documentName(input: string): string {
  if (!isUrl(input)) return path.basename(input).replace(/\.(ya?ml|json)$/i, "");
  const url = new URL(input);
  const last = url.pathname.split("/").filter(Boolean).pop();
  return last ? decodeURIComponent(last).replace(/\.(ya?ml|json)$/i, "") || url.hostname : url.hostname;
}
