// Every translatable text of a loaded course, as units with ids from their place in the course, and where each
// is written back. Identifiers, file names, settings and the question's `reference` (never shown) are not texts.
import fs from "node:fs";
import path from "node:path";
import { createMarkdown } from "../content/markdown-dialect.js";
import { COURSE_FILE } from "../content/load-course.js";
import { ProblemList } from "../content/errors.js";
import { splitFrontMatter } from "../content/front-matter.js";
import { parseYaml, type FieldPath, type YamlSource } from "../content/yaml-source.js";
import type { Course, Question, Quiz } from "../model/course.js";
import { bodyTexts } from "./page-blocks.js";
import { inlineParts, plainParts, type Markup } from "./segment.js";
import type { CourseTexts, TextFile, Unit, YamlField } from "./units.js";

const inlineMd = createMarkdown({ html: false });

/** Parts of a YAML field's inline Markdown (prompts, choices, feedback…), as the page renders it. */
function inlineField(text: string): Unit["parts"] {
  const children = inlineMd.parseInline(text, {})[0]?.children ?? [];
  return inlineParts(children, () => ({}));
}

class FieldCollector {
  readonly fields: YamlField[] = [];
  constructor(
    private readonly src: YamlSource,
    private readonly units: Unit[],
  ) {}

  add(id: string, path: FieldPath, text: string | undefined, markup: Markup, extra: Pick<Unit, "note" | "maxChars"> = {}): void {
    if (text === undefined || !text.trim()) return;
    const unit: Unit = { id, markup, parts: markup === "plain" ? plainParts(text) : inlineField(text), file: this.src.file, line: this.src.lineOf(path), ...extra };
    this.units.push(unit);
    this.fields.push({ path, unit });
  }
}

/** The YAML of a file (or of a session's front matter, which starts at `firstLine`), with its lines. */
function yamlOf(file: string, text: string, problems: ProblemList, firstLine = 1): YamlSource {
  const src = parseYaml(text, file, problems, firstLine);
  // The course loaded, so every file it read parses; a file changed since then is a problem like any other.
  if (!src) problems.throwIfAny();
  if (!src) throw new Error(`internal error: ${file} no longer parses`);
  return src;
}

function quizFields(quiz: Quiz, base: string, c: FieldCollector): void {
  c.add(`${base}/title`, ["title"], quiz.title, "plain");
  c.add(`${base}/intro`, ["intro"], quiz.intro, "inline");
  quiz.questions.forEach((q, i) => questionFields(q, `${base}/q/${q.id}`, ["questions", i], c));
}

function questionFields(q: Question, base: string, at: FieldPath, c: FieldCollector): void {
  c.add(`${base}/prompt`, [...at, "prompt"], q.prompt, "inline");
  if (q.type === "single-choice" || q.type === "multiple-response") {
    q.choices.forEach((choice, k) => {
      c.add(`${base}/choice/${choice.id}`, [...at, "choices", k, "text"], choice.text, "inline");
      c.add(`${base}/choice/${choice.id}/feedback`, [...at, "choices", k, "feedback"], choice.feedback, "inline");
    });
  } else if (q.type === "matching") {
    q.pairs.forEach((pair, k) => {
      c.add(`${base}/pair${k + 1}/source`, [...at, "pairs", k, "source"], pair.source, "inline");
      c.add(`${base}/pair${k + 1}/target`, [...at, "pairs", k, "target"], pair.target, "inline", { note: "Shown as plain text, in a list of options" });
    });
  } else if (q.type === "sequencing") {
    q.items.forEach((item, k) => c.add(`${base}/item${k + 1}`, [...at, "items", k], item, "inline"));
  } else if (q.type === "fill-in") {
    q.answers.forEach((answer, k) =>
      c.add(`${base}/answer${k + 1}`, [...at, "answers", k], answer, "plain", {
        note: "An answer the learner may type (letter case and extra spaces are ignored); give the answer a learner would type in the target language",
        maxChars: 250,
      }),
    );
  }
  c.add(`${base}/feedback/correct`, [...at, "feedback", "correct"], q.feedback.correct, "inline");
  c.add(`${base}/feedback/incorrect`, [...at, "feedback", "incorrect"], q.feedback.incorrect, "inline");
}

const STRING_NOTE = "One of Coursewright's own words, as the course's strings: give it; keep {0}, {1} … as they are";

/**
 * The course's `strings:` (its own words in place of the locale's): texts like any other, or the translated
 * course would show them in the source language. A count's string is one unit per plural form written.
 */
function stringFields(data: unknown, c: FieldCollector): void {
  const strings = data && typeof data === "object" ? (data as { strings?: unknown }).strings : undefined;
  if (!strings || typeof strings !== "object") return;
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === "string") c.add(`course/strings/${key}`, ["strings", key], value, "plain", { note: STRING_NOTE });
    else if (value && typeof value === "object") {
      for (const [form, text] of Object.entries(value)) {
        if (typeof text === "string") c.add(`course/strings/${key}/${form}`, ["strings", key, form], text, "plain", { note: `${STRING_NOTE}; the text for counts of the CLDR plural category '${form}'` });
      }
    }
  }
}

function quizFile(quiz: Quiz, base: string, units: Unit[], problems: ProblemList): TextFile {
  const c = new FieldCollector(yamlOf(quiz.source, fs.readFileSync(quiz.source, "utf8"), problems), units);
  quizFields(quiz, base, c);
  return { file: quiz.source, fields: c.fields };
}

/** The texts of `course` (loaded by loadCourse), read again from its files for their lines. */
export function courseTexts(course: Course): CourseTexts {
  const problems = new ProblemList();
  const units: Unit[] = [];
  const files: TextFile[] = [];

  const courseFile = path.join(course.contentDir, COURSE_FILE);
  const courseYaml = yamlOf(courseFile, fs.readFileSync(courseFile, "utf8"), problems);
  const main = new FieldCollector(courseYaml, units);
  main.add("course/title", ["title"], course.title, "plain");
  main.add("course/description", ["description"], course.description, "plain");
  main.add("course/theme/logo/alt", ["theme", "logo", "alt"], course.theme?.logo?.alt, "plain", { note: "Text alternative of the course's logo" });
  stringFields(courseYaml.data, main);
  files.push({ file: courseFile, fields: main.fields });

  for (const session of course.sessions) {
    const split = splitFrontMatter(fs.readFileSync(session.source, "utf8"));
    const front = new FieldCollector(yamlOf(session.source, split.yaml, problems, split.yamlLine), units);
    const base = `session/${session.id}`;
    front.add(`${base}/title`, ["title"], session.title, "plain");
    front.add(`${base}/summary`, ["summary"], session.summary, "plain");
    const body = bodyTexts({ file: session.source, bodyLine: split.bodyLine, body: split.body, sessionId: session.id, pages: session.pages }, problems);
    units.push(...body.units);
    files.push({ file: session.source, fields: front.fields, body: { bodyLine: split.bodyLine, edits: body.edits } });
    if (session.check) files.push(quizFile(session.check, `${base}/check`, units, problems));
  }
  if (course.assessment) files.push(quizFile(course.assessment, "assessment", units, problems));
  problems.throwIfAny();
  return { files, units };
}
