// The content loader: the real course loads; every kind of authoring mistake is reported as a ContentError
// that names the file, the line, the field (where there is one) and what is wrong.
// Each malformed case starts from a fresh copy of the real course and breaks exactly one thing in it.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, type ContentProblem } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { QUESTION_TYPES } from "../src/model/course.js";
import { assertWithinLimits } from "../src/package/check-limits.js";
import { findStandard } from "../src/standards/registry.js";
import { contentFixture, REAL_CONTENT, replaceOnce, type ContentFixture } from "./helpers/content-fixture.js";

interface Expected {
  /** Path relative to the course folder, e.g. `sessions/05-peer-relationship.md`. */
  readonly file: string;
  readonly line: number;
  readonly field?: string;
  /** A part of the message that says what is wrong. */
  readonly message: string;
}

/** Loads the course, which must fail with a ContentError, and returns its problems. */
function problemsOf(fx: ContentFixture): ContentError {
  let caught: unknown;
  try {
    loadCourse(fx.dir);
  } catch (err) {
    caught = err;
  }
  if (caught === undefined) throw new Error("expected loadCourse to throw a ContentError, but the course loaded");
  if (!(caught instanceof ContentError)) throw new Error(`expected a ContentError, got: ${String(caught instanceof Error ? caught.stack : caught)}`);
  return caught;
}

/** Asserts that loading reports exactly the expected problems (file, line, field, message part), in order. */
function expectProblems(fx: ContentFixture, expected: readonly Expected[]): void {
  const { problems } = problemsOf(fx);
  const actual = problems.map((p: ContentProblem) => ({
    file: path.relative(fx.dir, p.file),
    basename: path.basename(p.file),
    line: p.line,
    field: p.field,
    message: p.message,
  }));
  expect(actual).toEqual(
    expected.map((e) => ({
      file: e.file,
      basename: path.basename(e.file),
      line: e.line,
      field: e.field,
      message: expect.stringContaining(e.message),
    })),
  );
}

const COURSE = "course.yaml";
const S05 = "sessions/05-peer-relationship.md";
const S07 = "sessions/07-language-communication.md";
const S10 = "sessions/10-risk-boundaries.md";
const C04 = "checks/04-peer-values.yaml";
const C05 = "checks/05-peer-relationship.yaml";
const IMAGE = "../images/drama-triangle.svg";
const CAPTION = "In fact, we often go through all three at various times and in various circumstances."; // a one-line paragraph of session 5

interface Case {
  readonly name: string;
  /** Breaks one thing in the fresh copy. */
  readonly breakIt: (fx: ContentFixture) => void;
  /** What must be reported, computed from the broken copy (lines found by their text). */
  readonly expect: (fx: ContentFixture) => Expected[];
}

/** 1-based line of the first (or last) line of `rel` that is exactly `text`. */
function lineExactly(fx: ContentFixture, rel: string, text: string, which: "first" | "last" = "first"): number {
  const lines = fx.read(rel).split("\n");
  const index = which === "first" ? lines.indexOf(text) : lines.lastIndexOf(text);
  if (index < 0) throw new Error(`no line of ${rel} is ${JSON.stringify(text)}`);
  return index + 1;
}

const sub = (search: string, replacement: string) => (text: string) => replaceOnce(text, search, replacement);

