#!/usr/bin/env node
// Runs the CLI from lib/cli.js, (re)compiling it from src/ with esbuild when it is missing or older than
// any source file. Compiling once keeps every later run fast (no TypeScript loader at start-up).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const src = path.join(root, "src");
const out = path.join(root, "lib", "cli.js");

function newest(dir) {
  let t = 0;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return t;
}

if (fs.existsSync(src) && (!fs.existsSync(out) || newest(src) > fs.statSync(out).mtimeMs)) {
  const esbuild = await import("esbuild");
  const tmp = `${out}.${process.pid}.tmp`;
  await esbuild.build({
    entryPoints: [path.join(src, "cli.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    logLevel: "warning",
  });
  fs.renameSync(tmp, out); // atomic: parallel runs never import a half-written file
}
await import(pathToFileURL(out).href);
