// Row 4's callers, in a process of their own: loads each side's bundle, then takes rounds of
// sequential calls with the sides interleaved, and prints the per-call times (wall and CPU) as JSON.
// argv: <base URL> <calls per round> <warm-up rounds> <rounds> <key>=<bundle.mjs>...
import { performance } from "node:perf_hooks";
import { pathToFileURL } from "node:url";

const [baseUrl, callsArg, warmupArg, runsArg, ...bundles] = process.argv.slice(2);
const calls = Number(callsArg);
const warmup = Number(warmupArg);
const runs = Number(runsArg);

const sides = [];
const result = {};
for (const spec of bundles) {
  const [key, file] = spec.split("=");
  result[key] = { usPerCall: [], cpuUsPerCall: [] };
  try {
    const { makeCaller } = await import(pathToFileURL(file).href);
    const call = makeCaller(baseUrl);
    const first = await call();
    if (first?.status !== "cancelled" || first?.id !== "upload_abc") throw new Error(`unexpected answer: ${JSON.stringify(first)}`);
    sides.push({ key, call });
  } catch (err) {
    result[key].error = String(err?.stack ?? err);
  }
}

for (let round = 0; round < warmup + runs; round++) {
  // Every other round in reverse order, so that no side always follows the same one.
  for (const { key, call } of round % 2 === 0 ? sides : [...sides].reverse()) {
    if (result[key].error) continue;
    globalThis.gc?.();
    try {
      const start = performance.now();
      const cpu = process.cpuUsage();
      for (let i = 0; i < calls; i++) await call();
      const spent = process.cpuUsage(cpu);
      const us = ((performance.now() - start) * 1000) / calls;
      if (round >= warmup) {
        result[key].usPerCall.push(us);
        // The callers' CPU alone: less moved than wall time by what else the machine runs.
        result[key].cpuUsPerCall.push((spent.user + spent.system) / calls);
      }
      process.stderr.write(
        `    round ${round + 1}/${warmup + runs}${round < warmup ? " (warm-up)" : ""}: ${key} ${us.toFixed(1)} µs/call\n`,
      );
    } catch (err) {
      result[key].error = String(err?.stack ?? err);
    }
  }
}
process.stdout.write(JSON.stringify(result) + "\n");
