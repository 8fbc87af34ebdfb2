import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import fc from "fast-check";
import yaml from "js-yaml";
import type { Job } from "../src/cli/plan.js";
import { generate } from "../src/generate.js";
import { regenerate } from "../src/incremental/regenerate.js";
import { EMPTY_CONFIG } from "../src/load/config.js";
import { documentIdentity } from "../src/load/load-document.js";
import { apply, build, review } from "../src/orchestrate.js";
import { verifiedFolder } from "../src/output/fast-path.js";

/**
 * An incremental run writes exactly the bytes a full run writes: seeded random edits of operations
 * of the six shared documents, each regenerated incrementally from the folder of the unedited
 * document and compared, file by file, with a full generation of the edited one. Edits that fall
 * back to the full run are listed; some must take the incremental path, or this proves nothing.
 * INCREMENTAL_CASES=n runs more edits per document (2 in `npm test`: the big documents take seconds each).
 */
const specs = path.resolve(process.cwd(), "../shared/specs");
const DOCUMENTS = ["openai.yaml", "github.json", "stripe.json", "kubernetes.json", "box.json", "twilio.json"];
const CASES = Number(process.env.INCREMENTAL_CASES ?? 2);
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

type Json = Record<string, unknown>;
type Edit = (op: Json, n: number) => boolean;

/** Edits a user makes to one operation; each says false, changing nothing, when it does not apply to the operation. */
const EDITS: Record<string, Edit> = {
  summary: (op, n) => ((op.summary = `Edited summary ${n}.`), true),
  description: (op, n) => ((op.description = `${String(op.description ?? "")}\n\nEdited ${n}: see \`docs\`.`), true),
  deprecate: (op) => ((op.deprecated = op.deprecated !== true), true),
  addQueryParameter: (op, n) => {
    const params = (op.parameters as unknown[] | undefined) ?? [];
    op.parameters = [...params, { name: `edited_${n}`, in: "query", required: n % 2 === 0, schema: { type: "string" } }];
    return true;
  },
  removeQueryParameter: (op, n) => {
    const params = (op.parameters as Json[] | undefined) ?? [];
    const query = params.filter((p) => p.in === "query");
    if (query.length === 0) return false;
    op.parameters = params.filter((p) => p !== query[n % query.length]);
    return true;
  },
  addErrorResponse: (op) => {
    const responses = op.responses as Json | undefined;
    if (!responses || "418" in responses) return false;
    responses["418"] = {
      description: "Teapot",
      content: { "application/json": { schema: { type: "object", properties: { code: { type: "integer" } } } } },
    };
    return true;
  },
  removeResponse: (op, n) => {
    const responses = op.responses as Json | undefined;
    const codes = Object.keys(responses ?? {});
    if (codes.length < 2) return false;
    delete responses![codes[n % codes.length]!];
    return true;
  },
  bodyRequired: (op) => {
    const body = op.requestBody as Json | undefined;
    if (!body || "$ref" in body) return false;
    body.required = body.required !== true;
    return true;
  },
};

function operationsOf(doc: Json): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const [p, item] of Object.entries((doc.paths ?? {}) as Record<string, Json>)) {
    for (const m of METHODS) if (item && typeof item[m] === "object") out.push([p, m]);
  }
  return out;
}

const read = (file: string): Json =>
  (file.endsWith(".json") ? JSON.parse(readFileSync(file, "utf8")) : yaml.load(readFileSync(file, "utf8"))) as Json;

describe.each(DOCUMENTS)("incremental run of %s", (name) => {
  let dir: string;
  let original: Json;
  let job: Job;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "ocg-incr-"));
    mkdirSync(path.join(dir, "node_modules"));
    original = read(path.join(specs, name));
    writeFileSync(path.join(dir, "api.json"), JSON.stringify(original));
    job = { input: "api.json", output: "out", command: "openapi-client-gen --input api.json --output out", settings: EMPTY_CONFIG };
    const built = await build(job, dir, new Set(), true);
    if (!("result" in built)) throw new Error(`the first run of ${name} did not generate`);
    await apply([await review(job, built.result, dir)], dir);
  }, 240_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("writes the bytes of a full run, or falls back", async () => {
    const operations = operationsOf(original);
    // The kinds of edit in turn (from a place the document's name picks), the operations and details at random.
    const edit = fc.record({
      ops: fc.uniqueArray(fc.nat(operations.length - 1), { minLength: 1, maxLength: 2 }),
      n: fc.nat(1000),
    });
    const seed = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 20);
    const kinds = Object.keys(EDITS);
    const outcomes: string[] = [];
    for (const [i, { ops, n }] of fc.sample(edit, { seed, numRuns: CASES }).entries()) {
      const edited = structuredClone(original);
      const paths = edited.paths as Record<string, Json>;
      const where = ops.map((o) => operations[o]!.join(" ")).join(", ");
      // The kind due in turn, or the next that applies to these operations (a summary always does).
      const kind = [...kinds.keys()]
        .map((k) => kinds[(seed + i + k) % kinds.length]!)
        .find((k) =>
          ops
            .map((o) => operations[o]!)
            .map(([p, m]) => EDITS[k]!(paths[p]![m] as Json, n))
            .includes(true),
        )!;
      writeFileSync(path.join(dir, "api.json"), JSON.stringify(edited));
      const folder = await verifiedFolder(job.input, job.output, job.command, job.settings, dir);
      if (!folder) throw new Error("the folder of the unedited document is not verified");
      const incremental = await regenerate(job, dir, folder, await documentIdentity(job.input, dir));
      if ("reason" in incremental) {
        outcomes.push(`${kind} of ${where}: full run (${incremental.reason})`);
        continue;
      }
      const full = await generate({ input: job.input, command: job.command, cwd: dir });
      expect(incremental.result.files.map((f) => f.name)).toEqual(full.files.map((f) => f.name));
      for (const [j, f] of full.files.entries()) expect({ name: f.name, content: incremental.result.files[j]!.content }).toEqual(f);
      outcomes.push(`${kind}: spliced`);
    }
    writeFileSync(path.join(dir, "api.json"), JSON.stringify(original));
    console.log(`${name}: ${outcomes.join("; ")}`);
    // A change that reaches the document's name everywhere (every file's header) must still splice somewhere.
    if (CASES >= 2) expect(outcomes.some((o) => o.endsWith("spliced"))).toBe(true);
  }, 600_000);
});
