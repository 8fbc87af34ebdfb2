// The programmatic API runs the command line's own orchestrator: the same settings, the same verdicts.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { check, generate } from "../src/api.js";
import { root } from "./tsc.js";

// Inside the repository (so that generated clients resolve its packages); `.tmp` may not exist yet in a clean checkout.
const tmp = () => {
  mkdirSync(path.join(root, ".tmp"), { recursive: true });
  return mkdtempSync(path.join(root, ".tmp", "api-"));
};

test("check() calls the committed folder current: it reads spec/<name>.config.json as `npm run generate` does", async () => {
  const outcome = await check({ input: "spec/openai-uploads.yaml", command: "npm run generate", cwd: root });
  expect(outcome.stale).toEqual([]);
  expect(outcome.current).toBe(true);
});

test("generate() then check(): current; a changed settings file makes it stale, naming what differs", async () => {
  const dir = tmp();
  const spec = readFileSync(path.join(root, "spec/openai-uploads.yaml"), "utf8");
  writeFileSync(path.join(dir, "api.yaml"), spec);
  writeFileSync(path.join(dir, "api.config.json"), '{ "validators": true }\n');
  const first = await generate({ input: "api.yaml", output: "client", cwd: dir });
  expect(first.written).toBe(true);
  expect(first.files.map((f) => f.name)).toContain("validators.js");
  expect((await check({ input: "api.yaml", output: "client", cwd: dir })).current).toBe(true);
  writeFileSync(path.join(dir, "api.config.json"), "{}\n");
  const stale = await check({ input: "api.yaml", output: "client", cwd: dir });
  expect(stale.current).toBe(false);
  expect(stale.stale).toEqual(expect.arrayContaining(["validators.js", "validators.d.ts"]));
  const again = await generate({ input: "api.yaml", output: "client", cwd: dir, names: { cancelUpload: "abort" } });
  expect(JSON.parse(again.files.find((f) => f.name === "api.json")!.content).names).toMatchObject({ cancelUpload: "abort" });
});
