import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import yaml from "js-yaml";
import { generate } from "../src/generate.js";
import { configPathFor, readConfig } from "../src/load/config.js";

// generated/ is the golden output: the only way to change it is `npm run generate`.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const documents = readdirSync(path.join(root, "spec")).filter((n) => /\.(ya?ml|json)$/.test(n) && !n.endsWith(".config.json"));

test.each(documents)("generated/ is exactly what spec/%s generates, with its config", async (name) => {
  const input = `spec/${name}`;
  const settings = await readConfig(configPathFor(input), root);
  const { files } = await generate({ input, command: "npm run generate", settings, cwd: root });
  const folder = path.join(root, "generated", name.replace(/\.(ya?ml|json)$/, ""));
  const onDisk = readdirSync(folder, { recursive: true, encoding: "utf8" }).filter((n) => !statSync(path.join(folder, n)).isDirectory());
  expect(onDisk.map((n) => n.split(path.sep).join("/")).sort()).toEqual(files.map((f) => f.name).sort());
  for (const file of files) expect(readFileSync(path.join(folder, file.name), "utf8")).toBe(file.content);
});

/** The same document with the keys of every mapping in reverse order. */
function reverseKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reverseKeys);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reverseKeys(v)]),
  );
}

test("reordering the document's keys, or writing it as JSON, changes no byte of the output", async () => {
  const original = yaml.load(readFileSync(path.join(root, "spec/openai-uploads.yaml"), "utf8"));
  const dir = mkdtempSync(path.join(os.tmpdir(), "ocg-order-"));
  try {
    mkdirSync(path.join(dir, "spec"));
    writeFileSync(path.join(dir, "spec/api.yaml"), yaml.dump(reverseKeys(original)));
    const reordered = await generate({ input: "spec/api.yaml", command: "npm run generate", cwd: dir });
    writeFileSync(path.join(dir, "spec/api.yaml"), JSON.stringify(original, null, 1));
    const asJson = await generate({ input: "spec/api.yaml", command: "npm run generate", cwd: dir });
    writeFileSync(path.join(dir, "spec/api.yaml"), yaml.dump(original));
    const plain = await generate({ input: "spec/api.yaml", command: "npm run generate", cwd: dir });
    expect(reordered.files).toEqual(plain.files);
    expect(asJson.files).toEqual(plain.files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
