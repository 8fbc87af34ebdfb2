#!/usr/bin/env node
// Correctness on the JSON Schema Test Suite: the keyword files OpenAPI uses, draft 2020-12 (what
// OpenAPI 3.1 schemas are) and draft 4 (close to OpenAPI 3.0's Schema Object), per engine.
//   node scripts/bench/validation/suite.js [--json]
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { SUITE_DRAFT4, suite2020Dir } from "./paths.js";
import { heyApiZod, importSource } from "./engines.js";

/** Keyword files that OpenAPI 3.1 / 3.0 use. Left out: see SKIPPED_FILES. */
export const FILES_2020 = [
  "type",
  "enum",
  "const",
  "required",
  "properties",
  "additionalProperties",
  "patternProperties",
  "propertyNames",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "if-then-else",
  "items",
  "prefixItems",
  "contains",
  "minContains",
  "maxContains",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "pattern",
  "minProperties",
  "maxProperties",
  "dependentRequired",
  "dependentSchemas",
  "boolean_schema",
  "ref",
  "default",
  "infinite-loop-detection",
  "optional/format/date-time",
  "optional/format/date",
  "optional/format/time",
  "optional/format/uuid",
  "optional/format/email",
  "optional/format/uri",
  "optional/format/ipv4",
];
export const FILES_DRAFT4 = [
  "type",
  "enum",
  "required",
  "properties",
  "additionalProperties",
  "patternProperties",
  "allOf",
  "anyOf",
  "oneOf",
  "not",
  "items",
  "additionalItems",
  "minItems",
  "maxItems",
  "uniqueItems",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "multipleOf",
  "pattern",
  "minProperties",
  "maxProperties",
  "ref",
  "default",
  "optional/format",
];
export const SKIPPED_FILES =
  "2020-12: anchor, content, defs (meta-schema), dynamicRef, format (annotation-only by default), refRemote, " +
  "unevaluatedItems, unevaluatedProperties, vocabulary, optional/* except the wire formats; " +
  "draft 4: dependencies (not in OpenAPI 3.0), definitions (meta-schema), refRemote, optional/bignum, " +
  "optional/zeroTerminatedFloats. Groups whose schema uses $id, $anchor, $dynamicRef or a remote $ref are skipped.";
const FORMATS_DRAFT4 = new Set(["date-time", "email", "uri", "ipv4"]);

function usesUnsupported(schema) {
  const text = JSON.stringify(schema);
  return (
    /"(unevaluatedProperties|unevaluatedItems)"/.test(text) ||
    /"\$(id|anchor|dynamicRef|dynamicAnchor|recursiveRef|recursiveAnchor|vocabulary)"/.test(text) ||
    /"\$ref":"(?!#)/.test(text) ||
    (/"\$schema":"(?!https:\/\/json-schema\.org\/draft\/2020-12\/schema)/.test(text) &&
      !text.startsWith('{"$schema":"http://json-schema.org/draft-04'))
  );
}

function loadGroups(dir, files, draft) {
  const groups = [];
  let skippedTests = 0;
  for (const file of files) {
    const list = JSON.parse(readFileSync(path.join(dir, file + ".json"), "utf8"));
    for (const group of list) {
      if (draft === "4" && file === "optional/format" && !FORMATS_DRAFT4.has(group.schema.format)) continue;
      if (usesUnsupported(group.schema)) {
        skippedTests += group.tests.length;
        continue;
      }
      groups.push({ file, ...group });
    }
  }
  return { groups, skippedTests };
}

const stripSchema = (s) =>
  s && typeof s === "object" && !Array.isArray(s) ? Object.fromEntries(Object.entries(s).filter(([k]) => k !== "$schema")) : s;

