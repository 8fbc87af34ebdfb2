import path from "node:path";
import { UsageError } from "../util/input-error.js";
import { generatorVersion } from "../output/generator-identity.js";
import { helpText, parseCommandLine } from "./args.js";
import { type Io, stdio } from "./io.js";
import { type Invocation, NPM_RUN_GENERATE } from "./plan.js";
import { runOnce } from "./run.js";

/** Runs the command line; returns the exit code. `invocation` is how the user ran it, for the headers' "Regenerate:" line. */
export async function main(
  argv: string[],
  io: Io = stdio,
  cwd = process.cwd(),
  invocation: Invocation = NPM_RUN_GENERATE,
): Promise<number> {
  try {
    const options = parseCommandLine(argv);
    if (options.help) {
      io.out(helpText(invocation));
      return 0;
    }
    if (options.version) {
      io.out(`${generatorVersion()}\n`);
      return 0;
    }
    if (options.watch) {
      const { watch } = await import("./watch.js");
      return await watch(() => runOnce(options, io, cwd, invocation), io, options.input === undefined ? [path.join(cwd, "spec")] : []);
    }
    return (await runOnce(options, io, cwd, invocation)).code;
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`error: ${err.message}\n\n${helpText(invocation)}`);
      return 2;
    }
    io.err(
      `internal error (a bug in the generator, please report it with the document that caused it):\n${(err as Error).stack ?? String(err)}\n`,
    );
    return 1;
  }
}
