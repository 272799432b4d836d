#!/usr/bin/env node
// Starts the compiled CLI. An installed package ships it prebuilt in lib/package/ (compiled by prepack);
// in a clone of the repository (src/ present) it is compiled into lib/build-*/ when missing or older than
// any source file or the lock file, so every later run starts fast.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, "src");
const lib = path.join(root, "lib");
const pointer = path.join(lib, "current");

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

/** The current build's cli.js, and the newest source time it was compiled from (`<name> <ms>` in the pointer). */
function current() {
  try {
    const [name = "", from] = fs.readFileSync(pointer, "utf8").trim().split(" ");
    const cli = path.join(lib, name, "cli.js");
    return fs.existsSync(cli) ? { cli, from: Number(from) || fs.statSync(pointer).mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

let cli;
if (!fs.existsSync(src)) {
  cli = path.join(lib, "package", "cli.js");
} else {
  const found = current();
  cli = found?.cli;
  const inputs = () => Math.max(newest(src), ...["package.json", "package-lock.json", "scripts/compile.mjs"].map((f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : 0)));
  if (!found || inputs() > found.from) {
    const { compile } = await import(pathToFileURL(path.join(root, "scripts", "compile.mjs")).href);
    const name = `build-${Date.now().toString(36)}-${process.pid}`;
    // The build is as new as the sources it started from: a file saved while it compiles is newer than that,
    // so the next run compiles again instead of keeping a stale build.
    const startedFrom = inputs();
    cli = await compile(path.join(lib, name));
    // Switch atomically: parallel runs never load a half-written build.
    fs.writeFileSync(`${pointer}.${process.pid}`, `${name} ${startedFrom}`);
    fs.renameSync(`${pointer}.${process.pid}`, pointer);
    // Remove builds that are an hour old: never one a process started alongside this one may still be
    // loading chunks from (parallel first runs each compile their own).
    for (const d of fs.readdirSync(lib)) {
      const dir = path.join(lib, d);
      if (d.startsWith("build-") && d !== name && Date.now() - fs.statSync(dir).mtimeMs > 3_600_000) fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
await import(pathToFileURL(cli).href);
