import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { main } from "../../src/cli/main.js";
import type { OpenApiDocument } from "../../src/document/types.js";
import { isPlural, memberName, type Namespace, planNamespaces, withoutTagWords } from "../../src/emit/namespaces/plan.js";
import type { NamespacesSetting } from "../../src/load/sdk-settings.js";
import { modelFromDocument } from "../../src/model/build-model.js";
import { InputError } from "../../src/util/input-error.js";
import { root } from "../tsc.js";

/** A document of the operations `METHOD /path [tag]` (operationId: `id`). */
function ops(lines: Array<[string, string, string?, string[]?]>) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const [line, operationId, tag] of lines) {
    const [method, path] = line.split(" ") as [string, string];
    paths[path] = { ...paths[path], [method.toLowerCase()]: { operationId, ...(tag ? { tags: [tag] } : {}), responses: {} } };
  }
  const doc = { openapi: "3.1.0", info: { title: "T", version: "1" }, paths } as OpenApiDocument;
  return modelFromDocument(doc, { file: "t.yaml" }).operations;
}

/** The plan as lines `a.b.method = operation`, sorted. */
function tree(root: Namespace): string[] {
  const out: string[] = [];
  const visit = (n: Namespace) => {
    for (const m of n.methods) out.push(`${n.path}.${m.name} = ${m.op.name}`);
    n.children.forEach(visit);
  };
  visit(root);
  return out.sort();
}

describe("names of resources and methods", () => {
  test.each([
    ["uploads", "uploads"],
    ["fine_tuning", "fineTuning"],
    ["file-batches", "fileBatches"],
    ["Calls.json", "calls"],
    ["2010-04-01", "v20100401"],
    ["constructor", "constructor_"],
    ["then", "then_"],
    ["delete", "delete"],
  ])("memberName(%j) is %j", (segment, want) => expect(memberName(segment)).toBe(want));

  test.each([
    ["files", true],
    ["parts", true],
    ["status", false],
    ["content", false],
    ["search", false],
    ["address", false],
    ["analysis", false],
  ])("isPlural(%j) is %j", (segment, want) => expect(isPlural(segment)).toBe(want));

  test.each([
    ["createUpload", "Uploads", "create"],
    ["addUploadPart", "Uploads", "addPart"],
    ["listBatches", "Batch", "list"],
    ["listFilesInVectorStoreBatch", "Vector stores", "listFilesInBatch"],
    ["getStatus", "Status", "get"],
    ["uploads", "Uploads", "uploads"],
  ])("withoutTagWords(%j, %j) is %j", (name, tag, want) => expect(withoutTagWords(name, tag)).toBe(want));
});

describe("planNamespaces by path", () => {
  test.each<[string, Array<[string, string]>, string[]]>([
    [
      "a collection and its items",
      [
        ["GET /uploads", "listUploads"],
        ["POST /uploads", "createUpload"],
        ["GET /uploads/{id}", "getUpload"],
        ["POST /uploads/{id}", "modifyUpload"],
        ["DELETE /uploads/{id}", "deleteUpload"],
      ],
      [
        "uploads.create = createUpload",
        "uploads.delete = deleteUpload",
        "uploads.list = listUploads",
        "uploads.retrieve = getUpload",
        "uploads.update = modifyUpload",
      ],
    ],
    [
      "an action on an item, and a sub-resource",
      [
        ["POST /uploads/{id}/cancel", "cancelUpload"],
        ["POST /uploads/{id}/parts", "addUploadPart"],
        ["GET /files/{id}/content", "downloadFile"],
      ],
      ["files.content = downloadFile", "uploads.cancel = cancelUpload", "uploads.parts.create = addUploadPart"],
    ],
    [
      "nested resources, words camel-cased",
      [
        ["POST /chat/completions", "createChatCompletion"],
        ["GET /fine_tuning/jobs/{id}/events", "listEvents"],
      ],
      ["chat.completions.create = createChatCompletion", "fineTuning.jobs.events.list = listEvents"],
    ],
    [
      "one thing (a singular segment), and one with several operations is a resource, not an action",
      [
        ["POST /audio/speech", "createSpeech"],
        ["GET /projects/{id}/spend_limit", "getLimit"],
        ["POST /projects/{id}/spend_limit", "setLimit"],
      ],
      ["audio.speech.create = createSpeech", "projects.spendLimit.create = setLimit", "projects.spendLimit.retrieve = getLimit"],
    ],
    [
      "an action on a collection",
      [
        ["GET /certificates", "listCertificates"],
        ["POST /certificates/activate", "activateCertificates"],
      ],
      ["certificates.activate = activateCertificates", "certificates.list = listCertificates"],
    ],
    [
      "a version prefix every path shares is left out",
      [
        ["GET /v1/customers", "GetCustomers"],
        ["GET /v1/customers/{customer}", "GetCustomer"],
      ],
      ["customers.list = GetCustomers", "customers.retrieve = GetCustomer"],
    ],
    [
      "a contested name: the operation with more path parameters keeps it, the other takes its function's name",
      [
        ["POST /threads/runs", "createThreadAndRun"],
        ["POST /threads/{id}/runs", "createRun"],
      ],
      ["threads.runs.create = createRun", "threads.runs.createThreadAndRun = createThreadAndRun"],
    ],
    [
      "a variant of one method on one path (OpenAI's ?beta=true twin) leaves the action an action",
      [
        ["POST /responses/{id}/cancel", "cancelResponse"],
        ["POST /responses/{id}/cancel?beta=true", "beta_cancelResponse"],
      ],
      ["responses.beta_cancelResponse = beta_cancelResponse", "responses.cancel = cancelResponse"],
    ],
    ["a path without a literal segment stays flat only", [["GET /{id}", "getThing"]], []],
    [
      "a top-level resource named like a flat method becomes <name>Resource",
      [
        ["GET /search", "search"],
        ["POST /search", "createSearch"],
      ],
      ["searchResource.create = createSearch", "searchResource.retrieve = search"],
    ],
  ])("%s", (_, operations, want) => {
    expect(tree(planNamespaces(ops(operations), "paths").root)).toEqual(want);
  });

  test("the interfaces are named after their path, and every member is sorted", () => {
    const plan = planNamespaces(
      ops([
        ["POST /uploads/{id}/parts", "addUploadPart"],
        ["POST /uploads", "createUpload"],
        ["POST /uploads/{id}/cancel", "cancelUpload"],
      ]),
      "paths",
    );
    const uploads = plan.root.children[0]!;
    expect([uploads.typeName, uploads.children[0]!.typeName]).toEqual(["UploadsResource", "UploadsPartsResource"]);
    expect(uploads.methods.map((m) => m.name)).toEqual(["cancel", "create"]);
  });
});

