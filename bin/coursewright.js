#!/usr/bin/env node
// Starts the compiled CLI. An installed package ships it prebuilt in lib/package/ (compiled by prepack);
// in a clone of the repository (src/ present) it is compiled into lib/build-*/ when missing or older than
// any source file or the lock file, so every later run starts fast. It runs through V8's code cache:
// most of a build's start is V8 compiling the bundled dependencies, and the cache skips that.
import fs from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import vm from "node:vm";

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

/** The current build's cli.cjs, and the newest source time it was compiled from (`<name> <ms>` in the pointer). */
function current() {
  try {
    const [name = "", from] = fs.readFileSync(pointer, "utf8").trim().split(" ");
    const cli = path.join(lib, name, "cli.cjs");
    return fs.existsSync(cli) ? { cli, from: Number(from) || fs.statSync(pointer).mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

let cli;
if (!fs.existsSync(src)) {
  cli = path.join(lib, "package", "cli.cjs");
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

/**
 * Where V8's compiled code for `file` is kept, per command (each compiles different functions): in
 * COURSEWRIGHT_CACHE_DIR ("off": nowhere), else node_modules/.cache/coursewright/code of this package. Named
 * by the file's folder, size and time (a recompile is a new name) and the Node version: V8 itself checks only
 * its version, flags and the source's length before it uses a cache, so the name must say the rest.
 */
function codeCacheFile(file) {
  const dir = process.env.COURSEWRIGHT_CACHE_DIR;
  if (dir === "off") return undefined;
  const { size, mtimeMs } = fs.statSync(file);
  const command = /^[a-z]+$/.test(process.argv[2] ?? "") ? process.argv[2] : "other";
  const name = `${path.basename(path.dirname(file))}.${size}.${Math.round(mtimeMs)}.${process.version}.${process.arch}`;
  return path.join(dir || path.join(root, "node_modules", ".cache", "coursewright"), "code", `${name}.${command}.bin`);
}

/** Runs the CommonJS `file` as Node's require would, from its code cache when there is a usable one. */
function runScript(file) {
  const cacheFile = codeCacheFile(file);
  let cachedData;
  try {
    if (cacheFile) cachedData = fs.readFileSync(cacheFile);
  } catch {
    /* none yet */
  }
  const script = new vm.Script(Module.wrap(fs.readFileSync(file, "utf8")), {
    filename: file,
    cachedData,
    // import() of a file the bundle does not hold (a course's own code): Node's own loader.
    importModuleDynamically: vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // At exit, so the cache holds every function this command compiled, not only the top level.
    process.once("exit", () => {
      try {
        fs.mkdirSync(path.dirname(cacheFile), { recursive: true });
        const tmp = `${cacheFile}.${process.pid}.tmp`;
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile); // whole or not at all: parallel runs never read half a cache
        // Caches of earlier compiles, unused for an hour, go (as old lib/build-*/ folders do).
        const dir = path.dirname(cacheFile);
        const key = path.basename(cacheFile).replace(/[^.]+\.bin$/, "");
        for (const f of fs.readdirSync(dir)) {
          if (!f.startsWith(key) && Date.now() - fs.statSync(path.join(dir, f)).mtimeMs > 3_600_000) fs.rmSync(path.join(dir, f), { force: true });
        }
      } catch {
        /* read-only install: every run compiles, as without a cache */
      }
    });
  }
  const module = { exports: {}, filename: file, id: file };
  script.runInThisContext()(module.exports, createRequire(file), module, file, path.dirname(file));
}

runScript(cli);
