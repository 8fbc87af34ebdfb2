// multipart/mixed read part by part (OpenAPI 3.2's itemSchema): the same parts however the body is cut.
import { boundaryOf, MultipartParser, type MultipartPart, MultipartTruncated } from "../../src/runtime/multipart-stream.js";

const encode = (text: string) => new TextEncoder().encode(text);
const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function parse(body: Uint8Array, boundary: string, cuts: number[]): Array<{ headers: Record<string, string>; body: string }> {
  const out: MultipartPart[] = [];
  const parser = new MultipartParser(boundary, out);
  let at = 0;
  for (const cut of [...cuts, body.length]) {
    parser.push(body.subarray(at, cut));
    at = cut;
  }
  parser.end();
  return out.map((p) => ({ headers: { ...p.headers }, body: decode(p.body) }));
}

const BODY = encode(
  [
    "This is the preamble.\r\n",
    "--simple boundary\r\n\r\nplain text, no headers\r\n",
    '--simple boundary  \r\nContent-type: application/json; charset=utf-8\r\nX-Part: 2\r\n\r\n{"a":"\\r\\n--simple"}\r\n',
    "--simple boundary\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--not the boundary\r\n",
    "--simple boundary--\r\nThis is the epilogue.\r\n",
  ].join(""),
);
const PARTS = [
  { headers: {}, body: "plain text, no headers" },
  { headers: { "content-type": "application/json; charset=utf-8", "x-part": "2" }, body: '{"a":"\\r\\n--simple"}' },
  { headers: { "content-type": "application/octet-stream" }, body: "\r\n--not the boundary" },
];

test("RFC 2046's parts, the body whole", () => {
  expect(parse(BODY, "simple boundary", [])).toEqual(PARTS);
});

test("the same parts when the body is cut in two anywhere", () => {
  for (let cut = 0; cut <= BODY.length; cut++) expect(parse(BODY, "simple boundary", [cut])).toEqual(PARTS);
});

test("the same parts when it arrives a byte at a time", () => {
  expect(
    parse(
      BODY,
      "simple boundary",
      Array.from({ length: BODY.length - 1 }, (_, i) => i + 1),
    ),
  ).toEqual(PARTS);
});

test("a body without its closing delimiter is truncated", () => {
  const cut = BODY.subarray(0, BODY.length - 40);
  expect(() => parse(cut, "simple boundary", [])).toThrow(MultipartTruncated);
});

test.each([
  ['multipart/mixed; boundary="simple boundary"', "simple boundary"],
  ["multipart/mixed;boundary=abc;charset=x", "abc"],
  ["multipart/mixed", undefined],
])("boundaryOf(%j)", (type, boundary) => {
  expect(boundaryOf(type)).toBe(boundary);
});