const cases: Case[] = [
  // ---- course.yaml: fields ----
  {
    name: "course.yaml without a title",
    breakIt: (fx) => fx.mutate(COURSE, sub("title: Peer Support Training\n", "")),
    // a missing field is reported at the first line of the mapping that lacks it
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "id: https://"), field: "title", message: "is required (expected a string)" }],
  },
  {
    name: "course id that is not an IRI",
    breakIt: (fx) => fx.mutate(COURSE, (t) => t.replace(/^id: .*$/m, "id: peer-support-training")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "id: peer-support-training"), field: "id", message: "must be an absolute IRI" }],
  },
  {
    name: "masteryScore 150 (out of range)",
    breakIt: (fx) => fx.mutate(COURSE, sub("masteryScore: 80", "masteryScore: 150")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "masteryScore: 150"), field: "masteryScore", message: "must be between 0 and 100" }],
  },
  {
    name: "maxAttempts -1",
    breakIt: (fx) => fx.mutate(COURSE, sub("maxAttempts: 3", "maxAttempts: -1")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "maxAttempts: -1"), field: "maxAttempts", message: "must be 0 (unlimited) or more" }],
  },
  {
    name: "maxAttempts 1.5",
    breakIt: (fx) => fx.mutate(COURSE, sub("maxAttempts: 3", "maxAttempts: 1.5")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "maxAttempts: 1.5"), field: "maxAttempts", message: "must be a whole number" }],
  },
  {
    name: "invalid reporting value",
    breakIt: (fx) => fx.mutate(COURSE, sub("reporting: passed/incomplete", "reporting: passed")),
    expect: (fx) => [
      {
        file: COURSE,
        line: fx.lineOf(COURSE, "reporting: passed"),
        field: "reporting",
        message: 'must be one of: "passed/incomplete", "passed/failed", "completed/incomplete", "completed/failed"',
      },
    ],
  },
  {
    name: "reporting left out",
    breakIt: (fx) => fx.mutate(COURSE, sub("reporting: passed/incomplete\n", "")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "id: https://"), field: "reporting", message: "is required and must be one of:" }],
  },
  {
    name: "unknown field in course.yaml (typo 'titel')",
    breakIt: (fx) => fx.mutate(COURSE, sub("title: Peer", "titel: Peer")),
    // one mistake, one problem: the suggestion, not also "title is required"
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "titel: Peer"), field: "titel", message: "unknown field 'titel' — did you mean 'title'?" }],
  },
  {
    name: "version written as a number",
    breakIt: (fx) => fx.mutate(COURSE, sub("version: 1.0.0", "version: 1.0")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "version: 1.0"), field: "version", message: "expected a string, received number" }],
  },
  // ---- course.yaml: YAML syntax ----
  {
    name: "bad YAML in course.yaml: unbalanced quote",
    breakIt: (fx) => fx.mutate(COURSE, sub("title: Peer Support Training", 'title: "Peer Support Training')),
    // the yaml package reports this at the end of the file; the loader points at the opening quote
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, 'title: "Peer'), message: "invalid YAML: missing closing \"" }],
  },
  {
    name: "bad YAML in course.yaml: bad indentation",
    breakIt: (fx) => fx.mutate(COURSE, sub("masteryScore: 80", "  masteryScore: 80")),
    // the yaml package reports this at the line above; the loader points at the indented line
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "  masteryScore: 80"), message: "invalid YAML: bad indentation" }],
  },
  {
    name: "duplicate key in course.yaml",
    breakIt: (fx) => fx.mutate(COURSE, sub("version: 1.0.0\n", "version: 1.0.0\nversion: 1.0.1\n")),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "version: 1.0.1"), message: "invalid YAML: Map keys must be unique" }],
  },
  // ---- course.yaml: referenced files ----
  {
    name: "session file listed but missing",
    breakIt: (fx) => fx.remove(S07),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, `- ${S07}`), field: "sessions.6", message: `session file '${S07}' not found` }],
  },
  {
    name: "session entry that is a folder",
    breakIt: (fx) => fx.mutate(COURSE, sub(`  - ${S07}\n`, "  - sessions\n")),
    expect: (fx) => [{ file: COURSE, line: lineExactly(fx, COURSE, "  - sessions"), field: "sessions.6", message: "session file 'sessions' is a folder, not a file" }],
  },
  {
    name: "session file listed twice",
    breakIt: (fx) => fx.mutate(COURSE, sub("  - sessions/03-personal-recovery.md\n", "  - sessions/03-personal-recovery.md\n  - sessions/03-personal-recovery.md\n")),
    expect: (fx) => [
      {
        file: COURSE,
        line: fx.lineOf(COURSE, "sessions/03-personal-recovery.md") + 1,
        field: "sessions.3",
        message: `session file 'sessions/03-personal-recovery.md' is listed twice (also line ${fx.lineOf(COURSE, "sessions/03-personal-recovery.md")})`,
      },
    ],
  },
  {
    name: "assessment file missing",
    breakIt: (fx) => fx.remove("assessment.yaml"),
    expect: (fx) => [{ file: COURSE, line: fx.lineOf(COURSE, "assessment: assessment.yaml"), field: "assessment", message: "assessment file 'assessment.yaml' not found" }],
  },
  // ---- sessions: front matter ----
  {
    name: "duplicate session ids (two session files with the same id)",
    // the id is moved below title and summary, so its line is not the usual line 2
    breakIt: (fx) =>
      fx.mutate("sessions/03-personal-recovery.md", (t) => replaceOnce(replaceOnce(t, "id: personal-recovery\n", ""), "\n---\n", "\nid: what-is-recovery\n---\n")),
    expect: (fx) => [
      {
        file: "sessions/03-personal-recovery.md",
        line: fx.lineOf("sessions/03-personal-recovery.md", "id: what-is-recovery"),
        field: "id",
        message: "duplicate session id 'what-is-recovery' (also in sessions/02-what-is-recovery.md)",
      },
    ],
  },
  {
    name: "session file without front matter",
    breakIt: (fx) => fx.mutate(S07, (t) => t.replace(/^---\n[\s\S]*?\n---\n/, "")),
    expect: () => [{ file: S07, line: 1, message: "a session file must start with front matter between '---' lines" }],
  },
  {
    name: "session front matter that is never closed",
    breakIt: (fx) => fx.mutate(S07, (t) => t.replace(/^(---\n[\s\S]*?\n)---\n/, "$1")),
    expect: () => [{ file: S07, line: 1, message: "front matter that starts here is not closed" }],
  },
  {
    name: "unknown field in session front matter",
    breakIt: (fx) => fx.mutate(S07, sub("summary: ", "sumary: ")),
    expect: (fx) => [{ file: S07, line: fx.lineOf(S07, "sumary: "), field: "sumary", message: "unknown field 'sumary' — did you mean 'summary'?" }],
  },
  {
    name: "knowledge check file referenced but missing",
    breakIt: (fx) => fx.remove(C05),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, "check: "), field: "check", message: "knowledge check file '../checks/05-peer-relationship.yaml' not found" }],
  },
  // ---- sessions: pages ----
  {
    name: "text before the first # heading",
    breakIt: (fx) => fx.mutate(S07, sub("\n# About this session", "\nA stray sentence.\n\n# About this session")),
    expect: (fx) => [{ file: S07, line: fx.lineOf(S07, "A stray sentence."), message: "text before the first page heading" }],
  },
  {
    name: "session without any page heading",
    breakIt: (fx) => fx.mutate(S07, sub("# About this session", "About this session")),
    // reported at the first line after the front matter
    expect: (fx) => [{ file: S07, line: lineExactly(fx, S07, "---", "last") + 1, message: "the session has no pages" }],
  },
  {
    name: "duplicate page ids within a session",
    breakIt: (fx) => fx.mutate(S05, sub("# Parent, adult and child roles", "# The Drama Triangle")),
    expect: (fx) => [
      {
        file: S05,
        line: lineExactly(fx, S05, "# The Drama Triangle", "last"),
        message: `duplicate page id 'the-drama-triangle' (also line ${fx.lineOf(S05, "# The Drama Triangle")})`,
      },
    ],
  },
  {
    name: "raw HTML block in a page",
    breakIt: (fx) => fx.mutate(S05, sub(CAPTION, "<div class=\"caption\">Drama Triangle</div>")),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, "<div class="), message: "raw HTML is not allowed in pages ('<div class=\"caption\">" }],
  },
  {
    name: "inline raw HTML on the second line of a paragraph",
    breakIt: (fx) => fx.mutate(S05, sub(CAPTION, `${CAPTION}\nSee the <abbr>figure</abbr> above.`)),
    expect: (fx) => [
      { file: S05, line: fx.lineOf(S05, "See the <abbr>"), message: "raw HTML is not allowed in pages ('<abbr>')" },
      { file: S05, line: fx.lineOf(S05, "See the <abbr>"), message: "raw HTML is not allowed in pages ('</abbr>')" },
    ],
  },
  {
    name: "unknown callout kind (::: danger)",
    breakIt: (fx) => fx.mutate(S10, sub("::: content-note Content note", "::: danger Content note")),
    expect: (fx) => [{ file: S10, line: fx.lineOf(S10, "::: danger"), message: "unknown callout kind 'danger'; expected one of: note, tip, warning, content-note" }],
  },
  {
    name: "heading that skips a level (# then ###)",
    breakIt: (fx) => fx.mutate(S10, sub("## Reliving the experience", "### Reliving the experience")),
    expect: (fx) => [{ file: S10, line: fx.lineOf(S10, "### Reliving"), message: "heading level skips from h1 to h3; use '##' here" }],
  },
  {
    name: "link without text",
    breakIt: (fx) => fx.mutate(S05, sub(CAPTION, "Read more: [](https://example.org/drama-triangle)")),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, "Read more:"), message: "link to 'https://example.org/drama-triangle' has no text" }],
  },
  // ---- sessions: images ----
  {
    name: "image without alt text",
    breakIt: (fx) => fx.mutate(S05, (t) => t.replace(/!\[The Drama Triangle[^\]]*\]/, "![]")),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, `![](${IMAGE}`), message: `image '${IMAGE}' has no alt text` }],
  },
  {
    name: "image path escaping the course folder",
    breakIt: (fx) => fx.mutate(S05, sub(IMAGE, "../../etc/x.png")),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, "../../etc/x.png"), message: "image '../../etc/x.png' points outside the course folder" }],
  },
  {
    name: "image file that does not exist",
    breakIt: (fx) => fx.mutate(S05, sub(IMAGE, "../images/missing.png")),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, "../images/missing.png"), message: "image '../images/missing.png' not found" }],
  },
  {
    name: "remote image URL",
    breakIt: (fx) => fx.mutate(S05, sub(IMAGE, "https://example.org/triangle.png")),
    expect: (fx) => [{ file: S05, line: fx.lineOf(S05, "https://example.org/triangle.png"), message: "must be a file inside the course folder, not a URL" }],
  },
  // ---- quiz files ----
  {
    name: "bad YAML in a quiz file: unbalanced quote",
    breakIt: (fx) => fx.mutate(C05, sub("    prompt: Match what each person says", '    prompt: "Match what each person says')),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, 'prompt: "Match what'), message: "invalid YAML: missing closing \"" }],
  },
  {
    name: "bad YAML in a quiz file: bad indentation",
    breakIt: (fx) => fx.mutate(C05, sub("    type: fill-in\n", "      type: fill-in\n")),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "      type: fill-in"), message: "invalid YAML: bad indentation" }],
  },
  {
    name: "duplicate question ids",
    breakIt: (fx) => fx.mutate(C05, sub("id: rescuer-power", "id: adult-to-adult")),
    expect: (fx) => [
      {
        file: C05,
        line: lineExactly(fx, C05, "  - id: adult-to-adult", "last"),
        field: "questions.2.id",
        message: `duplicate question id 'adult-to-adult' (also line ${fx.lineOf(C05, "id: adult-to-adult")})`,
      },
    ],
  },
  {
    name: "unknown question type",
    breakIt: (fx) => fx.mutate(C05, sub("type: true-false", "type: yes-no")),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "type: yes-no"), field: "questions.4.type", message: `question has unknown type "yes-no"; expected one of: ${QUESTION_TYPES.join(", ")}` }],
  },
  {
    name: "single-choice with no correct answer",
    breakIt: (fx) => fx.mutate(C05, sub("      - text: Like the persecutor, the rescuer assumes a position of power over the victim.\n        correct: true\n", "      - text: Like the persecutor, the rescuer assumes a position of power over the victim.\n")),
    // reported at the choices (their first item)
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "- text: Like the persecutor"), field: "questions.2.choices", message: "needs exactly one choice with 'correct: true' (found 0)" }],
  },
  {
    name: "single-choice with two correct answers",
    breakIt: (fx) => fx.mutate(C05, sub("      - text: Only the persecutor holds power over the victim; the rescuer’s defence balances it out.\n", "      - text: Only the persecutor holds power over the victim; the rescuer’s defence balances it out.\n        correct: true\n")),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "- text: Like the persecutor"), field: "questions.2.choices", message: "needs exactly one choice with 'correct: true' (found 2)" }],
  },
  {
    name: "multiple-response with no correct answer",
    breakIt: (fx) =>
      fx.mutate(C04, (t) => {
        const start = t.indexOf("id: framework-aims");
        const end = t.indexOf("  - id:", start);
        return t.slice(0, start) + t.slice(start, end).replaceAll("        correct: true\n", "") + t.slice(end);
      }),
    expect: (fx) => [
      { file: C04, line: fx.lineOf(C04, "- text: Making sure every peer worker"), field: "questions.2.choices", message: "a multiple-response question needs at least one choice with 'correct: true'" },
    ],
  },
  {
    name: "matching with only one pair",
    breakIt: (fx) => fx.mutate(C05, (t) => t.replace(/ {6}- source: "“If you had.*\n.*\n {6}- source: "“Leave it.*\n.*\n/, "")),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "- source: \"“Nothing I do"), field: "questions.0.pairs", message: "needs at least 2 pairs" }],
  },
  {
    name: "fill-in without answers",
    breakIt: (fx) => fx.mutate(C05, (t) => t.replace(/ {4}answers: \[.*\]/, "    answers: []")),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "answers: []"), field: "questions.5.answers", message: "needs at least one accepted answer" }],
  },
  {
    name: "question without its type-specific field (true-false without answer)",
    breakIt: (fx) => fx.mutate(C05, sub("    answer: true\n", "")),
    expect: (fx) => [{ file: C05, line: fx.lineOf(C05, "- id: all-three-roles"), field: "questions.4.answer", message: "is required (expected a boolean)" }],
  },
];

