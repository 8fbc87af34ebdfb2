// The generator as another project gets it: `npm pack`, installed from the tarball into a fresh
// project that has nothing else, run through npx, through a package.json script and from a config
// file, and its client type-checked with the project's tsc and run against a local server.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { root } from "../tsc.js";

let dir: string;
let project: string;
let tarball: string;
/** What `npm install <tarball>` printed, at npm's default log level. */
let installed: { stdout: string; stderr: string };

/** Runs a command in the project, as its user would. */
function run(command: string, args: string[], cwd = project) {
  const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, npm_config_update_notifier: "false" } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(" ")} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result;
}

beforeAll(() => {
  // `npm test` has built dist/; --ignore-scripts keeps `prepack` from rebuilding it under the other suites' feet.
  dir = mkdtempSync(path.join(os.tmpdir(), "ocg-pack-"));
  const packed = run("npm", ["pack", "--pack-destination", dir, "--silent", "--ignore-scripts"], root).stdout.trim().split("\n").pop()!;
  tarball = path.join(dir, packed);
  project = path.join(dir, "project");
  mkdirSync(project);
  writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "a-project", private: true, type: "module" }));
  // The registry's packages come from npm's cache when it has them (CI's `npm ci` filled it).
  installed = run("npm", ["install", tarball, "--prefer-offline", "--no-audit", "--no-fund"]);
  writeFileSync(path.join(project, "pets.json"), readFileSync(path.join(root, "test/fixtures/petstore-3.0.json")));
}, 180000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("the tarball ships the compiled generator and runtime, and nothing of the repository", () => {
  const listed = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
  expect(listed).toContain("package/dist/cli/bin.js");
  expect(listed).toContain("package/dist/index.d.ts");
  expect(listed).toContain("package/dist/runtime/send.js");
  expect(listed.filter((f) => /^package\/(src|test|spec|generated|scripts)\//.test(f) || f.endsWith(".map"))).toEqual([]);
});

test("installing the tarball runs no script of ours and npm warns of none; --version names the version installed", () => {
  // npm 11 warns of every package with an install-time script (`prepare` among them) not allowed by the project.
  expect(installed.stderr).not.toMatch(/install[- ]scripts?|prepare|openapi-client-gen/i);
  const manifest = JSON.parse(readFileSync(path.join(project, "node_modules/openapi-client-gen/package.json"), "utf8"));
  expect(Object.keys(manifest.scripts ?? {}).filter((name) => /^(pre|post)?(install|prepare)$/.test(name))).toEqual([]);
  expect(manifest.license).toBe("MIT");
  expect(run("npx", ["openapi-client-gen", "--version"]).stdout).toBe(`${manifest.version}\n`);
});

test("npx generates a client whose header names the npx command that regenerates it", () => {
  const out = run("npx", ["openapi-client-gen", "--input", "pets.json", "--output", "src/pets"]);
  expect(out.stdout).toMatch(/^pets\.json: 7 operations → src\/pets \(\d+ written\)/);
  expect(readFileSync(path.join(project, "src/pets/index.js"), "utf8")).toContain(
    "// Regenerate: npx openapi-client-gen --input pets.json --output src/pets\n",
  );
  expect(run("npx", ["openapi-client-gen", "--input", "pets.json", "--output", "src/pets"]).stdout).toMatch(/\(unchanged\)/);
});

test("a package.json script runs it, and the header names that script", () => {
  run("npm", ["pkg", "set", "scripts.api=openapi-client-gen --input pets.json --output src/by-script"]);
  run("npm", ["run", "api", "--silent"]);
  // The installed command itself, without npm around it.
  run(path.join(project, "node_modules/.bin/openapi-client-gen"), ["--input", "pets.json", "--output", "src/direct"]);
  expect(readFileSync(path.join(project, "src/direct/index.js"), "utf8")).toContain(
    "// Regenerate: openapi-client-gen --input pets.json --output src/direct\n",
  );
  expect(readFileSync(path.join(project, "src/by-script/index.js"), "utf8")).toContain("// Regenerate: npm run api\n");
});

test("a typed config file at the project root lists the documents; its client type-checks and runs", async () => {
  writeFileSync(
    path.join(project, "openapi-client-gen.config.ts"),
    `import { defineConfig } from "openapi-client-gen";\n\nexport default defineConfig({\n  documents: [{ input: "pets.json", output: "src/from-config", exclude: ["deletePet"] }],\n});\n`,
  );
  expect(run(path.join(project, "node_modules/.bin/openapi-client-gen"), []).stdout).toMatch(
    /^pets\.json: 6 operations → src\/from-config/,
  );
  expect(readdirSync(path.join(project, "src"))).toContain("from-config");
  writeFileSync(
    path.join(project, "main.ts"),
    `import { createClient, NotFoundError } from "./src/from-config/index.js";\n` +
      `const baseUrl = (globalThis as unknown as { process: { argv: string[] } }).process.argv[2]!;\n` +
      `const api = createClient({ baseUrl, credentials: { basicAuth: { username: "u", password: "p" } } });\n` +
      `const pet = await api.getPet({ petId: 1, "X-Trace": "t" });\n` +
      `const name: string = pet.name;\n` +
      `try { await api.getPet({ petId: 2, "X-Trace": "t" }); } catch (e) { console.log(e instanceof NotFoundError ? "not found" : "other"); }\n` +
      `console.log(name);\n`,
  );
  writeFileSync(
    path.join(project, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: "nodenext",
        moduleResolution: "nodenext",
        target: "es2022",
        lib: ["es2022", "dom"],
        types: [],
        skipLibCheck: false,
      },
      files: ["main.ts", "openapi-client-gen.config.ts"],
    }),
  );
  run("npx", ["tsc", "-p", "tsconfig.json"]);
  const server = http.createServer((req, res) => {
    const found = req.url === "/pets/1";
    res
      .writeHead(found ? 200 : 404, { "content-type": "application/json" })
      .end(JSON.stringify(found ? { id: 1, name: "Rex" } : { message: "no pet" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const child = spawn(process.execPath, [path.join(project, "main.js"), url], { cwd: project });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d));
    child.stderr.on("data", (d: Buffer) => (stderr += d));
    const code = await new Promise((resolve) => child.on("exit", resolve));
    expect({ code, stdout, stderr }).toEqual({ code: 0, stdout: "not found\nRex\n", stderr: "" });
  } finally {
    server.close();
  }
}, 60000);
