// The validator engines under comparison, each behind the same two steps:
//   generate(input) → { files: { name: text }, notes }   what the generator would write
//   load(generated, input) → { entry(pointer) → (value) → issues[] }   what a client would run
// `input` is { doc, bundle, file } where `bundle` is our JSON Schema 2020-12 bundle of the document
// (src/emit/validators/bundle.ts): ours, ajv and the interpreter all start from it; zod is generated
// by @hey-api/openapi-ts from the OpenAPI document itself (its own reading of OpenAPI).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { root } from "./paths.js";

let loads = 0;
/** Imports TypeScript or JavaScript source from a file under .tmp/ (so that packages resolve). */
export async function importSource(source, { typescript = false, ext = ".mjs" } = {}) {
  const dir = path.join(root, ".tmp", "validation");
  mkdirSync(dir, { recursive: true });
  const js = typescript
    ? ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText
    : source;
  const file = path.join(dir, `m${process.pid}-${loads++}${ext}`);
  writeFileSync(file, js);
  return import(pathToFileURL(file).href);
}

const issuePath = (segments) => segments.map((s) => "/" + String(s).replace(/~/g, "~0").replace(/\//g, "~1")).join("");

// ---------------------------------------------------------------------------------------------
export const ours = {
  key: "ours",
  label: "own emitter (plain JS)",
  async generate({ bundle }) {
    const { emitValidatorModule } = await import("../../../dist/emit/validators/module.js");
    const out = emitValidatorModule(bundle);
    return { files: { "validators.js": out.source, "validators.d.ts": out.declarations }, notes: out.ignored };
  },
  /** Entries are compiled on demand: `pointers` → one module exporting each as a checker. */
  async load({ bundle }, pointers) {
    const { compileSchemas } = await import("../../../dist/emit/validators/compile.js");
    const { helperSources } = await import("../../../dist/emit/validators/helpers.js");
    const entries = Object.fromEntries(pointers.map((p, i) => [`e${i}`, p]));
    const compiled = compileSchemas(bundle.schema, entries);
    const source = [
      'function run(check, value) { if (check(value, "", null)) return []; const e = []; check(value, "", e); return e; }',
      ...helperSources(compiled.helpers),
      ...compiled.code,
      `export const entries = [${pointers.map((_, i) => `(v) => run(${compiled.entries[`e${i}`]}, v)`).join(", ")}];`,
    ].join("\n");
    const mod = await importSource(source);
    return (pointer) => mod.entries[pointers.indexOf(pointer)];
  },
};

// ---------------------------------------------------------------------------------------------
async function ajvInstance({ discriminator = false } = {}) {
  const { default: Ajv2020 } = await import("ajv/dist/2020.js");
  const { _ } = await import("ajv");
  const { default: addFormats } = await import("ajv-formats");
  // validateSchema: false, because real documents break the meta-schema (OpenAI's has duplicate
  // `required` entries and a boolean `$recursiveAnchor`) and the generator must still work.
  const ajv = new Ajv2020({
    allErrors: true,
    strict: false,
    validateSchema: false,
    discriminator,
    code: { source: true, esm: true, lines: false },
  });
  addFormats(ajv);
  // int64 travels as a JSON number; ajv-formats' int64 also checks that it is an integer.
  ajv.addKeyword({
    keyword: "x-binary",
    schemaType: "boolean",
    code(cxt) {
      const d = cxt.data;
      cxt.fail(_`!(typeof ${d} === "string" || (typeof Blob !== "undefined" && ${d} instanceof Blob) || ${d} instanceof Uint8Array)`);
    },
  });
  ajv.addKeyword({ keyword: "x-forbidden" }); // `not: {}` beside it does the work
  return ajv;
}

function ajvIssues(errors) {
  return (errors ?? []).map((e) => ({
    path: e.instancePath + (e.keyword === "required" ? "/" + e.params.missingProperty : ""),
    message: e.message ?? e.keyword,
    keyword: e.keyword,
  }));
}

export const ajv = {
  key: "ajv",
  label: "ajv standalone (JS + ajv runtime)",
  async generate({ bundle }, pointers) {
    const { default: standaloneCode } = await import("ajv/dist/standalone/index.js");
    const notes = [];
    const refs = pointers ?? [...Object.values(bundle.requests), ...Object.values(bundle.responses).flatMap((s) => Object.values(s))];
    const map = Object.fromEntries(refs.map((p, i) => [`v${i}`, `api${p}`]));
    let code;
    for (const discriminator of [true, false]) {
      const instance = await ajvInstance({ discriminator });
      instance.addSchema({ $id: "api", ...bundle.schema });
      try {
        for (const ref of Object.values(map)) instance.getSchema(ref); // compiles
        code = standaloneCode(instance, map);
        if (!discriminator)
          notes.push("discriminator: ajv's option rejects this document's discriminators; compiled without it (oneOf/anyOf alone)");
        break;
      } catch (err) {
        if (!discriminator) throw err;
        notes.push(`discriminator: true failed: ${String(err.message).split("\n")[0]}`);
      }
    }
    const imports = [...new Set([...code.matchAll(/require\("([^"]+)"\)|from "([^"]+)"/g)].map((m) => m[1] ?? m[2]))];
    notes.push(`runtime imports: ${imports.join(", ") || "none"}`);
    return { files: { "validators.js": code }, notes, pointers: refs, imports };
  },
  async load(input, pointers) {
    const generated = await ajv.generate(input, pointers);
    // Standalone ESM still require()s its runtime helpers; give the module a require.
    const source =
      `import { createRequire } from "node:module";\nconst require = createRequire(import.meta.url);\n` + generated.files["validators.js"];
    const mod = await importSource(source);
    return (pointer) => {
      const validate = mod[`v${pointers.indexOf(pointer)}`];
      return (value) => (validate(value) ? [] : ajvIssues(validate.errors));
    };
  },
};

// ---------------------------------------------------------------------------------------------
export const interpreter = {
  key: "cfworker",
  label: "@cfworker/json-schema (interprets JSON)",
  async generate({ bundle }) {
    return {
      files: { "schemas.json": JSON.stringify(bundle.schema) },
      notes: ["x-binary, discriminator and int32/int64 are not known to it: ignored"],
    };
  },
  async load({ bundle }) {
    const { dereference, validate } = await import("@cfworker/json-schema");
    const base = "https://github.com/cfworker#";
    const lookup = dereference(structuredClone(bundle.schema));
    return (pointer) => {
      const schema = lookup[base + pointer.slice(1)];
      if (schema === undefined) throw new Error(`cfworker: no schema at ${pointer}`);
      return (value) => {
        const r = validate(value, schema, "2020-12", lookup, false);
        return r.valid
          ? []
          : r.errors
              .filter((e) => !/^(properties|\$ref|items|allOf|anyOf|oneOf|prefixItems)$/.test(e.keyword))
              .map((e) => ({ path: e.instanceLocation.replace(/^#/, ""), message: e.error, keyword: e.keyword }));
      };
    };
  },
};

// ---------------------------------------------------------------------------------------------
/** Runs @hey-api/openapi-ts with only its zod plugin, in a child process; returns zod.gen.ts. */
export function heyApiZod(file, { mini = false, out } = {}) {
  const script = `
    const { createClient } = await import("@hey-api/openapi-ts");
    await createClient({ input: process.argv[1], output: process.argv[2], logs: { level: "silent", file: false },
      plugins: [{ name: "zod", compatibilityVersion: process.argv[3] === "mini" ? "mini" : 4 }] });`;
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script, path.resolve(file), out, mini ? "mini" : "4"], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 28,
  });
  if (r.status !== 0) throw new Error(`hey-api zod failed: ${(r.stderr || r.stdout).slice(-800)}`);
  return readFileSync(path.join(out, "zod.gen.ts"), "utf8");
}

/** hey-api's name for an operation: its operationId in PascalCase. */
export const heyName = (operationId) =>
  operationId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");

function zodIssues(error) {
  return error.issues.map((i) => ({ path: issuePath(i.path), message: i.message, keyword: i.code }));
}

export const zod = {
  key: "zod",
  label: "zod 4 via @hey-api/openapi-ts",
  mini: false,
  async generate({ file }, _pointers, { out } = {}) {
    const source = heyApiZod(file, { mini: this.mini, out });
    return { files: { "zod.gen.ts": source }, notes: [] };
  },
  /** `names` maps a pointer to the exported schema that checks it (the caller knows hey-api's names). */
  async load({ file }, _names, { out, source } = {}) {
    const text = source ?? heyApiZod(file, { mini: this.mini, out });
    const mod = await importSource(text, { typescript: true });
    return (name) => {
      const schema = mod[name];
      if (!schema) throw new Error(`zod: no export ${name}`);
      return (value) => {
        const r = schema.safeParse(value);
        return r.success ? [] : zodIssues(r.error);
      };
    };
  },
};

export const zodMini = { ...zod, key: "zodMini", label: "zod/mini via @hey-api/openapi-ts", mini: true };

export const ENGINES = [ours, ajv, interpreter, zod];
