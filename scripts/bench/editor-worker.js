#!/usr/bin/env node
// One side of the editor row, in a fresh process: a TypeScript LanguageService over one program
// file, as an editor's TypeScript server holds it, asked in the order a user meets it: the file
// opens (the program is built, then its semantic diagnostics), quick info on the call, then a
// second call is typed and completion is asked where its operation is picked.
//   node editor-worker.js <folder> <file> <json of the markers>
// Prints the milliseconds of each request as JSON. Markers: `hover`, the text whose first
// character quick info points at; `typed`, the line appended before the completion (asked where its
// "|" is); `expect`, names the completion should offer.
import { readFileSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import ts from "typescript";

const [dir, file, markersJson] = process.argv.slice(2);
const markers = JSON.parse(markersJson);
const main = path.join(dir, file);
let text = readFileSync(main, "utf8");
let version = 1;

// A user's project, as the type-check row compiles it (scripts/bench/typecheck.js TSC_FLAGS).
const options = {
  strict: true,
  skipLibCheck: true,
  noEmit: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  types: ["node"],
};
const host = {
  getScriptFileNames: () => [main],
  getScriptVersion: (f) => (f === main ? String(version) : "1"),
  getScriptSnapshot: (f) => {
    if (f === main) return ts.ScriptSnapshot.fromString(text);
    const t = ts.sys.readFile(f);
    return t === undefined ? undefined : ts.ScriptSnapshot.fromString(t);
  },
  getCurrentDirectory: () => dir,
  getCompilationSettings: () => options,
  getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
  fileExists: (f) => f === main || ts.sys.fileExists(f),
  readFile: (f) => (f === main ? text : ts.sys.readFile(f)),
  readDirectory: ts.sys.readDirectory,
  directoryExists: ts.sys.directoryExists,
  getDirectories: ts.sys.getDirectories,
  realpath: ts.sys.realpath,
};
const service = ts.createLanguageService(host, ts.createDocumentRegistry());

const at = (marker) => {
  const i = text.indexOf(marker);
  if (i < 0) throw new Error(`marker ${JSON.stringify(marker)} not in ${file}`);
  return i;
};
const time = (fn) => {
  const start = performance.now();
  const value = fn();
  return [performance.now() - start, value];
};

const [programMs] = time(() => service.getProgram());
const [diagnosticsMs, diagnostics] = time(() => service.getSemanticDiagnostics(main));
const [hoverMs, info] = time(() => service.getQuickInfoAtPosition(main, at(markers.hover)));
// Typing a second call: the line so far appended, the completion asked at its "|".
const caret = text.length + markers.typed.indexOf("|");
text = `${text}${markers.typed.replace("|", "")}`;
version++;
const [completionMs, completion] = time(() => service.getCompletionsAtPosition(main, caret, {}));

const entries = completion?.entries.length ?? 0;
// What the editor says of the call being typed (untimed): why a completion came back empty.
const typedAt = text.lastIndexOf(markers.typedHover);
const typedInfo = typedAt < 0 ? undefined : service.getQuickInfoAtPosition(main, typedAt);
// Reported, not thrown: a client whose types collapse to `any` offers nothing, and the row says so.
const offersExpected = markers.expect.every((name) => completion?.entries.some((e) => e.name === name));
if (!info) throw new Error(`no quick info at ${JSON.stringify(markers.hover)}`);
process.stdout.write(
  JSON.stringify({
    programMs,
    diagnosticsMs,
    hoverMs,
    completionMs,
    entries,
    offersExpected,
    hover: ts.displayPartsToString(info.displayParts).replace(/\s+/g, " ").slice(0, 400),
    typedHover: typedInfo && ts.displayPartsToString(typedInfo.displayParts).replace(/\s+/g, " ").slice(0, 400),
    errors: diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, " ")),
  }) + "\n",
);