describe("the real course (content/)", () => {
  const course = loadCourse(REAL_CONTENT);

  it("loads: 12 sessions with unique ids, each with at least one page", () => {
    expect(course.sessions).toHaveLength(12);
    expect(new Set(course.sessions.map((s) => s.id)).size).toBe(12);
    for (const s of course.sessions) expect(s.pages.length, s.id).toBeGreaterThanOrEqual(1);
    expect(course.slug).toBe("peer-support-training");
    expect(course.masteryScore).toBe(80);
    expect(course.maxAttempts).toBe(3);
  });

  it("has a graded assessment of at least 10 questions of at least 4 types", () => {
    const assessment = course.assessment;
    expect(assessment?.graded).toBe(true);
    expect(assessment?.questions.length ?? 0).toBeGreaterThanOrEqual(10);
    expect(new Set(assessment?.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
  });

  it("has a knowledge check in every session with lesson text (more than its 'About this session' page)", () => {
    // Useful Resources gathers the lessons' sources and support: no lesson of its own to check.
    const withLessons = course.sessions.filter((s) => s.id !== "useful-resources" && s.pages.some((p) => p.title !== "About this session"));
    expect(withLessons.map((s) => s.id)).toEqual(["what-is-peer-support", "peer-relationship", "risk-boundaries"]);
    for (const s of withLessons) {
      expect(s.check?.graded, s.id).toBe(false);
      expect(s.check?.questions.length ?? 0, s.id).toBeGreaterThanOrEqual(1);
    }
  });

  it("collects the images the pages use", () => {
    expect(course.assets.map((a) => a.packagePath)).toEqual(["assets/images/drama-triangle.svg"]);
  });
});

describe("malformed content: exact file, line, field and message", () => {
  it("has enough distinct cases", () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });

  it("a fresh fixture is a valid course", () => {
    const fx = contentFixture();
    expect(loadCourse(fx.dir).sessions).toHaveLength(12);
  });

  it.each(cases)("$name", (c) => {
    const fx = contentFixture();
    c.breakIt(fx);
    expectProblems(fx, c.expect(fx));
  });

  it("no course.yaml in the folder (--content pointing elsewhere)", () => {
    const fx = contentFixture();
    fx.remove(COURSE);
    expectProblems(fx, [{ file: COURSE, line: 1, message: `no course.yaml in ${fx.dir}; is --content pointing at the course folder?` }]);
  });

  it("formats ContentError.message as 'relpath:line: field: message', one line per problem", () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("masteryScore: 80", "masteryScore: 150"));
    fx.mutate(S10, sub("::: content-note Content note", "::: danger Content note"));
    const err = problemsOf(fx);
    const rel = (f: string): string => path.relative(process.cwd(), fx.path(f));
    expect(err.message.split("\n")).toEqual([
      `${rel(COURSE)}:${fx.lineOf(COURSE, "masteryScore")}: masteryScore: must be between 0 and 100`,
      `${rel(S10)}:${fx.lineOf(S10, "::: danger")}: unknown callout kind 'danger'; expected one of: note, tip, warning, content-note`,
    ]);
  });

  it("reports several problems in different files all at once", () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("maxAttempts: 3", "maxAttempts: -1"));
    fx.mutate(S05, sub(IMAGE, "../images/missing.png"));
    fx.mutate(C05, sub("type: true-false", "type: yes-no"));
    fx.mutate(S10, sub("## Reliving the experience", "### Reliving the experience"));
    fx.mutate("assessment.yaml", sub("  - id: being-with", "  - id: values-order"));
    const { problems } = problemsOf(fx);
    const where = problems.map((p) => `${path.relative(fx.dir, p.file)}:${p.line}`);
    expect(where).toEqual([
      `${COURSE}:${fx.lineOf(COURSE, "maxAttempts: -1")}`,
      `${S05}:${fx.lineOf(S05, "missing.png")}`,
      `${C05}:${fx.lineOf(C05, "type: yes-no")}`,
      `${S10}:${fx.lineOf(S10, "### Reliving")}`,
      `assessment.yaml:${lineExactly(fx, "assessment.yaml", "  - id: values-order", "last")}`,
    ]);
  });

  it("never changes the course folder while loading it", () => {
    const fx = contentFixture();
    fx.mutate(COURSE, sub("masteryScore: 80", "masteryScore: 150"));
    const snapshot = (): string[] => fs.readdirSync(fx.root, { recursive: true, encoding: "utf8" }).sort();
    const before = snapshot();
    problemsOf(fx);
    expect(snapshot()).toEqual(before);
  });
});

