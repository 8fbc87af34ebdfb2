// Type-level tests of the committed client: checked by a real `tsc` in compile.test.ts.
// An unused `@ts-expect-error` is itself an error (TS2578), so each one proves a call is rejected.
import { UploadStatusValues } from "../../generated/openai-uploads/enums.js";
import { cancelUpload, createClient, type Api, type components } from "../../generated/openai-uploads/index.js";

type Upload = components["schemas"]["Upload"];
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

const api: Api = createClient({ apiKey: "sk-test" });

export async function calls(): Promise<void> {
  const upload = await api.cancelUpload({ upload_id: "upload_abc123" });
  assertType<Equals<typeof upload, Upload>>(true);
  assertType<Equals<typeof upload.status, "pending" | "completed" | "cancelled" | "expired">>(true);
  assertType<Equals<Upload["file"], components["schemas"]["OpenAIFile"] | null | undefined>>(true);

  const same = await cancelUpload(api, { upload_id: "upload_abc123" });
  assertType<Equals<typeof same, Upload>>(true);

  const created = await api.createUpload({ body: { filename: "a.jsonl", purpose: "fine-tune", bytes: 1, mime_type: "text/jsonl" } });
  assertType<Equals<typeof created, Upload>>(true);
  const part = await api.addUploadPart({ upload_id: created.id, body: { data: new Blob(["chunk"]) } });
  assertType<Equals<typeof part.object, "upload.part">>(true);
  await api.addUploadPart({ upload_id: created.id, body: { data: new Uint8Array([1, 2]) } });
  await api.completeUpload({ upload_id: created.id, body: { part_ids: [part.id] } }, { signal: AbortSignal.timeout(1000) });

  // @ts-expect-error upload_id is required
  await api.cancelUpload({});
  // @ts-expect-error the params object is required
  await api.cancelUpload();
  // @ts-expect-error upload_id is a string
  await api.cancelUpload({ upload_id: 1 });
  // @ts-expect-error no such field
  await api.cancelUpload({ upload_id: "u", uploadId: "u" });
  // @ts-expect-error part_ids is a list
  await api.completeUpload({ upload_id: "u", body: { part_ids: "part_1" } });
  // @ts-expect-error the body is required
  await api.completeUpload({ upload_id: "u" });
  // @ts-expect-error purpose is an enum
  await api.createUpload({ body: { filename: "a", purpose: "nonsense", bytes: 1, mime_type: "text/plain" } });
  // @ts-expect-error no such operation
  await api.deleteUpload({ upload_id: "u" });
}

export async function callOptions(): Promise<void> {
  // Per call: a fetch, middleware, and the RequestInit fields a framework reads, typed as fetch (and Next.js) type them.
  await api.cancelUpload(
    { upload_id: "u" },
    {
      fetch: (request) => fetch(request),
      middleware: [{ onRequest: ({ request }) => request }],
      cache: "no-store",
      credentials: "include",
      keepalive: true,
      priority: "high",
      next: { revalidate: false, tags: ["uploads"] },
    },
  );
  await api.cancelUpload({ upload_id: "u" }, { next: { revalidate: 60 } });
  // @ts-expect-error not a cache mode
  await api.cancelUpload({ upload_id: "u" }, { cache: "forever" });
  // @ts-expect-error only-if-cached needs a same-origin mode, which no call has
  await api.cancelUpload({ upload_id: "u" }, { cache: "only-if-cached" });
  // @ts-expect-error revalidate is seconds or false
  await api.cancelUpload({ upload_id: "u" }, { next: { revalidate: "60" } });
  // @ts-expect-error a fetch takes the request
  await api.cancelUpload({ upload_id: "u" }, { fetch: (url: URL) => fetch(url) });
}

export function enumLists(): void {
  // Upload.status → UploadStatusValues: the enum's values at run time, typed as the tuple of them.
  assertType<Equals<(typeof UploadStatusValues)[number], Upload["status"]>>(true);
  const options: readonly Upload["status"][] = UploadStatusValues;
  void options;
}
