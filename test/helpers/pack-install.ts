// Packs this repository with `npm pack` (prepack compiles lib/package/) and installs the tarball into an
// empty folder of its own, the way an author runs `npm i -D coursewright`: no link to this repository, its
// node_modules or its src/. Shared by test/pack-install.test.ts and bench/install.ts.
import { spawnSync } from "node:child_process";
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
