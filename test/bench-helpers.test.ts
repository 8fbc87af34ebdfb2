// The benchmark's pure helpers (scripts/bench/): peers' folders and versions, paired ratios, and
// what the generation and editor rows print. No timing here: the bench itself measures.
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";

// Plain JavaScript outside src/: imported by URL so that tsc does not look for types.
const load = (file: string): Promise<any> => import(pathToFileURL(path.resolve("scripts/bench", file)).href);

describe("peerFolder", () => {
  const cases: Array<[{ name: string; version: string }, string]> = [
    [{ name: "@hey-api/openapi-ts", version: "0.99.0" }, "hey-api+openapi-ts@0.99.0"],
    [{ name: "orval", version: "8.38.0" }, "orval@8.38.0"],
    [{ name: "@scope/pkg", version: "1.0.0-beta.1" }, "scope+pkg@1.0.0-beta.1"],
  ];
  it.each(cases)("%j → %s", async (peer, folder) => {
    const { peerFolder } = await load("peers.js");
    expect(peerFolder(peer)).toBe(folder);
  });
});

describe("installedVersion", () => {
  const cases: Array<[string, string | undefined]> = [
    ['{"name":"orval","version":"8.38.0"}', "8.38.0"],
    ['{"version":"0.99.0-next.2"}', "0.99.0-next.2"],
    ['{"version":"1.2.3+build.5"}', "1.2.3+build.5"],
    ['{"name":"orval"}', undefined],
    ['{"version":"latest"}', undefined],
    ['{"version":8}', undefined],
    ["", undefined],
    ["not json", undefined],
    ["null", undefined],
  ];
  it.each(cases)("%s → %s", async (text, version) => {
    const { installedVersion } = await load("peers.js");
    expect(installedVersion(text)).toBe(version);
  });
});

describe("peerStatus and usePeer in a peers folder", () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "bench-peers-test-"));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  /** Lays out what `npm install --prefix` leaves: the peer's package.json and bin, and typescript's. */
  async function lay(version: string, typescript: string) {
    const { PEERS, peerFolder } = await load("peers.js");
    const prefix = path.join(dir, peerFolder(PEERS.orval));
    const pkg = path.join(prefix, "node_modules", "orval");
    await mkdir(path.join(pkg, path.dirname(PEERS.orval.bin)), { recursive: true });
    await writeFile(path.join(pkg, "package.json"), JSON.stringify({ name: "orval", version }));
    await writeFile(path.join(pkg, PEERS.orval.bin), "");
    await mkdir(path.join(prefix, "node_modules", "typescript"), { recursive: true });
    await writeFile(path.join(prefix, "node_modules", "typescript", "package.json"), JSON.stringify({ version: typescript }));
  }

  it("says a missing peer is not installed, where, and the command that installs it", async () => {
    const { PEERS, usePeer } = await load("peers.js");
    const status = await usePeer("orval", { install: false, dir });
    expect(status.installed).toBe(false);
    expect(status.missing).toContain(`orval@${PEERS.orval.version} is not installed in ${dir}`);
    expect(status.missing).toContain("node scripts/bench/peers.js --only orval");
  });

  it("tells another version from the pinned one, and the pinned one with the project's typescript as installed", async () => {
    const { PEERS, PROJECT_TYPESCRIPT, peerStatus, usePeer } = await load("peers.js");
    await lay("8.0.0", PROJECT_TYPESCRIPT);
    expect((await usePeer("orval", { install: false, dir })).missing).toContain(
      `orval@8.0.0 is installed, not the pinned ${PEERS.orval.version}`,
    );
    await lay(PEERS.orval.version, "7.0.2");
    expect(peerStatus("orval", dir).installed).toBe(false);
    await lay(PEERS.orval.version, PROJECT_TYPESCRIPT);
    const status = peerStatus("orval", dir);
    expect(status.installed).toBe(true);
    expect(status.bin).toBe(path.join(status.prefix, "node_modules", "orval", PEERS.orval.bin));
  });
});

describe("pairedRatio", () => {
  const cases: Array<[Array<number | null>, Array<number | null>, number | undefined]> = [
    [[10, 20, 30], [5, 10, 10], 2],
    [[10, 20], [10, 40], 0.75],
    [[10, null, 30], [5, 10, 10], 2.5],
    [[10, 20], [0, 10], 2],
    [[10, 20, 30], [5], 2],
    [[], [], undefined],
  ];
  it.each(cases)("%j / %j → %s", async (a, b, ratio) => {
    const { pairedRatio } = await load("util.js");
    expect(pairedRatio(a, b)).toBe(ratio);
  });
});