describe("planNamespaces by tag", () => {
  test("the first tag is the resource; GitHub's tag/name operationIds give the name; untagged ones go by path", () => {
    const operations = ops([
      ["POST /uploads", "createUpload", "Uploads"],
      ["POST /uploads/{id}/parts", "addUploadPart", "Uploads"],
      ["GET /repos/{o}/{r}/issues/{n}/comments", "issues/list-comments", "issues"],
      ["GET /models", "listModels"],
    ]);
    expect(tree(planNamespaces(operations, "tags").root)).toEqual([
      "issues.listComments = issuesListComments",
      "models.list = listModels",
      "uploads.addPart = addUploadPart",
      "uploads.create = createUpload",
    ]);
  });
});

describe("the config's methods", () => {
  const operations = ops([
    ["POST /threads/runs", "createThreadAndRun"],
    ["POST /threads/{id}/runs", "createRun"],
    ["GET /models", "listModels"],
  ]);
  test("place an operation by hand, or leave it flat only (false)", () => {
    const setting: NamespacesSetting = { by: "paths", methods: { createThreadAndRun: "threads.createAndRun", listModels: false } };
    expect(tree(planNamespaces(operations, setting).root)).toEqual([
      "threads.createAndRun = createThreadAndRun",
      "threads.runs.create = createRun",
    ]);
  });

  test.each<[string, Record<string, string | false>, string, string]>([
    ["an unknown operation", { nope: "a.b" }, '"nope" is not an operation of the document', "/namespaces/methods/nope"],
    ["a place without a resource", { listModels: "list" }, '"list" is not a place for a method', "/namespaces/methods/listModels"],
    [
      "a name that is not an identifier",
      { listModels: "models.list-all" },
      '"models.list-all" is not a place for a method',
      "/namespaces/methods/listModels",
    ],
    [
      "then, which would make a resource a promise",
      { listModels: "models.then" },
      '"models.then" is not a place for a method',
      "/namespaces/methods/listModels",
    ],
    [
      "two operations in one place",
      { listModels: "threads.runs.x", createThreadAndRun: "threads.runs.x" },
      '"threads.runs.x" is taken',
      "/namespaces/methods/createThreadAndRun",
    ],
  ])("refuse %s with an InputError at its pointer", (_, methods, message, pointer) => {
    let error: unknown;
    try {
      planNamespaces(operations, { by: "paths", methods }, { file: "spec/t.config.json" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems[0]).toMatchObject({ message, file: "spec/t.config.json", pointer });
  });
});

test("a project config's namespaces mistake is reported at its place in that file", async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ocg-ns-"));
  try {
    mkdirSync(path.join(dir, "spec"));
    copyFileSync(path.join(root, "spec/openai-uploads.yaml"), path.join(dir, "spec/uploads.yaml"));
    const documents = [{ input: "spec/uploads.yaml", namespaces: { by: "paths", methods: { nope: "uploads.nope" } } }];
    writeFileSync(path.join(dir, "openapi-client-gen.config.json"), JSON.stringify({ documents }, null, 2));
    let err = "";
    const code = await main([], { out: () => {}, err: (t) => void (err += t) }, dir);
    expect(code).toBe(1);
    expect(err).toContain(
      'openapi-client-gen.config.json:/documents/0/namespaces/methods/nope: "nope" is not an operation of the document',
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
