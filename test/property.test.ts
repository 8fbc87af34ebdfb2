import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import yaml from "js-yaml";
import { generate } from "../src/generate.js";
import { compareSurfaces } from "../src/review/compare.js";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const original = yaml.load(readFileSync(path.join(root, "spec/openai-uploads.yaml"), "utf8"));

/** A small seeded PRNG, so that fast-check's seed reproduces a failing order. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The same document with the keys of every mapping (operations, methods, properties...) in a random order. */
function shuffleKeys(value: unknown, random: () => number): unknown {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  for (let i = entries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [entries[i], entries[j]] = [entries[j]!, entries[i]!];
  }
  return Object.fromEntries(entries.map(([k, v]) => [k, shuffleKeys(v, random)]));
}

test("any reordering of keys and operations gives byte-identical output and an empty change report", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ocg-prop-"));
  try {
    mkdirSync(path.join(dir, "spec"));
    const run = async (doc: unknown, asJson: boolean) => {
      writeFileSync(path.join(dir, "spec/api.yaml"), asJson ? JSON.stringify(doc) : yaml.dump(doc));
      return generate({ input: "spec/api.yaml", command: "npm run generate", cwd: dir });
    };
    const reference = await run(original, false);
    await fc.assert(
      fc.asyncProperty(fc.integer(), fc.boolean(), async (seed, asJson) => {
        const result = await run(shuffleKeys(original, mulberry32(seed)), asJson);
        expect(result.files).toEqual(reference.files);
        expect(compareSurfaces(reference.surface, result.surface)).toEqual([]);
      }),
      { numRuns: 25 },
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}, 120000);
