import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { PaginationSetting } from "../../src/load/config.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import { describePagination, parsePath } from "../../src/model/pagination.js";
import type { PaginationModel } from "../../src/model/types.js";
import { InputError } from "../../src/util/input-error.js";
import { root } from "../tsc.js";

const fixture = yaml.load(readFileSync(path.join(root, "test/fixtures/pagination.yaml"), "utf8")) as OpenApiDocument;
const config = JSON.parse(readFileSync(path.join(root, "test/fixtures/pagination.config.json"), "utf8")) as {
  pagination: Record<string, PaginationSetting | false>;
};
const model = modelFromDocument(fixture, {
  file: "pagination.yaml",
  pagination: config.pagination,
  paginationFile: "pagination.config.json",
});
const byName = Object.fromEntries(model.operations.map((op) => [op.name, op]));

describe("which lists page, and how", () => {
  test.each<[string, string, Partial<PaginationModel> | undefined]>([
    [
      "OpenAI: after ← last_id",
      "listFiles",
      { style: "cursor", param: ["after"], next: ["last_id"], items: ["data"], hasMore: ["has_more"] },
    ],
    [
      "Stripe: starting_after ← the last item's id",
      "listCustomers",
      { style: "cursor", param: ["starting_after"], next: ["data", -1, "id"] },
    ],
    ["GitHub: the Link header, the body a list", "listIssues", { style: "link", items: [] }],
    ["Twilio: the next page's URI, over a page number and token", "listCalls", { style: "url", next: ["next_page_uri"], items: ["calls"] }],
    [
      "Kubernetes: continue ← metadata.continue (through allOf)",
      "listPods",
      { style: "cursor", param: ["continue"], next: ["metadata", "continue"] },
    ],
    ["offset and limit, with a total", "listThings", { style: "offset", param: ["offset"], total: ["total"], items: ["results"] }],
    ["page numbers from the parameter's minimum", "listRows", { style: "page", param: ["page"], firstPage: 0 }],
    [
      "x-speakeasy-pagination",
      "listSpeakeasy",
      { style: "cursor", source: "x-speakeasy-pagination", items: ["data", "entries"], next: ["data", "entries", -1, "created"] },
    ],
    ["x-fern-pagination without step: pages", "listFern", { style: "page", source: "x-fern-pagination", hasMore: ["more"], firstPage: 1 }],
    ["the config", "listEvents", { style: "cursor", source: "pagination.config.json", next: ["meta", "following"], items: ["events"] }],
    ["the config's false, over a shape that would be recognised", "listLogs", undefined],
    ["not a list", "getFile", undefined],
  ])("%s", (_, name, expected) => {
    const pagination = byName[name]!.pagination;
    if (expected === undefined) expect(pagination).toBeUndefined();
    else expect(pagination).toMatchObject(expected);
  });

  test("the review line says how, where the items are, what ends, and who decided", () => {
    expect(describePagination(byName.listFiles!.pagination!)).toBe(
      "cursor: `after` ← $.last_id; items $.data; ends when $.has_more is false or there is no next (recognised)",
    );
    expect(describePagination(byName.listRows!.pagination!)).toBe(
      "page: `page` += 1 (first 0); items $.rows; ends when a page is empty (recognised)",
    );
    expect(describePagination(byName.listIssues!.pagination!)).toBe(
      'link: the Link header\'s rel="next"; items $; ends when there is no next (recognised)',
    );
  });
});

/** One GET operation with these query parameters, answering this body schema (and these headers). */
const list = (params: string[], schema: object, extra: object = {}, headers?: object): OpenApiDocument =>
  ({
    openapi: "3.1.0",
    info: { title: "T", version: "1" },
    paths: {
      "/x": {
        get: {
          operationId: "listX",
          parameters: params.map((p) => {
            const [name, type = "string"] = p.split(":");
            return { name, in: "query", schema: { type } };
          }),
          responses: { "200": { description: "OK", ...(headers ? { headers } : {}), content: { "application/json": { schema } } } },
          ...extra,
        },
      },
    },
  }) as OpenApiDocument;
