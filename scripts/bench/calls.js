// Row 4: per-call overhead of cancelUpload through each client against a local node:http server.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { CALLERS } from "./entries.js";
import { median, pairedRatio, root, tmpDir } from "./util.js";

const here = path.dirname(fileURLToPath(import.meta.url));

/** Bundles every side alike: esbuild, platform node, format esm, not minified. */
async function bundleCallers() {
  const dir = await tmpDir("calls");
  const files = {};
  for (const [key, contents] of Object.entries(CALLERS)) {
    files[key] = path.join(dir, `${key}.mjs`);
    await build({
      stdin: { contents, resolveDir: root, sourcefile: `${key}-caller.ts`, loader: "ts" },
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      outfile: files[key],
      logLevel: "silent",
    });
  }
  return files;
}

function startServer() {
  const child = spawn(process.execPath, [path.join(here, "calls-server.js")], { stdio: ["pipe", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    let buffered = "";
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`the server exited (${code}) before listening`)));
    child.stdout.on("data", (d) => {
      buffered += d;
      const line = buffered.split("\n")[0];
      if (buffered.includes("\n")) resolve({ port: JSON.parse(line).port, stop: () => child.stdin.end() });
    });
  });
}

export async function callsRow({ runs, warmup, calls, log }) {
  const files = await bundleCallers();
  const server = await startServer();
  try {
    const baseUrl = `http://127.0.0.1:${server.port}/v1`;
    const args = [
      "--expose-gc",
      path.join(here, "calls-worker.js"),
      baseUrl,
      String(calls),
      String(warmup),
      String(runs),
      ...Object.entries(files).map(([k, f]) => `${k}=${f}`),
    ];
    const out = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
      let stdout = "";
      child.stdout.on("data", (d) => (stdout += d));
      child.stderr.on("data", (d) => log?.(String(d).trimEnd()));
      child.on("error", reject);
      child.on("close", (code) => (code === 0 ? resolve(JSON.parse(stdout)) : reject(new Error(`the call worker exited ${code}`))));
    });
    const sides = Object.fromEntries(
      Object.entries(out).map(([k, v]) => [
        k,
        {
          usPerCall: median(v.usPerCall),
          cpuUsPerCall: median(v.cpuUsPerCall),
          samples: v.usPerCall.map((x) => Math.round(x * 10) / 10),
          error: v.error,
        },
      ]),
    );
    /** Side a against side b, round by round; none when either failed. */
    const ratio = (a, b, field = "usPerCall") => (out[a].error || out[b].error ? undefined : pairedRatio(out[a][field], out[b][field]));
    return {
      callsPerRound: calls,
      server: "a child process (node:http on 127.0.0.1, port 0); the callers run in another child process, every side in it",
      bundling: "esbuild, platform node, format esm, target node20, not minified, the same for every side",
      sides,
      ratios: {
        oursVsRawOpenapiFetch: ratio("ours", "rawOpenapiFetch"),
        oursVsOpenaiSdk: ratio("ours", "openaiSdk"),
        oursNoTimeoutVsRawOpenapiFetch: ratio("oursNoTimeout", "rawOpenapiFetch"),
        oursVsRawOpenapiFetchCpu: ratio("ours", "rawOpenapiFetch", "cpuUsPerCall"),
        oursVsRawOpenapiFetchWithTimeout: ratio("ours", "rawOpenapiFetchWithTimeout"),
      },
    };
  } finally {
    server.stop();
  }
}
