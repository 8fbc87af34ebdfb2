// Request bodies: a table per media type family for the pure function, then round trips through the
// global fetch to a node:http server that checks the bytes, and multipart parsed by undici's parser
// and read part by part from the raw bytes.
import { type Encodings, type EncodingSpec, serializeBody } from "../../src/runtime/body.js";
import { ParameterProblem } from "../../src/runtime/params.js";
import { parseMultipart, startServer, type Seen, type TestServer } from "./server.js";
import { multipart, urlencoded } from "../../src/runtime/form-body.js";
import { styles } from "../../src/runtime/param-styles.js";

/** serializeBody as an operation with styled form fields calls it: with the form serialisers and the styles it imports. */
const serialize = (type: string, value: unknown, encoding?: Encodings) =>
  serializeBody(type, value, encoding, { urlencoded, multipart }, styles);

type Encoding = Record<string, EncodingSpec>;
const deep: EncodingSpec = { style: "deepObject", explode: true };
// Stripe's PostCustomers encoding map, as in stripe.json.
const STRIPE_CUSTOMER: Encoding = { address: deep, metadata: deep, preferred_locales: deep, expand: deep, invoice_settings: deep };
const STRIPE_CUSTOMER_BODY = {
  email: "jenny+1@example.com",
  metadata: { order_id: 6735 },
  preferred_locales: ["en", "fr"],
  invoice_settings: { custom_fields: [{ name: "VAT", value: "1 & 2" }] },
  description: undefined,
};
const STRIPE_CUSTOMER_FORM =
  "email=jenny%2B1%40example.com&metadata%5Border_id%5D=6735&preferred_locales%5B0%5D=en&preferred_locales%5B1%5D=fr" +
  "&invoice_settings%5Bcustom_fields%5D%5B0%5D%5Bname%5D=VAT&invoice_settings%5Bcustom_fields%5D%5B0%5D%5Bvalue%5D=1%20%26%202";
const TWILIO_CALL = {
  To: "+15558675310",
  From: "+15017122661",
  Url: "http://demo.twilio.com/docs/voice.xml?a=1&b=2",
  StatusCallbackEvent: ["initiated", "ringing"],
};
const TWILIO_FORM =
  "To=%2B15558675310&From=%2B15017122661&Url=http%3A%2F%2Fdemo.twilio.com%2Fdocs%2Fvoice.xml%3Fa%3D1%26b%3D2&StatusCallbackEvent=initiated&StatusCallbackEvent=ringing";
// OAS 3.2 "Example: URL Encoded Form with JSON Values", with %20 where the example writes `+` for a space.
const ADDRESS = { streetAddress: "123 Example Dr.", city: "Somewhere", state: "CA", zip: "99999+1234" };
const ADDRESS_FORM =
  "id=f81d4fae-7dec-11d0-a765-00a0c91e6bf6&address=%7B%22streetAddress%22%3A%22123%20Example%20Dr.%22%2C%22city%22%3A%22Somewhere%22%2C%22state%22%3A%22CA%22%2C%22zip%22%3A%2299999%2B1234%22%7D";

