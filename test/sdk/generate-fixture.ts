import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { main } from "../../src/cli/main.js";
import { root } from "../tsc.js";

/** Generates `input` with `settings` into `.tmp/<name>` through the command line, in this process; returns the folder. */
export async function generateFixture(name: string, input: string, settings: Record<string, unknown>): Promise<string> {
  const out = path.join(root, ".tmp", name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(path.join(root, ".tmp", "config"), { recursive: true });
  const config = path.join(root, ".tmp", "config", `${name.replace(/\//g, "-")}.json`);
  writeFileSync(config, JSON.stringify(settings));
  let err = "";
  const code = await main(
    ["--input", input, "--output", path.relative(root, out), "--config", config],
    { out: () => {}, err: (t) => void (err += t) },
    root,
  );
  if (code !== 0) throw new Error(`generating ${input} failed:\n${err}`);
  return out;
}

/** Imports a module of a generated folder. */
export const load = <T>(folder: string, file: string): Promise<T> => import(pathToFileURL(path.join(folder, file)).href) as Promise<T>;
