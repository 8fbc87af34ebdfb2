// Parameter serialisation: the OpenAPI specification's Style Examples table, then what real documents
// need (Stripe, Box, Kubernetes), encoding and injection, typed values, content parameters, problems,
// properties over arbitrary strings, and one trip through fetch to a real server.
import fc from "fast-check";
import {
  type Collected,
  isPlain,
  ParameterProblem,
  encodeReserved,
  serializeParams,
  type ParamSpec,
  type ParamStyle,
  type SerializedParams,
} from "../../src/runtime/params.js";
import { styles } from "../../src/runtime/param-styles.js";
import { deepObject } from "../../src/runtime/deep-object.js";
import { startServer } from "./server.js";

const COLOR = { empty: "", string: "blue", array: ["blue", "black", "brown"], object: { R: 100, G: 200, B: 150 } } as const;
type Column = keyof typeof COLOR;

// OAS 3.2.0 "Style Examples" (3.1.1 has the same cells, with a `?` before the query rows), verbatim;
// null where the table says n/a. Its `undefined` column is the empty string (3.0's "empty" column,
// and what RFC 6570 expands as shown). deepObject's row is 3.1.1's `true` row: 3.2 says explode has
// no effect on it.
const STYLE_EXAMPLES: Array<[ParamStyle, boolean, ...Array<string | null>]> = [
  ["matrix", false, ";color", ";color=blue", ";color=blue,black,brown", ";color=R,100,G,200,B,150"],
  ["matrix", true, ";color", ";color=blue", ";color=blue;color=black;color=brown", ";R=100;G=200;B=150"],
  ["label", false, ".", ".blue", ".blue,black,brown", ".R,100,G,200,B,150"],
  ["label", true, ".", ".blue", ".blue.black.brown", ".R=100.G=200.B=150"],
  ["simple", false, "", "blue", "blue,black,brown", "R,100,G,200,B,150"],
  ["simple", true, "", "blue", "blue,black,brown", "R=100,G=200,B=150"],
  ["form", false, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"],
  ["form", true, "color=", "color=blue", "color=blue&color=black&color=brown", "R=100&G=200&B=150"],
  ["spaceDelimited", false, null, null, "color=blue%20black%20brown", "color=R%20100%20G%20200%20B%20150"],
  ["spaceDelimited", true, null, null, null, null],
  ["pipeDelimited", false, null, null, "color=blue%7Cblack%7Cbrown", "color=R%7C100%7CG%7C200%7CB%7C150"],
  ["pipeDelimited", true, null, null, null, null],
  ["deepObject", true, null, null, null, "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150"],
  ["cookie", false, "color=", "color=blue", "color=blue,black,brown", "color=R,100,G,200,B,150"],
  ["cookie", true, "color=", "color=blue", "color=blue; color=black; color=brown", "R=100; G=200; B=150"],
];

// Where each style is used, and what part of the result holds the value.
const LOCATIONS: Record<ParamStyle, Array<ParamSpec["in"]>> = {
  matrix: ["path"],
  label: ["path"],
  simple: ["path", "header"],
  form: ["query"],
  spaceDelimited: ["query"],
  pipeDelimited: ["query"],
  tabDelimited: ["query"],
  deepObject: ["query"],
  cookie: ["cookie"],
};

function serialized(where: ParamSpec["in"], spec: Omit<ParamSpec, "in">, value: unknown): string | undefined {
  const result = serializeParams(where === "path" ? "/x/v{color}" : "/", { color: { in: where, ...spec } }, { color: value }, styles);
  return where === "path"
    ? result.path.slice("/x/v".length)
    : where === "query"
      ? result.query
      : where === "header"
        ? result.headers.color
        : result.cookie;
}

const COLUMNS = Object.keys(COLOR) as Column[];
const cells = STYLE_EXAMPLES.flatMap(([style, explode, ...row]) =>
  LOCATIONS[style].flatMap((where) =>
    COLUMNS.flatMap((column, i) => (row[i] === null ? [] : [[style, explode, where, column, row[i]!] as const])),
  ),
);

describe("the specification's Style Examples", () => {
  test("cover every style, both explode values and every kind of value", () => {
    // 15 rows, 4 columns, less the n/a cells, simple twice (path and header).
    expect(cells.length).toBe(53);
  });

  test.each(cells)("%s, explode %s, in %s, %s value → %j", (style, explode, where, column, expected) => {
    expect(serialized(where, { style, explode }, COLOR[column])).toBe(expected);
  });

  // explode defaults to true for form and cookie, false for the others.
  test.each(cells.filter(([style, explode]) => explode === (style === "form" || style === "cookie")))(
    "%s, default explode (%s), in %s, %s value → %j",
    (style, _, where, column, expected) => {
      expect(serialized(where, { style }, COLOR[column])).toBe(expected);
    },
  );
});

// The n/a cells and the defaults, as this runtime fills them in.
const CHOSEN: Array<[string, ParamSpec["in"], Omit<ParamSpec, "in">, unknown, string | undefined]> = [
  ["query defaults to form, exploded", "query", {}, COLOR.array, "color=blue&color=black&color=brown"],
  ["path defaults to simple", "path", {}, COLOR.object, "R,100,G,200,B,150"],
  ["header defaults to simple", "header", {}, COLOR.array, "blue,black,brown"],
  ["cookie defaults to form, exploded, pairs joined by `; `", "cookie", {}, COLOR.array, "color=blue; color=black; color=brown"],
  ["cookie form, not exploded", "cookie", { style: "form", explode: false }, COLOR.object, "color=R,100,G,200,B,150"],
  ["cookie form, exploded object", "cookie", { style: "form" }, COLOR.object, "R=100; G=200; B=150"],
  ["spaceDelimited string: as form", "query", { style: "spaceDelimited" }, "blue", "color=blue"],
  // Swagger 2.0's collectionFormat: tsv, which OpenAPI 3 has no style for: as pipeDelimited, with a tab.
  ["tabDelimited array (Swagger's tsv)", "query", { style: "tabDelimited", explode: false }, COLOR.array, "color=blue%09black%09brown"],
  ["spaceDelimited empty: as form", "query", { style: "spaceDelimited" }, "", "color="],
  [
    "spaceDelimited exploded: as form",
    "query",
    { style: "spaceDelimited", explode: true },
    COLOR.array,
    "color=blue&color=black&color=brown",
  ],
  ["pipeDelimited exploded object: as form", "query", { style: "pipeDelimited", explode: true }, COLOR.object, "R=100&G=200&B=150"],
  [
    "deepObject explode false: same as true",
    "query",
    { style: "deepObject", explode: false },
    COLOR.object,
    "color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150",
  ],
  ["deepObject primitive (Stripe's `created`)", "query", { style: "deepObject" }, 1700000000, "color=1700000000"],
  ["deepObject array, indexed (Stripe's `expand`)", "query", { style: "deepObject" }, ["a", "b"], "color%5B0%5D=a&color%5B1%5D=b"],
  [
    "deepObject nested objects",
    "query",
    { style: "deepObject" },
    { a: { b: 1, c: [true] } },
    "color%5Ba%5D%5Bb%5D=1&color%5Ba%5D%5Bc%5D%5B0%5D=true",
  ],
  ["deepObject null members left out, indexes kept", "query", { style: "deepObject" }, { a: null, b: [null, 2] }, "color%5Bb%5D%5B1%5D=2"],
  ["empty array in the query: nothing", "query", {}, [], ""],
  ["empty object, deepObject: nothing", "query", { style: "deepObject" }, {}, ""],
  ["empty array in a header: no header", "header", {}, [], undefined],
  ["empty array in the path: empty", "path", { style: "matrix" }, [], ""],
  ["null array members left out", "query", { explode: false }, ["a", null, undefined, "b"], "color=a,b"],
  ["matrix exploded empty item", "path", { style: "matrix", explode: true }, ["", "x"], ";color;color=x"],
  ["matrix exploded object, empty value", "path", { style: "matrix", explode: true }, { a: "", b: "1" }, ";a;b=1"],
];

describe("the cells the table leaves open", () => {
  test.each(CHOSEN)("%s", (_, where, spec, value, expected) => {
    expect(serialized(where, spec, value)).toBe(expected);
  });
});

type Row = [string, Readonly<Record<string, ParamSpec>>, Record<string, unknown>, Partial<SerializedParams>, template?: string];
const q = (extra: Omit<ParamSpec, "in"> = {}): ParamSpec => ({ in: "query", ...extra });

const ROWS: Row[] = [
  // Real documents.
  [
    "Stripe GetCustomers expand (deepObject array)",
    { expand: q({ style: "deepObject", explode: true }) },
    { expand: ["data.default_source"] },
    { query: "expand%5B0%5D=data.default_source" },
  ],
  [
    "Stripe GetCustomers created (deepObject range) and limit",
    { created: q({ style: "deepObject", explode: true }), limit: q({ style: "form" }) },
    { created: { gte: 1, lt: 2 }, limit: 3 },
    { query: "created%5Bgte%5D=1&created%5Blt%5D=2&limit=3" },
  ],
  ["Box fields (explode false)", { fields: q({ explode: false }) }, { fields: ["name", "size"] }, { query: "fields=name,size" }],
  [
    "Kubernetes `path` in the path and in the query",
    { name: { in: "path" }, path: { in: "path" }, path_query: { in: "query", name: "path" } },
    { name: "pod", path: "logs", path_query: "/var/log" },
    { path: "/api/v1/pods/pod/proxy/logs", query: "path=%2Fvar%2Flog" },
    "/api/v1/pods/{name}/proxy/{path}",
  ],
  // Every character outside RFC 3986's unreserved set is percent-encoded, in names and values.
  ["unreserved stay", { q: q() }, { q: "AZaz09-._~" }, { query: "q=AZaz09-._~" }],
  ["reserved are encoded", { q: q() }, { q: ":/?#[]@!$&'()*+,;=" }, { query: "q=%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D" }],
  ["space, percent, quotes, non-ASCII", { q: q() }, { q: 'a b%"é€😀' }, { query: "q=a%20b%25%22%C3%A9%E2%82%AC%F0%9F%98%80" }],
  ["names are encoded", { "a b&c": q() }, { "a b&c": 1 }, { query: "a%20b%26c=1" }],
  ["non-exploded delimiters in data are encoded", { q: q({ explode: false }) }, { q: ["a,b", "c"] }, { query: "q=a%2Cb,c" }],
  ["a path value cannot leave its segment", { id: { in: "path" } }, { id: "../a/b?c#d" }, { path: "/x/..%2Fa%2Fb%3Fc%23d" }, "/x/{id}"],
  ["label data", { id: { in: "path", style: "label" } }, { id: "a.b c" }, { path: "/x/.a.b%20c" }, "/x/{id}"],
  // Injection attempts: data never adds a parameter or a cookie, nor splits a header.
  [
    "deepObject key",
    { filter: q({ style: "deepObject" }) },
    { filter: { "x&limit=1000": 1 } },
    { query: "filter%5Bx%26limit%3D1000%5D=1" },
  ],
  [
    "deepObject value",
    { filter: q({ style: "deepObject" }) },
    { filter: { x: "1&limit=1000" } },
    { query: "filter%5Bx%5D=1%26limit%3D1000" },
  ],
  ["form exploded object key", { o: q() }, { o: { "a=b&c": "d#e" } }, { query: "a%3Db%26c=d%23e" }],
  ["allowReserved cannot add a parameter", { q: q({ allowReserved: true }) }, { q: "a&limit=1000#x" }, { query: "q=a%26limit%3D1000%23x" }],
  ["cookie value", { c: { in: "cookie" } }, { c: "a; admin=1" }, { cookie: "c=a%3B%20admin%3D1" }],
  ["cookie object key", { c: { in: "cookie" } }, { c: { "a; b": "c" } }, { cookie: "a%3B%20b=c" }],
  ["header with a comma and a quote goes as is", { "X-Tag": { in: "header" } }, { "X-Tag": 'a, "b"' }, { headers: { "X-Tag": 'a, "b"' } }],
  ["Latin-1 in a header goes as is", { "X-Name": { in: "header" } }, { "X-Name": "Zoë\tÿ" }, { headers: { "X-Name": "Zoë\tÿ" } }],
  // allowReserved: RFC 6570 reserved expansion, minus what would still break the query.
  ["allowReserved keeps :/?@!$'()*,;", { q: q({ allowReserved: true }) }, { q: ":/?@!$'()*,;" }, { query: "q=:/?@!$'()*,;" }],
  ["allowReserved still encodes []#&=+", { q: q({ allowReserved: true }) }, { q: "[]#&=+" }, { query: "q=%5B%5D%23%26%3D%2B" }],
  [
    "allowReserved keeps %XX triples, encodes a lone %",
    { q: q({ allowReserved: true }) },
    { q: "%2B%zz%4%" },
    { query: "q=%2B%25zz%254%25" },
  ],
  ["allowReserved encodes space and non-ASCII", { q: q({ allowReserved: true }) }, { q: "a b/é" }, { query: "q=a%20b/%C3%A9" }],
  ["allowReserved applies to values, not names", { "a/b": q({ allowReserved: true }) }, { "a/b": "c/d" }, { query: "a%2Fb=c/d" }],
  ["allowReserved, not exploded", { q: q({ allowReserved: true, explode: false }) }, { q: ["a/b", "c:d"] }, { query: "q=a/b,c:d" }],
  ["allowReserved is ignored in the path", { id: { in: "path", allowReserved: true } }, { id: "a/b" }, { path: "/x/a%2Fb" }, "/x/{id}"],
  ["allowReserved is ignored in a cookie", { c: { in: "cookie", allowReserved: true } }, { c: "a;b" }, { cookie: "c=a%3Bb" }],
  // Typed values.
  [
    "bigint (int64 ids)",
    { id: { in: "path" }, n: q() },
    { id: 9007199254740993n, n: -12345678901234567890n },
    { path: "/x/9007199254740993", query: "n=-12345678901234567890" },
    "/x/{id}",
  ],
  ["numbers and booleans", { a: q({ explode: false }) }, { a: [0, -0, 1.5, 1e21, true, false] }, { query: "a=0,0,1.5,1e%2B21,true,false" }],
  ["Date as ISO 8601", { at: q() }, { at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)) }, { query: "at=2024-01-02T03%3A04%3A05.006Z" }],
  ["Date with allowReserved", { at: q({ allowReserved: true }) }, { at: new Date(0) }, { query: "at=1970-01-01T00:00:00.000Z" }],
  [
    "Date in a header",
    { "If-Modified-Since": { in: "header" } },
    { "If-Modified-Since": new Date(0) },
    { headers: { "If-Modified-Since": "1970-01-01T00:00:00.000Z" } },
  ],
  ["dates in an array", { at: q({ explode: false }) }, { at: [new Date(0)] }, { query: "at=1970-01-01T00%3A00%3A00.000Z" }],
  // Parameters declared with `content`.
  [
    "content JSON in the query",
    { f: q({ content: "application/json" }) },
    { f: { a: [1, "x y"] } },
    { query: "f=%7B%22a%22%3A%5B1%2C%22x%20y%22%5D%7D" },
  ],
  ["content JSON string in the query", { f: q({ content: "application/json" }) }, { f: "abc" }, { query: "f=%22abc%22" }],
  [
    "content +json in a header",
    { "X-F": { in: "header", content: "application/vnd.x+json; charset=utf-8" } },
    { "X-F": { a: "é" } },
    { headers: { "X-F": '{"a":"é"}' } },
  ],
  ["content JSON in the path", { f: { in: "path", content: "application/json" } }, { f: [1, 2] }, { path: "/x/%5B1%2C2%5D" }, "/x/{f}"],
  ["content JSON in a cookie", { f: { in: "cookie", content: "application/json" } }, { f: { a: 1 } }, { cookie: "f=%7B%22a%22%3A1%7D" }],
  ["content text/plain", { f: q({ content: "text/plain" }) }, { f: "a&b" }, { query: "f=a%26b" }],
  [
    "content ignores style",
    { f: q({ content: "application/json", style: "deepObject" }) },
    { f: { a: 1 } },
    { query: "f=%7B%22a%22%3A1%7D" },
  ],
  // Several parameters, in the order of the specs; missing and null ones left out.
  [
    "several, each location",
    { id: { in: "path" }, a: q(), b: q(), c: q(), "X-A": { in: "header" }, s: { in: "cookie" }, t: { in: "cookie" } },
    { id: 7, a: 1, b: null, c: "z", "X-A": "h", s: "1", t: "2", unrelated: "x" },
    { path: "/x/7", query: "a=1&c=z", headers: { "X-A": "h" }, cookie: "s=1; t=2" },
    "/x/{id}",
  ],
  ["nothing to send", { a: q(), h: { in: "header" }, c: { in: "cookie" } }, {}, { query: "", headers: {}, cookie: "" }],
  ["inherited properties are not values", { constructor: q(), toString: q() }, {}, { query: "" }],
];

