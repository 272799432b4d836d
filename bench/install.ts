// Install figures for a build-only author (issue 11 §1): `npm i -D <tarball>` into an empty folder with a
// warm npm cache (a first, unmeasured install fills it), its wall time, and the installed size (du).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { folderBytes, installTarball, packTarball } from "../test/helpers/pack-install.js";

export interface InstallResult {
  readonly tarballBytes: number;
  /** Wall time of `npm install` of the tarball into an empty folder, warm cache. */
  readonly ms: number;
  /** Disk usage of the folder's node_modules (du -sk), bytes. */
  readonly installedBytes: number;
  /** Packages installed (folders with a package.json directly under node_modules, scopes included). */
  readonly packages: number;
}

function du(dir: string): number {
  const r = spawnSync("du", ["-sk", dir], { encoding: "utf8" });
  const kib = Number(r.stdout.split("\t")[0]);
  return r.status === 0 && Number.isFinite(kib) ? kib * 1024 : folderBytes(dir);
}

function countPackages(modules: string): number {
  let n = 0;
  for (const name of fs.readdirSync(modules)) {
    if (name.startsWith(".")) continue;
    if (name.startsWith("@")) n += fs.readdirSync(path.join(modules, name)).length;
    else n++;
  }
  return n;
}

export function measureInstall(tmp: string): InstallResult {
  const tarball = packTarball(tmp);
  installTarball(tarball, path.join(tmp, "install-warmup"));
  const dir = path.join(tmp, "install-measured");
  const t0 = performance.now();
  installTarball(tarball, dir);
  const ms = performance.now() - t0;
  const modules = path.join(dir, "node_modules");
  return { tarballBytes: fs.statSync(tarball).size, ms, installedBytes: du(modules), packages: countPackages(modules) };
}
