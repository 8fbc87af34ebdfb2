// Rows 1 and 2: generation as a user runs it, each side a fresh `node <entry>` process.
// When both rows are selected they share their rounds: ours (full, into a fresh empty folder),
// openapi-typescript, the current @hey-api/openapi-ts and orval (pinned in peers.js, installed for
// the bench only), openapi-typescript's transform alone in process (the floor), then --check and a
// no-change generate against the folder ours has just written. Our full generate is so measured
// once and serves both rows.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import { PEERS, usePeer } from "./peers.js";
import { OPENAPI_TYPESCRIPT_CLI, expectExit0, generatorSnapshot, interleave, median, pairedRatio, root, runNode, tmpDir } from "./util.js";

function operationCount(stdout) {
  const m = /: (\d+) operations?\b/.exec(stdout);
  return m ? Number(m[1]) : undefined;
}

const FLOOR = "scripts/bench/transform-floor.js";

function stats(side) {
  const kb = median(side.samples.map((s) => s?.peakKB));
  const floor = side.samples.some((s) => s?.transformMs !== undefined);
  return {
    wallMs: median(side.samples.map((s) => s?.ms)),
    cpuMs: median(side.samples.map((s) => s?.cpuMs)),
    peakMB: kb === undefined ? undefined : kb / 1024,
    ...(floor && {
      processWallMs: median(side.samples.map((s) => s?.processMs)),
      parseMs: median(side.samples.map((s) => s?.parseMs)),
      transformMs: median(side.samples.map((s) => s?.transformMs)),
      printMs: median(side.samples.map((s) => s?.printMs)),
    }),
    samples: side.samples.map((s) => (s ? { ms: Math.round(s.ms), cpuMs: s.cpuMs, peakKB: s.peakKB } : null)),
    error: side.error,
  };
}

/** A peer generator's side: `node <its entry> <args>`, checked by the file it must write. */
function peerSide(peer, args, wrote) {
  return {
    key: peer.key,
    run: () =>
      fresh(async (dir) => {
        const r = expectExit0(`${peer.name}@${peer.version}`, await runNode([peer.bin, ...args], { cwd: dir }));
        if (!existsSync(path.join(dir, wrote))) throw new Error(`${peer.name} wrote no ${wrote}`);
        return r;
      }),
  };
}

async function fresh(run) {
  const dir = await tmpDir("gen");
  try {
    return await run(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** ours/side; none when either side failed, since its samples stop where it failed. */
function ratios(a, b) {
  if (a.error || b.error) return { wall: undefined, cpu: undefined, peak: undefined };
  return {
    wall: pairedRatio(
      a.samples.map((s) => s?.ms),
      b.samples.map((s) => s?.ms),
    ),
    cpu: pairedRatio(
      a.samples.map((s) => s?.cpuMs),
      b.samples.map((s) => s?.cpuMs),
    ),
    peak: pairedRatio(
      a.samples.map((s) => s?.peakKB),
      b.samples.map((s) => s?.peakKB),
    ),
  };
}

/** Returns { generate, check }, each undefined when its row is not selected. */
export async function generationRows(doc, { runs, warmup, log, generate, check }) {
  const generator = await generatorSnapshot();
  let operations;
  let ours; // the folder of this round's full generate, kept for --check and the no-change run
  const sides = [
    {
      key: "ours",
      run: async () => {
        if (ours) await rm(path.dirname(ours), { recursive: true, force: true });
        ours = path.join(await tmpDir("ours"), "out");
        const r = expectExit0("our generate", await runNode([generator, "--input", doc.file, "--output", ours]));
        if (!/ written\)/.test(r.stdout) || /unchanged/.test(r.stdout)) throw new Error(`not a full generation: ${r.stdout.trim()}`);
        operations ??= operationCount(r.stdout);
        return r;
      },
    },
  ];
  const missing = {};
  if (generate) {
    // Each with its default configuration producing a fetch client; an absolute input path (hey-api
    // reads a bare relative path as an "org/project" registry shorthand), run from the output folder.
    const input = path.resolve(root, doc.file);
    const peers = { heyApi: await usePeer("heyApi", { log }), orval: await usePeer("orval", { log }) };
    for (const [key, p] of Object.entries(peers)) {
      if (!p.missing) continue;
      missing[key] = p.missing;
      log(`    skipping ${key}: ${p.missing}`);
    }
    const peerSides = [
      peers.heyApi.installed && peerSide(peers.heyApi, ["-i", input, "-o", "out", "--no-log-file", "-s"], "out/sdk.gen.ts"),
      peers.orval.installed &&
        peerSide(peers.orval, ["-i", input, "-o", "out/api.ts", "--client", "fetch", "--log-level", "error"], "out/api.ts"),
    ].filter(Boolean);
    sides.push(
      {
        key: "openapiTypescript",
        run: () =>
          fresh(async (dir) => {
            const target = path.join(dir, "schema.d.ts");
            const r = expectExit0("openapi-typescript", await runNode([OPENAPI_TYPESCRIPT_CLI, doc.file, "-o", target]));
            if (!existsSync(target)) throw new Error("openapi-typescript wrote no file");
            return r;
          }),
      },
      ...peerSides,
      {
        // The floor: the process's wall time is kept beside the in-process figure it reports.
        key: "transformFloor",
        run: async () => {
          const r = expectExit0("openapi-typescript transform", await runNode([FLOOR, doc.file]));
          const t = JSON.parse(r.stdout.trim().split("\n").pop());
          return { ...t, processMs: r.ms, cpuMs: r.cpuMs, peakKB: r.peakKB };
        },
      },
    );
  }
  if (check) {
    sides.push(
      {
        key: "check",
        run: async () => {
          const r = expectExit0("generate --check", await runNode([generator, "--check", "--input", doc.file, "--output", ours]));
          if (!/up to date/.test(r.stdout)) throw new Error(`--check did not say "up to date": ${r.stdout.trim()}`);
          return r;
        },
      },
      {
        key: "noChangeGenerate",
        run: async () => {
          const r = expectExit0("no-change generate", await runNode([generator, "--input", doc.file, "--output", ours]));
          if (/written|removed/.test(r.stdout)) throw new Error(`the no-change generate wrote files: ${r.stdout.trim()}`);
          return r;
        },
      },
    );
  }
  let got;
  try {
    got = await interleave(sides, { runs, warmup, log });
  } finally {
    if (ours) await rm(path.dirname(ours), { recursive: true, force: true });
  }
  const result = {};
  if (generate) {
    const keys = ["openapiTypescript", "heyApi", "orval", "transformFloor"];
    const side = (k) => (missing[k] ? { missing: missing[k] } : stats(got[k]));
    const vs = (k) => (missing[k] ? { wall: undefined, cpu: undefined, peak: undefined } : ratios(got.ours, got[k]));
    result.generate = {
      document: doc.file,
      operations,
      peers: Object.fromEntries(Object.entries(PEERS).map(([k, p]) => [k, `${p.name}@${p.version}`])),
      sides: { ours: stats(got.ours), ...Object.fromEntries(keys.map((k) => [k, side(k)])) },
      ratios: Object.fromEntries(keys.map((k) => [`oursVs${k[0].toUpperCase()}${k.slice(1)}`, vs(k)])),
    };
  }
  if (check) {
    result.check = {
      document: doc.file,
      operations,
      sides: { fullGenerate: stats(got.ours), check: stats(got.check), noChangeGenerate: stats(got.noChangeGenerate) },
      ratios: { checkVsFull: ratios(got.check, got.ours), noChangeVsFull: ratios(got.noChangeGenerate, got.ours) },
    };
  }
  return result;
}
