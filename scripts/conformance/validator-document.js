// The copies of the document that the validator reads. Every change here keeps what the document
// says about the wire (it writes down what the OpenAPI text already implies, or reads a document
// fault by its evident intent) and works around a validator that reads the text differently. Each
// change is counted, and the run prints the counts, so nothing is adjusted silently.
import { deref, METHODS } from "./document.js";
import { forValidator32 } from "./oas-3.2.js";

/** The path part of a server URL, its variables at their defaults: "https://x/{v}/api" → "/v1/api". */
export function serverBasePath(server) {
  if (!server?.url) return "";
  let url = server.url;
  for (const [name, variable] of Object.entries(server.variables ?? {})) url = url.replaceAll(`{${name}}`, variable?.default ?? "");
  let p;
  try {
    p = new URL(url, "http://relative.invalid").pathname;
  } catch {
    p = "";
  }
  return decodeURI(p).replace(/\/+$/, "");
}

/** Calls `visit` on every object in the document, once each. */
function walk(root, visit) {
  const seen = new Set();
  const stack = [root];
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    if (!Array.isArray(node)) visit(node);
    for (const value of Object.values(node)) if (value && typeof value === "object") stack.push(value);
  }
}

/**
 * The whole document, adjusted. Returns { document, basePath, adjustments }: `adjustments` maps each
 * change's explanation to how many places it touched.
 */
export function validatorDocument(source) {
  const adjustments = {};
  const note = (why) => (adjustments[why] = (adjustments[why] ?? 0) + 1);
  // OpenAPI 3.2, which the validator does not read, in 3.1 terms (oas-3.2.js).
  const v32 = /^3\.2\./.test(String(source.openapi)) ? forValidator32(source, note) : undefined;
  const doc = v32 ? v32.document : structuredClone(source);
  const basePath = serverBasePath(doc.servers?.[0]);
  const is31 = String(doc.openapi).startsWith("3.1");

  // The client is pointed at the local server with `baseUrl`, so every operation is served from the
  // document's first server's path; operation and path-item `servers` are overridden by that.
  doc.servers = [{ url: basePath || "/" }];
  for (const item of Object.values(doc.paths ?? {})) {
    if (!item || typeof item !== "object") continue;
    if (item.servers) {
      delete item.servers;
      note("path-item servers overridden by baseUrl");
    }
    for (const m of METHODS) {
      if (item[m]?.servers) {
        delete item[m].servers;
        note("operation servers overridden by baseUrl");
      }
    }
  }

  // References into `#/paths/…` (DigitalOcean reuses one operation's response schema in another's
  // request) would point into path items a cut-down copy leaves out: each is replaced by a copy of
  // its target. Discriminator mappings to files that are not shipped (DigitalOcean's 47) are dropped:
  // the client was generated around them too, and the validator would try to read the files.
  const inlined = new Set();
  const inline = (node, depth) => {
    if (!node || typeof node !== "object" || depth > 50) return node;
    if (Array.isArray(node)) return node.map((n) => inline(n, depth + 1));
    if (typeof node.$ref === "string" && node.$ref.startsWith("#/paths/")) {
      note("$refs into #/paths/… replaced by a copy of their target (a cut-down document would lose it)");
      return inline(structuredClone(deref(doc, { $ref: node.$ref }) ?? {}), depth + 1);
    }
    // Ajv cannot resolve a reference into part of a component (Linode's `…/Database/properties/allow_list`)
    // from inside another component it compiles: the part is copied in.
    if (typeof node.$ref === "string" && /^#\/components\/[^/]+\/[^/]+\/./.test(node.$ref)) {
      note("$refs into part of a component replaced by a copy of the part (Ajv cannot resolve them across components)");
      return inline(structuredClone(deref(doc, { $ref: node.$ref }) ?? {}), depth + 1);
    }
    if (inlined.has(node)) return node;
    inlined.add(node);
    for (const key of Object.keys(node)) node[key] = inline(node[key], depth + 1);
    const mapping = node.discriminator?.mapping;
    if (mapping && typeof mapping === "object") {
      for (const [value, target] of Object.entries(mapping)) {
        if (typeof target === "string" && !target.startsWith("#") && /[./]/.test(target)) {
          delete mapping[value];
          note("document fault: discriminator mapping values naming files that are not shipped, dropped");
        }
      }
    }
    return node;
  };
  for (const kind of ["paths", "components"]) if (doc[kind]) doc[kind] = inline(doc[kind], 0);

  walk(doc, (node) => {
    // JSON Schema's patterns are ECMA-262 with Unicode: one that is not (DigitalOcean's `\:`, an
    // escape the `u` flag refuses) makes Ajv refuse the whole document. A document fault: dropped.
    if (typeof node.pattern === "string") {
      try {
        new RegExp(node.pattern, "u");
      } catch {
        delete node.pattern;
        note("document fault: a pattern that is not a Unicode regular expression (as JSON Schema requires), dropped");
      }
    }
    // Ajv (under the validator) refuses to compile `nullable` without `type` in the same schema. The
    // OpenAPI 3.0.3 text: nullable "adds null to the allowed type specified by the type keyword,
    // only if type is explicitly defined within the same Schema Object", so there it does nothing.
    if (typeof node.nullable === "boolean" && node.type === undefined) {
      delete node.nullable;
      note("`nullable` without `type` dropped (no effect by the 3.0.3 text; Ajv refuses it)");
    }
    // express-openapi-validator 5.6 throws on a parameter schema with an object-typed allOf/oneOf/
    // anyOf branch that has no `properties` (Object.keys(undefined)); `{}` is the same schema.
    if (node.type === "object" && node.properties === undefined) {
      node.properties = {};
      note("`properties: {}` written on object schemas without properties (validator crashes otherwise)");
    }
    // A document fault: 3.0's boolean exclusiveMinimum/Maximum in a 3.1 document, where they must be
    // numbers (Ajv refuses the schema). Read by the 3.0 meaning the author evidently intended.
    if (is31) {
      for (const [flag, bound] of [
        ["exclusiveMinimum", "minimum"],
        ["exclusiveMaximum", "maximum"],
      ]) {
        if (typeof node[flag] !== "boolean") continue;
        if (node[flag] && typeof node[bound] === "number") {
          node[flag] = node[bound];
          delete node[bound];
        } else delete node[flag];
        note(`document fault: boolean \`${flag}\` (3.0) in a 3.1 document, read as the 3.0 meaning`);
      }
    }
  });
  return { document: doc, basePath, adjustments, methods: v32?.methods ?? {}, querystrings: v32?.querystrings ?? {} };
}

