// The pipeline, top to bottom: content → model → render → runtime → package.
// Zips (and the folders of packages that are also written unpacked) are written to a temporary folder and
// moved into the output folder only when every target succeeded, so a failed build leaves the output folder
// exactly as it was.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { IMAGE_EXTENSIONS } from "./content/assets.js";
import { BuildInputError } from "./content/errors.js";
import { loadCourse } from "./content/load-course.js";
import type { Course } from "./model/course.js";
import { planUnits } from "./model/units.js";
import { assertWithinLimits } from "./package/check-limits.js";
import type { BuiltUnit, PackageOptions } from "./standards/packager.js";
import { findStandard } from "./standards/registry.js";
import type { Standard } from "./standards/standard.js";
import { writeZip, type PackageFile } from "./package/zip.js";
import { BUILTIN_TEMPLATES } from "./paths.js";
import { renderUnit, RUNTIME_SCRIPT } from "./render/render-unit.js";
import { loadTemplates, type TemplateSet } from "./render/templates.js";
import { themeFile } from "./render/theme-css.js";
import { bundleRuntime } from "./runtime/bundle.js";
import { featuresFor } from "./runtime/features.js";

export interface BuildOptions {
  readonly contentDir: string;
  readonly outDir: string;
  /** `--target` names, or the standards themselves (a standard being written, before its registry line). */
  readonly targets: readonly (string | Standard)[];
  readonly scoPerSession?: boolean;
  /**
   * `folder`: each package only as the folder an LMS unpacks it into, no zip (preview serves it: an edit is
   * on screen without deflating and inflating the whole package). Default `zip`.
   */
  readonly form?: "zip" | "folder";
  /** One call per pipeline step, for progress output. */
  readonly onStep?: (step: string, detail: string) => void;
}

export interface PackageReport {
  readonly target: string;
  /** The zip's name in the output folder; with `form: "folder"`, the folder's. */
  readonly file: string;
  readonly bytes: number;
  readonly entries: number;
  readonly ms: number;
  /** The unpacked package beside the zip (Packager.unpacked): its name in the output folder and its bytes. */
  readonly folder?: { readonly name: string; readonly bytes: number };
}

export async function build(options: BuildOptions): Promise<PackageReport[]> {
  const step = options.onStep ?? (() => {});
  const targets = options.targets.map((id) => {
    const standard = typeof id === "string" ? findStandard(id) : id;
    if (!standard) throw new Error(`unknown target '${String(id)}'`);
    return standard;
  });

  checkOutDir(options.outDir);
  let t0 = performance.now();
  const course = loadCourse(options.contentDir);
  assertWithinLimits(course, targets, { scoPerSession: Boolean(options.scoPerSession) });
  step("content", describe(course, performance.now() - t0));

  t0 = performance.now();
  const templates = loadTemplates(BUILTIN_TEMPLATES, path.join(course.contentDir, "templates"));
  step("templates", `${templates.files.length} files (${ms(performance.now() - t0)})`);

  // Folders are written beside where they go (renamed in, never copied across disks); zips in the system's.
  const folderOnly = options.form === "folder";
  if (folderOnly) fs.mkdirSync(options.outDir, { recursive: true });
  const tmp = fs.mkdtempSync(folderOnly ? path.join(options.outDir, ".partial-") : path.join(os.tmpdir(), "coursewright-"));
  try {
    const built: Built[] = [];
    for (const target of targets) {
      built.push(await buildTarget(course, target, templates, { scoPerSession: Boolean(options.scoPerSession) }, tmp, step, folderOnly));
    }
    checkOutDir(options.outDir); // again: it may have changed while building
    for (const { report, tmpFile } of built) {
      const dest = path.join(options.outDir, report.file);
      if (tmpFile && fs.statSync(dest, { throwIfNoEntry: false })?.isDirectory()) throw new BuildInputError(`${dest}: is a folder, so the package cannot be written there; move it away`);
      const folder = report.folder && path.join(options.outDir, report.folder.name);
      if (folder && fs.statSync(folder, { throwIfNoEntry: false })?.isFile()) throw new BuildInputError(`${folder}: is a file, so the unpacked package cannot be written there; move it away`);
    }
    fs.mkdirSync(options.outDir, { recursive: true });
    return built.map(({ report, tmpFile, tmpFolder }) => {
      if (tmpFile) {
        const dest = path.join(options.outDir, report.file);
        const staging = `${dest}.partial-${process.pid}`;
        moveOrCopy(tmpFile, staging);
        fs.renameSync(staging, dest); // atomic within the output folder
      }
      if (report.folder && tmpFolder) replaceFolder(tmpFolder, path.join(options.outDir, report.folder.name));
      return report;
    });
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

interface Built {
  readonly report: PackageReport;
  /** The zip in the temporary folder (none with `form: "folder"`). */
  readonly tmpFile?: string;
  /** The unpacked package in the temporary folder, for a standard that is also written unpacked. */
  readonly tmpFolder?: string;
}

/**
 * `dest` becomes `from`: moved (or copied) beside it first, then swapped in by renames within the output
 * folder, so a reader of `dest` sees the old package or the new one, and never a half-copied one; no file of
 * an earlier build is left in it.
 */
function replaceFolder(from: string, dest: string): void {
  const staging = `${dest}.partial-${process.pid}`;
  const old = `${dest}.old-${process.pid}`;
  fs.rmSync(staging, { recursive: true, force: true });
  moveOrCopy(from, staging);
  const existed = fs.existsSync(dest);
  if (existed) fs.renameSync(dest, old);
  fs.renameSync(staging, dest);
  if (existed) fs.rmSync(old, { recursive: true, force: true });
}

/** Moves a file or folder out of the temporary folder: a rename on the same file system, else a copy. */
function moveOrCopy(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EXDEV") throw err;
    fs.cpSync(from, to, { recursive: true }); // the temporary folder is on another disk
  }
}

/** `--out` must be a folder, or not exist yet below a folder: found before any work, and before anything is written. */
function checkOutDir(outDir: string): void {
  for (let dir = path.resolve(outDir); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir, { throwIfNoEntry: false });
    } catch {
      stat = undefined; // ENOTDIR: a parent is a file, found further up
    }
    if (stat?.isDirectory()) return;
    if (stat) {
      const what = dir === path.resolve(outDir) ? `--out ${outDir}` : `--out ${outDir}: ${path.relative(process.cwd(), dir) || dir}`;
      throw new BuildInputError(`${what} is a file, not a folder; give --out a folder for the packages`);
    }
    if (path.dirname(dir) === dir) return;
  }
}