// Limits of one standard are not the course model's: the course loads, and only a build for that standard
// refuses it, naming the file, the line and the standard (issue #9 §1).
describe("a standard's own limits, only when that standard is built", () => {
  const refusals = (fx: ContentFixture, target: string): string[] => {
    const course = loadCourse(fx.dir);
    const standard = findStandard(target);
    if (!standard) throw new Error(`no standard ${target}`);
    try {
      assertWithinLimits(course, [standard], { scoPerSession: false });
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      return err.problems.map((p) => `${path.relative(fx.dir, p.file)}:${p.line}: ${p.field ?? ""}: ${p.message}`);
    }
    return [];
  };
  const choices = (n: number): string => Array.from({ length: n }, (_, i) => `      - text: Choice number ${i + 1}\n`).join("");

  it("36 choices load (default ids a–z, then 0–9) and SCORM 1.2 carries them; a 37th is the model's limit", () => {
    const fx = contentFixture();
    fx.mutate(C04, sub("      - text: Keep your own experience out of it, because the conversation should be about them and not about you.\n", choices(34)));
    const q = loadCourse(fx.dir).sessions.flatMap((s) => (s.check ? s.check.questions : []))[0];
    expect(q?.type === "single-choice" && q.choices.map((c) => c.id).join("")).toBe("abcdefghijklmnopqrstuvwxyz0123456789");
    expect(refusals(fx, "scorm12")).toEqual([]);
    expect(refusals(fx, "tincan")).toEqual([]);
    fx.mutate(C04, sub("      - text: Choice number 1\n", choices(2).replace(/number/g, "extra")));
    expectProblems(fx, [{ file: C04, line: fx.lineOf(C04, "- text: Share the parts"), field: "questions.0.choices", message: "may have at most 36 choices" }]);
  });

  it("a choice id longer than one character: fine for TinCan, refused for SCORM 1.2 at the id's line", () => {
    const fx = contentFixture();
    fx.mutate(C04, sub("      - text: Share the parts", "      - id: srn\n        text: Share the parts"));
    expect(refusals(fx, "tincan")).toEqual([]);
    expect(refusals(fx, "xapi")).toEqual([]);
    expect(refusals(fx, "scorm12")).toEqual([
      `${C04}:${fx.lineOf(C04, "- id: srn")}: questions.0.choices.0.id: choice id 'srn' is not one character 0–9 or a–z, which is all a SCORM 1.2 choice response can be (SCORM 1.2 RTE §3.4, cmi.interactions.n.student_response)`,
    ]);
  });

  it("11 matching pairs: fine for TinCan, refused for SCORM 1.2 (one digit per target) at the pairs' line", () => {
    const fx = contentFixture();
    const extra = Array.from({ length: 5 }, (_, i) => `      - source: Extra ${i}\n        target: Extra target ${i}\n`).join("");
    fx.mutate("assessment.yaml", sub("      - source: Showing,", `${extra}      - source: Showing,`));
    expect(refusals(fx, "tincan")).toEqual([]);
    expect(refusals(fx, "scorm12")).toEqual([
      `assessment.yaml:${fx.lineOf("assessment.yaml", "- source: Extra 0")}: questions.0.pairs: has 11 pairs; SCORM 1.2 carries at most 10 (one digit per matching target, SCORM 1.2 RTE §3.4, cmi.interactions.n.student_response)`,
    ]);
  });
});
