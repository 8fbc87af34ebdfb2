import { parseArgs } from "node:util";
import { UsageError } from "../util/input-error.js";

/** The usage text, with the command as the user runs it. */
export function helpText(invocation: { command: string; separator: string }): string {
  const usage = `${invocation.command}${invocation.separator}[options]`;
  return `Usage: ${usage}

Turns OpenAPI 3.0/3.1/3.2 (and Swagger 2.0) documents into typed TypeScript clients around openapi-fetch.

Which documents, without --input:
  1. the documents listed in openapi-client-gen.config.{ts,mjs,js,json} in this folder:
       import { defineConfig } from "openapi-client-gen";
       export default defineConfig({ documents: [{ input: "spec/api.yaml", output: "src/api" }] });
     each entry takes input (a path or URL), output, and the settings below;
  2. else every document in spec/ (*.yaml, *.yml, *.json) becomes generated/<name>/, with the
     settings in spec/<name>.config.json when that file exists: "include", "exclude", "names",
     "pagination", "dates" ("Date"), "readWriteViews" (false), "validators" (true), "strict" (true),
     "query" ("tanstack": query.js, TanStack Query's options) and "invalidates".

Options:
  -i, --input <file|url>   generate one document (YAML or JSON, a path or an http(s) URL)
  -o, --output <dir>       with --input: the folder to write (default: generated/<name>)
      --config <file>      with --input: the settings file (default: <document>.config.json)
      --include <pattern>  generate only matching operations (repeatable): an operationId or
                           tag, or a path such as "/uploads/*" or "POST /uploads/*" (* is a glob)
      --exclude <pattern>  leave matching operations out (repeatable)
      --check              generate in memory and compare with the files on disk;
                           exit 1 and show what differs when they are stale
      --report <file>      also write the API change report as Markdown
      --fail-on-breaking   exit 1, writing nothing, when the API changes in a breaking way
      --watch              regenerate whenever a document, a file it $refs or a config changes
      --strict             refuse a document for faults that touch only some operations (a $ref
                           to nothing), which are otherwise warnings the client is generated around
  -h, --help               show this help
  -v, --version            print the generator's version

Settings (spec/<name>.config.json, or an entry of the project config):
  include, exclude         lists of patterns, as --include and --exclude
  names                    operationId (or "METHOD /path") → function name
  pagination               operationId, "METHOD /path" or pattern → false (not paginated), or
                           { "style": "cursor" | "offset" | "page" | "link" | "url", "param", "next",
                             "items", "hasMore", "total", "limit", "firstPage" }: how .all() and
                           .pages() fetch the next page (recognised from the document otherwise)
  allowedHosts             hosts whose URLs $refs may fetch besides a remote document's own origin:
                           ["schemas.example.com"] (a local document needs it for any URL $ref)
  allowedFolders           folders, relative to the config, that local $refs may read besides the
                           project root (the config's folder) and the document's folder
  limits                   { "documentBytes": 100000000, "depth": 200, "schemas": 20000,
                             "entries": 50000, "aliasNodes": 1000000 }: the defaults; a document
                           past one is refused, naming it
  inputToken               { "env": "SPEC_TOKEN" }: sends that variable's value as
                           "authorization: Bearer …" ("header", "scheme" change it) when fetching a
                           remote document, to its origin only; never put a token in the URL (a
                           URL's query and credentials are written nowhere)

Exit codes: 0 success, 1 bad input, stale output or breaking changes, 2 bad usage.
`;
}

export type Options = ReturnType<typeof parseCommandLine>;

function parse(argv: string[]) {
  try {
    return parseArgs({
      args: argv,
      options: {
        input: { type: "string", short: "i" },
        output: { type: "string", short: "o" },
        config: { type: "string" },
        include: { type: "string", multiple: true, default: [] },
        exclude: { type: "string", multiple: true, default: [] },
        check: { type: "boolean", default: false },
        report: { type: "string" },
        "fail-on-breaking": { type: "boolean", default: false },
        watch: { type: "boolean", default: false },
        strict: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
        version: { type: "boolean", short: "v", default: false },
      },
      strict: true,
      allowPositionals: false,
    });
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
}

export function parseCommandLine(argv: string[]) {
  const parsed = parse(argv);
  const { values } = parsed;
  if (values.output !== undefined && values.input === undefined) throw new UsageError("--output needs --input");
  if (values.config !== undefined && values.input === undefined)
    throw new UsageError("--config needs --input (documents in spec/ use spec/<name>.config.json)");
  if ([values.input, values.output, values.config, values.report].includes(""))
    throw new UsageError("--input, --output, --config and --report need a path");
  if (values.watch && values.check) throw new UsageError("--watch and --check do not go together");
  return values;
}
