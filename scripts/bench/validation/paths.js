// Where things are: the project's root, the shared specs, the JSON Schema Test Suite.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const SPECS = path.resolve(root, "../shared/specs");

/** draft 4 comes from the npm package json-schema-test-suite (a devDependency). */
export const SUITE_DRAFT4 = path.join(root, "node_modules/json-schema-test-suite/tests/draft4");

/**
 * draft 2020-12 is not on the npm registry: a checkout of json-schema-org/JSON-Schema-Test-Suite,
 * given by JSON_SCHEMA_TEST_SUITE (its root), or placed in .tmp/JSON-Schema-Test-Suite.
 */
export function suite2020Dir() {
  const candidates = [process.env.JSON_SCHEMA_TEST_SUITE, path.join(root, ".tmp/JSON-Schema-Test-Suite")].filter(Boolean);
  for (const dir of candidates) if (existsSync(path.join(dir, "tests/draft2020-12"))) return path.join(dir, "tests/draft2020-12");
  return undefined;
}
