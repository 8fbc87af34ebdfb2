import type { PaginationSetting } from "../load/config.js";
import type { MediaType, OpenApiDocument, Response, SchemaObject } from "../document/types.js";
import { resolve } from "../document/refs.js";
import { InputError } from "../util/input-error.js";
import { pointer, pointerSegments } from "../document/pointer.js";
import { follow, isObject, own } from "../document/own.js";
import { isJsonMediaType, isStreamMediaType, preferredResponseType } from "../document/media-types.js";
import { operationKey } from "./operation-names.js";
import { matches } from "./select.js";
import type { BodyModel, PaginationModel, PaginationStyle, ParameterModel, PathStep } from "./types.js";
import type { FoundOperation } from "./walk-operations.js";
import { operationIdOf } from "./walk-operations.js";

/**
 * Which lists the client can follow page by page, and how. Decided, in this order, by the config
 * (`pagination` in spec/<name>.config.json), by the vendor extensions documents already carry
 * (`x-speakeasy-pagination`, `x-fern-pagination`), then by recognising the shapes big APIs use:
 * - a cursor parameter (`after`, `starting_after`, `cursor`, `page_token`, `continue`) and, in the
 *   body, the next cursor (`next_cursor`, `last_id`, Kubernetes' `metadata.continue`) or a `data`
 *   list of objects with `id`, the last of which is the next cursor (Stripe);
 * - a next page's URL in the body (Twilio's `next_page_uri`);
 * - a `Link` response header (GitHub), beside a paging parameter;
 * - an `offset` parameter, then a `page` parameter.
 * Each needs a JSON list in the 2xx body: the body itself, or its one list property (`data`,
 * `items`, `results`, `entries` win among several). A `has_more` boolean, when there is one, ends the pages.
 */

export interface PaginationOptions {
  /** Told of a setting (the config's or a vendor extension's) that names fields the answer does not declare, where the setting is. */
  onUndeclared?: ((at: { file: string; pointer: string }, paths: readonly string[]) => void) | undefined;
  /** The config's `pagination` entries, and the file they came from. */
  pagination?: Readonly<Record<string, PaginationSetting | false>> | undefined;
  paginationFile?: string | undefined;
  /** Where `pagination` is in that file (`/pagination`, or `/documents/0/pagination` in a project config). */
  paginationPointer?: string | undefined;
}

/** What the rules look at: the operation as the document has it, and its parameters as modelled. */
interface Subject {
  doc: OpenApiDocument;
  file: string;
  found: Pick<FoundOperation, "path" | "method" | "operation" | "pointer">;
  parameters: readonly ParameterModel[];
  body: BodyModel | undefined;
  /** The 2xx status with a JSON body, that body's schema and where it is. */
  status: string;
  schema: SchemaObject | undefined;
  /** The Media Type Object of that body, for its examples. */
  media: MediaType | undefined;
  at: string;
  headers: string[];
}

const norm = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, "");

// Names, normalised (lower case, letters and digits only), in order of preference.
const CURSOR_PARAMS = [
  "after",
  "startingafter",
  "cursor",
  "pagetoken",
  "nextpagetoken",
  "continue",
  "nexttoken",
  "continuationtoken",
  "pagecursor",
  "startcursor",
  "starttoken",
  "pagingtoken",
  "marker",
  // Timestamp cursors (Vercel's `until` ← `pagination.next`, and `from` for its projects).
  "until",
  "from",
];
const NEXT_CURSORS = [
  "nextcursor",
  "nextpagetoken",
  "nexttoken",
  "nextpagecursor",
  "continuationtoken",
  "continue",
  "nextmarker",
  "nextpage",
  "next",
  "endcursor",
  "lastid",
];
/** Inside a next page's object (Asana's `next_page: { offset, path, uri }`), what the next request sends. */
const NEXT_OBJECTS = ["nextpage", "next"];
const NEXT_OBJECT_CURSORS = ["offset", "cursor", "token", "pagetoken"];
const NEXT_URLS = ["nextpageuri", "nextpageurl", "nexturl", "nexturi", "nextlink", "odatanextlink", "nextpage", "next", "href"];
const HAS_MORE = ["hasmore", "hasnextpage", "hasnext", "more", "hasmoreitems", "hasmoreresults"];
/** A boolean that is true on the last page (Jira's `isLast`). */
const IS_LAST = ["islast", "lastpage"];
const OFFSET_PARAMS = ["offset", "skip", "startat", "start", "startindex", "startposition"];
const PAGE_PARAMS = ["page", "pagenumber", "pageno", "pagenum", "pageindex"];
const SIZE_PARAMS = ["limit", "perpage", "pagesize", "size", "maxresults", "count", "top"];
const TOTALS = ["total", "totalcount", "totalresults", "totalitems", "totalentries", "totalsize"];
const TOTAL_PAGES = ["totalpages", "numpages", "pagecount", "lastpage", "pages"];
const PAGING_PARAMS = [...CURSOR_PARAMS, ...OFFSET_PARAMS, ...PAGE_PARAMS, ...SIZE_PARAMS, "before", "since", "endingbefore"];
/** Preferred, in this order, among several lists of a body (Box's `entries` beside its `order`). */
const ITEM_NAMES = ["data", "items", "results", "entries", "values"];
/** Lists that are never a page's items: links, errors and warnings beside them (Mailchimp's `_links`, Square's `errors`). */
const NOT_ITEMS = ["links", "errors", "warnings", "responsemetadata", "meta", "metadata"];
/** Objects that hold a page's metadata even when they hold a list too (Slack's `response_metadata` has `messages`). */
const METADATA = ["meta", "metadata", "responsemetadata", "paging", "pagination", "pageinfo", "links", "cursors", "page"];

