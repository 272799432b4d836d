// Resolves a file a page names besides its images (a video, its captions, a handout), keeps it inside the
// course folder (symlinks followed, see contain-path.ts), and packages it, like images, under `assets/`.
import fs from "node:fs";
import path from "node:path";
import type { Asset } from "../model/course.js";
import { containedFile } from "./contain-path.js";
import { foldCase } from "./contain-path.js";
import { describeFile, kindName, sniffFile, type FileKind } from "./file-type.js";

/** `bytes`: the whole file for text (captions, .txt, .csv), else its first bytes (what its type is checked on). */
export type CourseFile = { ok: true; file: string; packagePath: string; bytes: Buffer } | { ok: false; message: string };

/** A path that is not a file of the course: a URL (any scheme, `//host`), a page anchor, an absolute path. */
export const isUrl = (ref: string): boolean => /^[a-z][a-z0-9+.-]*:/i.test(ref) || ref.startsWith("//");

/**
 * `ref` as written in `fromFile` (`noun`: what the page calls it, e.g. "video"); `kinds`: the extensions
 * allowed and what each must be, or "vtt" for WebVTT text (checked by its reader).
 */
export function resolveCourseFile(ref: string, noun: string, fromFile: string, contentDir: string, kinds: Readonly<Record<string, FileKind | "vtt">>): CourseFile {
  const named = `${noun} '${ref}'`;
  if (isUrl(ref)) return { ok: false, message: `${named} must be a file inside the course folder, not a URL (packages must work offline and on https LMSs)` };
  if (ref.startsWith("/")) return { ok: false, message: `${named} must be a path relative to this file` };
  let decoded: string;
  try {
    decoded = decodeURIComponent(ref.split(/[?#]/)[0] ?? "");
  } catch {
    return { ok: false, message: `${named}: the path is not valid URL encoding` };
  }
  const file = path.resolve(path.dirname(fromFile), decoded);
  const where = containedFile(file, contentDir);
  if (!where.ok && where.why.startsWith("points outside")) return { ok: false, message: `${named} ${where.why}; keep the course's files inside it` };
  const kind = kinds[path.extname(file).toLowerCase()];
  if (!kind) return { ok: false, message: `${named} has a type a page cannot use here; use ${Object.keys(kinds).join(", ")}` };
  if (!where.ok) {
    const why = where.why === "not found" ? `not found (looked for ${path.relative(process.cwd(), file)})` : where.why;
    return { ok: false, message: `${named} ${why}` };
  }
  // A video may be hundreds of megabytes: its type is in its first bytes. Text is checked whole (UTF-8).
  const bytes = kind === "vtt" || kind === "Text" ? fs.readFileSync(where.real) : head(where.real, 4096);
  if (kind !== "vtt" && sniffFile(bytes) !== kind) {
    return { ok: false, message: `${named} is not ${kindName(kind)} file: ${describeFile(bytes)}; save it in that format or give it the right extension` };
  }
  const shown = path.relative(contentDir, file).split(path.sep).join("/");
  return { ok: true, file: where.real, packagePath: `assets/${shown}`, bytes };
}

function head(file: string, size: number): Buffer {
  const fd = fs.openSync(file, "r");
  try {
    const buf = Buffer.alloc(size);
    return buf.subarray(0, fs.readSync(fd, buf, 0, size, 0));
  } finally {
    fs.closeSync(fd);
  }
}

/** Adds a resolved file to the course's assets; a message when its name differs from another's only in case. */
export function addAsset(assets: Map<string, Asset>, ref: string, res: { file: string; packagePath: string }): string | undefined {
  const clash = [...assets.keys()].find((k) => k !== res.packagePath && foldCase(k) === foldCase(res.packagePath));
  if (clash) return `'${ref}' differs from ${clash.slice("assets/".length)} only in letter case; they would collide on case-insensitive file systems: rename one`;
  assets.set(res.packagePath, { file: res.file, packagePath: res.packagePath });
  return undefined;
}
