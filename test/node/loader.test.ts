// The generated client under Node's own ES module loader, where jest's (which runs every other test, through
// ts-jest and a module name mapper) is not in the way: test/node/consumer.mjs imports and requires the
// committed Uploads client as a plain Node program would, and calls a local server with it.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { root } from "../tsc.js";

test("node imports the generated client, and requires it where require() loads ES modules; calls reach the server", async () => {
  const run = spawnSync(process.execPath, [path.join(root, "test/node/consumer.mjs")], { cwd: root, encoding: "utf8", timeout: 30_000 });
  expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" }); // no warning either
  const got = JSON.parse(run.stdout);
  expect(got).toMatchObject({
    node: process.version,
    cancelled: "cancelled",
    added: "part_1",
    missing: { name: "NotFoundError", isNotFoundError: true, status: 404 },
  });
  // Node 20.19 and 22.12 on load an ES module by require(); the README says so, and what to do before.
  expect(got.required).toEqual(process.features.require_module ? { sameModule: true } : expect.stringContaining("await import()"));
  const [cancel, part, missing] = got.seen;
  expect([cancel, missing].map((seen) => [seen.method, seen.url, seen.authorization])).toEqual([
    ["POST", "/uploads/upload_1/cancel", "Bearer sk-node"],
    ["POST", "/uploads/upload_x/cancel", "Bearer sk-node"],
  ]);
  expect(part).toMatchObject({
    method: "POST",
    url: "/uploads/upload_1/parts",
    contentType: expect.stringMatching(/^multipart\/form-data; boundary=/),
  });
  const form = await new Response(new Uint8Array(Buffer.from(part.body, "base64")), {
    headers: { "content-type": part.contentType },
  }).formData();
  expect([...new Uint8Array(await (form.get("data") as File).arrayBuffer())]).toEqual([0, 13, 10, 255]);
});
