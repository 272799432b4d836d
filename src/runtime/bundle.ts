// Node side of the runtime: bundles a standard's browser entry (standards/<id>/runtime/entry.ts) into one
// minified script.
// The compiled CLI (bin/coursewright.js) ships these bundles prebuilt beside itself, with the same
// options (bundle-options.json), so a build process does not pay for esbuild; from src/ they are bundled here.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { BuildOptions } from "esbuild";
import { RUNTIME_BUNDLE_OPTIONS, STANDARDS_SRC } from "../paths.js";

const cache = new Map<string, Promise<string>>();

function prebuilt(entry: string): string | undefined {
  const file = fileURLToPath(new URL(`./runtime/${entry}.js`, import.meta.url));
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

async function bundle(entry: string): Promise<string> {
  const ready = prebuilt(entry);
  if (ready !== undefined) return ready;
  const esbuild = await import("esbuild");
  const options = JSON.parse(fs.readFileSync(RUNTIME_BUNDLE_OPTIONS, "utf8")) as BuildOptions;
  const result = await esbuild.build({ ...options, entryPoints: [path.join(STANDARDS_SRC, entry, "runtime", "entry.ts")], write: false });
  return result.outputFiles?.[0]?.text ?? "";
}

export function bundleRuntime(entry: string): Promise<string> {
  let result = cache.get(entry);
  if (!result) {
    result = bundle(entry);
    cache.set(entry, result);
    result.catch(() => cache.delete(entry));
  }
  return result;
}
