// Loads one session Markdown file: front matter, pages, optional knowledge check.
import path from "node:path";
import type { Asset, Session } from "../model/course.js";
import { containedFile } from "./contain-path.js";
import type { ProblemList } from "./errors.js";
import { splitFrontMatter } from "./front-matter.js";
import { loadQuiz } from "./load-quiz.js";
import { splitPages } from "./pages.js";
import { readText } from "./read-text.js";
import { sessionFrontMatterSchema } from "./schemas.js";
import { validate } from "./validate.js";
import { parseYaml } from "./yaml-source.js";

export interface LoadedSession {
  readonly session: Session;
  /** Line of the `id` field in the front matter, for problems about the id. */
  readonly idLine: number;
}

export function loadSession(file: string, contentDir: string, assets: Map<string, Asset>, problems: ProblemList): LoadedSession | undefined {
  const read = readText(file);
  if (!read.ok) {
    problems.addProblem(read.problem);
    return undefined;
  }
  const text = read.text;
  const split = splitFrontMatter(text);
  if (!split.present) {
    const unclosed = /^\uFEFF?---\s*$/.test(text.split(/\r?\n/, 1)[0] ?? "");
    problems.add(
      file,
      1,
      unclosed
        ? "the front matter that starts here is not closed: add a '---' line after it"
        : "a session file must start with front matter between '---' lines (id, title, summary)",
    );
    return undefined;
  }
  const src = parseYaml(split.yaml, file, problems, split.yamlLine);
  const meta = src ? validate(sessionFrontMatterSchema, src.data ?? {}, src, problems) : undefined;
  const pages = splitPages(split.body, { file, bodyLine: split.bodyLine, contentDir, problems, assets });
  if (!meta || !src) return undefined;

  let check;
  if (meta.check) {
    const checkFile = path.resolve(path.dirname(file), meta.check);
    const found = containedFile(checkFile, contentDir);
    if (!found.ok) {
      problems.add(file, src.lineOf(["check"]), `knowledge check file '${meta.check}' ${found.why}`, "check");
    } else {
      check = loadQuiz(checkFile, `check-${meta.id}`, false, problems);
    }
  }
  return {
    session: { id: meta.id, title: meta.title, summary: meta.summary, pages, ...(check ? { check } : {}), source: file },
    idLine: src.lineOf(["id"]),
  };
}
