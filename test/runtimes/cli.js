// Runs test/runtimes/scenarios.js under the runtime that runs this file (node, deno run, bun run) and prints
// the outcome as JSON: `<runtime> test/runtimes/cli.js <base URL>`.
import { scenarios } from "./scenarios.js";

const baseUrl = globalThis.Deno ? globalThis.Deno.args[0] : globalThis.process.argv[2];
console.log(JSON.stringify(await scenarios(baseUrl)));
