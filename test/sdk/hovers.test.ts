// What an editor shows on a hover over the resource namespaces: names, not structures. TypeScript's
// own language service answers, as it does in an editor, over a program that uses a generated client.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { generateFixture } from "./generate-fixture.js";

const PROGRAM = `import { createClient } from "./client/index.js";
const api = createClient({ apiKey: "k" });
api.orders.payments.list({ order_id: "o" });
api.orders.retrieve({ order_id: "o" });
`;

test("a hover on api.orders, api.orders.payments and a method shows their interfaces and the method's docs", async () => {
  const folder = await generateFixture(
    "sdk-hovers/client",
    "test/fixtures/sdk.yaml",
    JSON.parse(readFileSync("test/fixtures/sdk.config.json", "utf8")),
  );
  const file = path.join(path.dirname(folder), "program.ts");
  writeFileSync(file, PROGRAM);
  const options: ts.CompilerOptions = {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    lib: ["lib.es2022.d.ts", "lib.dom.d.ts"],
    types: [],
  };
  const service = ts.createLanguageService(
    {
      getScriptFileNames: () => [file],
      getScriptVersion: () => "1",
      getScriptSnapshot: (name) => (ts.sys.fileExists(name) ? ts.ScriptSnapshot.fromString(ts.sys.readFile(name)!) : undefined),
      getCurrentDirectory: () => path.dirname(file),
      getCompilationSettings: () => options,
      getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
      fileExists: ts.sys.fileExists,
      readFile: ts.sys.readFile,
      readDirectory: ts.sys.readDirectory,
      directoryExists: ts.sys.directoryExists,
      getDirectories: ts.sys.getDirectories,
    },
    ts.createDocumentRegistry(),
  );
  const hover = (line: number, word: string) => {
    const lines = PROGRAM.split("\n");
    const at = lines.slice(0, line).join("\n").length + 1 + lines[line]!.indexOf(word) + 1;
    const info = service.getQuickInfoAtPosition(file, at)!;
    return { text: ts.displayPartsToString(info.displayParts), docs: ts.displayPartsToString(info.documentation) };
  };
  expect(service.getSemanticDiagnostics(file).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  expect(hover(2, "orders").text).toBe("(property) Resources.orders: OrdersResource");
  expect(hover(2, "payments").text).toBe("(property) OrdersResource.payments: OrdersPaymentsResource");
  expect(hover(3, "retrieve")).toMatchObject({
    // The method reads as the flat method does (`api.getOrder`), under its resource's name.
    text: expect.stringMatching(/^\(property\) OrdersResource\.retrieve: BoundOperation\n\(params: \{/),
    docs: expect.stringContaining("Retrieves an order."),
  });
});