const items = { type: "array", items: { type: "object", properties: { id: { type: "string" } } } };
const paginationOf = (doc: OpenApiDocument, pagination?: Record<string, PaginationSetting | false>) =>
  modelFromDocument(doc, { file: "t.yaml", ...(pagination ? { pagination, paginationFile: "t.config.json" } : {}) }).operations[0]!
    .pagination;

describe("recognition stays away from what is not a list it can follow", () => {
  test.each<[string, OpenApiDocument]>([
    ["a cursor parameter, but nowhere to read the next cursor", list(["after"], { type: "array", items: { type: "object" } })],
    ["a bare list of objects with id and an `after`: GitHub's cursors are not ids", list(["after"], items)],
    [
      "a Link header without a paging parameter",
      list([], { type: "object", properties: { tags: items } }, {}, { Link: { schema: { type: "string" } } }),
    ],
    [
      "two lists, neither named data, items, results or entries",
      list(["page:integer"], { type: "object", properties: { a: items, b: items } }),
    ],
    ["a page parameter that is not a number, without next_page", list(["page"], items)],
    [
      "a POST",
      {
        ...list(["after"], {}),
        paths: {
          "/x": {
            post: {
              parameters: [{ name: "after", in: "query" }],
              responses: {
                "200": {
                  description: "OK",
                  content: {
                    "application/json": { schema: { type: "object", properties: { data: items, next_cursor: { type: "string" } } } },
                  },
                },
              },
            },
          },
        },
      } as OpenApiDocument,
    ],
  ])("%s", (_, doc) => expect(paginationOf(doc)).toBeUndefined());

  test.each<[string, OpenApiDocument, Partial<PaginationModel>]>([
    [
      "OpenAI's usage: a string `page` ← next_page",
      list(["page"], { type: "object", properties: { data: items, next_page: { type: "string" }, has_more: { type: "boolean" } } }),
      { style: "cursor", param: ["page"], next: ["next_page"] },
    ],
    [
      "a `next` that is a URL, without a cursor parameter",
      list(["limit:integer"], { type: "object", properties: { results: items, next: { type: "string", format: "uri" } } }),
      { style: "url", next: ["next"], items: ["results"] },
    ],
    [
      "a list of several shapes (anyOf of lists) is still the body",
      list(["page:integer"], { anyOf: [items, { type: "array", items: { type: "string" } }] }),
      { style: "page", items: [] },
    ],
  ])("%s", (_, doc, expected) => expect(paginationOf(doc)).toMatchObject(expected));
});

