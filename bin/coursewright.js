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

function current() {
  try {
    const cli = path.join(lib, fs.readFileSync(pointer, "utf8").trim(), "cli.js");
    return fs.existsSync(cli) ? cli : undefined;
  } catch {
    return undefined;
  }
}

let cli;
if (!fs.existsSync(src)) {
  cli = path.join(lib, "package", "cli.js");
} else {
  cli = current();
  const inputs = () => Math.max(newest(src), ...["package.json", "package-lock.json", "scripts/compile.mjs"].map((f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : 0)));
  if (!cli || inputs() > fs.statSync(pointer).mtimeMs) {
    const { compile } = await import(pathToFileURL(path.join(root, "scripts", "compile.mjs")).href);
    const name = `build-${Date.now().toString(36)}-${process.pid}`;
    cli = await compile(path.join(lib, name));
    // Switch atomically: parallel runs never load a half-written build.
    fs.writeFileSync(`${pointer}.${process.pid}`, name);
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
