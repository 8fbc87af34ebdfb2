// Type-level tests of the runtime's public types, checked by a real `tsc` in types.test.ts. An
// unused `@ts-expect-error` is itself an error (TS2578), so each one proves that a line is rejected.
import { isApiError, type ApiError, type ErrorFor } from "../../src/runtime/runtime.js";
import { cancelUpload, createClient, withResponse, type components } from "../../generated/openai-uploads/index.js";

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T) => {};

type NotFound = { error: { message: string; code: "not_found" } };
type Invalid = { detail: string[] };
type Fallback = { fallback: true };
type Upload = components["schemas"]["Upload"];

export function narrowsByStatus(e: ErrorFor<{ "404": NotFound; "4XX": Invalid; default: Fallback }>): void {
  if (e.status === 404) {
    assertType<Equals<typeof e, ApiError<404, NotFound>>>(true);
    assertType<Equals<typeof e.error, NotFound>>(true);
  }
  if (e.status === 400 || e.status === 499) {
    assertType<Equals<typeof e.error, Invalid>>(true);
    // @ts-expect-error a 4XX error does not have the 404 body
    const notFound: NotFound = e.error;
    void notFound;
  }
  if (e.status === 503 || e.status === 302) assertType<Equals<typeof e.error, Fallback>>(true);
  switch (e.status) {
    case 404:
      assertType<Equals<typeof e.error.error.code, "not_found">>(true);
      break;
    case 429:
      assertType<Equals<typeof e.error, Invalid>>(true);
      break;
    case 500:
      assertType<Equals<typeof e.error, Fallback>>(true);
  }
  // @ts-expect-error a 2xx answer is never an ApiError
  if (e.status === 200) return;
  const anyError: ApiError = e;
  void anyError;
}

export function withoutDefault(e: ErrorFor<{ "404": NotFound; "5XX": Invalid }>): void {
  if (e.status === 404) assertType<Equals<typeof e.error, NotFound>>(true);
  if (e.status === 502) assertType<Equals<typeof e.error, Invalid>>(true);
  // Undeclared statuses have unknown bodies, and they do not spoil the narrowing above.
  if (e.status === 400) assertType<Equals<typeof e.error, unknown>>(true);
  if (e.status === 301) assertType<Equals<typeof e.error, unknown>>(true);
}

export function keysAsOpenapiTypescriptWritesThem(e: ErrorFor<{ 404: NotFound; "4xx": Invalid; 200: Upload }>): void {
  if (e.status === 404) assertType<Equals<typeof e.error, NotFound>>(true);
  if (e.status === 410) assertType<Equals<typeof e.error, Invalid>>(true);
  // A 2xx key in the map does not make an ApiError.
  assertType<Equals<Extract<typeof e, { status: 200 }>, never>>(true);
}

export function onlyADefault(e: ErrorFor<{ default: Fallback }>): void {
  assertType<Equals<typeof e.error, Fallback>>(true);
  assertType<Equals<ErrorFor<{}>["error"], unknown>>(true);
}

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
  await api.cancelUpload({ upload_id: "u" }, { signal: undefined, timeout: undefined, maxRetries: undefined, headers: { "X-Remove": null } });
}

export function guards(thrown: unknown): void {
  if (isApiError(thrown, "cancelUpload")) {
    assertType<Equals<typeof thrown.status, number>>(true);
    assertType<Equals<typeof thrown.operation, string>>(true);
  }
}