function schemaOf(doc: OpenApiDocument, file: string, schema: unknown, at: string): SchemaObject | undefined {
  const s = resolve<SchemaObject>(doc, schema as SchemaObject, file, at);
  return isObject(s) ? s : undefined;
}

/** The schema's types, `null` left out; a `oneOf`/`anyOf` of one type and null counts as that type. */
function typesOf(doc: OpenApiDocument, file: string, s: SchemaObject | undefined, at: string): string[] {
  if (!s) return [];
  if (s.type !== undefined) return (Array.isArray(s.type) ? s.type : [s.type]).filter((t) => t !== "null");
  const all = (s.allOf ?? []).flatMap((m) => typesOf(doc, file, schemaOf(doc, file, m, at), at));
  if (all.length > 0) return [...new Set(all)];
  const members = (s.oneOf ?? s.anyOf ?? []).map((m) => schemaOf(doc, file, m, at));
  const types = members.flatMap((m) => typesOf(doc, file, m, at));
  if (members.length > 0 && types.length === members.filter((m) => typesOf(doc, file, m, at).length > 0).length) return [...new Set(types)];
  return s.properties ? ["object"] : s.items ? ["array"] : [];
}

const isArray = (doc: OpenApiDocument, file: string, s: SchemaObject | undefined, at: string) => {
  const types = typesOf(doc, file, s, at);
  return types.length > 0 && types.every((t) => t === "array");
};

/**
 * The properties of an object schema, `allOf` members' included, and those any `anyOf`/`oneOf`
 * member may have (DigitalOcean's `links.pages` is one of two shapes, one with `next`).
 */
function propertiesOf(doc: OpenApiDocument, file: string, s: SchemaObject | undefined, at: string, depth = 0): Map<string, SchemaObject> {
  const out = new Map<string, SchemaObject>();
  if (!s || depth > 4) return out;
  for (const member of [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])])
    for (const [k, v] of propertiesOf(doc, file, schemaOf(doc, file, member, at), at, depth + 1)) out.set(k, v);
  for (const [k, v] of Object.entries(s.properties ?? {})) {
    const resolved = schemaOf(doc, file, v, at);
    if (resolved) out.set(k, resolved);
  }
  return out;
}

/** The schema at `steps` into `s` (`-1`, or any number, steps into a list's items); undefined when the schema has no such place. */
function schemaAt(
  doc: OpenApiDocument,
  file: string,
  s: SchemaObject | undefined,
  steps: readonly PathStep[],
  at: string,
): SchemaObject | undefined {
  let current = s;
  for (const step of steps) {
    if (!current) return undefined;
    if (typeof step === "number") current = isArray(doc, file, current, at) ? arrayItems(doc, file, current, at) : undefined;
    else current = propertiesOf(doc, file, current, at).get(step);
  }
  return current;
}

function arrayItems(doc: OpenApiDocument, file: string, s: SchemaObject, at: string): SchemaObject | undefined {
  if (s.items !== undefined) return schemaOf(doc, file, s.items, at);
  const member = (s.oneOf ?? s.anyOf ?? []).map((m) => schemaOf(doc, file, m, at)).find((m) => m?.items !== undefined);
  return member ? schemaOf(doc, file, member.items, at) : undefined;
}

