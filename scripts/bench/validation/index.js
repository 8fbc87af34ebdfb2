#!/usr/bin/env node
// Every figure of the validator-engine comparison, for `npm run bench` or on its own:
//   node scripts/bench/validation/index.js [--rounds 21] [--runs 3] [--only speed,bundle,generate,typecheck,suite]
//   → bench/validation.json (a partial run replaces its rows)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { ensureBuilt } from "../../generate.js";
import { root } from "./paths.js";
import { speedFigures } from "./speed.js";
import { bundleFigures, generateFigures, typecheckFigures } from "./size.js";
import { suiteFigures } from "./suite.js";

/** All rows; speed first, alone, before anything else loads the machine. */
const PARTS = ["speed", "bundle", "generate", "typecheck", "suite"];

/** The rows named in `only` (all by default); speed first, alone, before anything else loads the machine. */
export async function validationFigures({ rounds = 21, warmup = 3, runs = 3, only = PARTS, log = () => {} } = {}) {
  ensureBuilt();
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  const meta = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    loadAverageAtStart: os.loadavg(),
  };
  const out = { meta };
  const steps = {
    speed: () => speedFigures({ rounds, warmup, log }),
    bundle: () => bundleFigures(),
    generate: () => generateFigures({ runs, log }),
    typecheck: () => typecheckFigures({ log }),
    suite: () => suiteFigures(),
  };
  for (const part of PARTS.filter((p) => only.includes(p))) {
    log(part);
    out[part] = await steps[part]();
  }
  meta.loadAverageAtEnd = os.loadavg();
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({
    options: {
      rounds: { type: "string", default: "21" },
      warmup: { type: "string", default: "3" },
      runs: { type: "string", default: "3" },
      only: { type: "string", default: PARTS.join(",") },
    },
  });
  const only = values.only.split(",");
  const figures = await validationFigures({
    rounds: Number(values.rounds),
    warmup: Number(values.warmup),
    runs: Number(values.runs),
    only,
    log: (l) => process.stderr.write(l + "\n"),
  });
  // A partial run replaces its rows in the last full one.
  const file = path.join(root, "bench", "validation.json");
  const previous = only.length < PARTS.length && existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : {};
  mkdirSync(path.join(root, "bench"), { recursive: true });
  const meta = only.length < PARTS.length ? { ...previous.meta, [`rerun ${only.join(",")}`]: figures.meta } : figures.meta;
  writeFileSync(file, JSON.stringify({ ...previous, ...figures, meta }, null, 2) + "\n");
  process.stdout.write("figures in bench/validation.json\n");
}
