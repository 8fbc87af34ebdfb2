import type { OpenApiDocument, SecurityScheme } from "../document/types.js";
import { resolve } from "../document/refs.js";
import { pointer } from "../document/pointer.js";
import { own, setOwn } from "../document/own.js";
import type { SecuritySchemeModel } from "./types.js";

/** Alternatives, each the sorted names of the schemes that must all be satisfied. */
export function securityOf(requirements: unknown): string[][] {
  if (!Array.isArray(requirements)) return [];
  return requirements.map((req) => Object.keys((req ?? {}) as object).sort());
}

export function securitySchemesOf(doc: OpenApiDocument, file: string): Record<string, SecuritySchemeModel> {
  const out: Record<string, SecuritySchemeModel> = {};
  const schemes = doc.components?.securitySchemes ?? {};
  for (const name of Object.keys(schemes).sort()) {
    const s = resolve<SecurityScheme>(doc, own(schemes, name), file, pointer(["components", "securitySchemes", name])) ?? {};
    const model: SecuritySchemeModel =
      s.type === "http"
        ? { type: "http", scheme: String(s.scheme ?? "").toLowerCase() }
        : s.type === "apiKey"
          ? { type: "apiKey", in: s.in as "header" | "query" | "cookie", name: String(s.name) }
          : { type: String(s.type) };
    setOwn(out, name, model);
  }
  return out;
}