const FORM = "application/x-www-form-urlencoded";
const COLOR = { R: 100, G: 200 };
const TEXT_ROWS: Array<[string, string, unknown, Encoding | undefined, string, string]> = [
  // JSON and +json: JSON.stringify, with the declared type.
  ["JSON object", "application/json", { a: [1, "é"], b: null }, undefined, '{"a":[1,"é"],"b":null}', "application/json"],
  ["JSON keeps the declared parameters", "application/json; charset=utf-8", [1], undefined, "[1]", "application/json; charset=utf-8"],
  [
    "+json",
    "application/merge-patch+json",
    { spec: { replicas: 2 } },
    undefined,
    '{"spec":{"replicas":2}}',
    "application/merge-patch+json",
  ],
  ["a JSON string is quoted", "application/json", 'a"b', undefined, '"a\\"b"', "application/json"],
  ["JSON null", "application/json", null, undefined, "null", "application/json"],
  ["JSON Date", "application/json", { at: new Date(0) }, undefined, '{"at":"1970-01-01T00:00:00.000Z"}', "application/json"],
  // Wildcards: an object or array as JSON, a string as text.
  [
    "Kubernetes */* object",
    "*/*",
    { apiVersion: "policy/v1", kind: "Eviction" },
    undefined,
    '{"apiVersion":"policy/v1","kind":"Eviction"}',
    "application/json",
  ],
  ["*/* array", "*/*", [{ op: "add" }], undefined, '[{"op":"add"}]', "application/json"],
  ["application/* object", "application/*", { a: 1 }, undefined, '{"a":1}', "application/json"],
  ["*/* number", "*/*", 5, undefined, "5", "application/json"],
  ["*/* string", "*/*", "plain words", undefined, "plain words", "text/plain"],
  ["*/* URLSearchParams", "*/*", new URLSearchParams({ a: "1 2" }), undefined, "a=1+2", FORM],
  // Text.
  ["text/plain string", "text/plain", "a\r\nb", undefined, "a\r\nb", "text/plain"],
  ["text/plain number", "text/plain", 1.5, undefined, "1.5", "text/plain"],
  ["text/plain bigint", "text/plain; charset=utf-8", 12345678901234567890n, undefined, "12345678901234567890", "text/plain; charset=utf-8"],
  ["text/csv", "text/csv", "a,b\n1,2", undefined, "a,b\n1,2", "text/csv"],
  // YAML: JSON is YAML 1.2, so an object goes as JSON with the declared type.
  [
    "Kubernetes apply-patch+yaml object",
    "application/apply-patch+yaml",
    { kind: "Pod" },
    undefined,
    '{"kind":"Pod"}',
    "application/apply-patch+yaml",
  ],
  ["apply-patch+yaml string", "application/apply-patch+yaml", "kind: Pod\n", undefined, "kind: Pod\n", "application/apply-patch+yaml"],
  // Other media types take a string as UTF-8 text.
  ["application/xml string", "application/xml", "<a/>", undefined, "<a/>", "application/xml"],
  ["octet-stream string", "application/octet-stream", "bytes as text", undefined, "bytes as text", "application/octet-stream"],
  // form-urlencoded.
  ["Stripe PostCustomers (deepObject encoding)", FORM, STRIPE_CUSTOMER_BODY, STRIPE_CUSTOMER, STRIPE_CUSTOMER_FORM, FORM],
  ["Twilio Calls (exploded array, no encoding)", FORM, TWILIO_CALL, undefined, TWILIO_FORM, FORM],
  [
    "OAS example: no encoding, an object as JSON",
    FORM,
    { id: "f81d4fae-7dec-11d0-a765-00a0c91e6bf6", address: ADDRESS },
    undefined,
    ADDRESS_FORM,
    FORM,
  ],
  [
    "OAS example: contentType JSON for a string",
    FORM,
    { id: "f81d4fae" },
    { id: { contentType: "application/json" } },
    "id=%22f81d4fae%22",
    FORM,
  ],
  ["no encoding: array of objects, each as JSON", FORM, { k: [{ a: 1 }, [2]] }, undefined, "k=%7B%22a%22%3A1%7D&k=%5B2%5D", FORM],
  [
    "encoding without style: content type only",
    FORM,
    { c: COLOR },
    { c: { contentType: "application/json" } },
    "c=%7B%22R%22%3A100%2C%22G%22%3A200%7D",
    FORM,
  ],
  ["style form: object spread", FORM, { c: COLOR }, { c: { style: "form" } }, "R=100&G=200", FORM],
  [
    "explode true alone means style form",
    FORM,
    { c: COLOR, l: ["a", "b"] },
    { c: { explode: true }, l: { explode: true } },
    "R=100&G=200&l=a&l=b",
    FORM,
  ],
  [
    "style form, explode false",
    FORM,
    { c: COLOR, l: ["a", "b"] },
    { c: { style: "form", explode: false }, l: { explode: false } },
    "c=R,100,G,200&l=a,b",
    FORM,
  ],
  [
    "spaceDelimited and pipeDelimited",
    FORM,
    { s: ["a", "b"], p: ["c", "d"] },
    { s: { style: "spaceDelimited" }, p: { style: "pipeDelimited" } },
    "s=a%20b&p=c%7Cd",
    FORM,
  ],
  [
    "deepObject nested",
    FORM,
    { f: { a: { b: [1, { c: true }] } } },
    { f: deep },
    "f%5Ba%5D%5Bb%5D%5B0%5D=1&f%5Ba%5D%5Bb%5D%5B1%5D%5Bc%5D=true",
    FORM,
  ],
  ["allowReserved", FORM, { u: "a/b:c?d&e=f+g" }, { u: { allowReserved: true } }, "u=a/b:c?d%26e%3Df%2Bg", FORM],
  [
    "+ & = and spaces in data arrive intact",
    FORM,
    { "a+b": "c&d=e f", é: "😀" },
    undefined,
    "a%2Bb=c%26d%3De%20f&%C3%A9=%F0%9F%98%80",
    FORM,
  ],
  ["null and undefined fields and items left out", FORM, { a: null, b: undefined, c: [null, 1], d: "" }, undefined, "c=1&d=", FORM],
  [
    "typed values",
    FORM,
    { n: -0, b: false, big: 9007199254740993n, at: new Date(0) },
    undefined,
    "n=0&b=false&big=9007199254740993&at=1970-01-01T00%3A00%3A00.000Z",
    FORM,
  ],
  ["an empty object", FORM, {}, undefined, "", FORM],
  ["encoding entries for absent fields are ignored", FORM, { a: 1 }, { b: deep, constructor: deep } as Encoding, "a=1", FORM],
  ["URLSearchParams as is", FORM, new URLSearchParams([["a", "b c"]]), undefined, "a=b+c", FORM],
];

