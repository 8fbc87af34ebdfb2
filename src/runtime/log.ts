/**
 * Logging, as the official SDK does it: a `logLevel` and a `logger` (console by default). Nothing in the
 * request path is logged above "info", so at the default level ("warn") the client holds no log at all and
 * a call does no logging work. What is logged never holds a credential: at "info" an attempt's operation,
 * method, path template, status or failure, time and what follows; at "debug" also each request's URL and
 * headers and each response's headers, with credentials and cookies replaced by "***". Never a body.
 */
import { InvalidParameterError } from "./errors.js";
import type { SecurityScheme } from "./spec.js";

export type LogLevel = "debug" | "info" | "warn" | "error" | "off";

type LogFunction = (message: string, ...rest: unknown[]) => void;

/** Where logs go: `console`, or anything with its four methods (pino, winston, a test's recorder). */
export interface Logger {
  debug: LogFunction;
  info: LogFunction;
  warn: LogFunction;
  error: LogFunction;
}

/** What the request path logs through. */
export interface RequestLog {
  info(message: string): void;
  /** At "debug": fetch, wrapped to log each request it sends and each response it gets. */
  readonly trace: ((fetch: (request: Request) => Promise<Response>) => (request: Request) => Promise<Response>) | undefined;
}

// By rank: a level logs what it names and every level before it.
const LEVELS = ["off", "error", "warn", "info", "debug"];

// Header and query names that may carry a secret, besides those the document's API-key schemes name.
const SECRET = /auth|cookie|key|token|secret|password|session|signature|credential/i;

/**
 * The request path's log, or undefined when neither "info" nor "debug" gets through. The level is
 * `logLevel`, else the `OPENAPI_CLIENT_LOG` environment variable where the platform has one, else "warn".
 */
export function requestLog(
  options: { logLevel?: unknown; logger?: unknown },
  schemes: Readonly<Record<string, SecurityScheme>>,
  where: string,
): RequestLog | undefined {
  const logger = (options.logger ?? console) as Logger;
  if (LEVELS.some((level, rank) => rank && typeof logger?.[level as keyof Logger] !== "function"))
    throw new InvalidParameterError(where, "logger", "must have the methods debug, info, warn and error, as console has");
  const level = options.logLevel ?? environment();
  let rank = LEVELS.indexOf((level ?? "warn") as string);
  if (rank < 0) {
    if (options.logLevel !== undefined) throw new InvalidParameterError(where, "logLevel", `must be one of ${LEVELS.join(", ")}`);
    logger.warn(`OPENAPI_CLIENT_LOG is ${JSON.stringify(level)}, not one of ${LEVELS.join(", ")}: logging at "warn"`);
    rank = 2;
  }
  if (rank < 3) return undefined;
  const names = Object.values(schemes).map((scheme) => scheme.type === "apiKey" && scheme.name?.toLowerCase());
  const hidden = (name: string) => SECRET.test(name) || names.includes(name.toLowerCase());
  // A URL's query parameters of those names, as the URL holds them (a Location may quote the key it was sent).
  const query = (text: string) =>
    text.replace(/([?&])([^=&#\s]*)=[^&#\s]*/g, (pair, start, name) => (hidden(name) ? `${start}${name}=***` : pair));
  const shown = (headers: Headers) => {
    const out: Record<string, string> = {};
    headers.forEach((value, name) => {
      out[name] = hidden(name) ? "***" : query(value);
    });
    return { headers: out };
  };
  return {
    info: (message) => logger.info(message),
    trace:
      rank > 3
        ? (fetch) => async (request) => {
            const target = `${request.method} ${query(request.url)}`;
            logger.debug(`sending ${target}`, shown(request.headers));
            const response = await fetch(request);
            logger.debug(`${response.status} from ${target}`, shown(response.headers));
            return response;
          }
        : undefined,
  };
}

/** `OPENAPI_CLIENT_LOG`, where there is a process environment that may be read (Deno asks for a permission). */
function environment(): unknown {
  try {
    return (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env?.OPENAPI_CLIENT_LOG || undefined;
  } catch {
    return undefined;
  }
}