describe("vendors' shapes (issue 19's census)", () => {
  const obj = (properties: object) => ({ type: "object", properties });
  const str = { type: "string" };
  const int = { type: "integer" };
  const bool = { type: "boolean" };
  const url = { type: "string", description: "URL to the next page of items (null if none)" };
  test.each<[string, OpenApiDocument, Partial<PaginationModel> | undefined]>([
    [
      "Jira: `startAt` += items, up to `total`, ending on `isLast`",
      list(["startAt:integer", "maxResults:integer"], obj({ startAt: int, total: int, isLast: bool, values: items })),
      { style: "offset", param: ["startAt"], total: ["total"], isLast: ["isLast"], items: ["values"] },
    ],
    [
      "Jira's `nextPage`, a URI, beside `isLast`",
      list(["startAt:integer"], obj({ values: items, isLast: bool, nextPage: { type: "string", format: "uri" } })),
      { style: "url", next: ["nextPage"], isLast: ["isLast"] },
    ],
    [
      "Zoom: `next_page_token` is both the parameter and the body's field",
      list(["next_page_token", "page_size:integer"], obj({ meetings: items, next_page_token: str, page_size: int })),
      { style: "cursor", param: ["next_page_token"], next: ["next_page_token"] },
    ],
    [
      "Asana: `offset` (a token) ← `next_page.offset`",
      list(["offset", "limit:integer"], obj({ data: items, next_page: obj({ offset: str, path: str, uri: str }) })),
      { style: "cursor", param: ["offset"], next: ["next_page", "offset"] },
    ],
    [
      "Vercel: `until` ← `pagination.next`, a timestamp",
      list(
        ["until:integer", "since:integer", "limit:integer"],
        obj({ teams: items, pagination: obj({ count: int, next: int, prev: int }) }),
      ),
      { style: "cursor", param: ["until"], next: ["pagination", "next"] },
    ],
    [
      "DigitalOcean: `links.pages.next` inside one of two shapes, over a page number",
      list(
        ["page:integer", "per_page:integer"],
        obj({
          droplets: items,
          links: obj({ pages: { anyOf: [obj({ next: url, last: url }), obj({ prev: url })] } }),
          meta: obj({ total: int }),
        }),
      ),
      { style: "url", next: ["links", "pages", "next"], items: ["droplets"] },
    ],
    [
      "Spotify's followed artists: `after` ← `cursors.after`, never the `next` URL",
      list(["after", "limit:integer"], obj({ artists: obj({ items, next: url, cursors: obj({ after: str, before: str }), total: int }) })),
      { style: "cursor", param: ["after"], next: ["artists", "cursors", "after"], items: ["artists", "items"] },
    ],
    [
      "Spotify's categories: the page under the body's one property",
      list(["offset:integer", "limit:integer"], obj({ categories: obj({ items, next: url, offset: int, total: int }) })),
      { style: "url", next: ["categories", "next"], items: ["categories", "items"] },
    ],
    [
      "eBay: a string `offset` that the body echoes, and a `next` URI: the URI",
      list(
        ["offset", "limit"],
        obj({ orders: items, offset: int, next: { type: "string", description: "The URI for the following page" } }),
      ),
      { style: "url", next: ["next"] },
    ],
    [
      "Square: `cursor` ← `cursor`, its `errors` list not the items",
      list(["cursor"], obj({ cards: items, errors: items, cursor: str })),
      { style: "cursor", param: ["cursor"], next: ["cursor"], items: ["cards"] },
    ],
    [
      "Mailchimp: `_links` is not the items; `offset` up to `total_items`",
      list(["offset:integer", "count:integer"], obj({ lists: items, _links: items, total_items: int })),
      { style: "offset", items: ["lists"], total: ["total_items"] },
    ],
    ["a `more` boolean ends the pages", list(["page:integer"], obj({ items, more: bool })), { style: "page", hasMore: ["more"] }],
    [
      "Spotify's playlist: a single object with `images` and a page of `tracks` inside is no list",
      list([], obj({ id: str, name: str, images: items, tracks: obj({ items, next: url, total: int }) })),
      undefined,
    ],
  ])("%s", (_, doc, expected) => {
    const pagination = paginationOf(doc);
    if (expected === undefined) expect(pagination).toBeUndefined();
    else expect(pagination).toMatchObject({ source: "recognised", ...expected });
  });

  test("Slack: a next cursor the schema forgot and the example shows (`response_metadata.next_cursor`)", () => {
    const doc = list(["cursor", "limit:integer"], obj({ ok: bool, members: items }));
    const media = (doc.paths!["/x"] as any).get.responses["200"].content["application/json"];
    media.examples = { response: { value: { ok: true, members: [], response_metadata: { next_cursor: "dXNlcjpVMEc5V0ZYTlo=" } } } };
    expect(paginationOf(doc)).toMatchObject({
      style: "cursor",
      param: ["cursor"],
      next: ["response_metadata", "next_cursor"],
      source: "recognised from the document's example",
    });
  });
});

