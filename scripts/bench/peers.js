#!/usr/bin/env node
// The generators the bench compares against, pinned here and installed for the bench only, each
// into its own folder outside the project's dependencies (one prefix per peer and version, so that
// their dependencies never meet ours or each other's, and a new pin installs beside the old one).
//   node scripts/bench/peers.js          installs every missing peer
//   node scripts/bench/peers.js --list   says which are installed, and where
// The folder is node_modules/.cache/bench-peers unless BENCH_PEERS_DIR names another.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * Current releases on the npm registry when pinned (`npm view <name> version`, 2026-12-07).
 * `bin` is the file a `node <bin>` process starts: the real entry, so that every side of the
 * generation row pays one node start-up.
 */
export const PEERS = {
  heyApi: { name: "@hey-api/openapi-ts", version: "0.99.0", bin: "dist/run.mjs" },
  orval: { name: "orval", version: "8.38.0", bin: "dist/bin/orval.mjs" },
};

/**
 * Installed beside each peer: the project's own typescript. hey-api's peer range (">=5.5.3 ||
 * >=6.0.0") otherwise brings typescript 7, whose package has no compiler API for it to load.
 */
export const PROJECT_TYPESCRIPT = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).dependencies.typescript;

export const peersDir = () => process.env.BENCH_PEERS_DIR ?? path.join(root, "node_modules", ".cache", "bench-peers");

/** `name@version` as a folder name: "@hey-api/openapi-ts@0.99.0" -> "hey-api+openapi-ts@0.99.0". */
export function peerFolder({ name, version }) {
  return `${name.replace(/^@/, "").replace("/", "+")}@${version}`;
}

/** The version a package.json text declares, or undefined when the text is not one. */
export function installedVersion(packageJsonText) {
  try {
    const v = JSON.parse(packageJsonText)?.version;
    return typeof v === "string" && /^\d+\.\d+\.\d+(?:[-+][\w.+-]*)?$/.test(v) ? v : undefined;
  } catch {
    return undefined;
  }
}

export const installCommand = (key) => `node scripts/bench/peers.js${key ? ` --only ${key}` : ""}`;

/** Where a peer lives and whether the pinned version is there: { dir, bin, installed, found }. */
export function peerStatus(key, dir = peersDir()) {
  const peer = PEERS[key];
  const prefix = path.join(dir, peerFolder(peer));
  const pkgDir = path.join(prefix, "node_modules", ...peer.name.split("/"));
  const text = existsSync(path.join(pkgDir, "package.json")) ? readFileSync(path.join(pkgDir, "package.json"), "utf8") : "";
  const found = installedVersion(text);
  const bin = path.join(pkgDir, peer.bin);
  const ts = path.join(prefix, "node_modules", "typescript", "package.json");
  const tsFound = existsSync(ts) ? installedVersion(readFileSync(ts, "utf8")) : undefined;
  return { ...peer, key, prefix, bin, found, installed: found === peer.version && tsFound === PROJECT_TYPESCRIPT && existsSync(bin) };
}

/** Installs one peer with `npm install --prefix`; returns its status, with `error` when npm failed. */
export async function installPeer(key, { log = () => {}, dir = peersDir() } = {}) {
  const status = peerStatus(key, dir);
  if (status.installed) return status;
  log(`    installing ${status.name}@${status.version} into ${status.prefix} (first use)`);
  await mkdir(status.prefix, { recursive: true });
  // The prefix's own package.json keeps npm from walking up to the project's.
  await writeFile(
    path.join(status.prefix, "package.json"),
    JSON.stringify({ private: true, dependencies: { [status.name]: status.version, typescript: PROJECT_TYPESCRIPT } }, null, 2) + "\n",
  );
  const r = spawnSync("npm", ["install", "--prefix", status.prefix, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel", "error"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  const after = peerStatus(key, dir);
  if (r.status !== 0 || !after.installed)
    return { ...after, error: `npm install exited ${r.status}: ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" ")}` };
  return after;
}

/** A peer's status for a row: installed (installing on first use), or why not and how to install it. */
export async function usePeer(key, { log, install = true, dir = peersDir() } = {}) {
  const status = install ? await installPeer(key, { log, dir }) : peerStatus(key, dir);
  if (status.installed) return status;
  const what = status.found
    ? `${status.name}@${status.found} is installed, not the pinned ${status.version}`
    : `${status.name}@${status.version} is not installed`;
  return {
    ...status,
    missing: `${what} in ${status.prefix}${status.error ? ` (${status.error})` : ""}; install it with \`${installCommand(key)}\``,
  };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { parseArgs } = await import("node:util");
  const { values } = parseArgs({ options: { list: { type: "boolean" }, only: { type: "string" } } });
  const keys = values.only ? values.only.split(",") : Object.keys(PEERS);
  let failed = false;
  for (const key of keys) {
    if (!PEERS[key]) {
      process.stderr.write(`unknown peer ${key}; peers are ${Object.keys(PEERS).join(", ")}\n`);
      process.exit(2);
    }
    const s = values.list ? peerStatus(key) : await installPeer(key, { log: (l) => process.stderr.write(l.trim() + "\n") });
    failed ||= !s.installed;
    process.stdout.write(`${s.name}@${s.version}: ${s.installed ? `installed in ${s.prefix}` : (s.error ?? "not installed")}\n`);
  }
  process.exit(failed ? 1 : 0);
}
