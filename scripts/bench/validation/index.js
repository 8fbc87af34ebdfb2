#!/usr/bin/env node
// Every figure of the validator-engine comparison, for `npm run bench` or on its own:
//   node scripts/bench/validation/index.js [--rounds 21] [--runs 3]   → bench/validation.json
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBuilt } from "../../generate.js";
import { root } from "./paths.js";
import { speedFigures } from "./speed.js";
import { bundleFigures, generateFigures, typecheckFigures } from "./size.js";
import { suiteFigures } from "./suite.js";

/** All rows; speed first, alone, before anything else loads the machine. */
export async function validationFigures({ rounds = 21, warmup = 3, runs = 3, log = () => {} } = {}) {
  ensureBuilt();
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    loadAverageAtStart: os.loadavg(),
  };
  log("speed");
  const speed = await speedFigures({ rounds, warmup, log });
  log("bundle");
  const bundle = await bundleFigures();
  log("generate");
  const generate = await generateFigures({ runs, log });
  log("typecheck");
  const typecheck = await typecheckFigures({ log });
  log("suite");
  const suite = await suiteFigures();
  meta.loadAverageAtEnd = os.loadavg();
  return { meta, speed, bundle, generate, typecheck, suite };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "21" },
      warmup: { type: "string", default: "3" },
      runs: { type: "string", default: "3" },
    },
  });
  const figures = await validationFigures({
    rounds: Number(values.rounds),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
    log: (l) => process.stderr.write(l + "\n"),
  });
  mkdirSync(path.join(root, "bench"), { recursive: true });
  writeFileSync(path.join(root, "bench", "validation.json"), JSON.stringify(figures, null, 2) + "\n");
  process.stdout.write("figures in bench/validation.json\n");
}