/** Whether every item of the list has an `id` property (each member of a union too). */
function itemsHaveId(doc: OpenApiDocument, file: string, list: SchemaObject | undefined, at: string): boolean {
  const item = list ? arrayItems(doc, file, list, at) : undefined;
  if (!item) return false;
  const members = (item.oneOf ?? item.anyOf ?? []).map((m) => schemaOf(doc, file, m, at));
  if (members.length > 0 && !propertiesOf(doc, file, item, at).has("id"))
    return members.every((m) => propertiesOf(doc, file, m, at).has("id"));
  return propertiesOf(doc, file, item, at).has("id");
}

/**
 * The page object of a body: the body itself, or, when the body has one property only and that is
 * an object holding a list, that object (Spotify's `{ categories: { items, next, … } }`).
 */
function pageObject(subject: Subject): { base: string[]; schema: SchemaObject | undefined } {
  const { doc, file, schema, at } = subject;
  if (isArray(doc, file, schema, at)) return { base: [], schema };
  const props = [...propertiesOf(doc, file, schema, at)];
  if (props.length === 1) {
    const [name, inner] = props[0]!;
    const holdsList = [...propertiesOf(doc, file, inner, at).values()].some((s) => isArray(doc, file, s, at));
    if (typesOf(doc, file, inner, at).includes("object") && holdsList) return { base: [name], schema: inner };
  }
  return { base: [], schema };
}

/** Whether a list's items are objects (a page of records), rather than strings or numbers (Slack's `channel_actions_ts`). */
function listOfObjects(doc: OpenApiDocument, file: string, list: SchemaObject, at: string): boolean {
  const item = arrayItems(doc, file, list, at);
  return item !== undefined && typesOf(doc, file, item, at).includes("object");
}

/**
 * Where the page's items are: the body when it is a list, else the page object's one list property,
 * links and errors beside it left out; among several, those of objects, then `data`, `items`,
 * `results`, `entries`, `values`, then the one named like the path's last segment. A reason when none or several.
 */
function itemsOf(subject: Subject): string[] | string {
  const { doc, file, at } = subject;
  const page = pageObject(subject);
  if (isArray(doc, file, page.schema, at)) return page.base;
  let lists = [...propertiesOf(doc, file, page.schema, at)]
    .filter(([name, s]) => isArray(doc, file, s, at) && !NOT_ITEMS.includes(norm(name)))
    .map(([name, s]) => ({ name, s }));
  if (lists.length > 1) {
    const records = lists.filter((l) => listOfObjects(doc, file, l.s, at));
    if (records.length > 0) lists = records;
  }
  if (lists.length === 1) return [...page.base, lists[0]!.name];
  // The list named like the path's last segment (Vercel's `/teams/{teamId}/members`: `members`, not `emailInviteCodes`).
  const last = norm(
    subject.found.path
      .split("#")[0]!
      .split("/")
      .filter((s) => s && !s.startsWith("{"))
      .pop() ?? "",
  ).replace(/json$/, "");
  const named = [...ITEM_NAMES, last].find((name) => lists.some((l) => norm(l.name) === name));
  if (named) return [...page.base, lists.find((l) => norm(l.name) === named)!.name];
  return lists.length === 0
    ? "its body holds no list"
    : `its body holds several lists (${lists.map((l) => l.name).join(", ")}), none of them named ${ITEM_NAMES.join(", ")}`;
}

interface Field {
  path: string[];
  schema: SchemaObject;
  /** Read from the document's example of the answer, where its schema does not declare it (Slack's `response_metadata`). */
  example?: true;
}

/**
 * The page object's fields that are not lists, and those of its objects, three levels down
 * (DigitalOcean's `links.pages.next`, Hetzner's `meta.pagination.last_page`), but not into an object
 * that holds a list of its own (Spotify's playlist `tracks`: a page inside a single object), unless
 * it is named as metadata (Slack's `response_metadata`).
 */
function fieldsOf(subject: Subject): Field[] {
  const { doc, file, at } = subject;
  const page = pageObject(subject);
  const out: Field[] = [];
  const visit = (schema: SchemaObject | undefined, path: string[]) => {
    for (const [name, s] of propertiesOf(doc, file, schema, at)) {
      const types = typesOf(doc, file, s, at);
      if (types.includes("array")) continue;
      out.push({ path: [...path, name], schema: s });
      if (!types.includes("object") || path.length >= page.base.length + 2) continue;
      const holdsList = [...propertiesOf(doc, file, s, at).values()].some((t) => isArray(doc, file, t, at));
      if (!holdsList || METADATA.includes(norm(name))) visit(s, [...path, name]);
    }
  };
  visit(page.schema, page.base);
  const declared = new Set(out.map((f) => f.path.join("\u0000")));
  for (const f of exampleFields(subject, page.base)) if (!declared.has(f.path.join("\u0000"))) out.push(f);
  return out;
}

