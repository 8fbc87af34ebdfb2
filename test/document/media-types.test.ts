import {
  acceptHeader,
  isMediaRange,
  isMediaType,
  mediaEssence,
  type ResponseKind,
  responseKind,
  responseKinds,
  responseTypesByPreference,
} from "../../src/document/media-types.js";
import { readingOf } from "../../src/runtime/read-body.js";

// The generator types a response by the table in media-types.ts; the runtime reads the Content-Type
// the server sends by its own few lines (it cannot import the generator). One table for both:
const READING: Record<Exclude<ResponseKind, "none">, ReturnType<typeof readingOf>> = {
  json: "json",
  text: "text",
  blob: "bytes",
  stream: "events",
};

test.each<[string, ResponseKind]>([
  ["application/json", "json"],
  ["application/json; charset=utf-8", "json"],
  ["Application/JSON", "json"],
  ["application/problem+json", "json"],
  ["application/vnd.github.v3+json", "json"],
  ["application/json;stream=watch", "json"],
  ["text/plain", "text"],
  ["text/html; charset=utf-8", "text"],
  ["text/csv", "text"],
  ["text/event-stream", "stream"],
  ["application/x-ndjson", "stream"],
  ["application/jsonl", "stream"],
  ["application/json-seq", "stream"],
  ["application/octet-stream", "blob"],
  ["application/pdf", "blob"],
  ["application/xml", "blob"],
  ["application/yaml", "blob"],
  ["image/png", "blob"],
  ["*/*", "blob"],
])("%s is read as %s, by the generator and by the runtime alike", (type, kind) => {
  expect(responseKind(type)).toBe(kind);
  expect(readingOf(type)).toBe(READING[kind as Exclude<ResponseKind, "none">]);
});

test.each<[string, ResponseKind[]]>([
  ["application/json", ["json"]],
  ["image/png", ["blob"]],
  ["*/*", ["json", "text", "stream", "blob"]],
  ["text/*", ["text", "stream"]],
  ["application/*", ["json", "stream", "blob"]],
  ["image/*", ["blob"]],
  ["*/*; q=0.5", ["json", "text", "stream", "blob"]],
])("a declared %s can be read as %j", (type, kinds) => expect(responseKinds(type)).toEqual(kinds));

test.each<[string, boolean, boolean]>([
  ["application/json", true, false],
  ["application/json ; charset=utf-8", true, false],
  ["*/*", true, true],
  ["image/*", true, true],
  ["new", false, false],
  ["application/json\r\nX-Injected: 1", false, false],
  ["application", false, false],
])("%j is a media type: %s; a range: %s", (type, valid, range) => {
  expect(isMediaType(type)).toBe(valid);
  expect(isMediaRange(type)).toBe(range);
});

test("the essence: no parameters, lower-case", () => expect(mediaEssence(" Text/HTML ; charset=UTF-8")).toBe("text/html"));

test("preference: JSON, text, streams, bytes, then ranges; ties in the document's order", () =>
  expect(responseTypesByPreference(["*/*", "image/png", "text/event-stream", "image/svg+xml", "text/plain", "application/json"])).toEqual([
    "application/json",
    "text/plain",
    "text/event-stream",
    "image/png",
    "image/svg+xml",
    "*/*",
  ]));

test.each<[string[], string | undefined]>([
  [["application/json"], "application/json"],
  [["image/png"], "image/png"],
  [["image/png", "application/json", "image/svg+xml"], "application/json, image/png;q=0.9, image/svg+xml;q=0.9"],
  [["*/*", "image/png", "application/json"], "application/json, image/png;q=0.9, */*;q=0.8"],
  [["image/png", "*/*"], "image/png, */*;q=0.9"],
  [["application/json", "text/event-stream"], "application/json, text/event-stream;q=0.9"],
  [["application/json", "application/problem+json", "application/json"], "application/json, application/problem+json"],
  [
    ["application/json", "application/yaml", "application/vnd.kubernetes.protobuf"],
    "application/json, application/yaml;q=0.9, application/vnd.kubernetes.protobuf;q=0.9",
  ],
  [["new"], undefined],
  [[], undefined],
])("Accept for %j: %j", (types, accept) => expect(acceptHeader(types)).toBe(accept));
