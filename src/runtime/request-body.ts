import type { OperationSpec } from "./spec.js";

/** The body as fetch sends it; every kind but a stream can be sent again on a retry. */
export function serializeBody(spec: OperationSpec, value: any, headers: Record<string, string | null>): BodyInit {
  const kind = spec.body!;
  // fetch writes the multipart Content-Type itself: it holds the boundary.
  if (kind === "multipart") return fill(new FormData(), value);
  if (spec.contentType) headers["Content-Type"] = spec.contentType;
  if (kind === "json") return JSON.stringify(value);
  if (kind === "form") return fill(new URLSearchParams(), value).toString();
  return kind === "text" ? String(value) : value;
}

/** Appends each field (each item of an array field); bytes become a Blob, objects JSON. */
function fill<T extends FormData | URLSearchParams>(target: T, fields: object): T {
  for (const [name, field] of Object.entries(fields)) {
    for (const item of Array.isArray(field) ? field : [field]) {
      if (item == null) continue;
      const value =
        item instanceof Blob
          ? item
          : ArrayBuffer.isView(item) || item instanceof ArrayBuffer
            ? new Blob([item as BlobPart])
            : typeof item === "object"
              ? JSON.stringify(item)
              : String(item);
      (target as FormData).append(name, value);
    }
  }
  return target;
}
