import { InputError } from "../util/input-error.js";

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

/**
 * GETs a URL's text within the timeout (the whole answer, body included). Throws an Error whose
 * message names the URL and what went wrong: the HTTP status, the timeout, or the network error.
 */
export async function fetchText(url: string, ms = fetchTimeoutMs()): Promise<FetchedText> {
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { headers: { accept: ACCEPT }, redirect: "follow", signal: AbortSignal.timeout(ms) });
    text = await response.text();
  } catch (err) {
    throw new Error(`cannot fetch ${url}: ${failure(err, ms)}`);
  }
  if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
  return { text, url: response.url || url, contentType: response.headers.get("content-type") ?? "" };
}

/** The root document, with every failure an InputError that names the URL and says what to do. */
export async function fetchDocumentText(url: string): Promise<FetchedText> {
  let fetched: FetchedText;
  try {
    fetched = await fetchText(url);
  } catch (err) {
    const message = (err as Error).message.replace(`cannot fetch ${url}: `, "");
    const timedOut = /within \d+ ms/.test(message);
    throw new InputError({
      message: `cannot fetch the document: ${message}`,
      file: url,
      fix: timedOut
        ? "check that the server answers, or allow more time with OPENAPI_CLIENT_GEN_FETCH_TIMEOUT_MS (milliseconds)"
        : "check the URL, and that the server serves the document to a plain GET without credentials",
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

/**
 * The fetch Redocly's resolver uses for `$ref`s to http(s) URLs: the same timeout, and a failure
 * that says why (Redocly reports it as an unresolved `$ref` at the place of the `$ref`).
 */
export async function fetchForResolver(url: string): Promise<Response> {
  const { text, contentType } = await fetchText(url);
  return new Response(text, { status: 200, headers: contentType ? { "content-type": contentType } : {} });
}
