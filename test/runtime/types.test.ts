import { readdirSync } from "node:fs";
import path from "node:path";
import { root, tsc } from "../tsc.js";

// The runtime and its type-level tests under a real `tsc`: strict, exactOptionalPropertyTypes,
// and no Node types (the runtime runs in browsers too).
const out = path.join(root, ".tmp", "runtime-types");

test("raw access and guards are typed, and the runtime needs no Node types", () => {
  const files = [
    ...readdirSync(path.join(root, "src/runtime"))
      .filter((n) => n.endsWith(".ts"))
      .map((n) => path.join(root, "src/runtime", n)),
    path.join(root, "test/runtime/errors.types.ts"),
  ];
  expect(tsc(out, "runtime", files, { module: "nodenext", moduleResolution: "nodenext" })).toEqual({ status: 0, output: "" });
});