/** The examples of the answer the page is read from (`example`, and each of `examples`). */
function examplesOf(subject: Subject): unknown[] {
  const media = subject.media;
  if (!isObject(media)) return [];
  const values = Object.values(isObject(media.examples) ? media.examples : {}).map((e) => {
    const example = resolve<{ value?: unknown }>(subject.doc, e as { value?: unknown }, subject.file, subject.at);
    return isObject(example) ? example.value : undefined;
  });
  return [media.example, ...values].filter(isObject);
}

/**
 * Fields an example of the answer shows inside a metadata object that the schema does not declare:
 * documents forget them (Slack's answers declare no `response_metadata`, their examples show its
 * `next_cursor`). Only what says where the next page is, or whether there is one.
 */
function exampleFields(subject: Subject, base: string[]): Field[] {
  const out: Field[] = [];
  const typeOf = (v: unknown) =>
    typeof v === "string" ? "string" : typeof v === "number" ? "integer" : typeof v === "boolean" ? "boolean" : undefined;
  for (const example of examplesOf(subject)) {
    let page: unknown = example;
    for (const step of base) page = own(page, step);
    if (!isObject(page)) continue;
    for (const [name, value] of Object.entries(page)) {
      if (!METADATA.includes(norm(name)) || !isObject(value)) continue;
      for (const [inner, v] of Object.entries(value)) {
        const type = typeOf(v);
        const n = norm(inner);
        if (type && (NEXT_CURSORS.includes(n) || HAS_MORE.includes(n) || NEXT_URLS.includes(n)))
          out.push({ path: [...base, name, inner], schema: { type }, example: true });
      }
    }
  }
  return out;
}

const urlEvidence = (f: Field) =>
  ["uri", "uri-reference", "url", "iri", "iri-reference"].includes(f.schema.format as string) ||
  /\b(url|uri|link)\b/i.test(String(f.schema.description ?? "")) ||
  /^https?:\/\//.test(String(f.schema.example ?? ""));

const isUrlField = (f: Field) => /ur[il]|link|href/i.test(f.path[f.path.length - 1]!) || urlEvidence(f);

/** The first field named like one of `names`, in their order, whose type is one of `types`. */
function fieldNamed(
  subject: Subject,
  fields: Field[],
  names: readonly string[],
  types: readonly string[],
  test = (_: Field) => true,
): Field | undefined {
  for (const name of names) {
    const found = fields.find(
      (f) =>
        norm(f.path[f.path.length - 1]!) === name &&
        typesOf(subject.doc, subject.file, f.schema, subject.at).some((t) => types.includes(t)) &&
        test(f),
    );
    if (found) return found;
  }
  return undefined;
}

const queryParams = (subject: Subject) => subject.parameters.filter((p) => p.in === "query");
const paramNamed = (subject: Subject, names: readonly string[], types?: readonly string[]) =>
  names
    .map((name) => queryParams(subject).find((p) => norm(p.name) === name && (!types || types.includes(p.schemaType))))
    .find((p) => p !== undefined);

/** The raw schema of a parameter, for what the model does not keep (`minimum`, `default`). */
function parameterSchema(subject: Subject, p: ParameterModel): SchemaObject | undefined {
  const { doc, file, found } = subject;
  if (p.schemaPointer === undefined) return undefined;
  return schemaOf(doc, file, follow(doc, pointerSegments(p.schemaPointer)), found.pointer);
}

function firstPageOf(subject: Subject, p: ParameterModel): number {
  const s = parameterSchema(subject, p);
  return s?.minimum === 0 || s?.default === 0 ? 0 : 1;
}

const INTEGER = ["integer", "number"];

