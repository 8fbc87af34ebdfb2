import path from "node:path";
import { UsageError } from "../util/input-error.js";
import { HELP, parseCommandLine } from "./args.js";
import { type Io, stdio } from "./io.js";
import { runOnce } from "./run.js";

/** Runs the command line; returns the exit code. */
export async function main(argv: string[], io: Io = stdio, cwd = process.cwd()): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    if (options.help) {
      io.out(HELP);
      return 0;
    }
    if (options.watch) {
      const { watch } = await import("./watch.js");
      return await watch(() => runOnce(options, io, cwd), io, options.input === undefined ? [path.join(cwd, "spec")] : []);
    }
    return (await runOnce(options, io, cwd)).code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n\n${HELP}`);
      return 2;
    }
    io.err(
      `internal error (a bug in the generator, please report it with the document that caused it):\n${(err as Error).stack ?? String(err)}\n`,
    );
    return 1;
  }
}
