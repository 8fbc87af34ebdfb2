import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import yaml from "js-yaml";
import { generate } from "../../src/api.js";
import { InputError } from "../../src/util/input-error.js";
import { root, tscAsync } from "../tsc.js";
import { apply, type Mutation, mutation } from "./mutations.js";

// Property: whatever a document says, generating from it ends in a folder that type-checks under
// the strictest settings, or in an InputError; never an internal error, a hang, or a file written
// outside the output folder. The documents are the project's real fixtures, broken by 1 to 4
// mutations each (mutations.ts). `npm test` runs a few cases; `npm run fuzz` runs many, with a
// watchdog for hangs, and prints the figures (FUZZ_RUNS, FUZZ_SEED, FUZZ_PROGRESS, FUZZ_REPORT).

const RUNS = Number(process.env.FUZZ_RUNS ?? 30);
// A fixed seed in `npm test`, so that a run is reproducible; `npm run fuzz` draws a new one each time.
const SEED = Number(process.env.FUZZ_SEED ?? 18);
const PROGRESS = process.env.FUZZ_PROGRESS;
const REPORT = process.env.FUZZ_REPORT;
/** Generated folders per `tsc` run: one tsc start-up for many folders. */
const BATCH = 40;

const SOURCES = [
  "spec/openai-uploads.yaml",
  "test/fixtures/pets.yaml",
  "test/fixtures/pets-3.1.yaml",
  "test/fixtures/petstore-3.0.json",
  "test/fixtures/petstore-2.0.yaml",
  "test/fixtures/hostile.yaml",
  "test/fixtures/identifiers.yaml",
  "test/fixtures/pagination.yaml",
  "test/fixtures/wire.yaml",
  "test/fixtures/imperfect.yaml",
  "test/fixtures/errors.yaml",
  "test/fixtures/multi-file/api.yaml",
];
const documents = SOURCES.map((file) => yaml.load(readFileSync(path.join(root, file), "utf8")));

// Inside the repository, so that the generated clients' `openapi-fetch` import resolves for tsc.
const base = path.join(root, ".tmp", `fuzz-${process.pid}`);

/** Every file and folder under `dir`, relative. */
const listing = (dir: string) => new Set(readdirSync(dir, { recursive: true, encoding: "utf8" }));

/** An input error's message as a kind: its words without the names and numbers of this document. */
const kind = (message: string) => message.replace(/"[^"]*"|`[^`]*`|'[^']*'|#\/\S*|\/\S+|\d+/g, "…").slice(0, 90);

interface Case {
  id: number;
  source: string;
  did: string[];
}

test(`${RUNS} mutated real documents: each generates a strictly type-checked folder or an InputError (seed ${SEED})`, async () => {
  rmSync(base, { recursive: true, force: true });
  mkdirSync(base, { recursive: true });
  const generated: Case[] = [];
  const inputErrors = new Map<string, number>();
  /** Internal errors by kind (name, message without specifics, the file that threw), each with its first case. */
  const internal = new Map<string, string>();
  let internalCount = 0;
  let count = 0;
  const started = Date.now();
  try {
    await fc.assert(
      fc.asyncProperty(
        fc.nat(SOURCES.length - 1),
        fc.array(mutation, { minLength: 1, maxLength: 4 }),
        async (which, mutations: Mutation[]) => {
          const id = count++;
          const doc = structuredClone(documents[which]);
          const did = mutations.map((m) => apply(doc, m));
          const dir = path.join(base, String(id));
          mkdirSync(dir);
          writeFileSync(path.join(dir, "api.json"), JSON.stringify(doc));
          if (PROGRESS) appendFileSync(PROGRESS, `${id} ${SOURCES[which]} ${JSON.stringify(did)}\n`);
          const before = listing(dir);
          let outcome: "generated" | "input error";
          try {
            await generate({ input: "api.json", output: "out", cwd: dir, command: "fuzz" });
            outcome = "generated";
          } catch (err) {
            if (!(err instanceof InputError)) {
              // Collected, not thrown: the run goes on, and the report lists every kind once with a case that shows it.
              const e = err as Error;
              const where = /\n\s+at (?:\S+ \()?(.*?src\/[^):]+|.*?node_modules\/[^/]+(?:\/[^/]+)?)/.exec(e.stack ?? "")?.[1] ?? "";
              const k = `${e.name}: ${kind(e.message)} @ ${path.relative(root, where)}`;
              if (!internal.has(k))
                internal.set(
                  k,
                  `case ${id} (${SOURCES[which]}; ${did.join("; ")}):\n  ${(e.stack ?? "").split("\n").slice(0, 4).join("\n  ")}`,
                );
              internalCount++;
              return;
            }
            outcome = "input error";
            const k = kind(err.message);
            inputErrors.set(k, (inputErrors.get(k) ?? 0) + 1);
          }
          // The generator writes its folder and its fast-path cache (node_modules/.cache), nothing else.
          const written = [...listing(dir)].filter(
            (f) => !before.has(f) && !/^(out|node_modules)(\/|$)/.test(f) && !f.startsWith("node_modules/.cache"),
          );
          expect(written).toEqual([]);
          expect(listing(base).size).toBeGreaterThan(0);
          if (outcome === "generated") generated.push({ id, source: SOURCES[which]!, did });
          else rmSync(dir, { recursive: true, force: true });
        },
      ),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    const generation = Date.now() - started;

    // Every generated folder, type-checked strictly: a batch per tsc, then each failing folder named with what broke it.
    const failures: string[] = [];
    for (let i = 0; i < generated.length; i += BATCH) {
      const batch = generated.slice(i, i + BATCH);
      if (PROGRESS) appendFileSync(PROGRESS, `tsc ${i + 1}-${i + batch.length} of ${generated.length}\n`);
      const files = batch.map((c) => path.join(base, String(c.id), "out/index.d.ts"));
      const result = await tscAsync(base, `batch${i}`, files, { module: "nodenext", moduleResolution: "nodenext" });
      if (result.status === 0) continue;
      for (const c of batch) {
        const lines = result.output.split("\n").filter((l) => l.includes(`${path.basename(base)}/${c.id}/`));
        if (lines.length > 0) failures.push(`case ${c.id} (${c.source}; ${c.did.join("; ")}):\n  ${lines.slice(0, 3).join("\n  ")}`);
      }
      if (failures.length === 0) failures.push(result.output.slice(0, 2000));
    }
    const figures = {
      seed: SEED,
      cases: count,
      generated: generated.length,
      inputErrors: count - generated.length - internalCount,
      internalErrors: internalCount,
      typeCheckFailures: failures.length,
      generationMs: generation,
      totalMs: Date.now() - started,
      inputErrorKinds: Object.fromEntries([...inputErrors].sort((a, b) => b[1] - a[1])),
    };
    if (REPORT) writeFileSync(REPORT, `${JSON.stringify({ ...figures, internal: [...internal.values()], failures }, null, 2)}\n`);
    expect([...internal.values()]).toEqual([]);
    expect(failures).toEqual([]);
    // The property saw both outcomes: the mutations neither always break nor never break a document.
    if (RUNS >= 20) expect(figures.generated * figures.inputErrors).toBeGreaterThan(0);
    rmSync(base, { recursive: true, force: true });
  } catch (err) {
    if (REPORT) appendFileSync(REPORT, `\n${(err as Error).message}\n`);
    throw err; // the cases stay in .tmp/ to reproduce
  }
}, 3_600_000);