/** The shapes big APIs use (see the top of this file): a model, or, for a list that looks paginated, why it is not recognised. */
export function recognise(subject: Subject): PaginationModel | string | undefined {
  const fields = fieldsOf(subject);
  const hasMoreField = fieldNamed(subject, fields, HAS_MORE, ["boolean"]);
  const isLastField = fieldNamed(subject, fields, IS_LAST, ["boolean"]);
  // A string `page` or `offset` is a token the server gave (OpenAI's usage, Asana's offsets), not a number.
  const cursorParam = paramNamed(subject, CURSOR_PARAMS) ?? paramNamed(subject, ["page", "offset"], ["string"]);
  const pagingParam = paramNamed(subject, PAGING_PARAMS);
  const linkHeader = subject.headers.some((h) => norm(h) === "link");
  const nextUrl = fieldNamed(subject, fields, NEXT_URLS, ["string"], (f) => isUrlEnough(f, cursorParam !== undefined));
  const looksPaged =
    pagingParam !== undefined || hasMoreField !== undefined || isLastField !== undefined || linkHeader || nextUrl !== undefined;
  if (!looksPaged) return undefined;
  const clues = { hasMoreField, isLastField, cursorParam, pagingParam, linkHeader, nextUrl };
  const result = recogniseShape(subject, fields, clues);
  if (subject.found.method === "get") return result;
  // Only GET lists are recognised; another method is worth a word only when it would page.
  if (typeof result === "string") return undefined;
  return `it would page as ${result.style}, but it is a ${subject.found.method.toUpperCase()}: only GET lists are recognised`;
}

/** A field named like a next URL is one when its name, format or description says so; a bare `next`, only without a cursor parameter. */
function isUrlEnough(f: Field, cursor: boolean): boolean {
  const name = norm(f.path[f.path.length - 1]!);
  if (name === "href") return f.path.length >= 2 && norm(f.path[f.path.length - 2]!) === "next";
  if (name === "next" || name === "nextpage") return urlEvidence(f) || (!cursor && name === "next");
  return true;
}

interface Clues {
  hasMoreField: Field | undefined;
  isLastField: Field | undefined;
  cursorParam: ParameterModel | undefined;
  pagingParam: ParameterModel | undefined;
  linkHeader: boolean;
  nextUrl: Field | undefined;
}

/** Where the next cursor is: a next-named field, one inside a next page's object, or one named like the parameter (Spotify's `cursors.after`, Square's `cursor`). */
function nextCursor(subject: Subject, fields: Field[], param: ParameterModel): Field | undefined {
  const notUrl = (f: Field) => !isUrlField(f);
  const kinds = ["string", "integer", "number"];
  const same = fieldNamed(subject, fields, [norm(param.name)], kinds, (f) => notUrl(f) && f.path.length > 1);
  if (same) return same;
  const page = norm(param.name) === "page";
  const named = fieldNamed(subject, fields, page ? ["nextpage"] : NEXT_CURSORS, kinds, notUrl);
  if (named) return named;
  const inObject = fields.find(
    (f) =>
      f.path.length >= 2 &&
      NEXT_OBJECTS.includes(norm(f.path[f.path.length - 2]!)) &&
      NEXT_OBJECT_CURSORS.includes(norm(f.path[f.path.length - 1]!)) &&
      typesOf(subject.doc, subject.file, f.schema, subject.at).some((t) => kinds.includes(t)),
  );
  // Square's top-level `cursor` is the next one; a top-level `offset` or `page` is the one asked for, echoed (eBay).
  const echo = ["offset", "page"].includes(norm(param.name));
  return inObject ?? (echo ? undefined : fieldNamed(subject, fields, [norm(param.name)], kinds, notUrl));
}

function recogniseShape(subject: Subject, fields: Field[], clues: Clues): PaginationModel | string {
  const { doc, file, at } = subject;
  const { hasMoreField, isLastField, cursorParam, pagingParam, linkHeader, nextUrl } = clues;
  const items = itemsOf(subject);
  if (typeof items === "string") return items;
  const fromExample = [hasMoreField, isLastField].some((f) => f?.example);
  const base = {
    source: "recognised",
    status: subject.status,
    items,
    ...(hasMoreField ? { hasMore: hasMoreField.path } : {}),
    ...(isLastField ? { isLast: isLastField.path } : {}),
  };
  const list = schemaAt(doc, file, subject.schema, items, at);
  const sourced = (model: PaginationModel, next?: Field) =>
    next?.example || fromExample ? { ...model, source: "recognised from the document's example" } : model;
  if (cursorParam) {
    const next = nextCursor(subject, fields, cursorParam);
    if (next) return sourced({ style: "cursor", ...base, param: [cursorParam.key], next: next.path }, next);
    if (items.length === 1 && items[0] === "data" && itemsHaveId(doc, file, list, at))
      return { style: "cursor", ...base, param: [cursorParam.key], next: [...items, -1, "id"] };
  }
  if (nextUrl) return sourced({ style: "url", ...base, next: nextUrl.path }, nextUrl);
  if (linkHeader && pagingParam) return { style: "link", ...base };
  const offset = paramNamed(subject, OFFSET_PARAMS, INTEGER);
  const total = fieldNamed(subject, fields, TOTALS, INTEGER);
  // A page shorter than the size asked for is not taken as the last: servers cap the size (Jira's maxResults).
  if (offset) return { style: "offset", ...base, param: [offset.key], ...(total ? { total: total.path } : {}) };
  const page = paramNamed(subject, PAGE_PARAMS, INTEGER);
  const pages = fieldNamed(subject, fields, TOTAL_PAGES, INTEGER);
  if (page)
    return { style: "page", ...base, param: [page.key], ...(pages ? { total: pages.path } : {}), firstPage: firstPageOf(subject, page) };
  if (cursorParam)
    return `it has the cursor parameter \`${cursorParam.name}\`, but its body says neither where the next cursor is nor has a \`data\` list of objects with \`id\``;
  if (linkHeader) return "it declares a Link header but no paging parameter";
  const clue = pagingParam ? `the parameter \`${pagingParam.name}\`` : `\`${(hasMoreField ?? isLastField)!.path.join(".")}\``;
  return `it has ${clue} but no cursor, offset or page parameter, Link header or next-page URL`;
}

