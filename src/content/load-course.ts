// content/ → Course model. Collects every problem in every file, then throws one ContentError.
import path from "node:path";
import type { Asset, Course, Session } from "../model/course.js";
import { checkReflectionIds } from "./blocks/reflection.js";
import { containedFile, foldCase } from "./contain-path.js";
import { ProblemList } from "./errors.js";
import { loadQuiz } from "./load-quiz.js";
import { loadLocale } from "./load-strings.js";
import { loadSession } from "./load-session.js";
import { readText } from "./read-text.js";
import { loadTheme } from "./theme-load.js";
import { courseSchema } from "./schemas.js";
import { validate } from "./validate.js";
import { parseYaml } from "./yaml-source.js";

export const COURSE_FILE = "course.yaml";

export function loadCourse(contentDirIn: string): Course {
  const contentDir = path.resolve(contentDirIn);
  const file = path.join(contentDir, COURSE_FILE);
  const problems = new ProblemList();
  const where = containedFile(file, contentDir);
  if (!where.ok) {
    problems.add(file, where.why === "not found" ? 1 : 0, where.why === "not found" ? `no ${COURSE_FILE} in ${contentDir}; is --content pointing at the course folder?` : where.why);
    problems.throwIfAny();
  }
  const read = readText(file);
  if (!read.ok) problems.addProblem(read.problem);
  const src = read.ok ? parseYaml(read.text, file, problems) : undefined;
  if (!src) {
    problems.throwIfAny();
    throw new Error("unreachable: invalid course without problems");
  }
  const input = validate(courseSchema, src.data ?? {}, src, problems);
  // Even when other fields of course.yaml are wrong, check the files it lists: one run reports every problem.
  const raw: { sessions?: unknown; assessment?: unknown } = typeof src.data === "object" && src.data !== null ? src.data : {};
  const sessionFiles: readonly unknown[] = input?.sessions ?? (Array.isArray(raw.sessions) ? raw.sessions : []);
  const assessmentFile = input ? input.assessment : typeof raw.assessment === "string" ? raw.assessment : undefined;

  const assets = new Map<string, Asset>();
  const sessions: Session[] = [];
  const seen = new Map<string, string>();
  /** Session ids by their case-folded form: they name files in --sco-per-session packages. */
  const folded = new Map<string, { id: string; file: string }>();
  const listed = new Map<string, number>();
  sessionFiles.forEach((rel, i) => {
    if (typeof rel !== "string" || !rel) return; // reported by validate()
    const line = src.lineOf(["sessions", i]);
    const found = containedFile(path.resolve(contentDir, rel), contentDir);
    if (!found.ok) {
      problems.add(file, line, `session file '${rel}' ${found.why}`, `sessions.${i}`);
      return;
    }
    const sessionFile = path.resolve(contentDir, rel);
    const twice = listed.get(sessionFile);
    if (twice !== undefined) {
      problems.add(file, line, `session file '${rel}' is listed twice (also line ${twice})`, `sessions.${i}`);
      return;
    }
    listed.set(sessionFile, line);
    const loaded = loadSession(sessionFile, contentDir, assets, problems);
    if (!loaded) return;
    const { session, idLine } = loaded;
    const other = seen.get(session.id);
    const sameButCase = folded.get(foldCase(session.id));
    if (other) problems.add(sessionFile, idLine, `duplicate session id '${session.id}' (also in ${path.relative(contentDir, other)})`, "id");
    else if (sameButCase) {
      // Launch files are named after session ids; Windows and macOS file systems ignore case, so they would collide.
      const otherRel = path.relative(contentDir, sameButCase.file);
      problems.add(sessionFile, idLine, `session id '${session.id}' differs from '${sameButCase.id}' (in ${otherRel}) only in letter case; their files would collide on case-insensitive file systems: choose another id`, "id");
    }
    seen.set(session.id, sessionFile);
    folded.set(foldCase(session.id), { id: session.id, file: sessionFile });
    sessions.push(session);
  });

  checkReflectionIds(sessions.flatMap((s) => s.pages), problems);

  let assessment;
  if (assessmentFile) {
    const quizFile = containedFile(path.resolve(contentDir, assessmentFile), contentDir);
    if (!quizFile.ok) {
      problems.add(file, src.lineOf(["assessment"]), `assessment file '${assessmentFile}' ${quizFile.why}`, "assessment");
    } else {
      assessment = loadQuiz(path.resolve(contentDir, assessmentFile), "assessment", true, problems, sessions.map((s) => s.id));
    }
  }
  if (folded.has("assessment")) problems.add(file, src.lineOf(["sessions"]), "'assessment' is reserved for the final assessment; rename that session", "sessions");
  // The logo is a course image (packaged under assets/); the colours are refused when their contrast fails.
  const theme = input?.theme ? loadTheme(input.theme, src, contentDir, assets, problems) : undefined;
  // The words of the pages: the locale `language` chooses, with the course's own `strings:`.
  const locale = input ? loadLocale(input.language, input.strings, src, problems) : undefined;

  problems.throwIfAny();
  if (!input || !locale) throw new Error("unreachable: invalid course without problems");
  const { assessment: _file, theme: _theme, strings: _strings, ...fields } = input;
  return deepFreeze({
    ...fields,
    locale,
    ...(theme ? { theme } : {}),
    description: input.description.trim(),
    sessions,
    ...(assessment ? { assessment } : {}),
    assets: [...assets.values()].sort((a, b) => a.packagePath.localeCompare(b.packagePath)),
    contentDir,
  });
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === "object" && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
