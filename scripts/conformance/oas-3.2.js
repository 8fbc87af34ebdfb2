// OpenAPI 3.2 for express-openapi-validator 5.6, which reads 3.0 and 3.1: the harness's own reading,
// independent of the generator's (src/load/oas-3.2.ts). What 3.2 adds for requests is written in
// 3.1 terms where 3.1 can say it, and checked by the harness where it cannot:
// - a `query` operation, and each of `additionalOperations`, is validated as the operation of a
//   fixed method its path does not use (`post`, …): the server presents the request to the
//   validator with that method (`methods`);
// - an `in: querystring` parameter written as a form is its schema's properties as query parameters
//   (form, exploded: what the form media type means); any other (JSON) is checked by the harness
//   itself, the whole query string parsed as its media type (`querystrings`), and hidden from the
//   validator;
// - `itemSchema` is a `schema` of its items (responses are not validated), references to
//   `components.mediaTypes` are copied in, and the fields 3.1 does not define are dropped.
import { deref, itemOperations, METHODS } from "./document.js";

const SPARE = ["post", "put", "patch", "delete", "options", "trace", "head", "get"];

export function forValidator32(source, note) {
  const doc = structuredClone(source);
  const methods = {};
  const querystrings = {};
  doc.openapi = "3.1.0";
  delete doc.$self;
  for (const server of doc.servers ?? []) delete server?.name;
  for (const tag of doc.tags ?? []) for (const k of ["parent", "kind", "summary"]) delete tag?.[k];
  const mediaTypes = doc.components?.mediaTypes ?? {};
  if (doc.components) delete doc.components.mediaTypes;
  for (const scheme of Object.values(doc.components?.securitySchemes ?? {})) {
    if (!scheme || typeof scheme !== "object") continue;
    delete scheme.deprecated;
    delete scheme.oauth2MetadataUrl;
    if (scheme.flows?.deviceAuthorization) {
      // A bearer token either way: the validator checks the Authorization header's presence.
      const { deviceAuthorizationUrl: _, ...flow } = scheme.flows.deviceAuthorization;
      delete scheme.flows.deviceAuthorization;
      scheme.flows.clientCredentials ??= flow;
      note("3.2: the deviceAuthorization flow read as a client-credentials one (a bearer token either way)");
    }
  }
  const media = (m) => {
    let node = m;
    while (node?.$ref?.startsWith?.("#/components/mediaTypes/")) node = mediaTypes[decodeURIComponent(node.$ref.split("/").pop())];
    if (!node || typeof node !== "object") return node;
    const out = { ...node };
    if (out.itemSchema !== undefined) {
      out.schema ??= { type: "array", items: out.itemSchema };
      delete out.itemSchema;
    }
    delete out.itemEncoding;
    delete out.prefixEncoding;
    return out;
  };
  const content = (c) => (c && typeof c === "object" ? Object.fromEntries(Object.entries(c).map(([t, m]) => [t, media(m)])) : c);
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    for (const [method, op] of itemOperations(item)) {
      if (op.requestBody?.content) op.requestBody = { ...op.requestBody, content: content(op.requestBody.content) };
      for (const r of Object.values(op.responses ?? {})) if (r?.content) r.content = content(r.content);
      op.parameters = (op.parameters ?? []).flatMap((raw) => {
        const param = deref(doc, raw);
        if (param?.in !== "querystring") return [raw];
        const [type, m] = Object.entries(param.content ?? {})[0] ?? [];
        const schema = deref(doc, media(m)?.schema) ?? {};
        if (/^application\/x-www-form-urlencoded/i.test(type ?? "")) {
          note("3.2: a form querystring parameter validated as its properties, each a query parameter");
          const required = new Set(schema.required ?? []);
          return Object.entries(schema.properties ?? {}).map(([name, s]) => ({
            name,
            in: "query",
            required: required.has(name),
            schema: s,
          }));
        }
        note("3.2: a querystring parameter that is not a form checked by the harness, as its media type");
        querystrings[`${method} ${p}`] = { name: param.name, type, schema, required: param.required === true };
        return [];
      });
      if (METHODS.includes(method.toLowerCase())) continue;
      const spare = SPARE.find((m) => !item[m]);
      item[spare] = op;
      methods[`${method} ${p}`] = spare.toUpperCase();
      note(
        `3.2: ${method === "QUERY" ? "a QUERY operation" : "an additional operation"} validated as a ${spare.toUpperCase()} of its path (the validator knows no such method)`,
      );
    }
    delete item.query;
    delete item.additionalOperations;
  }
  return { document: doc, methods, querystrings };
}