/** Local `$ref` targets (and discriminator mappings) used by `node`, followed transitively. */
function reachableRefs(doc, start) {
  const refs = new Set();
  const stack = [start];
  const seen = new Set();
  while (stack.length) {
    const node = stack.pop();
    if (!node || typeof node !== "object" || seen.has(node)) continue;
    seen.add(node);
    const found = [];
    if (typeof node.$ref === "string") found.push(node.$ref);
    if (node.discriminator?.mapping)
      found.push(...Object.values(node.discriminator.mapping).filter((v) => typeof v === "string" && v.startsWith("#/")));
    for (const ref of found) {
      if (!ref.startsWith("#/") || refs.has(ref)) continue;
      refs.add(ref);
      stack.push(deref(doc, { $ref: ref }));
      // A reference into part of a component keeps the whole of it (see below): all of it is traced.
      const whole = ref.split("/").slice(0, 4).join("/");
      if (whole !== ref && ref.startsWith("#/components/") && !refs.has(whole)) {
        refs.add(whole);
        stack.push(deref(doc, { $ref: whole }));
      }
    }
    for (const value of Object.values(node)) if (value && typeof value === "object") stack.push(value);
  }
  return refs;
}

const SAFE_NAME = /^[A-Za-z_]\w*$/;

/**
 * How the validator sees the path key `p`: { key, query, renames }.
 * - A `#fragment` or `?query` in a path key (box.json, openai.yaml) is not part of the request path
 *   (RFC 3986): the key is cut there, and `?a=b` becomes a required query parameter `a` equal to `b`.
 * - Path parameters whose names are not identifiers (`{enterprise-team}`) are renamed: the validator
 *   builds Express routes from the names and then matches nothing; names are not on the wire.
 */
export function validatorPath(p) {
  const [beforeFragment] = p.split("#");
  const [pathPart, queryPart] = beforeFragment.split("?");
  const renames = {};
  const key = pathPart.replace(/\{([^}]+)\}/g, (whole, name) => {
    if (SAFE_NAME.test(name)) return whole;
    renames[name] = `p_${name.replace(/\W/g, "_")}`;
    return `{${renames[name]}}`;
  });
  const query = queryPart ? [...new URLSearchParams(queryPart)] : [];
  return { key, query, renames };
}

/** The normalised shape of a path, to find templates that match the same requests. */
export const pathShape = (p) => validatorPath(p).key.replace(/\{[^}]+\}/g, "{}");

