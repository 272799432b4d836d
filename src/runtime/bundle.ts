// Node side of the runtime: bundles a browser entry (entries/<standard>.ts) into one minified script.
import path from "node:path";
import esbuild from "esbuild";
import { RUNTIME_ENTRIES } from "../paths.js";

const cache = new Map<string, Promise<string>>();

export function bundleRuntime(entry: string): Promise<string> {
  let bundle = cache.get(entry);
  if (!bundle) {
    bundle = esbuild
      .build({
        entryPoints: [path.join(RUNTIME_ENTRIES, `${entry}.ts`)],
        bundle: true,
        minify: true,
        format: "iife",
        target: ["es2019"],
        platform: "browser",
        write: false,
        legalComments: "none",
        charset: "utf8",
        logLevel: "silent",
      })
      .then((r) => r.outputFiles[0]?.text ?? "");
    cache.set(entry, bundle);
    bundle.catch(() => cache.delete(entry));
  }
  return bundle;
}
