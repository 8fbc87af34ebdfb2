// The page of the browser test, bundled by esbuild with the generated Uploads client and openapi-fetch, as
// an app would ship them. It puts one function per scenario on `window.checks`; the test calls them through
// the DevTools protocol, and each resolves to plain data, since only JSON crosses the protocol.
import {
  ApiClientError,
  ApiConnectionError,
  ApiError,
  ApiTimeoutError,
  createClient,
  isApiError,
  NotFoundError,
  type RequestOptions,
} from "../../generated/openai-uploads/index.js";
import { redirectMode } from "../../generated/openai-uploads/runtime/redirects.js";

const client = (baseUrl: string) => createClient({ baseUrl, apiKey: "sk-browser", maxRetries: 0 });

/** An error as data: which of the runtime's classes it is an instance of, and what an ApiError carries. */
function described(error: unknown) {
  if (!(error instanceof ApiClientError)) return { name: "not an ApiClientError", message: String(error) };
  return {
    name: error.name,
    message: error.message,
    operation: error.operation,
    instanceOf: {
      ApiError: error instanceof ApiError,
      NotFoundError: error instanceof NotFoundError,
      ApiTimeoutError: error instanceof ApiTimeoutError,
      ApiConnectionError: error instanceof ApiConnectionError,
    },
    isApiErrorOfCancelUpload: isApiError(error, "cancelUpload"),
    ...(error instanceof ApiError ? { status: error.status, error: error.error, requestId: error.requestId ?? null } : {}),
  };
}

async function settled<T>(call: Promise<T>): Promise<{ data: T } | { error: ReturnType<typeof described> }> {
  try {
    return { data: await call };
  } catch (error) {
    return { error: described(error) };
  }
}

const checks = {
  environment: () => ({ redirectMode, userAgent: navigator.userAgent, origin: location.origin }),

  cancel: (baseUrl: string, uploadId: string, options: RequestOptions = {}) =>
    settled(
      client(baseUrl)
        .cancelUpload.withResponse({ upload_id: uploadId }, options)
        .then(({ data, requestId, response }) => ({ upload: data, requestId: requestId ?? null, url: response.url })),
    ),

  addPart: (baseUrl: string, uploadId: string, bytes: number[]) =>
    settled(
      client(baseUrl).addUploadPart({
        upload_id: uploadId,
        body: { data: new Blob([new Uint8Array(bytes)], { type: "application/octet-stream" }) },
      }),
    ),
};

Object.assign(globalThis, { checks });

export type Checks = typeof checks;
