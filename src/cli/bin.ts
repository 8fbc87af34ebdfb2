#!/usr/bin/env node
// The `openapi-client-gen` command, as a project installs it.
import { main } from "./main.js";
import type { Invocation } from "./plan.js";

/** How the user ran the command, from what npm tells its children: a package.json script, npx, or a shell. */
function invocation(env: NodeJS.ProcessEnv): Invocation {
  if ((env.npm_command === "run-script" || env.npm_command === "run") && env.npm_lifecycle_event)
    return { command: `npm run ${env.npm_lifecycle_event}`, separator: " -- ", fixed: true };
  if (env.npm_command === "exec") return { command: "npx openapi-client-gen", separator: " " };
  return { command: "openapi-client-gen", separator: " " };
}

process.exitCode = await main(process.argv.slice(2), undefined, process.cwd(), invocation(process.env));
