// Type-level tests of the runtime's public types, checked by a real `tsc` in types.test.ts. An
// unused `@ts-expect-error` is itself an error (TS2578), so each one proves that a line is rejected.
import { cancelUpload, createClient, isApiError, withResponse, type components } from "../../generated/openai-uploads/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

type Upload = components["schemas"]["Upload"];

export async function rawAccess(): Promise<void> {
  const api = createClient({ apiKey: "k" });
  const bound = await api.cancelUpload.withResponse({ upload_id: "u" }, { maxRetries: 0 });
  assertType<Equals<typeof bound.data, Upload>>(true);
  assertType<Equals<typeof bound.response, Response>>(true);
  assertType<Equals<typeof bound.requestId, string | undefined>>(true);
  const free = await withResponse(cancelUpload)(api, { upload_id: "u" }, { timeout: 1000 });
  assertType<Equals<typeof free.data, Upload>>(true);
  // @ts-expect-error upload_id is required here too
  await api.cancelUpload.withResponse({});
  // @ts-expect-error and there
  await withResponse(cancelUpload)(api, {});
  // @ts-expect-error no such option
  await api.cancelUpload({ upload_id: "u" }, { retries: 1 });
  // Options accept undefined explicitly, under exactOptionalPropertyTypes too.
  await api.cancelUpload(
    { upload_id: "u" },
    { signal: undefined, timeout: undefined, maxRetries: undefined, headers: { "X-Remove": null } },
  );
}

export function guards(thrown: unknown): void {
  if (isApiError(thrown, "cancelUpload")) {
    // No error response is declared: every status, with an unknown body.
    assertType<Equals<typeof thrown.error, unknown>>(true);
    assertType<Equals<typeof thrown.operation, string>>(true);
  }
}