const problems: Array<[string, string, unknown, Encoding | undefined, string, RegExp]> = [
  ["a BigInt in JSON", "application/json", { id: 1n }, undefined, "body", /cannot be sent as JSON: .*BigInt/],
  ["a cycle in JSON", "application/json", cyclic(), undefined, "body", /cannot be sent as JSON: .*circular/],
  ["undefined as JSON", "application/json", undefined, undefined, "body", /cannot be sent as JSON: it is undefined/],
  ["a function as JSON", "application/json", () => 1, undefined, "body", /cannot be sent as JSON: it is a function/],
  ["a BigInt in a */* object", "*/*", { n: 1n }, undefined, "body", /BigInt/],
  ["a string as a form", FORM, "a=1", undefined, "body", /must be an object/],
  ["an array as a form", FORM, [1], undefined, "body", /must be an object/],
  ["a class instance as a form", FORM, new Map(), undefined, "body", /must be an object/],
  ["bytes in a form", FORM, { f: new Uint8Array(1) }, undefined, "body.f", /bytes/],
  ["a Blob in a form array", FORM, { f: [new Blob([])] }, undefined, "body.f", /bytes/],
  ["NaN in a form", FORM, { n: NaN }, undefined, "body.n", /cannot be NaN/],
  ["a lone surrogate in a form value", FORM, { s: "\uD800" }, undefined, "body.s", /lone surrogate/],
  ["a lone surrogate in a form name", FORM, { "\uDC00": "x" }, undefined, "body.\uDC00", /lone surrogate/],
  ["a lone surrogate in a deepObject key", FORM, { m: { "\uD800": 1 } }, { m: deep }, "body.m", /lone surrogate/],
  ["a cycle in deepObject", FORM, { m: cyclic() }, { m: deep }, "body.m", /contains itself/],
  ["a nested object in style form", FORM, { m: { a: {} } }, { m: { style: "form" } }, "body.m", /cannot hold an object/],
  ["a path style in a form", FORM, { m: 1 }, { m: { style: "matrix" } }, "body.m", /cannot use/],
  ["a BigInt in a JSON field", FORM, { m: { a: 1n } }, undefined, "body.m", /BigInt/],
  ["a symbol in a form", FORM, { s: Symbol("s") }, undefined, "body.s", /cannot be a symbol/],
  ["a string as multipart", "multipart/form-data", "x", undefined, "body", /must be an object/],
  ["a ReadableStream part", "multipart/form-data", { f: new ReadableStream() }, undefined, "body.f", /ReadableStream/],
  ["a lone surrogate in a part", "multipart/form-data", { s: "a\uD800" }, undefined, "body.s", /lone surrogate/],
  ["a lone surrogate in a part name", "multipart/form-data", { "\uD800": "a" }, undefined, "body.\uD800", /lone surrogate/],
  [
    "a line break in a part's contentType",
    "multipart/form-data",
    { s: "a" },
    { s: { contentType: "text/plain\r\nX-A: 1" } },
    "body.s",
    /line break/,
  ],
  ["Infinity in a part", "multipart/form-data", { n: [1, Infinity] }, undefined, "body.n", /Infinity/],
  ["a function in a part", "multipart/form-data", { f: () => 1 }, undefined, "body.f", /cannot be a function/],
  ["a cycle in a JSON part", "multipart/form-data", { m: cyclic() }, undefined, "body.m", /circular/],
  ["an object as text/plain", "text/plain", { a: 1 }, undefined, "body", /pass a Blob/],
  ["a number as image/png", "image/png", 5, undefined, "body", /cannot be sent as image\/png: pass a Blob/],
  ["an object as octet-stream", "application/octet-stream", { a: 1 }, undefined, "body", /pass a Blob/],
  ["null as octet-stream", "application/octet-stream", null, undefined, "body", /pass a Blob/],
];

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = {};
  o.self = o;
  return o;
}