describe("the config", () => {
  const doc = list(["token"], {
    type: "object",
    properties: { entries: items, meta: { type: "object", properties: { next: { type: "string" } } } },
  });

  test("decides by operationId, path or pattern; the first entry that matches wins", () => {
    const setting: PaginationSetting = { style: "cursor", param: "token", next: "$.meta.next" };
    expect(paginationOf(doc, { "GET /x": setting })).toMatchObject({ source: "t.config.json", items: ["entries"] });
    expect(paginationOf(doc, { "list*": false, listX: setting })).toBeUndefined();
  });

  test.each<[string, PaginationSetting, RegExp]>([
    ["a parameter the operation does not have", { style: "cursor", param: "after", next: "$.meta.next" }, /"param" names after/],
    [
      "items the body does not have",
      { style: "cursor", param: "token", next: "$.meta.next", items: "$.records" },
      /"items" names \$\.records/,
    ],
    ["items that are not a list", { style: "link", items: "$.meta" }, /"items" must name a list/],
    ["a cursor without a next", { style: "cursor", param: "token" }, /style cursor needs "next"/],
  ])("names an operation on its own: a setting that does not fit it is an error (%s)", (_, setting, message) => {
    const run = () => paginationOf(doc, { listX: setting });
    expect(run).toThrow(InputError);
    expect(run).toThrow(message);
  });

  test("a field the document forgot to declare is followed as written, with one warning at the setting (Asana's $.next_page.offset)", () => {
    const model = modelFromDocument(doc, {
      file: "t.yaml",
      pagination: { "*": { style: "cursor", param: "token", next: "$.next_page.offset" } },
      paginationFile: "t.config.json",
    });
    expect(model.operations[0]!.pagination).toMatchObject({
      style: "cursor",
      next: ["next_page", "offset"],
      undeclared: ["$.next_page.offset"],
    });
    expect(describePagination(model.operations[0]!.pagination!)).toMatch(
      /\(t\.config\.json; \$\.next_page\.offset not declared by the document\)$/,
    );
    expect(model.warnings).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/names \$\.next_page\.offset, which the document's answers do not declare/),
        file: "t.config.json",
        pointer: "/pagination/*",
      }),
    ]);
  });

  test("a pattern that also matches operations that are not lists leaves them alone", () => {
    expect(paginationOf(doc, { "*": { style: "link", items: "$.meta" } })).toBeUndefined();
  });
});

describe("vendor extensions", () => {
  const body = { type: "object", properties: { data: items, next: { type: "string" }, total: { type: "integer" } } };
  test.each<[string, object, Partial<PaginationModel> | undefined]>([
    [
      "speakeasy offsetLimit with a limit: a short page ends",
      {
        "x-speakeasy-pagination": {
          type: "offsetLimit",
          inputs: [
            { name: "skip", in: "parameters", type: "offset" },
            { name: "take", in: "parameters", type: "limit" },
          ],
          outputs: { results: "$.data" },
        },
      },
      { style: "offset", param: ["skip"], limit: "take", source: "x-speakeasy-pagination" },
    ],
    ["speakeasy url", { "x-speakeasy-pagination": { type: "url", outputs: { nextUrl: "$.next" } } }, { style: "url", next: ["next"] }],
    [
      "fern cursor",
      { "x-fern-pagination": { cursor: "$request.skip", next_cursor: "$response.next", results: "$response.data" } },
      { style: "cursor", param: ["skip"], next: ["next"], source: "x-fern-pagination" },
    ],
    [
      "fern offset with step: items",
      { "x-fern-pagination": { offset: "$request.skip", step: "$request.take", results: "$response.data" } },
      { style: "offset" },
    ],
    ["one this generator does not understand is left to recognition", { "x-speakeasy-pagination": { type: "graphql" } }, undefined],
  ])("%s", (_, extra, expected) => {
    const pagination = paginationOf(list(["skip:integer", "take:integer"], body, extra));
    if (expected === undefined) expect(pagination).toMatchObject({ source: "recognised" });
    else expect(pagination).toMatchObject(expected);
  });
});

test.each<[string, Array<string | number> | undefined]>([
  ["$.data", ["data"]],
  ["$response.meta.next_cursor", ["meta", "next_cursor"]],
  ["$.data.resultArray[-1].created_at", ["data", "resultArray", -1, "created_at"]],
  ['$["odd key"][0]', ["odd key", 0]],
  ["items", ["items"]],
  ["$", []],
  ["$.a..b", undefined],
  ["$.a[x]", undefined],
])("parsePath(%j)", (text, steps) => expect(parsePath(text)).toEqual(steps));
