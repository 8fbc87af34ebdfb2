import path from "node:path";
import { root, tsc } from "../tsc.js";

// The runtime and its type-level tests under a real `tsc`: strict, exactOptionalPropertyTypes,
// and no Node types (the runtime runs in browsers too).
const out = path.join(root, ".tmp", "runtime-types");

test("ErrorFor narrows by status, raw access is typed, and the runtime needs no Node types", () => {
  const files = [path.join(root, "src/runtime/runtime.ts"), path.join(root, "test/runtime/errors.types.ts")];
  expect(tsc(out, "runtime", files, { module: "nodenext", moduleResolution: "nodenext" })).toEqual({ status: 0, output: "" });
});
