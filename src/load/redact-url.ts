import { sha256 } from "../util/sha256.js";

/**
 * A URL as output and logs may show it: its origin and path. Userinfo, query and fragment are
 * where tokens go (`?access_token=…`), so they are left out, and a hash of the whole URL says
 * that there was something and tells two such URLs apart without revealing it.
 */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return url;
  }
  const clean = parsed.username === "" && parsed.password === "" && parsed.hash === "";
  // Redacted already (a command read back from a manifest): as it is.
  if (clean && (parsed.search === "" || /^\?\[redacted:[0-9a-f]{16}\]$/.test(parsed.search))) return url;
  const hash = sha256(url).slice(0, 16);
  return `${parsed.origin}${parsed.pathname}?[redacted:${hash}]`;
}

/** Every http(s) URL in a text, redacted: for messages, which quote URLs (a fetch error names the one that failed). */
export function redactUrls(text: string): string {
  return text.replace(/\bhttps?:\/\/[^\s'"`<>()]+/gi, (url) => {
    // A trailing sentence mark is not part of the URL.
    const tail = /[.,:;!?]+$/.exec(url)?.[0] ?? "";
    return redactUrl(url.slice(0, url.length - tail.length)) + tail;
  });
}
