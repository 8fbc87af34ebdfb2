#!/usr/bin/env node
// The floor under generation: openapi-typescript's transform alone, in process, as a library user
// calls it (parse the document, `openapiTS(doc)`, `astToString`). Started by the generation row as
// `node transform-floor.js <document>`; prints the in-process milliseconds of each step as JSON, the
// import of openapi-typescript and node's start-up excluded (the row has the process's wall time too).
import { readFileSync } from "node:fs";
import { performance } from "node:perf_hooks";
import yaml from "js-yaml";
import openapiTS, { astToString } from "openapi-typescript";

const file = process.argv[2];
const t0 = performance.now();
const text = readFileSync(file, "utf8");
// JSON.parse for JSON, js-yaml with the JSON schema for YAML: what our loader parses with.
const doc = /\.json$/i.test(file) ? JSON.parse(text) : yaml.load(text, { schema: yaml.JSON_SCHEMA });
const t1 = performance.now();
const ast = await openapiTS(doc, { silent: true });
const t2 = performance.now();
const out = astToString(ast);
const t3 = performance.now();
if (out.length < 100) throw new Error(`openapi-typescript printed ${out.length} characters`);
process.stdout.write(JSON.stringify({ parseMs: t1 - t0, transformMs: t2 - t1, printMs: t3 - t2, ms: t3 - t0, chars: out.length }) + "\n");
