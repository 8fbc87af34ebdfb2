// The printed tables and the targets, from the same figures that go to bench/results.json.

const bad = (x) => typeof x !== "number" || !Number.isFinite(x);
const fmt = {
  ms: (x) => (bad(x) ? "-" : x >= 100 ? Math.round(x).toLocaleString("en-US") : x.toFixed(1)),
  mb: (x) => (bad(x) ? "-" : x.toFixed(0)),
  x: (r) => (bad(r) ? "-" : `${r.toFixed(2)}x`),
  us: (x) => (bad(x) ? "-" : x.toFixed(1)),
  int: (x) => (bad(x) ? "-" : Math.round(x).toLocaleString("en-US")),
  kb: (bytes) => (bad(bytes) ? "-" : (bytes / 1024).toFixed(1)),
  signedKb: (bytes) => (bad(bytes) ? "-" : `${bytes >= 0 ? "+" : ""}${(bytes / 1024).toFixed(1)}`),
};
export { fmt };

/** Left-aligns the first column, right-aligns the others. */
export function table(headers, rows, indent = "  ") {
  const all = [headers, ...rows].map((r) => r.map((c) => String(c ?? "")));
  const widths = headers.map((_, i) => Math.max(...all.map((r) => (r[i] ?? "").length)));
  const line = (r) =>
    indent +
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i])))
      .join("  ")
      .trimEnd();
  return [line(all[0]), indent + widths.map((w) => "-".repeat(w)).join("  "), ...all.slice(1).map(line)].join("\n");
}

/** The generation row's sides, in the order of their rounds. */
const GENERATION_SIDES = ["ours", "openapiTypescript", "heyApi", "orval", "transformFloor"];
const SCALING_NAME = { ours: "ours", openapiTypescript: "openapi-typescript", heyApi: "hey-api", orval: "orval", transformFloor: "floor" };
const LABEL = {
  ours: "ours (scripts/generate.js)",
  openapiTypescript: "openapi-typescript CLI",
  heyApi: "@hey-api/openapi-ts (fetch client)",
  orval: "orval (fetch client)",
  transformFloor: "floor: openapi-typescript transform, in process",
  fullGenerate: "full generate (fresh folder)",
  check: "--check (up to date)",
  noChangeGenerate: "generate, no change",
  rawOpenapiFetch: "raw openapi-fetch + openapi-typescript types",
  typesAlone: "openapi-typescript types alone",
  bareTsc: "bare tsc, trivial file",
  openaiSdk: "official openai SDK",
  oursNoTimeout: "ours, timeout: Infinity (no timer, no signal)",
  rawOpenapiFetchWithTimeout: "raw openapi-fetch with a 10-minute timeout per call",
  openapiFetch: "openapi-fetch alone",
  oursOneOperation: "ours, createBaseClient + cancelUpload",
  oursOneOperationLogging: '  the same, logLevel: "debug", logger: console',
  oursOneOperationCallOptions: "  the same, with per-call cache, next, fetch, middleware",
  oursOneOperationWebhooks: "  the same, + webhooks.unwrap",
  oursOneOperationNoLogging: "  the same, the runtime's log.js stubbed out",
  oursLogging: 'ours, logLevel: "debug", logger: console',
  oursCallOptions: "ours, per-call cache, next, signal",
  oursWebhooks: "ours + webhooks.unwrap, event narrowed",
  oursValidating: 'ours + createClient({ validate: "all", validators })',
  oursLazyInlined: "ours + validators by import(), no splitting",
  oursLazySplit: "ours + validators by import(), splitting: entry chunk",
  cfworker: "@cfworker/json-schema",
  ajv: "ajv standalone",
  zod: "zod 4 via hey-api",
};
const OURS = {
  generate: "ours (scripts/generate.js)",
  typecheck: "ours (generated client)",
  calls: "ours (generated/openai-uploads)",
  bundle: "ours (generated/openai-uploads)",
  validation: "ours (validators.js)",
};
/** The first line of an error that says something. */
const firstLine = (text) => (text.split("\n").find((l) => l.trim() !== "") ?? "").trim();
const label = (k, row) => (k === "ours" && row ? OURS[row] : (LABEL[k] ?? k));