// Each engine: prepare(groups, draft) → (groupIndex) → (value) → boolean, throwing when it cannot compile.
const ENGINES = {
  async ours(groups, draft) {
    const { compileSchemas } = await import("../../../dist/emit/validators/compile.js");
    const { helperSources } = await import("../../../dist/emit/validators/helpers.js");
    const { normaliseSchema } = await import("../../../dist/emit/validators/normalise.js");
    const { refSegments } = await import("../../../dist/emit/validators/compile.js");
    const compiled = groups.map((g) => {
      try {
        let schema = g.schema;
        if (draft === "4") {
          const resolve = (ref) => refSegments(ref).reduce((n, s) => n?.[s], g.schema);
          // draft 4's tuple `items` become `prefixItems` (OpenAPI 3.0 has no tuples): so do pointers to them.
          const ref = (r) => r.replace(/\/items\/(\d+)/g, "/prefixItems/$1");
          schema = normaliseSchema(g.schema, { dialect: "3.0", ref, resolve });
        }
        const c = compileSchemas(schema, { root: "#" });
        return [...helperSources(c.helpers), ...c.code, `export default (v) => ${c.entries.root}(v, "", null);`].join("\n");
      } catch (err) {
        return err;
      }
    });
    const mods = await Promise.all(
      compiled.map((c) =>
        c instanceof Error
          ? c
          : importSource(
              "interface ValidationIssue { path: string; message: string; keyword: string }\ntype Check = (x: any, p: string, e: ValidationIssue[] | null) => boolean;\n" +
                c,
              { typescript: true },
            ).catch((e) => e),
      ),
    );
    return (i) => {
      if (mods[i] instanceof Error) throw mods[i];
      return mods[i].default;
    };
  },
  async ajv(groups, draft) {
    const Ajv = draft === "4" ? (await import("ajv-draft-04")).default : (await import("ajv/dist/2020.js")).default;
    const { default: addFormats } = await import("ajv-formats");
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats(ajv);
    return (i) => {
      const validate = ajv.compile(stripSchema(groups[i].schema));
      return (v) => validate(v);
    };
  },
  async cfworker(groups, draft) {
    const { Validator } = await import("@cfworker/json-schema");
    return (i) => {
      const validator = new Validator(groups[i].schema, draft === "4" ? "4" : "2020-12", false);
      return (v) => validator.validate(v).valid;
    };
  },
  async zod(groups, draft) {
    // Per keyword file, one OpenAPI document with each group's schema as a component, through
    // hey-api's zod plugin; a file it cannot generate fails alone.
    const rewrite = (node, i) =>
      JSON.parse(JSON.stringify(node).replace(/"\$ref":"#(\/[^"]*)?"/g, (_, p = "") => `"$ref":"#/components/schemas/Case${i}${p}"`));
    const byFile = new Map();
    groups.forEach((g, i) => byFile.set(g.file, [...(byFile.get(g.file) ?? []), i]));
    const checks = new Map();
    for (const indexes of byFile.values()) {
      const schemas = Object.fromEntries(indexes.map((i) => [`Case${i}`, rewrite(stripSchema(groups[i].schema), i)]));
      const doc = {
        openapi: draft === "4" ? "3.0.3" : "3.1.0",
        info: { title: "suite", version: "1" },
        paths: {},
        components: { schemas },
      };
      const dir = mkdtempSync(path.join(os.tmpdir(), "suite-zod-"));
      try {
        const input = path.join(dir, "suite.json");
        writeFileSync(input, JSON.stringify(doc));
        const mod = await importSource(heyApiZod(input, { out: path.join(dir, "out") }), { typescript: true });
        for (const i of indexes) checks.set(i, mod[`zCase${i}`] ?? new Error(`no zCase${i}`));
      } catch (err) {
        for (const i of indexes) checks.set(i, err);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return (i) => {
      const schema = checks.get(i);
      if (schema instanceof Error) throw schema;
      return (v) => schema.safeParse(v).success;
    };
  },
};

async function runDialect(label, dir, files, draft) {
  const { groups, skippedTests } = loadGroups(dir, files, draft);
  const totals = {};
  const byFile = {};
  for (const [engine, prepare] of Object.entries(ENGINES)) {
    let get;
    try {
      get = await prepare(groups, draft);
    } catch (err) {
      get = () => {
        throw err;
      };
    }
    const t = (totals[engine] = { pass: 0, fail: 0, failures: [] });
    groups.forEach((g, i) => {
      const f = (byFile[g.file] ??= {});
      const row = (f[engine] ??= { pass: 0, fail: 0 });
      let validate;
      try {
        validate = get(i);
      } catch (_err) {
        validate = undefined;
      }
      for (const test of g.tests) {
        let got;
        try {
          got = validate ? Boolean(validate(test.data)) : "error";
        } catch {
          got = "error";
        }
        if (got === test.valid) {
          t.pass++;
          row.pass++;
        } else {
          t.fail++;
          row.fail++;
          if (t.failures.length < 400)
            t.failures.push(`${g.file}: ${g.description} / ${test.description} (want ${test.valid}, got ${got})`);
        }
      }
    });
  }
  return { dialect: label, tests: groups.reduce((n, g) => n + g.tests.length, 0), skippedTests, totals, byFile };
}

export async function suiteFigures() {
  const out = { skippedFiles: SKIPPED_FILES, dialects: [] };
  const dir2020 = suite2020Dir();
  if (dir2020) out.dialects.push(await runDialect("draft 2020-12 (OpenAPI 3.1)", dir2020, FILES_2020, "2020-12"));
  else out.missing = "draft 2020-12: set JSON_SCHEMA_TEST_SUITE to a checkout of json-schema-org/JSON-Schema-Test-Suite";
  out.dialects.push(await runDialect("draft 4 (OpenAPI 3.0)", SUITE_DRAFT4, FILES_DRAFT4, "4"));
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await suiteFigures();
  if (process.argv.includes("--json")) console.log(JSON.stringify(figures, null, 2));
  else {
    for (const d of figures.dialects) {
      console.log(`\n${d.dialect}: ${d.tests} tests (${d.skippedTests} skipped)`);
      for (const [engine, t] of Object.entries(d.totals)) console.log(`  ${engine.padEnd(9)} ${t.pass} pass, ${t.fail} fail`);
    }
    if (process.argv.includes("--failures"))
      for (const d of figures.dialects)
        for (const [engine, t] of Object.entries(d.totals))
          for (const f of t.failures) console.log(`${d.dialect.slice(0, 10)} ${engine}: ${f}`);
  }
}
