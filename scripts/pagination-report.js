#!/usr/bin/env node
// Which operations of a document the generator pages through, and which that look paginated it does
// not, with why: `node scripts/pagination-report.js <document> [-v]` (-v lists the paginated ones).
// Reads the compiled generator in dist/ (npm run build).
import { loadDocument } from "../dist/load/load-document.js";
import { buildModel } from "../dist/model/build-model.js";
import { describePagination, whyNotPaginated } from "../dist/model/pagination.js";
import { parametersOf } from "../dist/model/parameters.js";
import { operationsOf } from "../dist/model/walk-operations.js";
import { normalise } from "../dist/normalise/normalise.js";

const input = process.argv[2];
if (!input) {
  console.error("usage: node scripts/pagination-report.js <document> [-v]");
  process.exit(2);
}
const home = normalise((await loadDocument(input, process.cwd(), { lint: false })).document);
const { document } = home;
const model = buildModel(home, { file: input });
const paged = model.operations.filter((op) => op.pagination);
const styles = {};
for (const op of paged) styles[op.pagination.style] = (styles[op.pagination.style] ?? 0) + 1;
console.log(`${input}: ${paged.length} of ${model.operations.length} operations paginated ${JSON.stringify(styles)}`);
if (process.argv.includes("-v"))
  for (const op of paged) console.log(`  + ${op.method.toUpperCase()} ${op.path} (${op.name}): ${describePagination(op.pagination)}`);
const not = [];
for (const found of operationsOf(document, input)) {
  const params = parametersOf(document, input, found.path, found.pathItem, found.operation, found.pointer, found.itemPointer, undefined);
  const why = whyNotPaginated(document, input, found, params);
  if (why) not.push(`  - ${found.method.toUpperCase()} ${found.path} (${found.operation.operationId}): ${why}`);
}
console.log(`looks paginated but is not: ${not.length}`);
if (not.length > 0) console.log(not.join("\n"));
