import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

test("watch mode regenerates on save, reports, survives a bad edit, and stops when told", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ocg-watch-"));
  mkdirSync(path.join(dir, "spec"));
  const spec = path.join(dir, "spec/uploads.yaml");
  cpSync(path.join(root, "spec/openai-uploads.yaml"), spec);
  const child = spawn(process.execPath, [path.join(root, "scripts/generate.js"), "--watch"], { cwd: dir });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  /** Waits until the output holds `pattern` `count` times. */
  const waitFor = async (stream: () => string, pattern: RegExp, count = 1) => {
    const deadline = Date.now() + 30000;
    while ((stream().match(new RegExp(pattern, "g")) ?? []).length < count) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${pattern}\nstdout:\n${out}\nstderr:\n${err}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  try {
    await waitFor(() => out, /watching 2 files/);
    expect(out).toMatch(/spec\/uploads\.yaml: 4 operations → generated\/uploads \(\d+ written\)/);

    writeFileSync(spec, readFileSync(spec, "utf8").replace("operationId: cancelUpload", "operationId: abortUpload"));
    await waitFor(() => out, /watching 2 files/, 2);
    expect(out).toContain("breaking    renamed `cancelUpload` → `abortUpload` (POST /uploads/{upload_id}/cancel)");
    expect(readFileSync(path.join(dir, "generated/uploads/operations.js"), "utf8")).toContain("export function abortUpload(");

    const good = readFileSync(spec, "utf8");
    writeFileSync(spec, good + "\n  broken: [\n");
    await waitFor(() => err, /error: spec\/uploads\.yaml:\d+:\d+: invalid YAML/);
    await waitFor(() => out, /watching 2 files/, 3);
    expect(readFileSync(path.join(dir, "generated/uploads/operations.js"), "utf8")).toContain("export function abortUpload(");

    writeFileSync(spec, good.replace("operationId: abortUpload", "operationId: cancelUpload"));
    await waitFor(() => out, /watching 2 files/, 4);
    expect(out).toContain("breaking    renamed `abortUpload` → `cancelUpload`");

    child.kill("SIGINT");
    expect(await exited).toBe(0);
    expect(out).toContain("stopped watching");
  } finally {
    child.kill("SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  }
  expect(existsSync(dir)).toBe(false);
}, 90000);