describe("parseTimeOutput", () => {
  const cases: Array<[string, { peakKB: number | undefined; cpuMs: number | undefined }]> = [
    ["381024 6.42 0.81\n", { peakKB: 381024, cpuMs: 7230 }],
    ["Command exited with non-zero status 1\n90112 0.20 0.05\n", { peakKB: 90112, cpuMs: 250 }],
    ["90112\n", { peakKB: 90112, cpuMs: undefined }],
    ["", { peakKB: undefined, cpuMs: undefined }],
  ];
  it.each(cases)("%j → %j", async (text, figures) => {
    const { parseTimeOutput } = await load("util.js");
    expect(parseTimeOutput(text)).toEqual(figures);
  });
});

describe("the editor row's figures", () => {
  const sample = (programMs: number, completionMs: number, offersExpected = true) => ({
    programMs,
    diagnosticsMs: 10,
    hoverMs: 5,
    completionMs,
    ms: programMs + 100,
    peakKB: 2048,
    entries: 3,
    offersExpected,
    typedHover: "const api: Api",
  });

  it("takes medians per measure, skipping rounds without a sample", async () => {
    const { sideFigures } = await load("editor.js");
    const s = sideFigures([sample(100, 7), null, sample(300, 9), sample(200, 8)]);
    expect([s.programMs, s.completionMs, s.wallMs, s.peakMB, s.entries, s.offersExpected]).toEqual([200, 8, 300, 2, 3, true]);
  });

  it("pairs ratios by round, per measure", async () => {
    const { pairedRatios } = await load("editor.js");
    const ours = [sample(100, 10), sample(400, 30)];
    const raw = [sample(200, 5), sample(200, 10)];
    expect(pairedRatios(ours, raw, ["programMs", "completionMs"])).toEqual({ programMs: 1.25, completionMs: 2.5 });
  });

  it("prints a completion that lacks the operation, with the quick info that explains it", async () => {
    const { renderEditor, sideFigures } = await load("editor.js");
    const text = renderEditor({
      document: "../shared/specs/github.json",
      typescript: "5.9.3",
      sides: {
        ours: sideFigures([sample(100, 10)]),
        rawOpenapiFetch: { ...sideFigures([sample(200, 5, false)]), typedHover: "GET: <Path, Init>(url: any)" },
      },
      ratios: { programMs: 0.5 },
    });
    expect(text).toContain("completion lacks /repos/{owner}/{repo} (3 entries)");
    expect(text).toContain("rawOpenapiFetch: quick info on the call being typed: GET: <Path, Init>(url: any)");
    expect(text).toMatch(/ours\/raw \(paired\)\s+0\.50x/);
  });
});

describe("the generation row", () => {
  it("prints each peer with its pinned version, a peer not installed with how to install it, and the floor's steps", async () => {
    const { render, targets } = await load("report.js");
    const side = (wallMs: number) => ({ wallMs, cpuMs: wallMs + 500, peakMB: 100, samples: [] });
    const generate = [
      {
        document: "../shared/specs/github.json",
        operations: 1223,
        peers: { heyApi: "@hey-api/openapi-ts@0.99.0", orval: "orval@8.38.0" },
        sides: {
          ours: side(4000),
          openapiTypescript: side(5000),
          heyApi: side(8000),
          orval: { missing: "orval@8.38.0 is not installed in /p; install it with `node scripts/bench/peers.js --only orval`" },
          transformFloor: { ...side(2000), processWallMs: 2600, parseMs: 100, transformMs: 1700, printMs: 200 },
        },
        ratios: {
          oursVsOpenapiTypescript: { wall: 0.8, peak: 1 },
          oursVsHeyApi: { wall: 0.5, cpu: 0.6, peak: 1 },
          oursVsOrval: { wall: undefined, peak: undefined },
          oursVsTransformFloor: { wall: 2, peak: 1 },
        },
      },
    ];
    const rows = { generate };
    const meta = { runs: 3, warmup: 1, node: "v20", cpus: 2, date: "d", peakRssMethod: "m", skipped: [] };
    const text: string = render({ meta, rows, targets: targets(rows) });
    const line = (start: RegExp) => text.split("\n").find((l) => start.test(l)) ?? "";
    expect(line(/@hey-api\/openapi-ts@0\.99\.0 \(fetch client\)/)).toMatch(/8,000\s+8,500\s+100\s+0\.50x\s+0\.60x\s+1\.00x/);
    expect(line(/orval@8\.38\.0 \(fetch client\)/)).toMatch(/not installed$/);
    expect(text).toContain(
      "not installed: orval@8.38.0 is not installed in /p; install it with `node scripts/bench/peers.js --only orval`",
    );
    expect(line(/floor: openapi-typescript transform/)).toMatch(
      /2,000\s+2,500\s+100\s+2\.00x.*process 2,600 ms; parse 100, openapiTS 1,700, print 200/,
    );
  });
});