describe("serializeBody, as text", () => {
  test.each(TEXT_ROWS)("%s", (_, mediaType, value, encoding, body, contentType) => {
    expect(serialize(mediaType, value, encoding)).toEqual({ body, contentType });
  });

  test("the form bodies decode to the data (WHATWG form decoding)", () => {
    const decoded = (value: unknown, encoding?: Encoding) => [...new URLSearchParams(serialize(FORM, value, encoding).body as string)];
    expect(decoded(STRIPE_CUSTOMER_BODY, STRIPE_CUSTOMER)).toEqual([
      ["email", "jenny+1@example.com"],
      ["metadata[order_id]", "6735"],
      ["preferred_locales[0]", "en"],
      ["preferred_locales[1]", "fr"],
      ["invoice_settings[custom_fields][0][name]", "VAT"],
      ["invoice_settings[custom_fields][0][value]", "1 & 2"],
    ]);
    expect(decoded(TWILIO_CALL)).toEqual([
      ...Object.entries(TWILIO_CALL).slice(0, 3),
      ["StatusCallbackEvent", "initiated"],
      ["StatusCallbackEvent", "ringing"],
    ]);
    expect(decoded({ address: ADDRESS })).toEqual([["address", JSON.stringify(ADDRESS)]]);
  });
});