function docName(file) {
  return file.replace(/^.*\//, "");
}

export function render(results) {
  const { meta, rows } = results;
  const out = [];
  const say = (s = "") => out.push(s);
  say(`Benchmark: ${meta.runs} measured runs per side after ${meta.warmup} warm-up, sides interleaved (A B A B ...); figures are medians;`);
  say(
    `ratios are the median of the per-round ratios (each pair measured back to back). Node ${meta.node}, ${meta.cpus} CPUs, ${meta.date}.`,
  );
  say(`Peak memory: ${meta.peakRssMethod}. Wall time: from spawn to exit, measured by the bench.`);
  if (meta.skipped.length) for (const s of meta.skipped) say(`SKIPPED: ${s}`);

  // --- generation rows (1 and 6): peers from scripts/bench/peers.js, and the transform floor ---
  if (rows.generate) {
    say();
    say("1. Generation: a full generate into a fresh empty folder, each side a `node <entry>` process (start-up included);");
    say("   peers with their default configuration for a fetch client. The floor is openapi-typescript's transform alone,");
    say("   in process (parse + openapiTS(doc) + astToString; its process's wall time in the note, CPU and RSS are the");
    say("   process's): ours/floor wall is the distance. CPU = user + system of the process and its children.");
    const lines = [];
    for (const r of rows.generate) {
      if (r.error) {
        lines.push([docName(r.document), "", `FAILED: ${firstLine(r.error)}`]);
        continue;
      }
      for (const k of GENERATION_SIDES) {
        const s = r.sides[k];
        if (!s) continue;
        const ratio = r.ratios[`oursVs${k[0].toUpperCase()}${k.slice(1)}`];
        const first = k === "ours";
        const name = r.peers?.[k] ? `${r.peers[k]} (fetch client)` : label(k);
        if (s.missing) {
          lines.push([first ? docName(r.document) : "", "", name, "not installed"]);
          continue;
        }
        const note =
          k === "transformFloor" && !s.error
            ? `process ${fmt.ms(s.processWallMs)} ms; parse ${fmt.ms(s.parseMs)}, openapiTS ${fmt.ms(s.transformMs)}, print ${fmt.ms(s.printMs)}`
            : "";
        lines.push([
          first ? docName(r.document) : "",
          first ? fmt.int(r.operations) : "",
          name,
          s.error ? "FAILED" : fmt.ms(s.wallMs),
          s.error ? "" : fmt.ms(s.cpuMs),
          s.error ? "" : fmt.mb(s.peakMB),
          ratio ? fmt.x(ratio.wall) : "",
          ratio ? fmt.x(ratio.cpu) : "",
          ratio ? fmt.x(ratio.peak) : "",
          note,
        ]);
        if (s.error) lines.push(["", "", `  ${firstLine(s.error).slice(0, 110)}`]);
      }
    }
    const head = ["document", "ops", "side", "wall ms", "CPU ms", "peak RSS MB", "ours/side wall", "ours/side CPU", "ours/side RSS"];
    say(table([...head, "note"], lines));
    for (const r of rows.generate) for (const s of Object.values(r.sides ?? {})) if (s.missing) say(`  not installed: ${s.missing}`);
  }
  // --- end of generation rows ---

  if (rows.check) {
    say();
    say(
      "2. --check and a no-change generate against our full generate (same rounds as row 1: full into a fresh folder, then --check and generate again against it)",
    );
    const lines = [];
    for (const r of rows.check) {
      if (r.error) {
        lines.push([docName(r.document), `FAILED: ${firstLine(r.error)}`]);
        continue;
      }
      for (const k of ["fullGenerate", "check", "noChangeGenerate"]) {
        const s = r.sides[k];
        const ratio = k === "check" ? r.ratios.checkVsFull : k === "noChangeGenerate" ? r.ratios.noChangeVsFull : undefined;
        lines.push([
          k === "fullGenerate" ? docName(r.document) : "",
          label(k),
          s.error ? "FAILED" : fmt.ms(s.wallMs),
          s.error ? "" : fmt.mb(s.peakMB),
          ratio ? fmt.x(ratio.wall) : "",
        ]);
        if (s.error) lines.push(["", `  ${firstLine(s.error).slice(0, 110)}`]);
      }
    }
    say(table(["document", "side", "wall ms", "peak RSS MB", "side/full wall"], lines));
  }

  if (rows.typecheck) {
    say();
    const r = rows.typecheck;
    if (r.error) say(`3. Type-check: FAILED: ${r.error}`);
    else {
      say(`3. Type-check cost for a user: \`${r.command}\` on a one-file program, openai.yaml's types`);
      const lines = Object.entries(r.sides).map(([k, s]) => [
        label(k, "typecheck"),
        s.error ? "FAILED" : fmt.ms(s.wallMs),
        s.checkTimeS === undefined ? "-" : s.checkTimeS.toFixed(2),
        fmt.int(s.types),
        fmt.mb(s.peakMB),
        k === "ours"
          ? ""
          : r.ratios.vsOurs?.[k] !== undefined
            ? `${fmt.x(r.ratios.vsOurs[k])} ours`
            : fmt.x(r.ratios[{ typesAlone: "oursVsTypesAlone", rawOpenapiFetch: "oursVsRawOpenapiFetch", bareTsc: "oursVsBareTsc" }[k]]),
        s.typeErrors ? `${s.typeErrors.count} type errors!` : s.error ? firstLine(s.error).slice(0, 60) : "",
      ]);
      say(table(["program", "wall ms", "tsc check s", "types", "peak RSS MB", "ours/side", "note"], lines));
      for (const [k, s] of Object.entries(r.sides))
        if (s.typeErrors) say(`  ${label(k, "typecheck")}: tsc reported ${s.typeErrors.count} errors, first: ${s.typeErrors.first}`);
    }
  }

  if (rows.calls) {
    say();
    const r = rows.calls;
    if (r.error) say(`4. Per-call overhead: FAILED: ${r.error}`);
    else {
      say(
        `4. Per-call overhead: ${r.callsPerRound.toLocaleString("en-US")} sequential cancelUpload calls per round to a local node:http server`,
      );
      say(`   server: ${r.server}; bundles: ${r.bundling}`);
      const lines = Object.entries(r.sides).map(([k, s]) => [
        label(k, "calls"),
        s.error ? "FAILED" : fmt.us(s.usPerCall),
        s.error ? "" : fmt.us(s.cpuUsPerCall),
        {
          rawOpenapiFetch: fmt.x(r.ratios.oursVsRawOpenapiFetch),
          openaiSdk: fmt.x(r.ratios.oursVsOpenaiSdk),
          rawOpenapiFetchWithTimeout: fmt.x(r.ratios.oursVsRawOpenapiFetchWithTimeout),
        }[k] ?? "",
        s.error
          ? firstLine(s.error).slice(0, 80)
          : k === "oursNoTimeout" && r.ratios.oursNoTimeoutVsRawOpenapiFetch !== undefined
            ? `${fmt.x(r.ratios.oursNoTimeoutVsRawOpenapiFetch)} raw openapi-fetch`
            : "",
      ]);
      say(table(["client", "µs per call", "client CPU µs", "ours/side", "note"], lines));
      if (r.ratios.oursVsRawOpenapiFetchCpu !== undefined)
        say(`  ours vs raw openapi-fetch in the callers' CPU time: ${fmt.x(r.ratios.oursVsRawOpenapiFetchCpu)}`);
    }
  }

  if (rows.bundle) {
    say();
    const r = rows.bundle;
    say(`5. Bundle size for the Upload operations (${r.esbuild}); KB = 1,024 bytes`);
    const lines = Object.entries(r.sides).map(([k, s]) => [
      label(k, "bundle"),
      s.error ? "FAILED" : fmt.int(s.rawBytes),
      s.error ? "" : fmt.int(s.gzipBytes),
      s.error ? "" : fmt.kb(s.gzipBytes),
      k === "openapiFetch"
        ? `${fmt.signedKb(r.oursMinusOpenapiFetchGzipBytes)} KB`
        : k === "openaiSdk"
          ? `${fmt.signedKb(r.oursMinusOpenaiSdkGzipBytes)} KB`
          : k.startsWith("oursOneOperation") && k !== "oursOneOperation" && s.gzipBytes !== undefined
            ? `${s.gzipBytes - r.sides.oursOneOperation?.gzipBytes} B vs one call`
            : k.startsWith("ours") && k !== "ours" && r.sides.ours?.gzipBytes !== undefined && s.gzipBytes !== undefined
              ? `${fmt.signedKb(s.gzipBytes - r.sides.ours.gzipBytes)} KB vs ours`
              : "",
      s.error
        ? firstLine(s.error).slice(0, 80)
        : s.allChunksGzipBytes !== undefined
          ? `${s.chunks} chunk(s), ${fmt.kb(s.allChunksGzipBytes)} KB gzip in all`
          : "",
    ]);
    say(table(["entry", "minified B", "gzip B", "gzip KB", "ours minus side (gzip)", "note"], lines));
  }

  if (rows.treeShaking) {
    say();
    const r = rows.treeShaking;
    if (r.skipped || r.error) say(`5b. Tree-shaking: ${r.skipped ? `SKIPPED: ${r.skipped}` : `FAILED: ${firstLine(r.error)}`}`);
    else {
      say(`5b. Tree-shaking: one operation (GetCustomersCustomer) of stripe.json's ${r.operations}, same esbuild settings`);
      const names = {
        runtime: "openapi-fetch + the runtime, no document",
        oursOneOperation: "createBaseClient + one operation",
        oursCreateClient: "createClient (every operation bound)",
      };
      const lines = Object.entries(r.sides).map(([k, s]) => [
        names[k] ?? k,
        s.error ? "FAILED" : fmt.int(s.rawBytes),
        s.error ? "" : fmt.int(s.gzipBytes),
        s.error ? "" : fmt.kb(s.gzipBytes),
      ]);
      say(table(["entry", "minified B", "gzip B", "gzip KB"], lines));
    }
  }

  if (rows.validation) {
    say();
    const v = rows.validation;
    say(`7. Validation time per call, µs: one request body checked, valid / invalid (issues collected); ${v.method}`);
    if (v.error) say(`   FAILED: ${firstLine(v.error)}`);
    if (v.skipped) say(`   ${v.skipped}`);
    const engines = ["ours", "ajv", "cfworker", "zod"];
    const us = (ns) => (bad(ns) ? "-" : (ns / 1000).toFixed(2));
    const lines = (v.rows ?? []).map((r) => [
      r.case,
      ...engines.map((k) => (r.engines[k]?.error ? "n/a" : `${us(r.engines[k]?.validNs)} / ${us(r.engines[k]?.invalidNs)}`)),
      engines
        .slice(1)
        .map((k) => fmt.x(r.engines[k]?.validNs / r.engines.ours?.validNs))
        .join(" "),
    ]);
    say(table(["body", ...engines.map((k) => label(k, "validation")), "valid: side/ours (ajv cfworker zod)"], lines));
    for (const note of v.agreement ?? []) say(`   note: ${note.slice(0, 200)}`);
  }

  // --- scaling row (6) ---
  if (rows.scaling) {
    say();
    say("6. Scaling: generation wall time per operation (row 1 medians; includes each tool's start-up, the floor excepted)");
    const keys = GENERATION_SIDES.filter((k) => rows.scaling.some((s) => s.msPerOp?.[k] !== undefined));
    const lines = rows.scaling.map((s) => [docName(s.document), fmt.int(s.operations), ...keys.map((k) => fmt.ms(s.msPerOp[k]))]);
    say(table(["document", "ops", ...keys.map((k) => `${SCALING_NAME[k] ?? k} ms/op`)], lines));
  }
  // --- end of scaling row ---

  for (const [key, renderRow] of Object.entries(EXTRA_RENDERERS)) {
    const r = rows[key];
    if (!r) continue;
    say();
    say(r.error ? `${key}: FAILED: ${firstLine(r.error)}` : renderRow(r));
  }

  say();
  say("Targets");
  say(
    table(
      ["target", "measured", "result"],
      results.targets.map((t) => [t.target, t.measured, t.result]),
    ),
  );
  return out.join("\n");
}

/** Rows whose modules render themselves (they also run on their own). */
const EXTRA_RENDERERS = {};
export function registerRenderer(key, render) {
  EXTRA_RENDERERS[key] = render;
}

/** pass / MISS for every target of the issue; "failed" when a side it needs failed, "n/a" when not run. */
export function targets(rows) {
  const list = [];
  const add = (target, value, limit, { shown, failed } = {}) => {
    if (value === undefined || Number.isNaN(value)) list.push({ target, measured: "-", result: failed ? "failed" : "n/a" });
    // Three decimals: a 1.052x that misses a 1.05x target must not print as "1.05x".
    else list.push({ target, value, limit, measured: shown ?? `${value.toFixed(3)}x`, result: value <= limit ? "pass" : "MISS" });
  };
  const failedIn = (row, ...keys) => Boolean(row && (row.error || keys.some((k) => row.sides?.[k]?.error)));
  const gen = (name) => rows.generate?.find((r) => r.document.endsWith(name));
  // Issue 20: the full documents at 0.8x openapi-typescript's CLI, wall and CPU; GitHub's peak memory at 1.0x.
  for (const [name, limit, label, measures] of [
    ["openai.yaml", 0.8, "generate openai.yaml", ["wall", "cpu"]],
    ["github.json", 0.8, "generate github.json", ["wall", "cpu"]],
    ["openai-uploads.yaml", 1.5, "generate fragment", ["wall"]],
  ]) {
    const r = gen(name);
    for (const m of measures)
      add(`${label} <= ${limit}x openapi-typescript (${m === "cpu" ? "CPU" : m})`, r?.ratios?.oursVsOpenapiTypescript[m], limit, {
        failed: failedIn(r, "ours", "openapiTypescript"),
      });
  }
  const gh = gen("github.json");
  add("peak memory github.json <= 1.0x openapi-typescript", gh?.ratios?.oursVsOpenapiTypescript.peak, 1.0, {
    failed: failedIn(gh, "ours", "openapiTypescript"),
  });
  for (const d of rows.incremental?.documents ?? []) {
    add(`regenerate ${d.document} after one operation's change <= 0.3x a full generate (wall)`, d.ratio, 0.3, { failed: Boolean(d.error) });
  }
  if (rows.incremental === undefined) add("regenerate after one operation's change <= 0.3x a full generate", undefined, 0.3);
  for (const r of rows.check ?? []) {
    const name = docName(r.document);
    add(`no-change generate ${name} <= 0.3x full generate`, r.ratios?.noChangeVsFull.wall, 0.3, {
      failed: failedIn(r, "fullGenerate", "noChangeGenerate"),
    });
    add(`--check ${name} <= 0.3x full generate`, r.ratios?.checkVsFull.wall, 0.3, { failed: failedIn(r, "fullGenerate", "check") });
  }
  if (rows.check === undefined) add("no-change generate and --check <= 0.3x full generate", undefined, 0.3);
  const tc = rows.typecheck;
  add("type-check <= 1.05x openapi-typescript types alone", tc?.ratios?.oursVsTypesAlone, 1.05, {
    failed: failedIn(tc, "ours", "typesAlone"),
  });
  const calls = rows.calls;
  add("per-call <= 1.05x raw openapi-fetch", calls?.ratios?.oursVsRawOpenapiFetch, 1.05, {
    failed: failedIn(calls, "ours", "rawOpenapiFetch"),
  });
  add("per-call faster than the official openai SDK (ours/SDK < 1)", calls?.ratios?.oursVsOpenaiSdk, 0.999999, {
    failed: failedIn(calls, "ours", "openaiSdk"),
  });
  const extra = rows.bundle?.oursMinusOpenapiFetchGzipBytes;
  add("Upload client bundle gzipped <= openapi-fetch + 4 KB", extra, 4096, {
    shown: extra === undefined ? undefined : `${fmt.signedKb(extra)} KB`,
    failed: failedIn(rows.bundle, "ours", "openapiFetch"),
  });
  const stream = rows.stream?.http?.oursVsOfficial;
  // Events per second: higher is better, so the target is inverted (official/ours <= 1/1.2).
  add("stream events/s >= 1.2x the official openai package (over HTTP)", stream === undefined ? undefined : 1 / stream, 1 / 1.2, {
    shown: stream === undefined ? undefined : `${stream.toFixed(3)}x`,
    failed: Boolean(rows.stream?.error),
  });
  add("10,000 items through .all() <= 1.05x raw calls", rows.pages?.allVsRaw, 1.05, { failed: Boolean(rows.pages?.error) });
  for (const [name, ok] of Object.entries(rows.load?.targets ?? {})) {
    list.push({ target: `load: ${name}`, measured: ok ? "yes" : "no", result: ok ? "pass" : "MISS" });
  }
  const query = rows.query;
  add("one-query program's type-check <= 1.1x the one-call program's (OpenAI)", query?.ratios?.oneQueryVsOneCall, 1.1, {
    failed: Boolean(query?.error),
  });
  const option = query?.bundles?.query?.extraGzipBytes;
  add("one query option <= the call + 0.5 KB gzipped", option, 512, {
    shown: option === undefined ? undefined : `${fmt.signedKb(option)} KB`,
    failed: Boolean(query?.error),
  });
  const shaken = rows.treeShaking?.oneOperationMinusRuntimeGzipBytes;
  add("one Stripe operation <= openapi-fetch + runtime + 1 KB gzipped", shaken, 1024, {
    shown: shaken === undefined ? undefined : `${fmt.signedKb(shaken)} KB`,
    failed: Boolean(rows.treeShaking?.error),
  });
  return list;
}
