// CommonJS code that require()s the committed client, as Node 22 (and 20.19 on) allow for an ES module
// without top-level await: checked by compile.test.ts under `module` node20 and nodenext.
import uploads = require("../../generated/openai-uploads/index.js");

const api: uploads.Api = uploads.createClient({ apiKey: "sk-test" });

async function status(): Promise<uploads.components["schemas"]["Upload"]["status"] | undefined> {
  try {
    return (await api.cancelUpload({ upload_id: "upload_abc123" })).status;
  } catch (error) {
    if (error instanceof uploads.NotFoundError) return undefined;
    throw error;
  }
}

export = { status };