describe("serializeBody, bytes as they are", () => {
  const blob = new Blob(["<svg/>"], { type: "image/svg+xml" });
  const untyped = new Blob(["x"]);
  const buffer = new ArrayBuffer(2);
  const view = new Uint8Array([1, 2]);
  const stream = new ReadableStream();
  const form = new FormData();
  test.each([
    ["Blob, declared type", "application/octet-stream", blob, "application/octet-stream"],
    ["Blob, */*: its own type", "*/*", blob, "image/svg+xml"],
    ["untyped Blob, */*", "*/*", untyped, "application/octet-stream"],
    ["ArrayBuffer", "image/png", buffer, "image/png"],
    ["Uint8Array, application/*", "application/*", view, "application/octet-stream"],
    ["ReadableStream", "application/octet-stream", stream, "application/octet-stream"],
    ["pre-serialised JSON bytes", "application/json", view, "application/json"],
    ["Blob for text/plain", "text/plain", untyped, "text/plain"],
    ["FormData: fetch writes the boundary", "multipart/form-data", form, undefined],
  ] as const)("%s", (_, mediaType, value, contentType) => {
    const result = serialize(mediaType, value);
    expect(result.body).toBe(value);
    expect(result.contentType).toBe(contentType);
  });
});

describe("values that cannot be sent as given", () => {
  test.each(problems)("%s", (_, mediaType, value, encoding, parameter, reason) => {
    let thrown: unknown;
    try {
      serialize(mediaType, value, encoding);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParameterProblem);
    expect((thrown as ParameterProblem).parameter).toBe(parameter);
    expect((thrown as ParameterProblem).reason).toMatch(reason);
  });
});

/** FormData's entries (the project's lib has no dom.iterable). */
function entriesOf(form: FormData): Array<[string, FormDataEntryValue]> {
  const entries: Array<[string, FormDataEntryValue]> = [];
  form.forEach((value, key) => entries.push([key, value]));
  return entries;
}

/** The parts of a multipart body as bytes: raw header lines and body, split at the boundary. */
function rawParts(body: Buffer, contentType: string): Array<{ headers: string[]; body: Buffer }> {
  const boundary = /boundary=(.+)$/.exec(contentType)![1]!;
  const text = body.toString("latin1");
  expect(text.endsWith(`\r\n--${boundary}--\r\n`) || text === `--${boundary}--\r\n`).toBe(true);
  expect(text.startsWith(`--${boundary}\r\n`) || text === `--${boundary}--\r\n`).toBe(true);
  const chunks = text
    .slice(0, text.lastIndexOf(`--${boundary}--`))
    .split(`--${boundary}\r\n`)
    .slice(1);
  return chunks.map((chunk) => {
    expect(chunk.endsWith("\r\n")).toBe(true);
    const end = chunk.indexOf("\r\n\r\n");
    return { headers: chunk.slice(0, end).split("\r\n"), body: Buffer.from(chunk.slice(end + 4, -2), "latin1") };
  });
}

