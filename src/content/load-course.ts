// content/ → Course model. Collects every problem in every file, then throws one ContentError.
import fs from "node:fs";
import path from "node:path";
import type { Asset, Course, Session } from "../model/course.js";
import { isFile, notAFile } from "./assets.js";
import { ProblemList } from "./errors.js";
import { loadQuiz } from "./load-quiz.js";
import { loadSession } from "./load-session.js";
import { courseSchema } from "./schemas.js";
import { validate } from "./validate.js";
import { parseYaml } from "./yaml-source.js";

export const COURSE_FILE = "course.yaml";

export function loadCourse(contentDirIn: string): Course {
  const contentDir = path.resolve(contentDirIn);
  const file = path.join(contentDir, COURSE_FILE);
  const problems = new ProblemList();
  if (!isFile(file)) {
    problems.add(file, 1, `no ${COURSE_FILE} in ${contentDir}; is --content pointing at the course folder?`);
    problems.throwIfAny();
  }
  const src = parseYaml(fs.readFileSync(file, "utf8"), file, problems);
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
  const listed = new Map<string, number>();
  sessionFiles.forEach((rel, i) => {
    if (typeof rel !== "string" || !rel) return; // reported by validate()
    const sessionFile = path.resolve(contentDir, rel);
    const line = src.lineOf(["sessions", i]);
    if (!isFile(sessionFile)) {
      problems.add(file, line, `session file '${rel}' ${notAFile(sessionFile)}`, `sessions.${i}`);
      return;
    }
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
    if (other) problems.add(sessionFile, idLine, `duplicate session id '${session.id}' (also in ${path.relative(contentDir, other)})`, "id");
    seen.set(session.id, sessionFile);
    sessions.push(session);
  });

  let assessment;
  if (assessmentFile) {
    const quizFile = path.resolve(contentDir, assessmentFile);
    if (!isFile(quizFile)) {
      problems.add(file, src.lineOf(["assessment"]), `assessment file '${assessmentFile}' ${notAFile(quizFile)}`, "assessment");
    } else {
      assessment = loadQuiz(quizFile, "assessment", true, problems);
    }
  }
  if (seen.has("assessment")) problems.add(file, src.lineOf(["sessions"]), "'assessment' is reserved for the final assessment; rename that session", "sessions");

  problems.throwIfAny();
  if (!input) throw new Error("unreachable: invalid course without problems");
  const { assessment: _file, ...fields } = input;
  return deepFreeze({
    ...fields,
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
