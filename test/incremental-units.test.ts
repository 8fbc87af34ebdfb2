import { diffOperations } from "../src/incremental/document-diff.js";
import { splice } from "../src/incremental/splice.js";
import { spliceSurface } from "../src/incremental/surface-splice.js";

const lines = (...l: string[]) => l.join("\n");

describe("splice", () => {
  test("carries a change between unique anchors into the big output", () => {
    const before = lines("head", "  b: 1", "tail-b");
    const after = lines("head", "  b: 2", "tail-b");
    const full = lines("a", "head", "  b: 1", "tail-b", "z");
    expect(splice(full, before, after)).toBe(lines("a", "head", "  b: 2", "tail-b", "z"));
  });

  test("refuses an insertion into a sorted list whose neighbours differ in the big output", () => {
    // Small: [x, new, z]; big: [x, y, z]: is `new` before or after `y`?
    const before = lines("list {", "  x: 1", "  z: 1", "}");
    const after = lines("list {", "  x: 1", "  new: 1", "  z: 1", "}");
    const full = lines("list {", "  x: 1", "  y: 1", "  z: 1", "}");
    expect(splice(full, before, after)).toBeUndefined();
  });

  test("places a change inside a paragraph found whole and once, when no anchor follows it", () => {
    const before = lines("/** f */", "function f() {", "  body;", "}", "");
    const after = lines("/** f */", "function f() {", "  params;", "  body;", "}", "");
    const full = lines(
      "/** e */",
      "function e() {",
      "  body;",
      "}",
      "",
      "/** f */",
      "function f() {",
      "  body;",
      "}",
      "",
      "/** g */",
      "function g() {",
      "  body;",
      "}",
      "",
    );
    expect(splice(full, before, after)).toBe(full.replace("function f() {\n", "function f() {\n  params;\n"));
  });

  test("refuses a paragraph that is not whole in the big output", () => {
    const before = lines("function f() {", "  body;", "}", "");
    const after = lines("function f() {", "  params;", "  body;", "}", "");
    const full = lines("function f() {", "  body;", "}", "function f() {", "  body;", "}", "");
    expect(splice(full, before, after)).toBeUndefined();
  });
});

test("places a change by its enclosing block, found whole and once, when its lines are every block's", () => {
  const op = (name: string, extra: string[] = []) => [`  ${name}: {`, "    query: {", "      limit?: number;", ...extra, "    };", "  };"];
  const before = lines("interface operations {", ...op("b"), "}");
  const after = lines("interface operations {", ...op("b", ["      edited?: string;"]), "}");
  const full = lines("interface operations {", ...op("a"), ...op("b"), ...op("c"), "}");
  expect(splice(full, before, after)).toBe(
    lines("interface operations {", ...op("a"), ...op("b", ["      edited?: string;"]), ...op("c"), "}"),
  );
  // Where the block that holds it is twice in the big output and its parent not at all, no place.
  const other = lines("interface operations {", ...op("a"), ...op("c"), "}");
  expect(splice(other, before, after)).toBeUndefined();
});

describe("spliceSurface", () => {
  const op = (path: string, response: string) => ({ name: path, method: "GET", path, parameters: [], response });
  const full = { names: { a: "a", b: "b" }, operations: [op("/a", "A"), op("/b", "B")], schemas: { S: { properties: {} } } };

  test("replaces the changed operation in place", () => {
    const out = spliceSurface(
      full as never,
      { names: { b: "b" }, operations: [op("/b", "B")], schemas: {} } as never,
      { names: { b: "b" }, operations: [op("/b", "C")], schemas: {} } as never,
    );
    expect(out?.operations).toEqual([op("/a", "A"), op("/b", "C")]);
  });

  test("refuses a schema whose use the edit changes: the whole document's operations use it", () => {
    const out = spliceSurface(
      full as never,
      { names: { b: "b" }, operations: [op("/b", "B")], schemas: { S: { usedIn: ["response"] } } } as never,
      { names: { b: "b" }, operations: [op("/b", "C")], schemas: { S: { usedIn: [] } } } as never,
    );
    expect(out).toBeUndefined();
  });

  test("refuses a schema the edit adds", () => {
    const out = spliceSurface(
      full as never,
      { names: { b: "b" }, operations: [op("/b", "B")], schemas: {} } as never,
      { names: { b: "b" }, operations: [op("/b", "B")], schemas: { New: { properties: {} } } } as never,
    );
    expect(out).toBeUndefined();
  });
});

describe("diffOperations", () => {
  const doc = (summary: string, extra: object = {}) => ({
    openapi: "3.1.0",
    info: { title: "t", version: "1" },
    paths: { "/a": { get: { operationId: "a", summary, responses: {} } }, "/b": { get: { operationId: "b", responses: {} } } },
    ...extra,
  });

  test("names the operations an edit confined to operations changed", () => {
    expect(diffOperations(doc("one"), doc("two"))).toEqual({ changed: [{ path: "/a", method: "get" }] });
  });

  test("gives a reason for an edit outside the operations", () => {
    expect(diffOperations(doc("one"), doc("one", { components: { schemas: {} } }))).toHaveProperty("reason");
    const renamed = doc("one");
    (renamed.paths["/a"].get as { operationId: string }).operationId = "renamed";
    expect(diffOperations(doc("one"), renamed)).toEqual({ reason: "the operationId of get /a changed" });
  });
});

describe("regenerate", () => {
  test("a config's names of operations it does not cut out do not stop it, and it writes a full run's bytes", async () => {
    const { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } = await import("node:fs");
    const os = await import("node:os");
    const path = await import("node:path");
    const yaml = (await import("js-yaml")).default;
    const { EMPTY_CONFIG } = await import("../src/load/config.js");
    const { documentIdentity } = await import("../src/load/load-document.js");
    const { generate } = await import("../src/generate.js");
    const { regenerate } = await import("../src/incremental/regenerate.js");
    const { apply, build, review } = await import("../src/orchestrate.js");
    const { verifiedFolder } = await import("../src/output/fast-path.js");
    const dir = mkdtempSync(path.join(os.tmpdir(), "ocg-incr-names-"));
    try {
      mkdirSync(path.join(dir, "node_modules"));
      const doc = yaml.load(readFileSync("spec/openai-uploads.yaml", "utf8")) as {
        paths: Record<string, Record<string, { summary?: string }>>;
      };
      writeFileSync(path.join(dir, "api.json"), JSON.stringify(doc));
      const settings = { ...EMPTY_CONFIG, names: { cancelUpload: "stopUpload" } };
      const job = { input: "api.json", output: "out", command: "generate", settings };
      const first = await build(job, dir, new Set(), true);
      if (!("result" in first)) throw new Error("the first run did not generate");
      await apply([await review(job, first.result, dir)], dir);
      doc.paths["/uploads"]!.post!.summary = "Edited.";
      writeFileSync(path.join(dir, "api.json"), JSON.stringify(doc));
      const folder = await verifiedFolder(job.input, job.output, job.command, settings, dir);
      const incremental = await regenerate(job, dir, folder!, await documentIdentity(job.input, dir));
      if ("reason" in incremental) throw new Error(`not incremental: ${incremental.reason}`);
      const full = await generate({ input: job.input, command: job.command, settings, cwd: dir });
      expect(incremental.result.files).toEqual(full.files);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
