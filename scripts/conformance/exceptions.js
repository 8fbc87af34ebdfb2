// Explained exceptions: operations that are not accepted for a reason that is no fault of the
// client, i.e. a fault of the document or of the validator. Each entry names the document, the
// operation as "METHOD path" (as the document writes it), the outcome it explains, and why.
// An operation listed here does not fail the run; every other operation that is not accepted does.
// Keep this list short and every reason checked against the OpenAPI text.
export const EXPLAINED = [
  // { document: "box.json", operation: "GET /files/{file_id}", outcome: "rejected", reason: "…" },
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
