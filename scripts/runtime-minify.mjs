// The browser runtimes' second pass: esbuild bundles and minifies (fast, per module), then terser's
// compressor and top-level mangler work across the whole bundle, which esbuild does not: 2.5–3 % less gzip
// per core (about 330 bytes of cmi5's), on a budget of 12 KB. Safe options only (no `unsafe*`, no
// `pure_getters`): the runtime reads DOM getters for their effects. Outputs are cached by their input's
// hash, so a build from src/ or a recompile pays terser's second per bundle once per change.
/* global structuredClone */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const CACHE = path.join(ROOT, "node_modules", ".cache", "coursewright-runtime-min");

/**
 * esbuild's options for a runtime script from src/runtime/bundle-options.json: its `internalProps` are the
 * runtime core's own property names (tracker, sender and progress internals: never in the page's data, a
 * statement, stored state, the DOM or a feature's script), which esbuild shortens (`mangleProps`). A
 * feature is a script of its own, so the names it shares with the core stay whole
 * (test/runtime-internal-props.test.ts).
 */
export function runtimeBuildOptions(json) {
  const { internalProps = [], ...options } = JSON.parse(json);
  return internalProps.length ? { ...options, mangleProps: new RegExp(`^(?:${internalProps.join("|")})$`) } : options;
}

export const TERSER_OPTIONS = { ecma: 2020, compress: { passes: 2 }, mangle: { toplevel: true }, format: { comments: false } };

/** `code` (esbuild's minified IIFE) through terser, from the cache when this input was minified before. */
export async function minifyRuntime(code) {
  const { minify } = await import("terser");
  const version = JSON.parse(fs.readFileSync(path.join(ROOT, "node_modules", "terser", "package.json"), "utf8")).version;
  const key = crypto.createHash("sha256").update(JSON.stringify([version, TERSER_OPTIONS])).update(code).digest("hex");
  const file = path.join(CACHE, `${key}.js`);
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    /* not cached yet */
  }
  const result = await minify(code, structuredClone(TERSER_OPTIONS));
  if (typeof result.code !== "string") throw new Error("terser returned no code");
  try {
    fs.mkdirSync(CACHE, { recursive: true });
    // Written whole under a temporary name, then renamed: parallel test workers never read half a file.
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, result.code);
    fs.renameSync(tmp, file);
  } catch {
    /* a read-only checkout: no cache, same output */
  }
  return result.code;
}
