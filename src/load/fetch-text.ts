import { InputError } from "../util/input-error.js";
import { type Access, refusalFix, refusedUrl } from "./access.js";
import { redactUrl } from "./redact-url.js";

/**
 * Documents (and the files they `$ref`) fetched over http(s), each with a timeout, so that a
 * server that never answers fails the run with a message instead of hanging it. The default
 * suits a large document on a slow link; `OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS` changes it.
 */
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export function fetchTimeoutMs(): number {
  const value = Number(process.env.OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS);
  return Number.isFinite(value) && value > 0 ? value : DEFAULT_FETCH_TIMEOUT_MS;
}

export interface FetchedText {
  text: string;
  /** Where the text came from after redirects: relative `$ref`s resolve against it. */
  url: string;
  contentType: string;
}

const ACCEPT = "application/json, application/yaml, application/x-yaml, text/yaml, text/plain;q=0.9, */*;q=0.5";

/** Why a fetch failed, in words: a timeout, or the network error's cause (connection refused, unknown host). */
function failure(err: unknown, ms: number): string {
  const e = err as Error & { cause?: { code?: string; message?: string } };
  if (e.name === "TimeoutError") return `no complete answer within ${ms} ms`;
  const cause = e.cause?.code ?? e.cause?.message;
  return cause ? `${e.message} (${cause})` : e.message;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const MAX_REDIRECTS = 5;

/** Thrown for a URL the access rules refuse: not a network failure, and its message is the reason. */
export class RefusedError extends Error {
  override name = "RefusedError";
}

/** The body as text, at most `max` bytes: a server that never stops sending is cut off there, not read into memory. */
async function cappedText(response: Response, max: number, url: string): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  const tooLarge = () => new RefusedError(`${redactUrl(url)} is larger than the limit of ${max} bytes`);
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let text = "";
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return text + decoder.decode();
    bytes += value.byteLength;
    if (bytes > max) {
      await reader.cancel();
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
}

/**
 * GETs a URL's text within the timeout (the whole answer, body included), following redirects
 * by hand so that each hop is checked against the access rules (`origin` is the root document's:
 * its token goes there and nowhere else). Throws a RefusedError for a refused URL or an answer
 * over the size limit, else an Error whose message names the URL and what went wrong: the HTTP
 * status, the timeout, or the network error.
 */
export async function fetchText(url: string, access: Access, origin: string | undefined, ms = fetchTimeoutMs()): Promise<FetchedText> {
  let response: Response;
  let text: string;
  let current = url;
  const signal = AbortSignal.timeout(ms);
  try {
    for (let hop = 0; ; hop++) {
      const refused = refusedUrl(current, access, origin);
      if (refused) throw new RefusedError(hop === 0 ? refused : `a redirect led to a refused URL: ${refused}`);
      const token = access.token && new URL(current).origin === origin ? { [access.token.name]: access.token.value } : {};
      response = await fetch(current, { headers: { accept: ACCEPT, ...token }, redirect: "manual", signal });
      const location = response.headers.get("location");
      if (!REDIRECTS.has(response.status) || location === null) break;
      await response.body?.cancel();
      if (hop === MAX_REDIRECTS) throw new Error(`more than ${MAX_REDIRECTS} redirects`);
      current = new URL(location, current).href;
    }
    text = await cappedText(response, access.limits.documentBytes, current);
  } catch (err) {
    if (err instanceof RefusedError) throw err;
    throw new Error(`cannot fetch ${redactUrl(url)}: ${failure(err, ms)}`);
  }
  if (!response.ok)
    throw new Error(`cannot fetch ${redactUrl(url)}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  return { text, url: current, contentType: response.headers.get("content-type") ?? "" };
}

/** The root document, with every failure an InputError that names the URL and says what to do. */
export async function fetchDocumentText(url: string, access: Access): Promise<FetchedText> {
  let fetched: FetchedText;
  try {
    fetched = await fetchText(url, access, new URL(url).origin);
  } catch (err) {
    const message = (err as Error).message.replace(`cannot fetch ${redactUrl(url)}: `, "");
    const timedOut = /within \d+ ms/.test(message);
    throw new InputError({
      message: err instanceof RefusedError ? message : `cannot fetch the document: ${message}`,
      file: url,
      fix:
        err instanceof RefusedError
          ? (refusalFix(message) ?? "give the URL of the document itself")
          : timedOut
            ? "check that the server answers, or allow more time with OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS (milliseconds)"
            : 'check the URL, and that the server serves the document to a plain GET (a token goes in a header: "inputToken" in the config, not in the URL)',
    });
  }
  if (/\bhtml\b/i.test(fetched.contentType)) {
    throw new InputError({
      message: `the server answered with an HTML page (${fetched.contentType}), not an OpenAPI document`,
      file: url,
      fix: "give the URL of the document itself (its JSON or YAML), not of a page that shows it",
    });
  }
  return fetched;
}