/** `$.a.b[-1].c`, `$response.a.b`, `a.b`: the steps of a path into a body; undefined when it is not one. */
export function parsePath(text: string): PathStep[] | undefined {
  const rest = text.trim().replace(/^\$(response|request)?\.?/, "");
  if (rest === "") return [];
  const steps: PathStep[] = [];
  const re = /\.?([A-Za-z_$@][\w$@-]*)|\[(-?\d+)\]|\[["']([^"']*)["']\]/gy;
  let match: RegExpExecArray | null;
  let end = 0;
  while ((match = re.exec(rest)) !== null) {
    steps.push(match[2] !== undefined ? Number(match[2]) : (match[1] ?? match[3])!);
    end = re.lastIndex;
  }
  return end === rest.length ? steps : undefined;
}

const named = (steps: PathStep[] | undefined): steps is string[] => steps?.every((s) => typeof s === "string") === true;

/** A request parameter (by its name in the document, or `body.x`) as the params object's field; undefined when there is none. */
function paramField(subject: Subject, name: string): string[] | undefined {
  const steps = parsePath(name);
  if (!named(steps) || steps.length === 0) return undefined;
  const param = subject.parameters.find((p) => p.name === name || p.key === name);
  if (param) return [param.key];
  const inBody = steps[0] === "body" ? steps.slice(1) : steps;
  return subject.body?.kind === "json" && inBody.length > 0 ? ["body", ...inBody] : undefined;
}

/** A setting as the model holds it, its names and paths checked against the operation; a problem as text. */
export function fromSetting(subject: Subject, s: PaginationSetting, source: string): PaginationModel | string {
  const { doc, file, at } = subject;
  const path = (field: keyof PaginationSetting): PathStep[] | undefined | string => {
    const text = s[field];
    if (text === undefined) return undefined;
    const steps = parsePath(String(text));
    if (!steps) return `"${field}" is not a path such as "$.data"`;
    if (schemaAt(doc, file, subject.schema, steps, at)) return steps;
    if (field === "items") return `"${field}" names ${String(text)}, which the ${subject.status} body does not have`;
    // A field the document forgot to declare (Asana's `next_page`) is followed as written, with a warning.
    undeclared.push(String(text));
    return steps;
  };
  const undeclared: string[] = [];
  const items = s.items === undefined ? itemsOf(subject) : path("items");
  if (typeof items === "string") return s.items === undefined ? `the items: ${items}; say where with "items"` : items;
  if (!named(items) || !isArray(doc, file, schemaAt(doc, file, subject.schema, items, at), at)) return `"items" must name a list`;
  const model: PaginationModel = { style: s.style as PaginationStyle, source, status: subject.status, items };
  for (const field of ["next", "hasMore", "total"] as const) {
    const steps = path(field);
    if (typeof steps === "string") return steps;
    if (steps === undefined) continue;
    if (field === "next") model.next = steps;
    else if (named(steps)) model[field] = steps;
    else return `"${field}" cannot step into a list`;
  }
  const defaults: Partial<Record<PaginationStyle, readonly string[]>> = { offset: OFFSET_PARAMS, page: PAGE_PARAMS };
  const param =
    s.param !== undefined
      ? paramField(subject, s.param)
      : defaults[model.style] && paramNamed(subject, defaults[model.style]!) && [paramNamed(subject, defaults[model.style]!)!.key];
  if (s.param !== undefined && !param) return `"param" names ${s.param}, which the operation does not have`;
  if (param) model.param = param;
  if (s.limit !== undefined) {
    const limit = subject.parameters.find((p) => p.name === s.limit || p.key === s.limit);
    if (!limit) return `"limit" names ${s.limit}, which the operation does not have`;
    model.limit = limit.key;
  }
  if (model.style === "page") {
    const p = subject.parameters.find((q) => q.key === model.param?.[0]);
    model.firstPage = s.firstPage ?? (p ? firstPageOf(subject, p) : 1);
  }
  if ((model.style === "cursor" || model.style === "offset" || model.style === "page") && !model.param)
    return `style ${model.style} needs "param"`;
  if ((model.style === "cursor" || model.style === "url") && !model.next) return `style ${model.style} needs "next"`;
  if (undeclared.length > 0) model.undeclared = undeclared;
  return model;
}

