// `translate export` and `translate import`, without the command line: what is read, checked and written.
import fs from "node:fs";
import path from "node:path";
import { ProblemList, type ContentProblem } from "../content/errors.js";
import { COURSE_FILE, loadCourse } from "../content/load-course.js";
import { PACKAGE_ROOT } from "../paths.js";
import { translatedFiles } from "./apply.js";
import { courseTexts } from "./course-texts.js";
import { checkTarget } from "./inline-check.js";
import { sourceHash, wordCount, type Part } from "./segment.js";
import { TranslateRefusal, writeTranslatedCourse } from "./write-course.js";
import { readXliff, xliffText } from "./xliff-read.js";
import { writeXliff } from "./xliff-write.js";

/** The language tags course.yaml accepts (content/schemas.ts), for --to and the file's target-language. */
export const LANGUAGE_TAG = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** The XLIFF file cannot be imported: one problem per line, each at its line in the file. */
export class TranslationProblems extends Error {
  override readonly name = "TranslationProblems";
  constructor(readonly file: string, readonly problems: readonly ContentProblem[]) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? "" : "s"}`);
  }
}

const toolVersion = (): string => (JSON.parse(fs.readFileSync(path.join(PACKAGE_ROOT, "package.json"), "utf8")) as { version: string }).version;
const sameTag = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

export interface ExportReport {
  readonly file: string;
  readonly units: number;
  readonly words: number;
  readonly files: number;
  readonly sourceLanguage: string;
}

export function exportCourse(options: { contentDir: string; to: string; out?: string; force?: boolean }): ExportReport {
  const course = loadCourse(options.contentDir);
  if (sameTag(course.language, options.to)) throw new TranslateRefusal(`--to ${options.to} is the course's own language (course.yaml says language: ${course.language})`);
  const texts = courseTexts(course);
  const xml = writeXliff(texts, { sourceLanguage: course.language, targetLanguage: options.to, toolVersion: toolVersion(), courseTitle: course.title, contentDir: course.contentDir });
  const file = options.out ?? `${course.slug}.${options.to}.xlf`;
  const stat = fs.statSync(file, { throwIfNoEntry: false });
  if (stat?.isDirectory()) throw new TranslateRefusal(`--out ${file} is a folder; name the .xlf file to write`);
  // A file sent to translators may come back with their work in it: never overwritten unless asked.
  if (stat && !options.force) throw new TranslateRefusal(`${file} exists; choose another --out, or add --force to replace it`);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, xml);
  return {
    file,
    units: texts.units.length,
    words: texts.units.reduce((n, u) => n + wordCount(u.parts), 0),
    files: new Set(texts.units.map((u) => u.file)).size,
    sourceLanguage: course.language,
  };
}

export interface Untranslated {
  readonly id: string;
  /** Where the unit is: its line in the XLIFF file, or in the course for a unit new since the export. */
  readonly file: string;
  readonly line: number;
  readonly why: string;
}

export interface ImportReport {
  readonly out: string;
  readonly sourceLanguage: string;
  readonly language: string;
  readonly translated: number;
  readonly untranslated: readonly Untranslated[];
  readonly skipped: readonly string[];
}

/** XLIFF 1.2 target states that say the target holds no translation yet (a tool may copy the source into it). */
const NOT_TRANSLATED = new Set(["new", "needs-translation"]);

export function importTranslation(options: { file: string; contentDir: string; out?: string }): ImportReport {
  const { file } = options;
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new TranslateRefusal(`${file}: ${code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder, not an XLIFF file" : `cannot be read (${code ?? String(err)})`}`);
  }
  const problems = new ProblemList();
  const decoded = xliffText(bytes);
  const xliff = "text" in decoded ? readXliff(decoded.text, file, problems) : (problems.add(file, 0, decoded.problem), undefined);
  if (!xliff) throw new TranslationProblems(file, problems.items);

  const course = loadCourse(options.contentDir);
  const texts = courseTexts(course);
  const current = new Map(texts.units.map((u) => [u.id, u]));
  if (!sameTag(xliff.sourceLanguage, course.language)) {
    problems.add(file, xliff.fileLine, `source-language="${xliff.sourceLanguage}", but the course is in ${course.language} (course.yaml language): is this the translation of another course?`);
  }
  if (!LANGUAGE_TAG.test(xliff.targetLanguage)) problems.add(file, xliff.fileLine, `target-language="${xliff.targetLanguage}" is not a language tag such as de or fr-CA`);

  const translations = new Map<string, readonly Part[]>();
  const untranslated: Untranslated[] = [];
  const inFile = new Set<string>();
  for (const u of xliff.units) {
    inFile.add(u.id);
    const unit = current.get(u.id);
    if (!unit) {
      problems.add(file, u.line, `unit '${u.id}' is no longer in the course (its page, question or field was removed or renamed since the export); export again`);
      continue;
    }
    if (u.hash === undefined) {
      problems.add(file, u.line, `unit '${u.id}' has lost its extradata (the hash of its source the export wrote), so a change of its source cannot be seen; export again`);
      continue;
    }
    if (u.hash !== sourceHash(unit.parts)) {
      problems.add(file, u.line, `unit '${u.id}': its source changed since the export (${path.relative(process.cwd(), unit.file) || unit.file}:${unit.line}); export again and translate the new text`);
      continue;
    }
    const target = u.target;
    if (!target || (target.state !== undefined && NOT_TRANSLATED.has(target.state))) {
      untranslated.push({ id: u.id, file, line: target?.line ?? u.line, why: target ? `its target's state is ${target.state ?? ""}` : "it has no target" });
      continue;
    }
    const checked = checkTarget(unit, target.parts, { file, line: target.line }, problems);
    if (checked.kind === "translated") translations.set(u.id, checked.parts);
    else if (checked.kind === "empty") untranslated.push({ id: u.id, file, line: target.line, why: "its target is empty" });
  }
  if (problems.items.length > 0) throw new TranslationProblems(file, [...problems.items].sort((a, b) => a.line - b.line));
  for (const unit of texts.units) {
    if (!inFile.has(unit.id)) untranslated.push({ id: unit.id, file: unit.file, line: unit.line, why: "it is new since the export (not in the file)" });
  }

  const language = xliff.targetLanguage;
  const out = options.out ?? `${path.resolve(options.contentDir)}-${language}`;
  const files = translatedFiles(texts, path.join(course.contentDir, COURSE_FILE), translations, language);
  const written = writeTranslatedCourse(course.contentDir, out, files);
  return { out, sourceLanguage: course.language, language, translated: translations.size, untranslated, skipped: written.skipped };
}
