// Where a build keeps what it worked out for the next one (compiled templates, parsed YAML): each entry a
// file named by a hash of everything it was made from, so it is found only for the very same input and is
// never stale. COURSEWRIGHT_CACHE_DIR moves the folder, "off" turns caching off; by default it is
// node_modules/.cache/coursewright of this package (bin/coursewright.js keeps the CLI's compiled code
// there too). A cache that cannot be read or written only costs time.
import fs from "node:fs";
import path from "node:path";
import { PACKAGE_ROOT } from "./paths.js";

/** The folder of one kind of entry, or undefined when caching is off. */
export function cacheFolder(kind: string): string | undefined {
  const dir = process.env.COURSEWRIGHT_CACHE_DIR;
  if (dir === "off") return undefined;
  return path.join(dir || path.join(PACKAGE_ROOT, "node_modules", ".cache", "coursewright"), kind);
}

/** The text kept under `key`, if any. */
export function readCached(kind: string, key: string): string | undefined {
  const dir = cacheFolder(kind);
  if (!dir) return undefined;
  try {
    return fs.readFileSync(path.join(dir, `${key}.json`), "utf8");
  } catch {
    return undefined;
  }
}

/** Keeps `text` under `key`, written whole under a temporary name and renamed: a parallel build reads all or nothing. */
export function writeCached(kind: string, key: string, text: string): void {
  const dir = cacheFolder(kind);
  if (!dir) return;
  try {
    fs.mkdirSync(dir, { recursive: true });
    const tmp = path.join(dir, `${key}.${process.pid}.tmp`);
    fs.writeFileSync(tmp, text);
    fs.renameSync(tmp, path.join(dir, `${key}.json`));
    prune(dir);
  } catch {
    // read-only install or full disk: made again next time
  }
}

/** Entries a folder may hold: every edit of a watched file adds one, and a preview may run for months. */
export const CACHE_ENTRIES_MAX = 2_000;

/** Past the limit, the older half goes (oldest written first); what is still used is simply made again. */
function prune(dir: string): void {
  const names = fs.readdirSync(dir);
  if (names.length <= CACHE_ENTRIES_MAX) return;
  const aged = names.map((name) => ({ name, at: fs.statSync(path.join(dir, name)).mtimeMs })).sort((a, b) => a.at - b.at);
  for (const { name } of aged.slice(0, names.length - CACHE_ENTRIES_MAX / 2)) fs.rmSync(path.join(dir, name), { force: true });
}
