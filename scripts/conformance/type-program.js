// The samples as TypeScript, and one strict `tsc` program over them and the generated folder.
// Each sample is one statement on one line (`export const s12: T.CreateUploadParams = {…};`), an
// invalid one under `// @ts-expect-error`, so every diagnostic belongs to exactly one sample: an
// error on a valid sample's line rejects it, TS2578 (unused directive) on an invalid one's means
// it was accepted. Diagnostics outside the samples file are the folder's own.
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { Binary } from "./sampler.js";

const ts = createRequire(import.meta.url)("typescript");

/** What `tsc --strict` checks, without skipLibCheck (as `npm run conformance` does). */
export const COMPILER_OPTIONS = {
  strict: true,
  skipLibCheck: false,
  noEmit: true,
  target: "es2022",
  module: "nodenext",
  moduleResolution: "nodenext",
  lib: ["es2022", "dom"],
  types: [],
};

/** A value as a TypeScript expression on one line; bytes are a Blob. */
export function literal(v) {
  if (v instanceof Binary) return `new Blob([${JSON.stringify(v.text)}])`;
  if (Array.isArray(v)) return `[${v.map(literal).join(", ")}]`;
  if (v !== null && typeof v === "object") {
    const entries = Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${literal(x)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  if (typeof v === "number" && !Number.isFinite(v)) return "0";
  return JSON.stringify(v);
}

/**
 * Writes the samples file: `samples` are { id, type, value, expectError }. Returns the line map
 * (1-based line → sample id), the directive's line included.
 */
export function writeSamples(file, importPath, samples) {
  const lines = [`import type * as T from ${JSON.stringify(importPath)};`];
  const lineMap = new Map();
  for (const s of samples) {
    if (s.expectError) {
      lines.push("// @ts-expect-error");
      lineMap.set(lines.length, s.id);
    }
    lines.push(`export const s${s.id}: T.${s.type} = ${literal(s.value)};`);
    lineMap.set(lines.length, s.id);
  }
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${lines.join("\n")}\n`);
  return lineMap;
}

/** The declaration files of the generated folder (its top level and runtime/). */
export function folderDeclarations(folder) {
  const out = [];
  for (const dir of [folder, path.join(folder, "runtime")]) {
    for (const name of readdirSync(dir).sort()) if (name.endsWith(".d.ts")) out.push(path.join(dir, name));
  }
  return out;
}

const within = (dir, file) => {
  const rel = path.relative(dir, file);
  return !rel.startsWith("..") && !path.isAbsolute(rel);
};

/**
 * Type-checks the folder and the samples files in one program. Returns
 * { folder: [{ file, line, code, message }], samples: Map<file, [{ line, code, message }]>, seconds }
 * where `folder` holds every diagnostic outside the samples files (the folder, what it imports, options).
 */
export function typeCheck(folder, sampleFiles) {
  const started = performance.now();
  const { options, errors } = ts.convertCompilerOptionsFromJson(COMPILER_OPTIONS, path.dirname(folder));
  if (errors.length > 0) throw new Error(ts.flattenDiagnosticMessageText(errors[0].messageText, "\n"));
  const program = ts.createProgram({ rootNames: [...folderDeclarations(folder), ...sampleFiles], options });
  const sampleSet = new Set(sampleFiles.map((f) => path.resolve(f)));
  const result = { folder: [], samples: new Map(sampleFiles.map((f) => [path.resolve(f), []])), seconds: 0 };
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    if (!d.file) {
      result.folder.push({ file: "", line: 0, code: d.code, message });
      continue;
    }
    const file = path.resolve(d.file.fileName);
    const line = d.file.getLineAndCharacterOfPosition(d.start ?? 0).line + 1;
    if (sampleSet.has(file)) result.samples.get(file).push({ line, code: d.code, message });
    else result.folder.push({ file: within(folder, file) ? path.relative(folder, file) : file, line, code: d.code, message });
  }
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