describe("serializeParams", () => {
  test.each(ROWS)("%s", (_, specs, values, expected, template = "/") => {
    const result = serializeParams(template, specs, values, styles);
    // Each part the row names, exactly.
    expect({ ...result, headers: { ...result.headers } }).toMatchObject(expected);
    if (expected.headers) expect({ ...result.headers }).toEqual(expected.headers);
  });

  test("a header named __proto__ is a header like any other", () => {
    const headers = serializeParams("/", { ["__proto__"]: { in: "header" } }, JSON.parse('{"__proto__":"x"}'), styles).headers;
    expect(Object.getOwnPropertyDescriptor(headers, "__proto__")?.value).toBe("x");
  });

  test("the template's literal parts are left as given", () => {
    const specs = { file_id: { in: "path" } } as const;
    expect(serializeParams("/files/{file_id}#add_shared_link", specs, { file_id: "1 2" }, styles).path).toBe(
      "/files/1%202#add_shared_link",
    );
    expect(serializeParams("/a b/{file_id}/{file_id}", specs, { file_id: "x" }, styles).path).toBe("/a b/x/x");
  });
});

const problems: Array<[string, Readonly<Record<string, ParamSpec>>, Record<string, unknown>, string, RegExp, template?: string]> = [
  ["a missing path parameter", { id: { in: "path" } }, {}, "id", /is required/, "/x/{id}"],
  ["a null path parameter", { id: { in: "path" } }, { id: null }, "id", /is required/, "/x/{id}"],
  ["a template name without a spec", {}, {}, "id", /not a path parameter/, "/x/{id}"],
  ["a lone high surrogate in the query", { q: q() }, { q: "a\uD800" }, "q", /lone surrogate/],
  ["a lone low surrogate in the path", { id: { in: "path" } }, { id: "\uDC00b" }, "id", /lone surrogate/],
  ["a lone surrogate in a deepObject key", { q: q({ style: "deepObject" }) }, { q: { "\uD800": 1 } }, "q", /lone surrogate/],
  ["a lone surrogate in a cookie", { c: { in: "cookie" } }, { c: "\uDFFF" }, "c", /lone surrogate/],
  ["CR LF in a header", { h: { in: "header" } }, { h: "a\r\nX-Admin: 1" }, "h", /control character/],
  ["LF in a header", { h: { in: "header" } }, { h: "a\nb" }, "h", /control character/],
  ["NUL in a header", { h: { in: "header" } }, { h: "a\0b" }, "h", /control character/],
  ["another control character in a header", { h: { in: "header" } }, { h: "a\x7fb" }, "h", /control character/],
  ["a character above U+00FF in a header", { h: { in: "header" } }, { h: "€" }, "h", /above U\+00FF/],
  ["a lone surrogate in a header", { h: { in: "header" } }, { h: "\uD800" }, "h", /above U\+00FF/],
  ["CR LF in a header's object key", { h: { in: "header", explode: true } }, { h: { "a\r\nb": 1 } }, "h", /control character/],
  ["CR LF in a text content header", { h: { in: "header", content: "text/plain" } }, { h: "a\r\n" }, "h", /control character/],
  ["`;` in a cookie of style cookie", { c: { in: "cookie", style: "cookie" } }, { c: "a; b=1" }, "c", /cookie cannot carry/],
  ["a space in a cookie name of style cookie", { c: { in: "cookie", style: "cookie" } }, { c: { "a b": "1" } }, "c", /cookie cannot carry/],
  ["an array of objects in form", { q: q() }, { q: [{ a: 1 }] }, "q", /cannot hold an object inside a value of style form/],
  ["a nested object in form", { q: q() }, { q: { a: { b: 1 } } }, "q", /cannot hold an object/],
  ["a nested array in pipeDelimited", { q: q({ style: "pipeDelimited" }) }, { q: [["a"]] }, "q", /cannot hold an array/],
  ["a nested object in a path", { id: { in: "path" } }, { id: { a: {} } }, "id", /cannot hold an object/],
  ["an object in a header array", { h: { in: "header" } }, { h: [{}] }, "h", /cannot hold an object/],
  ["NaN", { q: q() }, { q: NaN }, "q", /cannot be NaN/],
  ["Infinity in an array", { q: q() }, { q: [1, Infinity] }, "q", /cannot be Infinity/],
  ["-Infinity in deepObject", { q: q({ style: "deepObject" }) }, { q: { a: -Infinity } }, "q", /cannot be -Infinity/],
  ["a function", { q: q() }, { q: () => 1 }, "q", /cannot be a function/],
  ["a symbol", { q: q() }, { q: Symbol("s") }, "q", /cannot be a symbol/],
  ["a Map", { q: q() }, { q: new Map() }, "q", /cannot be an object/],
  ["an invalid Date", { q: q() }, { q: new Date(NaN) }, "q", /invalid Date/],
  ["a cycle in deepObject", { q: q({ style: "deepObject" }) }, { q: cyclic() }, "q", /contains itself/],
  ["a BigInt in JSON content", { q: q({ content: "application/json" }) }, { q: { a: 1n } }, "q", /cannot be sent as JSON: .*BigInt/],
  ["a cycle in JSON content", { q: q({ content: "application/json" }) }, { q: cyclic() }, "q", /cannot be sent as JSON: .*circular/],
  ["an object in text content", { q: q({ content: "text/plain" }) }, { q: {} }, "q", /cannot be an object/],
  ["a path style in the query", { q: q({ style: "matrix" }) }, { q: 1 }, "q", /style matrix, which a query or form cannot use/],
  ["a query style in the path", { id: { in: "path", style: "deepObject" } }, { id: 1 }, "id", /which a path or header cannot use/],
  ["a query style in a header", { h: { in: "header", style: "form" } }, { h: 1 }, "h", /which a path or header cannot use/],
  ["a path style in a cookie", { c: { in: "cookie", style: "simple" } }, { c: 1 }, "c", /which a cookie cannot use/],
];