describe("on the wire", () => {
  let server: TestServer;
  beforeAll(async () => (server = await startServer()));
  afterAll(() => server.close());

  async function post(mediaType: string, value: unknown, encoding?: Encoding): Promise<Seen> {
    const { body, contentType } = serialize(mediaType, value, encoding);
    server.reset((_req, res) => res.writeHead(204).end());
    await fetch(server.url, { method: "POST", body, headers: contentType ? { "content-type": contentType } : {} });
    return server.seen[0]!;
  }

  test("Stripe PostCustomers: the form's bytes, and its type", async () => {
    const seen = await post(FORM, STRIPE_CUSTOMER_BODY, STRIPE_CUSTOMER);
    expect(seen.headers["content-type"]).toBe(FORM);
    expect(seen.body.toString("latin1")).toBe(STRIPE_CUSTOMER_FORM);
  });

  test("Twilio: an exploded array, and a + that stays a +", async () => {
    const seen = await post(FORM, TWILIO_CALL);
    expect(seen.body.toString("latin1")).toBe(TWILIO_FORM);
    expect(new URLSearchParams(seen.body.toString()).get("To")).toBe("+15558675310");
  });

  test("Kubernetes */*: an object arrives as application/json", async () => {
    const eviction = { apiVersion: "policy/v1", kind: "Eviction", metadata: { name: "pod-1", namespace: "ns" } };
    const seen = await post("*/*", eviction);
    expect(seen.headers["content-type"]).toBe("application/json");
    expect(JSON.parse(seen.body.toString())).toEqual(eviction);
  });

  test("bytes arrive byte for byte", async () => {
    const bytes = new Uint8Array([0, 13, 10, 255, 128]);
    const seen = await post("application/octet-stream", bytes);
    expect([...seen.body]).toEqual([...bytes]);
    expect(seen.headers["content-type"]).toBe("application/octet-stream");
  });

  test("multipart: text, JSON and file parts, each with the headers OpenAPI's defaults give", async () => {
    const file = new File(['{"prompt":"a"}\n'], "data.jsonl", { type: "application/jsonl" });
    const bytes = new Uint8Array([0, 1, 2, 13, 10, 255]);
    const value = {
      purpose: "fine-tune",
      file,
      bytes,
      untyped: new Blob(["raw"]),
      meta: { a: 1, é: [true] },
      tags: ["a", "b"],
      items: [{ a: 1 }, { b: 2 }],
      n: 42,
      'we"ird\r\nname': "日本",
      skipped: undefined,
    };
    const seen = await post("multipart/form-data", value);
    const contentType = String(seen.headers["content-type"]);
    expect(contentType).toMatch(/^multipart\/form-data; boundary=----formdata-[0-9a-f]{24}$/);

    // undici's parser.
    const form = await parseMultipart(seen);
    expect(entriesOf(form).map(([k]) => k)).toEqual([
      "purpose",
      "file",
      "bytes",
      "untyped",
      "meta",
      "tags",
      "tags",
      "items",
      "items",
      "n",
      'we"ird\r\nname',
    ]);
    expect(form.get("purpose")).toBe("fine-tune");
    expect(JSON.parse(form.get("meta") as string)).toEqual(value.meta);
    expect(form.getAll("tags")).toEqual(["a", "b"]);
    expect(form.getAll("items").map((item) => JSON.parse(item as string))).toEqual(value.items);
    expect(form.get("n")).toBe("42");
    // Escaped as browsers do, and unescaped by the parser.
    expect(form.get('we"ird\r\nname')).toBe("日本");
    const parsedFile = form.get("file") as File;
    expect([parsedFile.name, parsedFile.type, await parsedFile.text()]).toEqual(["data.jsonl", "application/jsonl", '{"prompt":"a"}\n']);
    const parsedBytes = form.get("bytes") as File;
    expect([parsedBytes.name, parsedBytes.type, [...new Uint8Array(await parsedBytes.arrayBuffer())]]).toEqual([
      "blob",
      "application/octet-stream",
      [...bytes],
    ]);

    // The raw bytes: exactly these part headers, bodies intact.
    const parts = rawParts(seen.body, contentType);
    const utf8 = (text: string) => Buffer.from(text, "utf8").toString("latin1");
    expect(parts.map((p) => p.headers)).toEqual([
      ['Content-Disposition: form-data; name="purpose"'],
      ['Content-Disposition: form-data; name="file"; filename="data.jsonl"', "Content-Type: application/jsonl"],
      ['Content-Disposition: form-data; name="bytes"; filename="blob"', "Content-Type: application/octet-stream"],
      ['Content-Disposition: form-data; name="untyped"; filename="blob"', "Content-Type: application/octet-stream"],
      ['Content-Disposition: form-data; name="meta"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="tags"'],
      ['Content-Disposition: form-data; name="tags"'],
      ['Content-Disposition: form-data; name="items"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="items"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="n"'],
      ['Content-Disposition: form-data; name="we%22ird%0D%0Aname"'],
    ]);
    expect([...parts[2]!.body]).toEqual([...bytes]);
    expect(parts[4]!.body.toString("latin1")).toBe(utf8('{"a":1,"é":[true]}'));
    expect(parts[10]!.body.toString("utf8")).toBe("日本");
  });

  test("multipart with Stripe's PostFiles encoding: deepObject names, values as they are", async () => {
    const file = new File(["%PDF"], "évidence 1.pdf", { type: "application/pdf" });
    const value = { file, purpose: "dispute_evidence", file_link_data: { create: true, metadata: { "a&b": "c d" } }, expand: ["link"] };
    const seen = await post("multipart/form-data", value, { expand: deep, file_link_data: deep });
    const form = await parseMultipart(seen);
    expect(entriesOf(form).filter(([, v]) => typeof v === "string")).toEqual([
      ["purpose", "dispute_evidence"],
      ["file_link_data[create]", "true"],
      ["file_link_data[metadata][a&b]", "c d"],
      ["expand[0]", "link"],
    ]);
    expect((form.get("file") as File).name).toBe("évidence 1.pdf");
    const headers = rawParts(seen.body, String(seen.headers["content-type"])).map((p) => p.headers);
    expect(headers[0]).toEqual([
      Buffer.from('Content-Disposition: form-data; name="file"; filename="évidence 1.pdf"').toString("latin1"),
      "Content-Type: application/pdf",
    ]);
    expect(headers[3]).toEqual(['Content-Disposition: form-data; name="file_link_data[metadata][a&b]"']);
  });

  test("multipart contentType from the encoding: a list defers to the Blob's own type, JSON for a string", async () => {
    const encoding: Encoding = {
      png: { contentType: "image/png, image/jpeg" },
      jpeg: { contentType: "image/png, image/jpeg" },
      id: { contentType: "application/json" },
      note: { contentType: "text/markdown" },
      any: { contentType: "image/*" },
    };
    const value = { png: new Blob(["p"]), jpeg: new Blob(["j"], { type: "image/jpeg" }), id: "x", note: "# hi", any: new Blob(["a"]) };
    const seen = await post("multipart/form-data", value, encoding);
    const parts = rawParts(seen.body, String(seen.headers["content-type"]));
    expect(parts.map((p) => [p.headers[1], p.body.toString()])).toEqual([
      ["Content-Type: image/png", "p"],
      ["Content-Type: image/jpeg", "j"],
      ["Content-Type: application/json", '"x"'],
      ["Content-Type: text/markdown", "# hi"],
      ["Content-Type: application/octet-stream", "a"],
    ]);
  });

  test("a multipart form with no field is refused: RFC 2046 wants one part at least (issue 19)", () => {
    expect(() => serialize("multipart/form-data", {})).toThrow(
      /"body" has no field to send, and a multipart\/form-data body cannot be empty/,
    );
    expect(() => serialize("multipart/form-data", { a: undefined, b: null })).toThrow(ParameterProblem);
  });

  test("a multipart body can be sent again (a retry), byte for byte", async () => {
    const { body, contentType } = serialize("multipart/form-data", { f: new File(["x"], "a.txt"), s: "y" });
    const sent: Buffer[] = [];
    for (let i = 0; i < 2; i++) {
      server.reset((_req, res) => res.writeHead(204).end());
      await fetch(server.url, { method: "POST", body, headers: { "content-type": contentType! } });
      sent.push(server.seen[0]!.body);
    }
    expect(sent[1]!.equals(sent[0]!)).toBe(true);
    expect(sent[0]!.length).toBeGreaterThan(0);
  });

  // Why multipart is built by hand: FormData names every Blob entry a file.
  test('FormData would send a JSON Blob part with filename="blob", and a string without a Content-Type', async () => {
    const form = new FormData();
    form.append("meta", new Blob(["{}"], { type: "application/json" }));
    form.append("s", "x");
    const request = new Request(server.url, { method: "POST", body: form });
    const parts = rawParts(Buffer.from(await request.arrayBuffer()), request.headers.get("content-type")!);
    expect(parts.map((p) => p.headers)).toEqual([
      ['Content-Disposition: form-data; name="meta"; filename="blob"', "Content-Type: application/json"],
      ['Content-Disposition: form-data; name="s"'],
    ]);
  });
});
