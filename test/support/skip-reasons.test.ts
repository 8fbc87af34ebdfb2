// The reasons a test file gives for skipping reach the output of a run of many files: jest's default
// reporter drops the console of a file whose tests were all skipped, test/support/skip-reasons.js does not.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { root } from "../tsc.js";

test("a run of several files prints why the browser tests were skipped", () => {
  const env: NodeJS.ProcessEnv = { ...process.env, CHROMIUM_PATH: path.join(root, "no-such-chromium") };
  delete env.CHROMIUM_REQUIRED;
  const run = spawnSync(
    process.execPath,
    [
      "--experimental-vm-modules",
      "--no-warnings",
      "node_modules/jest/bin/jest.js",
      "test/browser/uploads.test.ts",
      "test/load/input-name.test.ts",
    ],
    { cwd: root, encoding: "utf8", env, timeout: 120_000 },
  );
  expect(run.status).toBe(0);
  expect(run.stderr).toMatch(/Test Suites: 1 skipped, 1 passed/);
  expect(run.stderr).toContain(
    `Skipped here, and why:\n  skipped: the browser tests (test/browser/): no executable Chromium at ${env.CHROMIUM_PATH}`,
  );
});
