import { readFileSync } from "node:fs";
import path from "node:path";
import yaml from "js-yaml";
import type { PaginationSetting } from "../../src/load/config.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import { compareSurfaces } from "../../src/review/compare.js";
import { buildSurface } from "../../src/review/surface.js";
import { root } from "../tsc.js";

const fixture = yaml.load(readFileSync(path.join(root, "test/fixtures/pagination.yaml"), "utf8")) as OpenApiDocument;
const surface = (pagination: Record<string, PaginationSetting | false> = {}) =>
  buildSurface(modelFromDocument(fixture, { file: "pagination.yaml", pagination, paginationFile: "pagination.config.json" }));

test("api.json shows how each list pages, and who decided", () => {
  const ops = Object.fromEntries(surface().operations.map((op) => [op.name, op.pagination]));
  expect(ops.listCalls).toBe("url: the URL at $.next_page_uri; items $.calls; ends when there is no next (recognised)");
  expect(ops.listFern).toBe(
    "page: `page` += 1 (first 1); items $.values; ends when $.more is false or a page is empty (x-fern-pagination)",
  );
  expect(ops.getFile).toBeUndefined();
});

test.each<
  [string, Record<string, PaginationSetting | false>, Record<string, PaginationSetting | false>, Array<{ breaking: boolean; text: string }>]
>([
  [
    "a list that stops paging takes .all and .pages away: breaking",
    {},
    { listThings: false },
    [
      {
        breaking: true,
        text: "`listThings` is no longer paginated (was offset: `offset` += items, up to $.total; items $.results; ends when a page is empty (recognised)): `.all` and `.pages` are gone",
      },
    ],
  ],
  [
    "a list that starts paging",
    { listLogs: false },
    {},
    [
      {
        breaking: false,
        text: "`listLogs` is now paginated: cursor: `cursor` ← $.next_cursor; items $.data; ends when there is no next (recognised)",
      },
    ],
  ],
  [
    "a list that pages another way",
    {},
    { listThings: { style: "offset", param: "offset", limit: "limit" } },
    [
      {
        breaking: false,
        text: "`listThings`: pagination offset: `offset` += items, up to $.total; items $.results; ends when a page is empty (recognised) → offset: `offset` += items; items $.results; ends when a page is empty or a page is shorter than `limit` (pagination.config.json)",
      },
    ],
  ],
])("the change report: %s", (_, before, after, changes) => {
  expect(compareSurfaces(surface(before), surface(after))).toEqual(changes);
});
