// Row 3: what a user's `tsc --noEmit` pays for one call through each client of the full OpenAI document.
import { symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import {
  OPENAPI_TYPESCRIPT_CLI,
  TSC,
  expectExit0,
  generatorSnapshot,
  interleave,
  median,
  pairedRatio,
  root,
  runNode,
  tmpDir,
} from "./util.js";

const PROGRAMS = {
  ours: `import { createClient } from "./client/index.js";
const api = createClient({ apiKey: "k" });
const u = await api.cancelUpload({ upload_id: "u" });
u.status;
`,
  // What logging, per-call options and webhooks add to a one-call check when used (ours is the same program without).
  oursLogging: `import { createClient } from "./client/index.js";
const api = createClient({ apiKey: "k", logLevel: "debug", logger: console });
const u = await api.cancelUpload({ upload_id: "u" });
u.status;
`,
  oursCallOptions: `import { createClient } from "./client/index.js";
const api = createClient({ apiKey: "k" });
const u = await api.cancelUpload({ upload_id: "u" }, { cache: "no-store", next: { revalidate: 60 }, signal: AbortSignal.timeout(1000) });
u.status;
`,
  oursWebhooks: `import { createClient, webhooks } from "./client/index.js";
const api = createClient({ apiKey: "k" });
const u = await api.cancelUpload({ upload_id: "u" });
u.status;
const event = await webhooks.unwrap("{}", new Headers(), "whsec_a2V5");
if (event.type === "batch.completed") event.data.id;
`,
  rawOpenapiFetch: `import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
const client = createClient<paths>({ baseUrl: "https://api.openai.com/v1" });
const { data } = await client.POST("/uploads/{upload_id}/cancel", { params: { path: { upload_id: "u" } } });
data?.status;
`,
  typesAlone: `import type { components } from "./schema.js";
const status: components["schemas"]["Upload"]["status"] = "cancelled";
status;
`,
  bareTsc: `const answer: number = 42;
answer;
`,
};

// A user's project: strict, skipLibCheck, nodenext; `--types node` so that only @types/node is
// loaded from the symlinked node_modules (not this project's jest and other dev typings).
export const TSC_FLAGS = [
  "--noEmit",
  "--strict",
  "--skipLibCheck",
  "--module",
  "nodenext",
  "--moduleResolution",
  "nodenext",
  "--types",
  "node",
  "--extendedDiagnostics",
];

export function diagnostics(stdout) {
  const value = (name) => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(stdout);
    return m ? Number(m[1]) : undefined;
  };
  const errors = stdout.split("\n").filter((l) => /error TS\d+/.test(l));
  return {
    checkS: value("Check time"),
    totalS: value("Total time"),
    types: value("Types"),
    files: value("Files"),
    memoryKB: value("Memory used"),
    errors,
  };
}

/**
 * A user's project in a temporary folder: our client of `doc` in client/, openapi-typescript's
 * types of it in schema.d.ts, and `programs` ({ name: text }) as <name>.ts. Returns the folder.
 */
export async function userProject(prefix, doc, programs) {
  const dir = await tmpDir(prefix);
  const generator = await generatorSnapshot();
  expectExit0("our generate", await runNode([generator, "--input", doc, "--output", path.join(dir, "client")]));
  expectExit0("openapi-typescript", await runNode([OPENAPI_TYPESCRIPT_CLI, doc, "-o", path.join(dir, "schema.d.ts")]));
  await symlink(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
  await writeFile(path.join(dir, "package.json"), JSON.stringify({ type: "module", private: true }) + "\n");
  for (const [name, text] of Object.entries(programs)) await writeFile(path.join(dir, `${name}.ts`), text);
  return dir;
}

export async function typecheckRow(openaiDoc, { runs, warmup, log }) {
  const dir = await userProject("typecheck", openaiDoc, PROGRAMS);

  const errorsSeen = {};
  const tsc = path.join(root, TSC);
  const sides = Object.keys(PROGRAMS).map((key) => ({
    key,
    run: async () => {
      const r = await runNode([tsc, ...TSC_FLAGS, `${key}.ts`], { cwd: dir });
      const d = diagnostics(r.stdout);
      // A type error still costs the same checking; the row says so rather than dropping the side.
      if (r.code !== 0 && d.errors.length === 0)
        throw new Error(`tsc exited ${r.code}: ${r.stdout.slice(0, 400)}${r.stderr.slice(0, 400)}`);
      if (d.errors.length) errorsSeen[key] = { count: d.errors.length, first: d.errors[0] };
      return { ms: r.ms, peakKB: r.peakKB, ...d, errors: d.errors.length };
    },
  }));
  const got = await interleave(sides, { runs, warmup, log });
  const side = (key) => {
    const s = got[key].samples;
    return {
      wallMs: median(s.map((x) => x?.ms)),
      checkTimeS: median(s.map((x) => x?.checkS)),
      types: median(s.map((x) => x?.types)),
      files: median(s.map((x) => x?.files)),
      peakMB: median(s.map((x) => x?.peakKB)) / 1024 || undefined,
      typeErrors: errorsSeen[key],
      samples: s.map((x) => (x ? Math.round(x.ms) : null)),
      error: got[key].error,
    };
  };
  const ms = (key) => (got[key].error ? [] : got[key].samples.map((x) => x?.ms));
  return {
    document: openaiDoc,
    command: `tsc ${TSC_FLAGS.join(" ")} <file>.ts`,
    sides: Object.fromEntries(Object.keys(PROGRAMS).map((k) => [k, side(k)])),
    programs: PROGRAMS,
    ratios: {
      oursVsTypesAlone: pairedRatio(ms("ours"), ms("typesAlone")),
      oursVsRawOpenapiFetch: pairedRatio(ms("ours"), ms("rawOpenapiFetch")),
      oursVsBareTsc: pairedRatio(ms("ours"), ms("bareTsc")),
      vsOurs: Object.fromEntries(["oursLogging", "oursCallOptions", "oursWebhooks"].map((k) => [k, pairedRatio(ms(k), ms("ours"))])),
    },
  };
}