function cyclic(): Record<string, unknown> {
  const o: Record<string, unknown> = { a: 1 };
  o.self = o;
  return o;
}

describe("values that cannot be sent as given", () => {
  test.each(problems)("%s", (_, specs, values, parameter, reason, template = "/") => {
    let thrown: unknown;
    try {
      serializeParams(template, specs, values, styles);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ParameterProblem);
    expect((thrown as ParameterProblem).parameter).toBe(parameter);
    expect((thrown as ParameterProblem).reason).toMatch(reason);
    expect((thrown as ParameterProblem).message).toBe(`parameter "${parameter}" ${(thrown as ParameterProblem).reason}`);
  });

  test("a shared object twice is not a cycle", () => {
    const shared = { b: 1 };
    expect(serializeParams("/", { q: q({ style: "deepObject" }) }, { q: { x: shared, y: shared } }, styles).query).toBe(
      "q%5Bx%5D%5Bb%5D=1&q%5By%5D%5Bb%5D=1",
    );
  });
});

// Any text, weighted towards what breaks URLs, headers and Unicode: delimiters, control characters,
// Latin-1 and beyond, %-triples, surrogate pairs and lone surrogates.
const piece = fc.oneof(
  fc.string({ unit: "binary", maxLength: 4 }),
  fc.constantFrom("\uD800", "\uDC00", "\uD83D\uDE00", "é", "ÿ", "€", "\r", "\n", "\0", "\t", " ", "\x7f"),
  fc.constantFrom("%", "%4", "%41", "%zz", "&", "=", "+", "#", "[", "]", ";", ",", "/", "?", ":", "'", "*"),
);
const text = fc.array(piece, { maxLength: 8 }).map((pieces) => pieces.join(""));
const wellFormed = (s: string) => !/[\uD800-\uDFFF]/.test(s.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));

