// Where Coursewright's own files are (templates, runtime sources), whether run from src/ or a bundled lib/.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

function findRoot(start: string): string {
  let dir = start;
  for (;;) {
    const pkg = path.join(dir, "package.json");
    if (fs.existsSync(pkg) && (JSON.parse(fs.readFileSync(pkg, "utf8")) as { name?: string }).name === "coursewright") return dir;
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`cannot find Coursewright's package.json above ${start}`);
    dir = up;
  }
}

export const PACKAGE_ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));
export const BUILTIN_TEMPLATES = path.join(PACKAGE_ROOT, "templates");
/** Sources of the standards; each one's browser entry is `<id>/runtime/entry.ts`. */
export const STANDARDS_SRC = path.join(PACKAGE_ROOT, "src", "standards");
export const RUNTIME_BUNDLE_OPTIONS = path.join(PACKAGE_ROOT, "src", "runtime", "bundle-options.json");
