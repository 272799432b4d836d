// Compiles the CLI (src/cli.ts, dependencies bundled in, one CommonJS file that bin/coursewright.js runs
// through V8's code cache) and the browser runtimes into a lib/ subfolder. Used by bin/coursewright.js in a clone of this
// repository (recompiles when src/ changes) and by `npm run prepack` (lib/package/, what the tarball ships).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

// Native addons, wasm, browser drivers and packages read as files stay in node_modules.
const EXTERNAL = ["better-sqlite3", "playwright-core", "esbuild", "xmllint-wasm", "scorm-again", "@learninglocker/xapi-validation"];

/** Compiles into `outdir` (replaced); returns the path of its cli.cjs. */
export async function compile(outdir) {
  const esbuild = await import("esbuild");
  const src = path.join(ROOT, "src");
  fs.rmSync(outdir, { recursive: true, force: true });
  // One CommonJS file, not code-split ES modules: Node 20 keeps V8's compiled code only for scripts
  // (vm.Script cachedData; bin/coursewright.js), and with that cache a build starts ~150 ms sooner than
  // from split ES modules without one. What a command does not use (preview, verify, translate) is in the
  // file but never run: esbuild wraps a dynamically imported module in a function called on first import.
  await esbuild.build({
    entryPoints: [path.join(src, "cli.ts")],
    outfile: path.join(outdir, "cli.cjs"),
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    external: EXTERNAL,
    // The modules read data files beside themselves (new URL("./…", import.meta.url)): beside this file.
    define: { "import.meta.url": "__cwUrl" },
    banner: { js: 'const __cwUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
  });
  // The browser runtimes, prebuilt with the options src/runtime/bundle.ts uses (it reads them from ./runtime/).
  const { minifyRuntime, runtimeBuildOptions } = await import("./runtime-minify.mjs");
  const runtimeOptions = runtimeBuildOptions(fs.readFileSync(path.join(src, "runtime", "bundle-options.json"), "utf8"));
  const runtime = async (entry, outfile) => {
    const built = await esbuild.build({ ...runtimeOptions, entryPoints: [entry], write: false });
    fs.mkdirSync(path.dirname(outfile), { recursive: true });
    fs.writeFileSync(outfile, await minifyRuntime(built.outputFiles[0].text));
  };
  const standards = path.join(src, "standards");
  for (const id of fs.readdirSync(standards).filter((d) => fs.existsSync(path.join(standards, d, "runtime", "entry.ts")))) {
    await runtime(path.join(standards, id, "runtime", "entry.ts"), path.join(outdir, "runtime", `${id}.js`));
  }
  // The optional runtime features (src/runtime/features.ts), each its own script, concatenated after a
  // standard's core into the packages whose course uses them.
  const features = path.join(src, "runtime", "features");
  for (const file of fs.readdirSync(features).filter((f) => f.endsWith(".ts"))) {
    await runtime(path.join(features, file), path.join(outdir, "runtime", "features", file.replace(/\.ts$/, ".js")));
  }
  // The player page's script per standard (its client module with the neutral core), with the options
  // src/player/server.ts bundles it with from src/.
  for (const id of fs.readdirSync(standards).filter((d) => fs.existsSync(path.join(standards, d, "player-client.ts")))) {
    await esbuild.build({ entryPoints: [path.join(standards, id, "player-client.ts")], outfile: path.join(outdir, `player-${id}.js`), bundle: true, minify: true, format: "iife", target: ["es2019"], logLevel: "warning" });
  }
  // The built-in templates precompiled (src/render/template-cache.ts reads templates.json beside itself), so
  // a build compiles none of them: the precompiler bundled on its own, run once, then removed.
  const precompiler = path.join(outdir, `precompile-${process.pid}.mjs`);
  await esbuild.build({ entryPoints: [path.join(src, "render", "template-precompile.ts")], outfile: precompiler, bundle: true, platform: "node", format: "esm", target: "node20", external: EXTERNAL, banner: { js: 'import { createRequire as __cwRequire } from "node:module"; const require = __cwRequire(import.meta.url);' }, logLevel: "warning" });
  try {
    const { precompileFolder } = await import(pathToFileURL(precompiler).href);
    fs.writeFileSync(path.join(outdir, "templates.json"), JSON.stringify(precompileFolder(path.join(ROOT, "templates"))));
  } finally {
    fs.rmSync(precompiler, { force: true });
  }
  // The built-in locales' YAML parsed (src/content/locales.ts uses an entry while its file's sha256 matches).
  const { parse } = await import("yaml");
  const crypto = await import("node:crypto");
  const localeFiles = fs.readdirSync(path.join(ROOT, "locales")).filter((f) => f.endsWith(".yaml")).sort();
  const locales = localeFiles.map((f) => {
    const text = fs.readFileSync(path.join(ROOT, "locales", f), "utf8");
    return { id: f.slice(0, -".yaml".length), sha256: crypto.createHash("sha256").update(text).digest("hex"), data: parse(text) };
  });
  fs.writeFileSync(path.join(outdir, "locales.json"), JSON.stringify(locales));
  // Data files the compiled modules read beside themselves (new URL("./…", import.meta.url)).
  // The CLI sits flat in outdir, so a standard's schema files (src/standards/<id>/**/*.xsd, named
  // for their standard so they cannot collide) are copied there flat too.
  const dataFiles = (dir) => fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? dataFiles(path.join(dir, e.name)) : e.name.endsWith(".xsd") ? [path.join(dir, e.name)] : []));
  for (const file of dataFiles(standards)) fs.copyFileSync(file, path.join(outdir, path.basename(file)));
  return path.join(outdir, "cli.cjs");
}

// `node scripts/compile.mjs` (prepack): the one build the tarball ships.
if (process.argv[1] && pathToFileURL(path.resolve(process.argv[1])).href === import.meta.url) {
  const cli = await compile(path.join(ROOT, "lib", "package"));
  console.log(`compiled ${path.relative(ROOT, cli)}`);
}
