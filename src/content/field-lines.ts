// Where a field of a loaded course was written: file and line of a LimitProblem, found by reading the
// source file again. Only runs when a problem was found, so a course within its limits pays nothing.
import fs from "node:fs";
import path from "node:path";
import type { Course } from "../model/course.js";
import type { LimitProblem } from "../model/limit-problem.js";
import { ProblemList } from "./errors.js";
import { splitFrontMatter } from "./front-matter.js";
import { COURSE_FILE } from "./load-course.js";
import { parseYaml, type FieldPath } from "./yaml-source.js";

export function locateProblem(course: Course, p: LimitProblem): { readonly file: string; readonly line: number } {
  switch (p.source.kind) {
    case "page":
      return { file: p.source.page.source, line: p.source.page.line };
    case "course":
      return { file: path.join(course.contentDir, COURSE_FILE), line: yamlLine(path.join(course.contentDir, COURSE_FILE), p.path, false) };
    case "session":
      return { file: p.source.session.source, line: yamlLine(p.source.session.source, p.path, true) };
    case "quiz":
      return { file: p.source.quiz.source, line: yamlLine(p.source.quiz.source, p.path, false) };
  }
}

function yamlLine(file: string, fieldPath: FieldPath, frontMatter: boolean): number {
  let text: string;
  try {
    text = fs.readFileSync(file, "utf8");
  } catch {
    return 1;
  }
  const ignored = new ProblemList(); // the file parsed when the course was loaded
  if (!frontMatter) return parseYaml(text, file, ignored)?.lineOf(fieldPath) ?? 1;
  const split = splitFrontMatter(text);
  return parseYaml(split.yaml, file, ignored, split.yamlLine)?.lineOf(fieldPath) ?? split.yamlLine;
}
