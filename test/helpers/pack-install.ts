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
export function runAsync(command: string, args: readonly string[], cwd: string, timeoutMs = 600_000): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: isolatedEnv(), timeout: timeoutMs });
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

/** installPeers for a slow install (better-sqlite3 compiles its addon where no prebuilt binary is reachable). */
export async function installPeersAsync(dir: string, names: readonly string[]): Promise<Run> {
  return ok(await runAsync("npm", installArgs(names), dir, 900_000), `npm install ${names.join(" ")}`);
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
