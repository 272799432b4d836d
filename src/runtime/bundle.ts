// Node side of the runtime: a package's one classic script (a package may be opened from file://, where
// module scripts fail) is its standard's core (standards/<id>/runtime/entry.ts) followed by the optional
// features its course uses (features.ts), each a minified IIFE (esbuild, then terser) that registers through features-hook.ts for
// the core to call (after the core: gzip finds more of the features' words in it). The compiled CLI (bin/coursewright.js) ships all of these prebuilt beside itself (runtime/<id>.js,
// runtime/features/<id>.js), with the same options (bundle-options.json), so a build does not pay for
// esbuild and only concatenates; from src/ they are bundled here.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { BuildOptions } from "esbuild";
import { PACKAGE_ROOT, RUNTIME_BUNDLE_OPTIONS, STANDARDS_SRC } from "../paths.js";

const cache = new Map<string, Promise<string>>();

interface RuntimeMinify {
  minifyRuntime(code: string): Promise<string>;
  runtimeBuildOptions(json: string): BuildOptions;
}

/** `name` is `<standard id>` or `features/<feature id>`, as under lib/…/runtime/ and as cached. */
function prebuilt(name: string): string | undefined {
  const file = fileURLToPath(new URL(`./runtime/${name}.js`, import.meta.url));
  return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
}

function source(name: string): string {
  const feature = /^features\/(.+)$/.exec(name)?.[1];
  return feature ? path.join(PACKAGE_ROOT, "src", "runtime", "features", `${feature}.ts`) : path.join(STANDARDS_SRC, name, "runtime", "entry.ts");
}

async function bundle(name: string): Promise<string> {
  const ready = prebuilt(name);
  if (ready !== undefined) return ready;
  const esbuild = await import("esbuild");
  // The options and the second pass the prebuilt scripts had (scripts/runtime-minify.mjs), so both are the same bytes.
  const { minifyRuntime, runtimeBuildOptions } = (await import(pathToFileURL(path.join(PACKAGE_ROOT, "scripts", "runtime-minify.mjs")).href)) as RuntimeMinify;
  const options = runtimeBuildOptions(fs.readFileSync(RUNTIME_BUNDLE_OPTIONS, "utf8"));
  const result = await esbuild.build({ ...options, entryPoints: [source(name)], write: false });
  return minifyRuntime(result.outputFiles?.[0]?.text ?? "");
}

function cached(name: string): Promise<string> {
  let result = cache.get(name);
  if (!result) {
    result = bundle(name);
    cache.set(name, result);
    result.catch(() => cache.delete(name));
  }
  return result;
}

/** One optional feature's script on its own (features.ts ids). */
export const bundleFeature = (id: string): Promise<string> => cached(`features/${id}`);

/** The package script of `standard`: its core, then `features` (features.ts ids, in their order). */
export async function bundleRuntime(standard: string, features: readonly string[] = []): Promise<string> {
  const parts = await Promise.all([cached(standard), ...features.map(bundleFeature)]);
  return parts.join("");
}
