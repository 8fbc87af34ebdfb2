// Logging, as the official SDK has it: `logLevel` (else OPENAPI_CLIENT_LOG, else "warn") and an injectable
// `logger`. Each attempt, the retry that follows and its reason at "info"; each request's URL and headers and
// each response's headers at "debug"; and no credential or cookie in anything logged, at any level.
import { inspect } from "node:util";
import {
  type ClientOptions,
  createClient,
  InvalidParameterError,
  type Logger,
  type LogLevel,
} from "../../generated/openai-uploads/index.js";
import { type ClientDefaults, configureClient, type OperationSpec, send } from "./internals.js";
import { closedPort, json, startServer, type TestServer, upload } from "./server.js";

let server: TestServer;
beforeAll(async () => (server = await startServer()));
afterAll(() => server.close());
beforeEach(() => server.reset((_req, res) => json(res, 200, upload("u", "cancelled"))));
afterEach(() => delete process.env.OPENAPI_CLIENT_LOG);

/** A logger that keeps what it is given, each call as [level, message, ...rest]. */
function recorder(): Logger & { lines: unknown[][] } {
  const lines: unknown[][] = [];
  const at =
    (level: string) =>
    (...args: unknown[]) =>
      void lines.push([level, ...args]);
  return { lines, debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

const uploads = (options: ClientOptions = {}) => createClient({ baseUrl: server.url + "/v1", apiKey: "sk-1", ...options });
const messages = (logger: { lines: unknown[][] }) => logger.lines.map(([level, message]) => `${level} ${message}`);
const LINE = "cancelUpload POST /uploads/{upload_id}/cancel";

describe("the level", () => {
  test('at the default level ("warn") a call with retries logs nothing', async () => {
    server.reset((_req, res, seen) => (seen.length < 3 ? json(res, 503, {}, { "retry-after-ms": "1" }) : json(res, 200, upload("u"))));
    const logger = recorder();
    await uploads({ logger }).cancelUpload({ upload_id: "u" });
    expect(server.seen).toHaveLength(3);
    expect(logger.lines).toEqual([]);
  });

  test("info: each attempt's status and time, and the retry that follows or the error thrown", async () => {
    server.reset((_req, res, seen) => (seen.length === 1 ? json(res, 503, {}, { "retry-after-ms": "5" }) : json(res, 200, upload("u"))));
    const logger = recorder();
    const api = uploads({ logger, logLevel: "info" });
    await api.cancelUpload({ upload_id: "u" });
    server.reset((_req, res) => json(res, 404, { error: { message: "no such upload" } }));
    await expect(api.cancelUpload({ upload_id: "x" })).rejects.toMatchObject({ status: 404 });
    expect(logger.lines.map((line) => line.length)).toEqual([2, 2, 2]);
    expect(messages(logger)).toEqual([
      expect.stringMatching(new RegExp(`^info ${literal(LINE)}: 503 in \\d+ ms; retry 1 of 2 in 5 ms$`)),
      expect.stringMatching(new RegExp(`^info ${literal(LINE)}: 200 in \\d+ ms$`)),
      expect.stringMatching(new RegExp(`^info ${literal(LINE)}: 404 in \\d+ ms; NotFoundError thrown$`)),
    ]);
  });

  test("info: a failed connection by its code, a timeout, and the retries they get", async () => {
    const logger = recorder();
    const refused = createClient({
      baseUrl: `http://127.0.0.1:${await closedPort()}`,
      apiKey: "k",
      logger,
      logLevel: "info",
      maxRetries: 1,
    });
    await expect(refused.cancelUpload({ upload_id: "u" })).rejects.toMatchObject({ name: "ApiConnectionError" });
    server.reset(() => {}); // never answers
    await expect(uploads({ logger, logLevel: "info", maxRetries: 0, timeout: 50 }).cancelUpload({ upload_id: "u" })).rejects.toMatchObject({
      name: "ApiTimeoutError",
    });
    expect(messages(logger)).toEqual([
      expect.stringMatching(new RegExp(`^info ${literal(LINE)}: failed \\(ECONNREFUSED\\) in \\d+ ms; retry 1 of 1 in \\d+ ms$`)),
      expect.stringMatching(new RegExp(`^info ${literal(LINE)}: failed \\(ECONNREFUSED\\) in \\d+ ms; ApiConnectionError thrown$`)),
      expect.stringMatching(new RegExp(`^info ${literal(LINE)}: timed out in \\d+ ms; ApiTimeoutError thrown$`)),
    ]);
  });

  test("debug: also each request's method, URL and headers, and each response's status and headers", async () => {
    server.reset((_req, res) => json(res, 200, upload("u"), { "x-request-id": "req_1" }));
    const logger = recorder();
    await uploads({ logger, logLevel: "debug" }).cancelUpload({ upload_id: "u" }, { headers: { "X-Trace": "t1" } });
    const url = `${server.url}/v1/uploads/u/cancel`;
    expect(logger.lines).toEqual([
      [
        "debug",
        `sending POST ${url}`,
        { headers: expect.objectContaining({ authorization: "***", "x-trace": "t1", accept: "application/json" }) },
      ],
      [
        "debug",
        `200 from POST ${url}`,
        { headers: expect.objectContaining({ "x-request-id": "req_1", "content-type": "application/json" }) },
      ],
      ["info", expect.stringMatching(new RegExp(`^${literal(LINE)}: 200 in \\d+ ms$`))],
    ]);
  });

  test("OPENAPI_CLIENT_LOG sets the level where logLevel does not; a value it cannot be is a warning, and the default holds", async () => {
    process.env.OPENAPI_CLIENT_LOG = "info";
    const byEnvironment = recorder();
    await uploads({ logger: byEnvironment }).cancelUpload({ upload_id: "u" });
    expect(messages(byEnvironment)).toEqual([expect.stringMatching(/^info cancelUpload .*: 200 in \d+ ms$/)]);
    const byOption = recorder();
    await uploads({ logger: byOption, logLevel: "off" }).cancelUpload({ upload_id: "u" });
    expect(byOption.lines).toEqual([]);

    process.env.OPENAPI_CLIENT_LOG = "verbose";
    const wrong = recorder();
    await uploads({ logger: wrong }).cancelUpload({ upload_id: "u" });
    expect(messages(wrong)).toEqual(['warn OPENAPI_CLIENT_LOG is "verbose", not one of off, error, warn, info, debug: logging at "warn"']);
  });

  test.each([
    [{ logLevel: "verbose" as LogLevel }, "logLevel", "must be one of off, error, warn, info, debug"],
    [{ logger: { info() {} } as unknown as Logger }, "logger", "must have the methods debug, info, warn and error, as console has"],
  ])("%j is an InvalidParameterError from createClient", (options, option, reason) => {
    expect(() => uploads(options)).toThrow(new InvalidParameterError("createClient", option, reason));
  });
});

describe("no credential in anything logged", () => {
  // Names that say nothing of a secret: only the document's schemes tell the logger to hide them.
  const SCHEMES: ClientDefaults["securitySchemes"] = {
    Bearer: { type: "http", scheme: "bearer" },
    Basic: { type: "http", scheme: "basic" },
    Header: { type: "apiKey", in: "header", name: "X-Plain" },
    Query: { type: "apiKey", in: "query", name: "q" },
    Cookie: { type: "apiKey", in: "cookie", name: "c" },
  };
  const SECRETS = {
    bearer: "s3cret-bearer",
    user: "s3cret-user",
    password: "s3cret-password",
    header: "s3cret-header",
    query: "s3cret-query",
    cookie: "s3cret-cookie",
    setCookie: "s3cret-set-cookie",
    callHeader: "s3cret-call-header",
  };
  const spec = (security: string[][]): OperationSpec => ({ operation: "getThing", method: "GET", path: "/thing", security });

  test.each(["debug", "info", "warn", "error", "off"] as const)("at %s", async (logLevel) => {
    server.reset((req, res, seen) => {
      if (req.url.startsWith("/thing") && seen.length === 1) return json(res, 503, {}, { "retry-after-ms": "1" });
      if (req.url.startsWith("/thing") && seen.length === 2)
        return void res.writeHead(307, { location: `/moved?q=${SECRETS.query}`, "set-cookie": `sid=${SECRETS.setCookie}` }).end();
      json(res, 200, { ok: true }, { "set-cookie": [`sid=${SECRETS.setCookie}; HttpOnly`, `other=${SECRETS.setCookie}`] });
    });
    const logger = recorder();
    const client = configureClient(
      { baseUrl: server.url, securitySchemes: SCHEMES },
      {
        logger,
        logLevel,
        maxRetries: 1,
        apiKey: SECRETS.bearer,
        credentials: {
          Basic: { username: SECRETS.user, password: SECRETS.password },
          Header: SECRETS.header,
          Query: SECRETS.query,
          Cookie: SECRETS.cookie,
        },
      },
    );
    await send(client, spec([["Bearer", "Header", "Query", "Cookie"]]), {}, { headers: { "X-Api-Key": SECRETS.callHeader } });
    await send(client, spec([["Basic"]]), {});
    // Every request carried its credentials: the test would prove nothing otherwise.
    expect(server.seen.map((s) => s.url)).toEqual([
      `/thing?q=${SECRETS.query}`,
      `/thing?q=${SECRETS.query}`,
      `/moved?q=${SECRETS.query}`,
      "/thing",
    ]);
    expect(server.seen[0]!.headers).toMatchObject({
      authorization: `Bearer ${SECRETS.bearer}`,
      "x-plain": SECRETS.header,
      cookie: `c=${SECRETS.cookie}`,
    });

    const logged = logger.lines.map((line) => inspect(line, { depth: Infinity })).join("\n");
    for (const secret of [...Object.values(SECRETS), Buffer.from(`${SECRETS.user}:${SECRETS.password}`).toString("base64")])
      expect(logged).not.toContain(secret);
    const expected = { debug: 11, info: 3, warn: 0, error: 0, off: 0 }[logLevel];
    expect(logger.lines).toHaveLength(expected);
    if (logLevel === "debug") {
      // The credentials' places were logged, each as "***".
      for (const place of [
        "authorization: '***'",
        "'x-plain': '***'",
        "cookie: '***'",
        "'x-api-key': '***'",
        "'set-cookie': '***'",
        "?q=***",
      ])
        expect(logged).toContain(place);
    }
  });
});

function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