/** `x-speakeasy-pagination` (offsetLimit, cursor, url) as a setting; undefined when it is not one that is understood. */
function speakeasy(raw: unknown): PaginationSetting | undefined {
  if (!isObject(raw)) return undefined;
  const inputs = Array.isArray(raw.inputs) ? raw.inputs.filter(isObject) : [];
  const input = (type: string) => {
    const found = inputs.find((i) => i.type === type && typeof i.name === "string");
    return found ? (found.in === "requestBody" ? `body.${found.name as string}` : (found.name as string)) : undefined;
  };
  const outputs = isObject(raw.outputs) ? raw.outputs : {};
  const out = (key: string) => (typeof outputs[key] === "string" ? (outputs[key] as string) : undefined);
  const common = { ...(out("results") ? { items: out("results")! } : {}), ...(input("limit") ? { limit: input("limit")! } : {}) };
  if (raw.type === "cursor" && input("cursor") && out("nextCursor"))
    return { style: "cursor", param: input("cursor")!, next: out("nextCursor")!, ...common };
  if (raw.type === "url" && out("nextUrl")) return { style: "url", next: out("nextUrl")!, ...common };
  if (raw.type === "offsetLimit" && input("offset")) return { style: "offset", param: input("offset")!, ...common };
  if (raw.type === "offsetLimit" && input("page"))
    return { style: "page", param: input("page")!, ...common, ...(out("numPages") ? { total: out("numPages")! } : {}) };
  return undefined;
}

/** `x-fern-pagination` (cursor, or offset: by pages, or by items with `step`) as a setting; `true` takes the document's. */
function fern(raw: unknown, doc: OpenApiDocument): PaginationSetting | undefined {
  const value = raw === true ? doc["x-fern-pagination"] : raw;
  if (!isObject(value)) return undefined;
  const request = (key: string) =>
    typeof value[key] === "string" && /^\$request\./.test(value[key] as string) ? (value[key] as string).slice(9) : undefined;
  const response = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : undefined);
  const items = response("results") ? { items: response("results")! } : {};
  const hasMore = response("has-next-page") ? { hasMore: response("has-next-page")! } : {};
  if (request("cursor") && response("next_cursor"))
    return { style: "cursor", param: request("cursor")!, next: response("next_cursor")!, ...items };
  if (request("offset")) return { style: request("step") ? "offset" : "page", param: request("offset")!, ...items, ...hasMore };
  return undefined;
}

/** The 2xx status whose body is a page: the first that answers JSON (none when one streams). */
function pageResponse(
  doc: OpenApiDocument,
  file: string,
  found: Subject["found"],
): Pick<Subject, "status" | "schema" | "media" | "at" | "headers"> | undefined {
  const responses = found.operation.responses ?? {};
  const statuses = Object.keys(responses)
    .filter((s) => /^2/.test(s))
    .sort();
  for (const status of statuses) {
    const at = `${found.pointer}${pointer(["responses", status])}`;
    const response = resolve<Response>(doc, own(responses, status), file, at) ?? {};
    const types = Object.keys(response.content ?? {});
    if (types.some(isStreamMediaType)) return undefined;
    const type = preferredResponseType(types);
    if (type === undefined || !isJsonMediaType(type)) continue;
    const media = own(response.content, type) as MediaType;
    return { status, schema: schemaOf(doc, file, media.schema, at), media, at, headers: Object.keys(response.headers ?? {}) };
  }
  return undefined;
}

