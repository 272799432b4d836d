// Packs this repository with `npm pack` (prepack compiles lib/package/) and installs the tarball into an
// empty folder of its own, the way an author runs `npm i -D coursewright`: no link to this repository, its
// node_modules or its src/. Shared by test/pack-install.test.ts and bench/install.ts.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT as REPO_ROOT } from "../../src/paths.js";

export interface Run {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment without what npm or a test runner sets that could reach back into this repository. */
export function isolatedEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (key === "NODE_PATH" || key === "NODE_OPTIONS" || key === "INIT_CWD" || /^npm_/i.test(key)) continue;
    env[key] = value;
  }
  return { ...env, NO_COLOR: "1", COURSEWRIGHT_DEBUG: "" };
}

export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Run {
  const r = spawnSync(command, args, { cwd, env: isolatedEnv(), encoding: "utf8", timeout: timeoutMs });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * `run` without blocking the test worker: for commands that take minutes (a native addon compiling), since a
 * worker blocked that long misses the test runner's heartbeat and the run fails though the test passed.
 */
export function runAsync(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...isolatedEnv(), ...env }, timeout: timeoutMs });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function ok(r: Run, what: string): Run {
  if (r.code !== 0) throw new Error(`${what} failed (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  return r;
}

/** `npm pack` into `dir`; returns the tarball's path. */
export function packTarball(dir: string): string {
  const r = ok(run("npm", ["pack", "--json", "--pack-destination", dir], REPO_ROOT), "npm pack");
  // prepack prints its own line before npm's JSON.
  const json = r.stdout.slice(r.stdout.indexOf("["));
  const [info] = JSON.parse(json) as { filename: string }[];
  if (!info) throw new Error(`npm pack printed no file name:\n${r.stdout}`);
  return path.join(dir, info.filename);
}

/** An empty author project in `dir` with the tarball installed as a dev dependency. */
export function installTarball(tarball: string, dir: string): Run {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "author-course", version: "1.0.0", private: true }, null, 2) + "\n");
  return ok(run("npm", ["install", "--save-dev", "--no-audit", "--no-fund", "--prefer-offline", tarball], dir), "npm install");
}

/** The version of `name` this repository's tests run with (package-lock.json). */
export function lockedVersion(name: string): string {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };
  const version = lock.packages[`node_modules/${name}`]?.version;
  if (!version) throw new Error(`${name} is not in package-lock.json`);
  return version;
}

/** The range package.json declares for the optional peer `name`. */
export function peerRange(name: string): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { peerDependencies?: Record<string, string> };
  const range = pkg.peerDependencies?.[name];
  if (!range) throw new Error(`${name} is not a peer dependency in package.json`);
  return range;
}

/** What an author installs for verify, at the versions this repository tests with, from the warm npm cache. */
export function installPeers(dir: string, names: readonly string[]): Run {
  return ok(run("npm", installArgs(names), dir), `npm install ${names.join(" ")}`);
}

/** installPeers without blocking the worker, with extra environment (e.g. sqlitePrebuildEnv's). */
export async function installPeersAsync(dir: string, names: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return ok(await runAsync("npm", installArgs(names), dir, 900_000, env), `npm install ${names.join(" ")}`);
}

/**
 * better-sqlite3 installs through prebuild-install, which downloads a prebuilt addon from GitHub (not
 * reachable here) or else compiles it (≈ 2 min on 2 cores). This repository's node_modules holds that addon,
 * compiled for this Node at the locked version, so it is handed to prebuild-install as a local prebuild, in
 * the file name it looks for (`npm_config_<name>_local_prebuilds`): the author's install gets the same binary
 * in seconds, by the package's own install script. Undefined when this repository has no compiled addon.
 */
export function sqlitePrebuildEnv(dir: string): NodeJS.ProcessEnv | undefined {
  const pkg = path.join(REPO_ROOT, "node_modules", "better-sqlite3");
  const addon = path.join("build", "Release", "better_sqlite3.node");
  if (!fs.existsSync(path.join(pkg, addon))) return undefined;
  const { version } = JSON.parse(fs.readFileSync(path.join(pkg, "package.json"), "utf8")) as { version: string };
  if (version !== lockedVersion("better-sqlite3")) return undefined;
  // prebuild-install's name: {name}-v{version}-{runtime}-v{abi}-{platform}{libc}-{arch}.tar.gz, libc empty on
  // glibc (Debian); elsewhere the name does not match and the install compiles, as without this.
  const folder = path.join(dir, "sqlite-prebuilds");
  fs.mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `better-sqlite3-v${version}-node-v${process.versions.modules}-${process.platform}-${process.arch}.tar.gz`);
  ok(run("tar", ["-czf", file, "-C", pkg, addon], REPO_ROOT), "tar");
  return { npm_config_better_sqlite3_local_prebuilds: folder };
}

function installArgs(names: readonly string[]): string[] {
  return ["install", "--save-dev", "--no-audit", "--no-fund", "--prefer-offline", ...names.map((n) => `${n}@${lockedVersion(n)}`)];
}

/** Bytes under `dir` (files only, symlinks not followed). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) total += folderBytes(p);
    else if (e.isFile()) total += fs.statSync(p).size;
  }
  return total;
}
