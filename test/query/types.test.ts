import path from "node:path";
import { root, tscAsync } from "../tsc.js";

// generated/petshop/query.d.ts under the strictest settings a consumer may have (strict, no
// skipLibCheck, exactOptionalPropertyTypes, no Node types), with the React and Vue adapters'
// own declarations: test/types/query.types.ts asserts what their hooks infer from the options.
const out = path.join(root, ".tmp", "query-types");
const files = [
  path.join(root, "generated/petshop/index.d.ts"),
  path.join(root, "generated/petshop/query.d.ts"),
  path.join(root, "test/types/query.types.ts"),
];

test.concurrent.each([
  ["nodenext", "nodenext"],
  ["esnext", "bundler"],
])(
  "query.d.ts and the React and Vue type tests compile with module %s, moduleResolution %s",
  async (module, moduleResolution) => {
    expect(await tscAsync(out, module, files, { module, moduleResolution })).toEqual({ status: 0, output: "" });
  },
  180_000,
);
