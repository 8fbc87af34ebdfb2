// Row 14: regenerating after a change to one operation (issue 20), OpenAI and GitHub. Each round, in a
// project folder of its own (its node_modules/.cache holds the incremental path's cache): a full
// generate of the document (OPENAPI_CLIENT_GEN_INCREMENTAL=0), then the same document with one
// optional query parameter added to one GET operation that has parameters, generated incrementally from that folder. Both
// sides are fresh `node` processes writing the folder; the incremental side must say it spliced. A
// third side then edits a component instead, which the incremental path must refuse: what deciding
// so costs on top of the full run it falls back to.
import { readFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import yaml from "js-yaml";
import { fmt, table } from "./report.js";
import { expectExit0, generatorSnapshot, interleave, median, pairedRatio, root, runNode, tmpDir } from "./util.js";

const SHARED = path.join(root, "..", "shared", "specs");
const DOCUMENTS = ["openai.yaml", "github.json"];

/** The document and the same with one operation edited, written as the original is (YAML or JSON). */
async function versions(file) {
  const text = await readFile(file, "utf8");
  const json = file.endsWith(".json");
  const doc = json ? JSON.parse(text) : yaml.load(text);
  const edited = structuredClone(doc);
  // A list operation that has parameters already (one that had none would also change the imports
  // every operation shares: see the report of issue 20, that edit generates in full).
  const [p, item] = Object.entries(edited.paths).find(([, item]) => item.get?.parameters?.length > 0);
  item.get.parameters = [...(item.get.parameters ?? []), { name: "bench_edit", in: "query", schema: { type: "string" } }];
  const component = structuredClone(edited);
  const [name, schema] = Object.entries(component.components.schemas)[0];
  schema.description = `${schema.description ?? name} (edited)`;
  const write = (d) => (json ? JSON.stringify(d, null, 2) : yaml.dump(d, { lineWidth: -1, noRefs: true }));
  return { before: write(doc), after: write(edited), component: write(component), operation: `GET ${p}` };
}

async function documentRow(name, { runs, warmup, log }) {
  const generator = await generatorSnapshot();
  const dir = await tmpDir("incremental");
  await mkdir(path.join(dir, "node_modules"));
  const input = `api${path.extname(name)}`;
  const { before, after, component, operation } = await versions(path.join(SHARED, name));
  const run = async (text, mode) => {
    await writeFile(path.join(dir, input), text);
    const env = { ...process.env, OPENAPI_CLIENT_GEN_INCREMENTAL: mode };
    return expectExit0(`generate (${mode})`, await runNode([generator, "--input", input, "--output", "out"], { cwd: dir, env }));
  };
  const sides = [
    { key: "full", run: () => run(before, "0") },
    {
      key: "incremental",
      run: async () => {
        const r = await run(after, "explain");
        if (!/incremental: spliced/.test(r.stderr)) throw new Error(`not incremental: ${r.stderr.trim()}`);
        return r;
      },
    },
    {
      key: "fallback",
      run: async () => {
        const r = await run(component, "explain");
        if (!/incremental: full run, `components` changed/.test(r.stderr)) throw new Error(`did not fall back: ${r.stderr.trim()}`);
        return r;
      },
    },
  ];
  const out = await interleave(sides, { runs, warmup, log });
  const ms = (k) => out[k].samples.map((s) => s?.ms);
  const cpu = (k) => out[k].samples.map((s) => s?.cpuMs);
  return {
    document: name,
    operation,
    fullMs: median(ms("full")),
    incrementalMs: median(ms("incremental")),
    fullCpuMs: median(cpu("full")),
    incrementalCpuMs: median(cpu("incremental")),
    fallbackMs: median(ms("fallback")),
    ratio: pairedRatio(ms("incremental"), ms("full")),
    cpuRatio: pairedRatio(cpu("incremental"), cpu("full")),
    fallbackRatio: pairedRatio(ms("fallback"), ms("full")),
    error: out.full.error ?? out.incremental.error ?? out.fallback.error,
  };
}

export async function incrementalRow(shared) {
  const rows = [];
  for (const name of DOCUMENTS) {
    shared.log(`    ${name}`);
    rows.push(await documentRow(name, shared));
  }
  return { documents: rows };
}

export function renderIncremental(r) {
  return [
    "14. Regenerate after a change to one operation (an optional query parameter added): incremental vs a full generate, ms;",
    "    and a component edited, which falls back to a full run: what deciding so costs",
    table(
      ["document", "operation", "full", "incremental", "wall (paired)", "CPU (paired)", "fallback", "fallback/full", "note"],
      r.documents.map((d) => [
        d.document,
        d.operation,
        fmt.ms(d.fullMs),
        fmt.ms(d.incrementalMs),
        fmt.x(d.ratio),
        fmt.x(d.cpuRatio),
        fmt.ms(d.fallbackMs),
        fmt.x(d.fallbackRatio),
        d.error ?? "",
      ]),
    ),
  ].join("\n");
}