async function buildTarget(
  course: Course,
  target: Standard,
  templates: TemplateSet,
  options: PackageOptions,
  tmp: string,
  step: (step: string, detail: string) => void,
  folderOnly = false,
): Promise<Built> {
  const started = performance.now();
  let t0 = started;
  const { packager } = target;
  const units = planUnits(course, options.scoPerSession && packager.supportsUnits);
  const files: PackageFile[] = [];
  const builtUnits: BuiltUnit[] = units.map((unit) => {
    files.push({ path: unit.file, data: Buffer.from(renderUnit(course, unit, templates, packager)) });
    return { unit, files: [unit.file] };
  });
  step("render", `${target.id}: ${units.length} launch file${units.length === 1 ? "" : "s"} (${ms(performance.now() - t0)})`);

  t0 = performance.now();
  // One script for every unit of the package: the optional features any of them uses, then the core.
  const features = featuresFor(course, units);
  const script = Buffer.from(await bundleRuntime(target.id, features));
  files.push({ path: RUNTIME_SCRIPT, data: script });
  step("runtime", `${[target.id, ...features].join(" + ")}: ${kb(script.length)} minified (${ms(performance.now() - t0)})`);

  t0 = performance.now();
  for (const [p, data] of templates.assets) files.push({ path: p, data });
  const theme = themeFile(course);
  if (theme) files.push(theme);
  for (const asset of course.assets) files.push({ path: asset.packagePath, data: fs.readFileSync(asset.file) });
  const unitFiles = new Set(builtUnits.flatMap((u) => u.files));
  const shared = files.map((f) => f.path).filter((p) => !unitFiles.has(p)).sort();
  files.push(...packager.controlFiles(course, builtUnits, shared));
  const name = packager.zipName(course, options);
  const folderName = name.replace(/\.zip$/, "");
  if (folderOnly) {
    const folder = writeFolder(files, path.join(tmp, folderName));
    step("package", `${folderName}/: ${files.length} files, ${kb(folder.bytes)} (${ms(performance.now() - t0)})`);
    return { report: { target: target.id, file: folderName, bytes: folder.bytes, entries: files.length, ms: performance.now() - started, folder: { name: folderName, bytes: folder.bytes } }, tmpFolder: folder.dir };
  }
  const tmpFile = path.join(tmp, name);
  await writeZip(files, tmpFile);
  const bytes = fs.statSync(tmpFile).size;
  const folder = packager.unpacked ? writeFolder(files, path.join(tmp, folderName)) : undefined;
  const beside = folder ? `, and the folder ${path.basename(folder.dir)}/ (${kb(folder.bytes)})` : "";
  step("package", `${name}: ${files.length} files, ${kb(bytes)}${beside} (${ms(performance.now() - t0)})`);
  const report = { target: target.id, file: name, bytes, entries: files.length, ms: performance.now() - started };
  return folder ? { report: { ...report, folder: { name: path.basename(folder.dir), bytes: folder.bytes } }, tmpFile, tmpFolder: folder.dir } : { report, tmpFile };
}

/** The package's files as a folder (the paths are the zip's: relative, `/`-separated, checked by writeZip). */
function writeFolder(files: readonly PackageFile[], dir: string): { dir: string; bytes: number } {
  let bytes = 0;
  for (const f of files) {
    const file = path.join(dir, ...f.path.split("/"));
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, f.data);
    bytes += f.data.length;
  }
  return { dir, bytes };
}

function describe(course: Course, elapsed: number): string {
  const pages = course.sessions.reduce((n, s) => n + s.pages.length, 0);
  const checks = course.sessions.filter((s) => s.check).length;
  const questions = course.sessions.reduce((n, s) => n + (s.check?.questions.length ?? 0), 0) + (course.assessment?.questions.length ?? 0);
  // Images, and the other files the pages use (video, audio, captions, linked files), when there are any.
  const images = course.assets.filter((a) => IMAGE_EXTENSIONS.has(path.extname(a.file).toLowerCase())).length;
  const others = course.assets.length - images;
  return `${course.sessions.length} sessions, ${pages} pages, ${checks} knowledge checks, ${questions} questions, ${images} images${others ? `, ${others} other files` : ""} (${ms(elapsed)})`;
}

const ms = (n: number): string => `${Math.round(n)} ms`;
const kb = (n: number): string => `${(n / 1024).toFixed(1)} KB`;
