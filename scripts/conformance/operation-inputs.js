// Where one operation's schemas are in the document, by pointer: each parameter under the params
// object's field the generator gives it (api.json), the request body of the media type the client
// sends by default, and each 2xx response's JSON body. Read from the document, not from the model.
import { child, get, refPointer } from "./pointer.js";

const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
const JSONISH = /(^|[/+])json($|;|\s)/i;

/** Follows a `$ref` chain from `node` at `at`: { value, at } (the target and its pointer). */
export function follow(doc, node, at) {
  let value = node;
  let pointer = at;
  for (let hops = 0; isObject(value) && typeof value.$ref === "string" && hops < 50; hops++) {
    const target = refPointer(value.$ref);
    if (target === undefined) return { value: undefined, at: pointer };
    pointer = target;
    value = get(doc, target);
  }
  return { value, at: pointer };
}

/** The schema of a parameter (its `schema`, or its `content`'s one media type's schema). */
function parameterSchema(param, at) {
  if (param.schema !== undefined) return { node: param.schema, at: child(at, "schema") };
  const [type] = Object.keys(param.content ?? {});
  if (type !== undefined && param.content[type]?.schema !== undefined) {
    return { node: param.content[type].schema, at: child(child(child(at, "content"), type), "schema") };
  }
  return { node: {}, at: undefined };
}

/** A request or response body: the media type's schema, or undefined when it declares none. */
function mediaSchema(content, contentAt, type) {
  const media = content?.[type];
  if (!isObject(media) || media.schema === undefined) return undefined;
  return { node: media.schema, at: child(child(contentAt, type), "schema") };
}

/**
 * One operation of api.json, located in the document:
 * { params: [{ key, name, in, required, input }], body?: { required, contentType, input? },
 *   responses: [{ status, contentType, input }] }
 * where `input` is { node, at } (at undefined for a schema the document does not have).
 */
export function operationInputs(doc, apiOperation) {
  const method = apiOperation.method.toLowerCase();
  const item = follow(doc, doc.paths?.[apiOperation.path], child("/paths", apiOperation.path));
  const op = item.value?.[method];
  if (!isObject(op)) throw new Error(`${apiOperation.method} ${apiOperation.path} is not in the document`);
  const opAt = child(item.at, method);

  const declared = new Map();
  const collect = (list, at) => {
    (Array.isArray(list) ? list : []).forEach((raw, i) => {
      const p = follow(doc, raw, child(child(at, "parameters"), i));
      if (isObject(p.value) && typeof p.value.name === "string") declared.set(`${p.value.in}\u0000${p.value.name}`, p);
    });
  };
  collect(item.value.parameters, item.at);
  collect(op.parameters, opAt);

  const params = (apiOperation.parameters ?? []).map((p) => {
    const found = declared.get(`${p.in}\u0000${p.name}`);
    // A path parameter the document forgot to declare is sent as a string (the generator says so too).
    const input = found ? parameterSchema(found.value, found.at) : { node: { type: "string" }, at: undefined };
    const required = p.in === "path" || found?.value.required === true;
    return { key: p.key ?? p.name, name: p.name, in: p.in, required, input };
  });

  let body;
  if (apiOperation.body) {
    const rb = follow(doc, op.requestBody, child(opAt, "requestBody"));
    const contentType = apiOperation.body.contentType;
    const input = mediaSchema(rb.value?.content, child(rb.at, "content"), contentType);
    body = { required: rb.value?.required === true, contentType, input };
  }

  const responses = [];
  for (const [status, raw] of Object.entries(isObject(op.responses) ? op.responses : {})) {
    // 204, 205 and 304 never carry content (RFC 9110), whatever the document declares: nothing to sample.
    if (!/^2(\d\d|XX)$/i.test(status) || /^(204|205)$/.test(status)) continue;
    const r = follow(doc, raw, child(child(opAt, "responses"), status));
    const content = isObject(r.value?.content) ? r.value.content : {};
    const type = Object.keys(content).find((t) => JSONISH.test(t));
    const input = type === undefined ? undefined : mediaSchema(content, child(r.at, "content"), type);
    if (input) responses.push({ status, contentType: type, input });
  }
  return { params, body, responses };
}

/** Whether a body of this media type is JSON (or a form, whose fields the params object holds as an object). */
export function isStructured(contentType) {
  const base = contentType.split(";")[0].trim().toLowerCase();
  return JSONISH.test(base) || base === "application/x-www-form-urlencoded" || base === "multipart/form-data";
}
