// Row 13: what an editor pays on the GitHub client (1,223 operations): opening a one-call file
// (program, semantic diagnostics), quick info on the call, completion where a second call's
// operation is picked, through a TypeScript LanguageService (editor-worker.js, a fresh process per
// side and round), ours against openapi-typescript's types with raw openapi-fetch making the same call.
import path from "node:path";
import { fmt, table } from "./report.js";
import { userProject } from "./typecheck.js";
import { expectExit0, interleave, median, pairedRatio, root, runNode } from "./util.js";

const WORKER = path.join(root, "scripts/bench/editor-worker.js");

/** The same call both ways; `hover` points at the call, `typed` is the second call being typed. */
const PROGRAMS = {
  ours: {
    text: `import { createClient } from "./client/index.js";
const api = createClient();
const repo = await api.reposGet({ owner: "o", repo: "r" });
repo.full_name;
`,
    markers: { hover: "reposGet(", typed: "api.|", expect: ["reposGet"], typedHover: "api." },
  },
  rawOpenapiFetch: {
    text: `import createClient from "openapi-fetch";
import type { paths } from "./schema.js";
const client = createClient<paths>({ baseUrl: "https://api.github.com" });
const { data } = await client.GET("/repos/{owner}/{repo}", { params: { path: { owner: "o", repo: "r" } } });
data?.full_name;
`,
    markers: { hover: "GET(", typed: 'client.GET("|")', expect: ["/repos/{owner}/{repo}"], typedHover: 'GET("")' },
  },
};

export const MEASURES = ["programMs", "diagnosticsMs", "hoverMs", "completionMs"];

/** Medians of each measure and of the process's wall time and peak memory. */
export function sideFigures(samples) {
  const of = (k) => median(samples.map((s) => s?.[k]));
  const kb = of("peakKB");
  return {
    ...Object.fromEntries(MEASURES.map((k) => [k, of(k)])),
    wallMs: of("ms"),
    cpuMs: of("cpuMs"),
    peakMB: kb === undefined ? undefined : kb / 1024,
    entries: of("entries"),
    offersExpected: samples.every((s) => s === null || s.offersExpected),
    typedHover: samples.find((s) => s)?.typedHover,
  };
}

/** Per measure, the median of the per-round ratios a/b. */
export function pairedRatios(a, b, keys) {
  return Object.fromEntries(
    keys.map((k) => [
      k,
      pairedRatio(
        a.map((s) => s?.[k]),
        b.map((s) => s?.[k]),
      ),
    ]),
  );
}

export async function editorRow(githubDoc, { runs, warmup, log }) {
  const texts = Object.fromEntries(Object.entries(PROGRAMS).map(([k, p]) => [k, p.text]));
  const dir = await userProject("editor", githubDoc, texts);

  const errors = {};
  const sides = Object.entries(PROGRAMS).map(([key, p]) => ({
    key,
    run: async () => {
      const r = expectExit0(`editor ${key}`, await runNode([WORKER, dir, `${key}.ts`, JSON.stringify(p.markers)]));
      const got = JSON.parse(r.stdout.trim().split("\n").pop());
      // A type error would make the sides answer different questions: the row says so.
      if (got.errors.length) errors[key] = got.errors;
      return { ...got, ms: r.ms, cpuMs: r.cpuMs, peakKB: r.peakKB };
    },
  }));
  const got = await interleave(sides, { runs, warmup, log });
  const samples = (k) => (got[k].error ? [] : got[k].samples);
  return {
    document: githubDoc,
    typescript: (await import("typescript")).default.version,
    programs: texts,
    sides: Object.fromEntries(
      Object.keys(PROGRAMS).map((k) => [k, { ...sideFigures(samples(k)), typeErrors: errors[k], error: got[k].error }]),
    ),
    ratios: pairedRatios(samples("ours"), samples("rawOpenapiFetch"), [...MEASURES, "ms", "cpuMs", "peakKB"]),
  };
}

const NAMES = {
  ours: "ours: api.reposGet(...)",
  rawOpenapiFetch: 'raw openapi-fetch: client.GET("/repos/{owner}/{repo}")',
};

/** What a side's figures leave unsaid: type errors, or a completion that lacks the operation. */
function note(s, expect) {
  if (s.error) return s.error.split("\n")[0].slice(0, 80);
  if (s.typeErrors) return `${s.typeErrors.length} type errors!`;
  if (!s.offersExpected) return `completion lacks ${expect} (${s.entries} entries)`;
  return "";
}

export function renderEditor(r) {
  const head = [
    `13. Editor on the GitHub client (${r.document.replace(/^.*\//, "")}): a TypeScript ${r.typescript} LanguageService, a fresh process`,
    "    per side and round, asked in this order: build the program of a one-call file, its semantic diagnostics, quick",
    '    info on the call, then completion where a second call\'s operation is typed (`api.|` ours, `client.GET("|")` raw); ms.',
  ];
  const cols = [...MEASURES, "wallMs", "cpuMs"];
  const lines = Object.entries(r.sides).map(([k, s]) => [
    NAMES[k] ?? k,
    ...(s.error ? ["FAILED", ...cols.slice(1).map(() => "")] : cols.map((c) => fmt.ms(s[c]))),
    s.error ? "" : fmt.mb(s.peakMB),
    s.error ? "" : fmt.int(s.entries),
    note(s, PROGRAMS[k]?.markers.expect.join(", ")),
  ]);
  lines.push(["ours/raw (paired)", ...[...MEASURES, "ms", "cpuMs", "peakKB"].map((k) => fmt.x(r.ratios[k])), "", ""]);
  const body = table(
    ["program", "program", "diagnostics", "quick info", "completion", "process wall", "process CPU", "peak RSS MB", "entries", "note"],
    lines,
  );
  const notes = Object.entries(r.sides).flatMap(([k, s]) => [
    ...(s.typeErrors ? [`  ${k}: ${s.typeErrors[0]}`] : []),
    ...(!s.error && !s.offersExpected && s.typedHover ? [`  ${k}: quick info on the call being typed: ${s.typedHover.slice(0, 200)}`] : []),
  ]);
  return [...head, body, ...notes].join("\n");
}
