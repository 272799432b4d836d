// Resolves files referenced by content (images) and keeps them inside the course folder.
import fs from "node:fs";
import path from "node:path";

export const IMAGE_EXTENSIONS = new Set([".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp"]);

export type AssetResolution =
  | { ok: true; file: string; packagePath: string }
  | { ok: false; message: string };

/** `src` as written in `fromFile`; content folder `contentDir`. Package paths live under `assets/`. */
export function resolveAsset(src: string, fromFile: string, contentDir: string): AssetResolution {
  if (/^[a-z][a-z0-9+.-]*:/i.test(src) || src.startsWith("//")) {
    return { ok: false, message: `image '${src}' must be a file inside the course folder, not a URL (packages must work offline and on https LMSs)` };
  }
  if (src.startsWith("/")) return { ok: false, message: `image '${src}' must be a relative path` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(src.split(/[?#]/)[0] ?? "");
  } catch {
    return { ok: false, message: `image path '${src}' is not valid URL encoding` };
  }
  const file = path.resolve(path.dirname(fromFile), decoded);
  const rel = path.relative(contentDir, file);
  if (rel.startsWith("..") || path.isAbsolute(rel)) {
    return { ok: false, message: `image '${src}' points outside the course folder; keep pictures inside it` };
  }
  if (!IMAGE_EXTENSIONS.has(path.extname(file).toLowerCase())) {
    return { ok: false, message: `image '${src}' has an unsupported type; use ${[...IMAGE_EXTENSIONS].join(", ")}` };
  }
  if (!isFile(file)) {
    return { ok: false, message: `image '${src}' not found (looked for ${path.relative(process.cwd(), file)})` };
  }
  return { ok: true, file, packagePath: `assets/${rel.split(path.sep).join("/")}` };
}

/** True when `file` exists and is a regular file (not a folder). */
export function isFile(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;
}

/** Why `file`, referenced by the content, cannot be read: missing, or a folder. */
export function notAFile(file: string): string {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() ? "is a folder, not a file" : "not found";
}