/** How the operation's pages follow one another, or undefined when it is not a list the client pages through. */
export function paginationOf(
  doc: OpenApiDocument,
  file: string,
  found: Subject["found"],
  parameters: readonly ParameterModel[],
  body: BodyModel | undefined,
  options: PaginationOptions,
): PaginationModel | undefined {
  const page = pageResponse(doc, file, found);
  const op = found.operation;
  const subject: Subject | undefined = page && { doc, file, found, parameters, body, ...page };
  const key = Object.keys(options.pagination ?? {}).find((pattern) =>
    matches(pattern, {
      method: found.method,
      path: found.path,
      operationId: operationIdOf(op),
      tags: Array.isArray(op.tags) ? op.tags : [],
    }),
  );
  if (key !== undefined) {
    const setting = own(options.pagination, key) as PaginationSetting | false;
    if (setting === false) return undefined;
    const configFile = options.paginationFile ?? file;
    const result = subject ? fromSetting(subject, setting, configFile) : "it has no 2xx JSON answer";
    if (typeof result !== "string") {
      if (result.undeclared)
        options.onUndeclared?.(
          { file: configFile, pointer: (options.paginationPointer ?? "/pagination") + pointer([key]) },
          result.undeclared,
        );
      return result;
    }
    // A pattern (a tag, a glob, a path) may match operations that are not lists; an operation named on its own must fit.
    if (key !== operationKey({ operationId: operationIdOf(op), method: found.method, path: found.path })) return undefined;
    throw new InputError({
      message: `the pagination of "${key}" does not fit ${found.method.toUpperCase()} ${found.path}: ${result}`,
      file: configFile,
      pointer: (options.paginationPointer ?? "/pagination") + pointer([key]),
      fix: "correct the setting, or write false for an operation that is not paginated",
    });
  }
  if (!subject) return undefined;
  for (const [name, read] of [
    ["x-speakeasy-pagination", () => speakeasy(op["x-speakeasy-pagination"])],
    ["x-fern-pagination", () => fern(op["x-fern-pagination"], doc)],
  ] as const) {
    const setting = op[name] === undefined ? undefined : read();
    const model = setting && fromSetting(subject, setting, name);
    // An extension this generator does not understand is left to recognition: the vendor's document is not ours to fix.
    if (model && typeof model !== "string") {
      if (model.undeclared) options.onUndeclared?.({ file, pointer: `${found.pointer}/${name}` }, model.undeclared);
      return model;
    }
  }
  const recognised = recognise(subject);
  return typeof recognised === "object" ? recognised : undefined;
}

/** Why a list that looks paginated is not (for reports); undefined when it is paginated or looks like no list. */
export function whyNotPaginated(
  doc: OpenApiDocument,
  file: string,
  found: Subject["found"],
  parameters: readonly ParameterModel[],
): string | undefined {
  const page = pageResponse(doc, file, found);
  if (!page) return undefined;
  const result = recognise({ doc, file, found, parameters, body: undefined, ...page });
  return typeof result === "string" ? result : undefined;
}

const pathText = (steps: readonly PathStep[]) => "$" + steps.map((s) => (typeof s === "number" ? `[${s}]` : `.${s}`)).join("");

/** One line a reviewer reads, in the JSDoc and in api.json: how the next page is asked for, where the items are, what ends. */
export function describePagination(p: PaginationModel): string {
  const param = p.param ? `\`${p.param.join(".")}\`` : "";
  const how: Record<PaginationStyle, string> = {
    cursor: `${param} ← ${pathText(p.next ?? [])}`,
    offset: `${param} += items${p.total ? `, up to ${pathText(p.total)}` : ""}`,
    page: `${param} += 1 (first ${p.firstPage ?? 1})${p.total ? `, up to ${pathText(p.total)} pages` : ""}`,
    link: 'the Link header\'s rel="next"',
    url: `the URL at ${pathText(p.next ?? [])}`,
  };
  const ends = [
    ...(p.hasMore ? [`${pathText(p.hasMore)} is false`] : []),
    ...(p.isLast ? [`${pathText(p.isLast)} is true`] : []),
    ...(p.style === "cursor" || p.style === "url" || p.style === "link" ? ["there is no next"] : ["a page is empty"]),
    ...(p.limit ? [`a page is shorter than \`${p.limit}\``] : []),
  ];
  const undeclared = p.undeclared ? `; ${p.undeclared.join(", ")} not declared by the document` : "";
  return `${p.style}: ${how[p.style]}; items ${pathText(p.items)}; ends when ${ends.join(" or ")} (${p.source}${undeclared})`;
}
