// Every file the build reads is resolved to its real path (symlinks followed) and must stay inside its
// root: the course folder for content, the built-in templates folder for Coursewright's own templates.
// A link to /etc/passwd or to a folder elsewhere would otherwise end up in a package sent to an LMS.
import fs from "node:fs";
import path from "node:path";

export type Contained =
  | { readonly ok: true; readonly real: string; readonly isDirectory: boolean }
  | { readonly ok: false; readonly why: string };

export const COURSE_FOLDER = "the course folder";

/** True when `p` is `root` or below it (both absolute, normalised). */
export function isInside(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === "" || (!rel.startsWith(`..${path.sep}`) && rel !== ".." && !path.isAbsolute(rel));
}

/**
 * Where `file` really is, when it (after following every link) is inside `root`; otherwise why not,
 * as the end of a sentence about it ("points outside the course folder (…)", "not found").
 */
export function containedPath(file: string, root: string, rootName = COURSE_FOLDER): Contained {
  const abs = path.resolve(file);
  const outside = `points outside ${rootName}`;
  if (!isInside(abs, path.resolve(root))) return { ok: false, why: outside };
  let real: string;
  try {
    real = fs.realpathSync(abs);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ELOOP") return { ok: false, why: "is a symbolic link that loops back on itself" };
    return { ok: false, why: code === "ENOENT" || code === "ENOTDIR" ? "not found" : `cannot be read (${code ?? String(err)})` };
  }
  let rootReal: string;
  try {
    rootReal = fs.realpathSync(path.resolve(root));
  } catch {
    return { ok: false, why: "not found" };
  }
  if (!isInside(real, rootReal)) return { ok: false, why: `${outside} (it is a link to ${real})` };
  const stat = fs.statSync(real);
  if (stat.isDirectory()) return { ok: true, real, isDirectory: true };
  // A FIFO or device would block or never end when read.
  if (!stat.isFile()) return { ok: false, why: "is not a regular file" };
  return { ok: true, real, isDirectory: false };
}

/** Like containedPath, for something that must be a file. */
export function containedFile(file: string, root: string, rootName = COURSE_FOLDER): Contained {
  const c = containedPath(file, root, rootName);
  return c.ok && c.isDirectory ? { ok: false, why: "is a folder, not a file" } : c;
}

/** The form two names take when a file system ignores case (and, like macOS, Unicode normalisation). */
export function foldCase(name: string): string {
  return name.normalize("NFC").toLowerCase();
}
