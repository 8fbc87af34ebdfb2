// api.md: the document's text as safe one-line Markdown, the sections as the namespaces (or tags)
// group the methods, each method's signature, types, statuses and errors; the same bytes each time.
import type { OpenApiDocument } from "../../src/document/types.js";
import { planNamespaces } from "../../src/emit/namespaces/plan.js";
import { code, emitReferenceDocs, prose, summaryOf } from "../../src/emit/reference-docs.js";
import { loadDocument } from "../../src/load/load-document.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import type { OperationModel } from "../../src/model/types.js";
import { root } from "../tsc.js";

describe("text", () => {
  test.each([
    ["keeps links and emphasis", "See [the guide](/docs) *now*", "See [the guide](/docs) *now*"],
    ["escapes HTML", "a <script>alert(1)</script> b", "a \\<script\\>alert(1)\\</script\\> b"],
    ["one line", "two\n\nparagraphs\r\nhere", "two paragraphs here"],
    ["no heading at the start", "# Title", "\\# Title"],
    ["no list at the start", "- item", "\\- item"],
    ["no numbered list at the start", "1. first", "\\1. first"],
  ])("prose %s", (_, text, want) => expect(prose(text)).toBe(want));

  test.each([
    ["plain", "a.b()", "`a.b()`"],
    ["with a backtick", "a`b", "``a`b``"],
    ["starting with one", "`x", "`` `x ``"],
  ])("code %s", (_, text, want) => expect(code(text)).toBe(want));

  test.each<[string, Partial<OperationModel>, string | undefined]>([
    ["the summary", { summary: "Lists.", description: "Long. More." }, "Lists."],
    ["the first sentence of the description", { description: "Creates a thing. Then more.\n\nOther." }, "Creates a thing."],
    ["nothing", {}, undefined],
  ])("summaryOf takes %s", (_, op, want) => expect(summaryOf(op as OperationModel)).toBe(want));
});

async function model(file: string) {
  return modelFromDocument((await loadDocument(file, root)).document as OpenApiDocument, { file });
}

test("grouped as the namespaces are, each method with its signature, types, statuses and errors", async () => {
  const m = await model("test/fixtures/sdk.yaml");
  const plan = planNamespaces(m.operations, "paths");
  const md = emitReferenceDocs(m, plan.root);
  expect(md.split("\n").filter((l) => l.startsWith("## "))).toEqual([
    "## `api.categories` (`CategoriesResource`)",
    "## `api.completions` (`CompletionsResource`)",
    "## `api.orders` (`OrdersResource`)",
    "## `api.orders.payments` (`OrdersPaymentsResource`)",
  ]);
  const section = md.slice(md.indexOf("### `api.orders.retrieve("), md.indexOf("## `api.orders.payments`"));
  expect(section.trim()).toBe(
    [
      "### `api.orders.retrieve(params: GetOrderParams, options?: RequestOptions): Promise<GetOrderResult>`",
      "",
      "Retrieves an order.",
      "",
      "- `GET /orders/{order_id}`; the function `getOrder(client, params, options?)`",
      "- resolves to `GetOrderResult`: 200 (`Order`)",
      "- rejects with `GetOrderError`: 404 (`Problem`), or another `ApiClientError`",
    ].join("\n"),
  );
  expect(md).toContain("- streams `CreateCompletionEvent` items (text/event-stream)");
  expect(emitReferenceDocs(m, planNamespaces(m.operations, "paths").root)).toBe(md);
});

test("without namespaces, grouped by first tag, untagged ones last", async () => {
  const m = await model("test/fixtures/sdk.yaml");
  const md = emitReferenceDocs(m);
  expect(md.split("\n").filter((l) => l.startsWith("## "))).toEqual(["## Catalog", "## Completions", "## Orders", "## Payments"]);
  expect(md).toContain(
    "### `api.listOrderPayments(params: ListOrderPaymentsParams, options?: RequestOptions): Promise<ListOrderPaymentsResult>`",
  );
});

test("nothing a hostile document says becomes HTML or a heading", async () => {
  const md = emitReferenceDocs(await model("test/fixtures/hostile.yaml"));
  const prose = md
    .split("\n")
    .filter((l) => !l.startsWith("#"))
    .join("\n")
    .replace(/`+[^`]*`+/g, "");
  expect(prose).not.toMatch(/(^|[^\\])</);
  expect(md.split("\n").filter((l) => /^#/.test(l) && !/^(# |## |### `)/.test(l))).toEqual([]);
});
