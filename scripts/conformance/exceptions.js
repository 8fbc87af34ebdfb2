// Explained exceptions: operations that are not accepted for a reason that is no fault of the
// client, i.e. a fault of the document or of the validator. Each entry names the document, the
// operation as "METHOD path" (as the document writes it), the outcome it explains, and why.
// An operation listed here does not fail the run; every other operation that is not accepted does.
// Keep this list short and every reason checked against the OpenAPI text.
export const EXPLAINED = [
  // Sampler faults: the request carries the harness's sample exactly, and the sample breaks the schema.
  ...[
    "POST /apis/batch/v1/namespaces/{namespace}/cronjobs",
    "PUT /apis/batch/v1/namespaces/{namespace}/cronjobs/{name}",
    "PUT /apis/batch/v1/namespaces/{namespace}/cronjobs/{name}/status",
  ].map((operation) => ({
    document: "kubernetes.json",
    operation,
    outcome: "sample rejected",
    reason:
      "openapi-sampler stops at its depth limit inside jobTemplate…podAffinityTerm.labelSelector and writes a value where the schema says string",
  })),
  // Document faults.
  {
    document: "box.json",
    operation: "GET /search",
    outcome: "client error",
    reason:
      "`mdfilters` is an array of objects in a form-style query, for which OpenAPI 3.0/3.1 define no serialisation; the client refuses it (InvalidParameterError) rather than guess. Box reads JSON there, which `content: application/json` would declare",
  },
  {
    document: "openai.yaml",
    operation: "GET /chat/completions",
    outcome: "rejected",
    reason:
      "`metadata` is declared with the default style (form, explode: its keys become parameters, `key1=value1`) while its description says `metadata[key1]=value1` (deepObject); the client follows the declaration, and the validator calls the spread keys unknown parameters",
  },
  ...[
    "POST /realtime/calls/{call_id}/accept",
    "POST /realtime/client_secrets",
    "POST /responses",
    "POST /responses/input_tokens",
    "POST /responses/input_tokens?beta=true",
    "POST /responses?beta=true",
    "POST /vector_stores/{vector_store_id}/files",
  ].map((operation) => ({
    document: "openai.yaml",
    operation,
    outcome: "sample rejected",
    reason:
      "oneOf branches that overlap, or discriminators without a mapping whose implicit values (schema names) contradict the branches' own enums: no value of the first branch satisfies the schema as written",
  })),
  // Validator limitations.
  ...["POST /files", "POST /realtime/calls"].map((operation) => ({
    document: "openai.yaml",
    operation,
    outcome: "validator limitation",
    reason:
      "an object property of a multipart body is a part of type application/json (the OpenAPI default, which the client sends); the validator never parses parts as JSON",
  })),
];

/** The entry explaining `result` of `document`, if any. */
export function explanationFor(document, result) {
  return EXPLAINED.find(
    (e) =>
      e.document === document &&
      e.operation === `${result.method} ${result.path}` &&
      (e.outcome === undefined || e.outcome === result.outcome),
  );
}
