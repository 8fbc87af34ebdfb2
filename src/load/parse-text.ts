import { createRequire } from "node:module";
import { InputError } from "../util/input-error.js";
import { lineColumn } from "./locate.js";

const require = createRequire(import.meta.url);

/**
 * Parses text once, with the fastest parser for the job: `JSON.parse` for JSON and js-yaml for
 * YAML (about 8x faster than `yaml` on the 3 MB OpenAI document). Positions for error messages
 * come from `locate`, only when there is an error. `json` says the text must be JSON (a URL served
 * as `application/json`); else a name ending in `.json` does.
 */
export function parseText(raw: string, file: string, json = /\.json$/i.test(file)): unknown {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw; // a byte order mark
  const isJsonFile = json;
  if (isJsonFile || text.trimStart().startsWith("{")) {
    try {
      return JSON.parse(text);
    } catch (err) {
      // A YAML document may start with `{` too: only a .json file must be JSON.
      if (!isJsonFile) return parseYaml(text, file);
      throw jsonSyntaxError(
        err as Error,
        text,
        file,
        "correct the JSON syntax at that position (a missing comma, quote or bracket is the usual cause)",
      );
    }
  }
  return parseYaml(text, file);
}

/** An InputError for a `JSON.parse` failure, at the line and column of the position it names. */
export function jsonSyntaxError(err: Error, text: string, file: string, fix: string): InputError {
  const at = /position (\d+)/.exec(err.message);
  const message = `invalid JSON: ${err.message.replace(/ in JSON at position \d+.*$/, "")}`;
  return new InputError({ message, file, ...(at ? lineColumn(text, Number(at[1])) : {}), fix });
}

function parseYaml(text: string, file: string): unknown {
  const yaml = require("js-yaml") as typeof import("js-yaml");
  try {
    // Redocly's schema, which the files this one $refs are read with: merge keys, and no timestamps
    // (an unquoted 2024-06-01 stays a string rather than becoming a Date).
    const t = (yaml as unknown as { types: Record<"merge" | "binary" | "omap" | "pairs" | "set", import("js-yaml").Type> }).types;
    return yaml.load(text, {
      filename: file,
      schema: yaml.JSON_SCHEMA.extend({ implicit: [t.merge], explicit: [t.binary, t.omap, t.pairs, t.set] }),
    });
  } catch (err) {
    const e = err as { reason?: string; mark?: { line: number; column: number }; message: string };
    throw new InputError({
      message: `invalid YAML: ${e.reason ?? e.message}`,
      file,
      ...(e.mark ? { line: e.mark.line + 1, column: e.mark.column + 1 } : {}),
      fix: "correct the YAML syntax there (indentation, an unclosed quote, or a duplicated key)",
    });
  }
}