describe("properties", () => {
  test("a query name and value, any text, come back as they went (WHATWG form decoding)", () => {
    // With allowReserved a %XX triple is the caller's own encoding and is decoded once: no `%` here.
    const value = text.filter((s) => wellFormed(s) && !s.includes("%"));
    fc.assert(
      fc.property(text.filter(wellFormed), value, fc.boolean(), (name, value, allowReserved) => {
        const query = serializeParams("/", { [name]: q({ allowReserved }) }, { [name]: value }, styles).query;
        expect([...new URLSearchParams(query)]).toEqual([[name, value]]);
      }),
    );
  });

  test("deepObject keys and values come back, never another parameter", () => {
    fc.assert(
      fc.property(fc.dictionary(text.filter(wellFormed), text.filter(wellFormed)), (object) => {
        const query = serializeParams("/", { f: q({ style: "deepObject" }) }, { f: object }, styles).query;
        expect([...new URLSearchParams(query)]).toEqual(Object.entries(object).map(([k, v]) => [`f[${k}]`, v]));
      }),
    );
  });

  test("a path value stays in its segment and decodes to itself; one that would make it empty or a dot segment is refused", () => {
    for (const value of ["", ".", ".."])
      expect(() => serializeParams("/a/{id}/b", { id: { in: "path" } }, { id: value }, styles)).toThrow(/would change the path/);
    expect(serializeParams("/a/v{id}/b", { id: { in: "path" } }, { id: "" }, styles).path).toBe("/a/v/b");
    fc.assert(
      fc.property(
        text.filter((v) => wellFormed(v) && !/^\.{0,2}$/.test(v)),
        (value) => {
          const path = serializeParams("/a/{id}/b", { id: { in: "path" } }, { id: value }, styles).path;
          const segment = path.slice(3, -2);
          expect(segment).toMatch(/^[A-Za-z0-9\-._~%]*$/);
          expect(decodeURIComponent(segment)).toBe(value);
        },
      ),
    );
  });

  test("a header value is accepted exactly when fetch's Headers would take it, unsplit", () => {
    fc.assert(
      fc.property(text, (value) => {
        let ours: string | undefined;
        try {
          ours = serializeParams("/", { h: { in: "header" } }, { h: value }, styles).headers.h;
        } catch (error) {
          expect(error).toBeInstanceOf(ParameterProblem);
        }
        // fetch trims spaces and tabs at the ends, as HTTP cannot carry them; nothing else changes.
        if (ours !== undefined) expect(new Headers({ h: ours }).get("h")).toBe(value.replace(/^[\t ]+|[\t ]+$/g, ""));
        else expect(value).toMatch(/[^\t\x20-\x7e\x80-\xff]/);
      }),
    );
  });

  test("a lone surrogate anywhere is a problem, well-formed text never", () => {
    fc.assert(
      fc.property(text, (value) => {
        const run = () => serializeParams("/", { q: q() }, { q: value }, styles);
        if (wellFormed(value)) expect(run).not.toThrow();
        else expect(run).toThrow(ParameterProblem);
      }),
    );
  });

  // Plain parameters take the runtime's short path; param-styles.ts writes every style, these too.
  test("a plain parameter is written as param-styles writes its style, any value (or refused alike)", () => {
    const plain = fc.constantFrom<ParamSpec>(
      { in: "path" },
      { in: "path", style: "simple", explode: false },
      { in: "header" },
      { in: "query" },
      { in: "query", style: "form", explode: true },
    );
    const primitive = fc.oneof(text, fc.integer(), fc.double(), fc.boolean(), fc.bigInt());
    const member = fc.oneof(primitive, fc.constant(null), fc.constant(new Date(0)), fc.constant([1]), fc.constant({ a: 1 }));
    const value = fc.oneof(primitive, fc.array(member, { maxLength: 4 }), fc.dictionary(text, member, { maxKeys: 4 }));
    const outcome = (run: () => unknown): { ok?: unknown; thrown?: string } => {
      try {
        return { ok: run() };
      } catch (error) {
        return { thrown: String(error) };
      }
    };
    fc.assert(
      fc.property(plain, value, (spec, v) => {
        expect(isPlain(spec)).toBe(true);
        // The whole of serializeParams without styles (the short path), and the styles' writer of the same parameter.
        const short = outcome(() => {
          const r = serializeParams(spec.in === "path" ? "/v{p}" : "/", { p: spec }, { p: v });
          return {
            path: spec.in === "path" ? [["p", r.path.slice(2)]] : [],
            query: r.query ? r.query.split("&") : [],
            headers: { ...r.headers },
          };
        });
        const general = outcome(() => {
          const out: Collected = { path: new Map(), query: [], headers: Object.create(null), cookies: [] };
          styles.param("p", spec, v, out);
          return { path: [...out.path], query: out.query, headers: { ...out.headers } };
        });
        // serializeParams names a URIError a lone surrogate, and refuses a path segment that would become a dot segment.
        if (general.thrown?.startsWith("URIError")) expect(short.thrown).toMatch(/lone surrogate/);
        else if (general.thrown) expect(short.thrown).toBe(general.thrown);
        else if (short.thrown) expect(short.thrown).toMatch(/would change the path/);
        else expect(short).toEqual(general);
      }),
    );
  });

  test("deepObject alone (Stripe's operations) writes what every style's writer writes, in the query and in forms", () => {
    const leaf = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null));
    const { tree } = fc.letrec((tie) => ({
      tree: fc.oneof(
        { depthSize: "small" },
        leaf,
        fc.array(tie("tree"), { maxLength: 3 }),
        fc.dictionary(text, tie("tree"), { maxKeys: 3 }),
      ),
    }));
    const collected = (): Collected => ({ path: new Map(), query: [], headers: Object.create(null), cookies: [] });
    const outcome = (run: () => unknown) => {
      try {
        return run();
      } catch (error) {
        return String(error);
      }
    };
    const asIs = { key: (t: string) => t, val: (t: string) => t };
    fc.assert(
      fc.property(
        tree.filter((v) => v !== null),
        fc.boolean(),
        (value, allowReserved) => {
          const spec = q({ style: "deepObject", explode: true, allowReserved });
          const write = (s: typeof styles) =>
            outcome(() => {
              const out = collected();
              s.param("f", spec, value, out);
              return out.query;
            });
          expect(write(deepObject)).toEqual(write(styles));
          const pairs = (s: typeof styles) => outcome(() => s.pairs("body.f", "f", value, "deepObject", undefined, asIs));
          expect(pairs(deepObject)).toEqual(pairs(styles));
        },
      ),
    );
  });

  test("a parameter that is not plain needs the operation's styles", () => {
    for (const spec of [q({ style: "deepObject" }), q({ explode: false }), q({ allowReserved: true }), { in: "cookie" as const }]) {
      expect(isPlain(spec)).toBe(false);
      expect(() => serializeParams("/", { p: spec }, { p: "x" })).toThrow(/"p" needs the operation's `styles`/);
    }
  });

  test("encodeReserved never emits & = # + [ ] or a % that starts no triple", () => {
    fc.assert(
      fc.property(text.filter(wellFormed), (value) => {
        expect(encodeReserved(value)).not.toMatch(/[&=#+[\]]|%(?![0-9A-Fa-f]{2})/);
      }),
    );
  });
});

describe("on the wire", () => {
  test("fetch sends the path, query, headers and cookie exactly as serialised", async () => {
    const server = await startServer();
    try {
      const specs: Record<string, ParamSpec> = {
        id: { in: "path", style: "matrix", explode: true },
        expand: q({ style: "deepObject" }),
        fields: q({ explode: false }),
        r: q({ allowReserved: true }),
        "X-Ids": { in: "header" },
        session: { in: "cookie" },
      };
      const values = {
        id: { a: "1/2", b: "é" },
        expand: ["data.x", "a&b"],
        fields: ["name", "size"],
        r: "a/b:c?d@",
        "X-Ids": [1n, 2n],
        session: "a; b",
      };
      const { path, query, headers, cookie } = serializeParams("/things/{id}", specs, values, styles);
      await fetch(`${server.url}${path}?${query}`, { headers: { ...headers, cookie } });
      const seen = server.seen[0]!;
      expect(seen.url).toBe(`/things/;a=1%2F2;b=%C3%A9?expand%5B0%5D=data.x&expand%5B1%5D=a%26b&fields=name,size&r=a/b:c?d@`);
      expect(seen.url).toBe(`${path}?${query}`);
      expect(seen.headers["x-ids"]).toBe("1,2");
      expect(seen.headers.cookie).toBe("session=a%3B%20b");
    } finally {
      await server.close();
    }
  });
});