/**
 * The document (from validatorDocument) cut down to some operations and the components their
 * requests reach. The validator compiles every route with all of `components` attached (seconds per
 * route on the big documents) and compiles the OpenAPI schema itself for every instance (0.3 s):
 * a run therefore uses one validator per group of operations, each on a document cut down to its
 * group. Responses are dropped: only requests are validated. `note` counts the adjustments.
 */
export function operationsDocument(doc, operations, note = () => {}, methods = {}) {
  const paths = {};
  for (const { method, path: p } of operations) {
    const item = doc.paths[p];
    // An OpenAPI 3.2 method the validator does not know is validated as a spare one (oas-3.2.js).
    const m = (methods[`${method} ${p}`] ?? method).toLowerCase();
    const { key, query, renames } = validatorPath(p);
    if (key !== p) note("path keys with `#` or `?`, or path parameters with non-identifier names, rewritten for the validator");
    // Parameters are copied inline: they are renamed or changed per operation below.
    const params = new Map();
    for (const raw of [...(item.parameters ?? []), ...(item[m].parameters ?? [])]) {
      const param = deref(doc, raw);
      if (param?.name && param.in) params.set(`${param.in} ${param.name}`, { ...param });
    }
    for (const [name, value] of query) {
      params.set(`query ${name}`, { name, in: "query", required: true, schema: { type: "string", enum: [value] } });
      note("document fault: a query string in a path key, read as a required query parameter");
    }
    const extra = [];
    for (const param of params.values()) {
      if (param.in === "path" && renames[param.name]) param.name = renames[param.name];
      // A query parameter named `ids[]` (openai.yaml) arrives as `ids[]=a`, which the validator's
      // query parser (qs) turns into `ids: [a]` and then calls unknown: it is validated as `ids`. The
      // original stays declared, optional, so that the checks on the raw query (reserved characters)
      // still find it by its name.
      if (param.in === "query" && param.name.endsWith("[]") && !params.has(`query ${param.name.slice(0, -2)}`)) {
        extra.push({ ...param, name: param.name.slice(0, -2) });
        param.required = false;
        note("query parameters named `x[]` also declared as `x` (the validator's query parser strips the brackets)");
      }
      // express-openapi-validator 5.6 rejects every header parameter of array type that does not
      // spell out its style, whatever is sent; the text's default for headers is `simple`.
      if (param.in === "header" && param.style === undefined && param.schema) {
        param.style = "simple";
        note("header parameters: default style `simple` written out (validator needs it)");
      }
      // readOnly is "relevant only for Schema properties"; the validator rejects a path parameter
      // whose schema says readOnly (github.json's alert_number, which reuses a response schema).
      const schema = deref(doc, param.schema);
      const members = [...(schema?.anyOf ?? []), ...(schema?.oneOf ?? [])].map((m) => deref(doc, m));
      if (schema?.readOnly || schema?.writeOnly || members.some((m) => m?.readOnly || m?.writeOnly)) {
        const plain = (s) => {
          const { readOnly: _r, writeOnly: _w, ...rest } = s ?? {};
          return rest;
        };
        param.schema = plain(schema);
        for (const key of ["anyOf", "oneOf"]) if (schema[key]) param.schema[key] = schema[key].map((m) => plain(deref(doc, m)));
        note("readOnly/writeOnly dropped from parameter schemas (only meaningful for properties)");
      }
    }
    paths[key] ??= {};
    const op = { ...item[m], parameters: [...params.values(), ...extra], responses: { default: { description: "not validated here" } } };
    // express-openapi-validator 5.6 silently skips the body (any content type, any value passes) when
    // requestBody is a $ref to a component whose name has dots (kubernetes.json's
    // io.k8s.apimachinery.pkg.apis.meta.v1.Patch): the reference is inlined.
    if (typeof op.requestBody?.$ref === "string") {
      op.requestBody = deref(doc, op.requestBody);
      note("requestBody $refs inlined (the validator skips bodies referenced by dotted names)");
    }
    paths[key][m] = op;
  }
  const components = {};
  for (const ref of reachableRefs(doc, paths)) {
    // "#/components/schemas/Foo[/...]": the whole of Foo is kept.
    const [, top, section, entry] = ref.split("/").map(unescape);
    if (top !== "components" || entry === undefined || doc.components?.[section]?.[entry] === undefined) continue;
    (components[section] ??= {})[entry] = doc.components[section][entry];
  }
  if (doc.components?.securitySchemes) components.securitySchemes = doc.components.securitySchemes;
  const cut = { openapi: doc.openapi, info: doc.info, servers: doc.servers, paths, components };
  if (doc.security) cut.security = doc.security;
  return cut;
}
