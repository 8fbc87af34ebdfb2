import { deref } from "../../document/refs.js";
import { follow, isObject, own } from "../../document/own.js";
import { pointer, pointerSegments } from "../../document/pointer.js";
import type { ApiModel, OperationModel } from "../../model/types.js";
import { schemaBundle } from "../validators/bundle.js";
import { type Checks, compileChecks } from "./checks.js";
import { type Built, CUT, ExampleBuilder, type ExampleOptions } from "./example.js";

/**
 * Each operation's example answers, one per declared JSON response: the document's own example
 * when the generated validators accept it, else one built from the schema, trying a fuller then
 * a smaller one and other branches of its unions until the validators accept it. What no attempt
 * makes valid is kept (the best the schema allows) and reported as `invalid`.
 */
export type ExampleSource = "document" | "built" | "invalid";

export interface ExampleAnswer {
  value: unknown;
  source: ExampleSource;
}

export interface OperationExamples {
  /** Status → its example, for the JSON responses of the operation (2xx, then the errors). */
  responses: Record<string, ExampleAnswer>;
  /** One item of a streamed answer, when its schema is a named one. */
  event?: unknown;
}

export interface Examples {
  operations: Record<string, OperationExamples>;
  /** Every example that the validators refuse: `operation status`. */
  invalid: string[];
  /** The shared examples of the components, by their pointer below `$defs` (values are shared by identity). */
  components: ReadonlyMap<string, unknown>;
}

/** Other ways to build an example when the first is refused: smaller, then other union branches. */
const ATTEMPTS: ReadonlyArray<Omit<ExampleOptions, "seed">> = [
  { minimal: true },
  { branch: 1 },
  { branch: 1, minimal: true },
  { branch: 2 },
  { branch: 3 },
];

/** The example the document gives for a response's media type: `example`, or the first of `examples`. */
function documentExample(model: ApiModel, op: OperationModel, status: string, contentType: string): { value: unknown } | undefined {
  const doc = model.document;
  const response = deref(doc, follow(doc, [...pointerSegments(op.pointer), "responses", status]));
  const media = isObject(response) && isObject(response.content) ? own(response.content, contentType) : undefined;
  if (!isObject(media)) return undefined;
  if (media.example !== undefined) return { value: media.example };
  if (isObject(media.examples)) {
    for (const name of Object.keys(media.examples).sort()) {
      const example = deref(doc, media.examples[name]);
      if (isObject(example) && example.value !== undefined) return { value: example.value };
    }
  }
  return undefined;
}

export function buildExamples(model: ApiModel, seed: number): Examples {
  // The validators' bundle, with the error responses too (the validators themselves check only the 2xx ones).
  const operations = model.operations.map((op) => ({ ...op, success: [...op.success, ...op.errors] }));
  const bundle = schemaBundle({ document: model.document, operations });
  const entries: Record<string, string> = {};
  for (const [op, statuses] of Object.entries(bundle.responses))
    for (const [status, ref] of Object.entries(statuses)) entries[`${op} ${status}`] = ref;
  const checks: Checks = compileChecks(bundle.schema, entries);
  const shared = new ExampleBuilder(bundle.schema, { seed });
  const out: Examples = { operations: {}, invalid: [], components: shared.components };
  for (const op of operations) {
    const responses: Record<string, ExampleAnswer> = {};
    for (const [status, ref] of Object.entries(bundle.responses[op.name] ?? {})) {
      const key = `${op.name} ${status}`;
      const valid = (value: Built) => value !== CUT && checks[key]!(value);
      const response = op.success.find((r) => r.status === status)!;
      const given = documentExample(model, op, status, response.contentType!);
      if (given && valid(given.value)) {
        responses[status] = { value: given.value, source: "document" };
        continue;
      }
      const first = shared.build(ref, key);
      let chosen: ExampleAnswer | undefined = valid(first) ? { value: first, source: "built" } : undefined;
      for (const attempt of ATTEMPTS) {
        if (chosen) break;
        const value = new ExampleBuilder(bundle.schema, { seed, ...attempt }).build(ref, key);
        if (valid(value)) chosen = { value, source: "built" };
      }
      if (!chosen) {
        out.invalid.push(key);
        chosen = { value: first === CUT ? null : first, source: "invalid" };
      }
      responses[status] = chosen;
    }
    const name = op.streaming?.schemaName;
    const event =
      name !== undefined && own(bundle.schema.$defs, name) !== undefined
        ? shared.build(`#${pointer(["$defs", name])}`, `${op.name} event`)
        : undefined;
    out.operations[op.name] = { responses, ...(event !== undefined && event !== CUT ? { event } : {}) };
  }
  return out;
}
