// Rows 1 and 2: generation as a user runs it, each side a fresh `node <entry>` process.
// When both rows are selected they share their rounds: ours (full, into a fresh empty folder),
// openapi-typescript, @hey-api/openapi-ts, then --check and a no-change generate against the
// folder ours has just written. Our full generate is so measured once and serves both rows.
import { existsSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";
import {
  HEY_API_CLI,
  OPENAPI_TYPESCRIPT_CLI,
  expectExit0,
  generatorSnapshot,
  interleave,
  median,
  pairedRatio,
  root,
  runNode,
  tmpDir,
} from "./util.js";

function operationCount(stdout) {
  const m = /: (\d+) operations?\b/.exec(stdout);
  return m ? Number(m[1]) : undefined;
}

function stats(side) {
  const kb = median(side.samples.map((s) => s?.peakKB));
  return {
    wallMs: median(side.samples.map((s) => s?.ms)),
    peakMB: kb === undefined ? undefined : kb / 1024,
    samples: side.samples.map((s) => (s ? { ms: Math.round(s.ms), peakKB: s.peakKB } : null)),
    error: side.error,
  };
}

/** ours/side; none when either side failed, since its samples stop where it failed. */
function ratios(a, b) {
  if (a.error || b.error) return { wall: undefined, peak: undefined };
  return {
    wall: pairedRatio(
      a.samples.map((s) => s?.ms),
      b.samples.map((s) => s?.ms),
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
  const fresh = async (run) => {
    const dir = await tmpDir("gen");
    try {
      return await run(dir);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
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
  if (generate) {
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
      {
        key: "heyApi",
        run: () =>
          fresh(async (dir) => {
            // An absolute path: hey-api reads a bare relative path as an "org/project" registry shorthand.
            const r = expectExit0(
              "@hey-api/openapi-ts",
              await runNode([
                HEY_API_CLI,
                "-i",
                path.resolve(root, doc.file),
                "-o",
                path.join(dir, "out"),
                "-c",
                "@hey-api/client-fetch",
                "--no-log-file",
                "-s",
              ]),
            );
            if (!existsSync(path.join(dir, "out", "sdk.gen.ts"))) throw new Error("@hey-api/openapi-ts wrote no sdk.gen.ts");
            return r;
          }),
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
    result.generate = {
      document: doc.file,
      operations,
      sides: { ours: stats(got.ours), openapiTypescript: stats(got.openapiTypescript), heyApi: stats(got.heyApi) },
      ratios: { oursVsOpenapiTypescript: ratios(got.ours, got.openapiTypescript), oursVsHeyApi: ratios(got.ours, got.heyApi) },
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
