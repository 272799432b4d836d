// "Did you mean …?": a mistyped field or value in course.yaml, session front matter, a page or a quiz file is reported
// once, at its own line, with the nearest known name of the same object — and the field it was meant to be is
// not also reported as missing. Nothing is suggested when no known name is close.
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ContentError, type ContentProblem } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { editDistance, nearestName } from "../src/content/suggest.js";
import { contentFixture, replaceOnce, type ContentFixture } from "./helpers/content-fixture.js";

const COURSE = "course.yaml";
const SESSION = "sessions/07-language-communication.md";
/** Session 5 lists this knowledge check; the tests replace it with QUIZ, which has one question of every type. */
const CHECK = "checks/05-peer-relationship.yaml";

const QUIZ = `title: Every question type
intro: One question of each type.
questions:
  - id: one
    type: single-choice
    prompt: Pick one.
    choices:
      - text: Right
        correct: true
      - text: Wrong
    feedback:
      incorrect: Not quite.
  - id: many
    type: multiple-response
    prompt: Pick some.
    choices:
      - text: Yes
        correct: true
      - text: No
  - id: truth
    type: true-false
    prompt: True?
    answer: true
  - id: pairs
    type: matching
    prompt: Match them.
    pairs:
      - source: A
        target: one
      - source: B
        target: two
  - id: order
    type: sequencing
    prompt: Put them in order.
    points: 2
    items: [first, second]
  - id: word
    type: fill-in
    prompt: Say it.
    answers: [it]
`;

interface Reported {
  readonly file: string;
  readonly line: number;
  readonly field: string | undefined;
  readonly message: string;
}

function fixtureWithQuiz(): ContentFixture {
  const fx = contentFixture();
  fx.write(CHECK, QUIZ);
  return fx;
}

function problemsOf(fx: ContentFixture): Reported[] {
  try {
    loadCourse(fx.dir);
  } catch (err) {
    if (!(err instanceof ContentError)) throw err;
    return err.problems.map((p: ContentProblem) => ({ file: path.relative(fx.dir, p.file), line: p.line, field: p.field, message: p.message }));
  }
  throw new Error("expected loadCourse to throw a ContentError, but the course loaded");
}

/** Replaces `search` (which must occur once) in `rel`, loads, and expects exactly one problem at the replacement's line. */
function expectOne(fx: ContentFixture, rel: string, search: string, replacement: string, field: string | undefined, message: string): void {
  fx.mutate(rel, (t) => replaceOnce(t, search, replacement));
  const needle = replacement.trim().split("\n")[0] ?? replacement;
  expect(problemsOf(fx)).toEqual([{ file: rel, line: fx.lineOf(rel, needle), field, message }]);
}

const unknown = (typed: string, meant: string): string => `unknown field '${typed}' — did you mean '${meant}'?`;

describe("the nearest known name", () => {
  it("counts a swap of two neighbouring letters as one edit", () => {
    expect(editDistance("masteryScroe", "masteryScore")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });

  it("allows one edit per three letters typed, ignores letter case, and prefers the first of equally near names", () => {
    expect(nearestName("titel", ["slug", "title"])).toBe("title");
    expect(nearestName("MASTERYSCORE", ["maxAttempts", "masteryScore"])).toBe("masteryScore");
    expect(nearestName("masterScor", ["masteryScore"])).toBe("masteryScore"); // 2 edits, 10 letters
    expect(nearestName("ttle", ["title"])).toBe("title"); // 1 edit is always allowed
    expect(nearestName("tl", ["title"])).toBeUndefined();
    expect(nearestName("colour", ["title", "slug", "language"])).toBeUndefined();
    expect(nearestName("ab", ["ac", "ad"])).toBe("ac");
    expect(nearestName("x", [])).toBeUndefined();
  });
});

describe("course.yaml", () => {
  it("suggests a required field and does not also report it as missing", () => {
    expectOne(fixtureWithQuiz(), COURSE, "masteryScore: 80", "masteryScroe: 80", "masteryScroe", unknown("masteryScroe", "masteryScore"));
  });

  it.each([
    ["maxAttempts: 3", "maxAttempt: 3", "maxAttempt", "maxAttempts"],
    ["language: en-GB", "langauge: en-GB", "langauge", "language"],
    ["slug: peer", "Slug: peer", "Slug", "slug"],
    ["assessment: assessment.yaml", "asessment: assessment.yaml", "asessment", "assessment"],
    ["sessions:\n", "sesions:\n", "sesions", "sessions"],
  ])("%s written as %j", (search, replacement, typed, meant) => {
    expectOne(fixtureWithQuiz(), COURSE, search, replacement, typed, unknown(typed, meant));
  });

  it("suggests the nearest value of a field with a fixed set of values", () => {
    const options = '"passed/incomplete", "passed/failed", "completed/incomplete", "completed/failed"';
    expectOne(fixtureWithQuiz(), COURSE, "reporting: passed/incomplete", "reporting: passed/incomplet", "reporting", `must be one of: ${options} — did you mean 'passed/incomplete'?`);
    expectOne(fixtureWithQuiz(), COURSE, "reporting: passed/incomplete", "reporting: Completed/Failed", "reporting", `must be one of: ${options} — did you mean 'completed/failed'?`);
    expectOne(fixtureWithQuiz(), COURSE, "reporting: passed/incomplete", "reporting: done", "reporting", `must be one of: ${options}`);
  });

  it("suggests nothing for a far-off name, and then the missing field is reported too", () => {
    const fx = fixtureWithQuiz();
    fx.mutate(COURSE, (t) => replaceOnce(t, "title: Peer", "heading: Peer"));
    expect(problemsOf(fx)).toEqual([
      { file: COURSE, line: fx.lineOf(COURSE, "id: https://"), field: "title", message: "is required (expected a string)" },
      { file: COURSE, line: fx.lineOf(COURSE, "heading: Peer"), field: "heading", message: "unknown field 'heading' (check the spelling; see docs/authoring.md)" },
    ]);
  });

  it("does not suggest a field the object already has", () => {
    const fx = fixtureWithQuiz();
    fx.mutate(COURSE, (t) => replaceOnce(t, "title: Peer Support Training\n", "title: Peer Support Training\ntitel: Peer Support\n"));
    expect(problemsOf(fx)).toEqual([
      { file: COURSE, line: fx.lineOf(COURSE, "titel: "), field: "titel", message: "unknown field 'titel' (check the spelling; see docs/authoring.md)" },
    ]);
  });

  it("prints the suggestion as the one line an author sees", () => {
    const fx = fixtureWithQuiz();
    fx.mutate(COURSE, (t) => replaceOnce(t, "masteryScore: 80", "masteryScroe: 80"));
    let message = "";
    try {
      loadCourse(fx.dir);
    } catch (err) {
      message = err instanceof ContentError ? err.message : String(err);
    }
    const rel = path.relative(process.cwd(), fx.path(COURSE));
    expect(message).toBe(`${rel}:${fx.lineOf(COURSE, "masteryScroe")}: masteryScroe: unknown field 'masteryScroe' — did you mean 'masteryScore'?`);
  });
});

describe("session front matter", () => {
  it.each([
    ["title: Use of", "titel: Use of", "titel", "title"],
    ["id: language-communication", "di: language-communication", "di", "id"],
    ["summary: ", "Summary: ", "Summary", "summary"],
  ])("%s written as %j", (search, replacement, typed, meant) => {
    expectOne(fixtureWithQuiz(), SESSION, search, replacement, typed, unknown(typed, meant));
  });

  it("suggests 'check' for a mistyped optional field", () => {
    expectOne(fixtureWithQuiz(), "sessions/05-peer-relationship.md", "check: ", "chek: ", "chek", unknown("chek", "check"));
  });
});

describe("session pages", () => {
  it("suggests the nearest callout kind, and none for a far-off one", () => {
    const kinds = "note, tip, warning, content-note";
    const S10 = "sessions/10-risk-boundaries.md";
    expectOne(fixtureWithQuiz(), S10, "::: content-note Content", "::: contentnote Content", undefined, `unknown callout kind 'contentnote'; expected one of: ${kinds} — did you mean 'content-note'?`);
    expectOne(fixtureWithQuiz(), S10, "::: content-note Content", "::: danger Content", undefined, `unknown callout kind 'danger'; expected one of: ${kinds}`);
  });
});

describe("quiz files", () => {
  it("the quiz with one question of every type loads (so each case below breaks only its typo)", () => {
    const fx = fixtureWithQuiz();
    const check = loadCourse(fx.dir).sessions.find((s) => s.id === "peer-relationship")?.check;
    expect(check?.questions.map((q) => q.type)).toEqual(["single-choice", "multiple-response", "true-false", "matching", "sequencing", "fill-in"]);
  });

  it.each([
    // the quiz itself
    ["questions:", "questoins:", "questoins", "questions"],
    ["title: Every", "titel: Every", "titel", "title"],
    ["intro: One", "intor: One", "intor", "intro"],
    // every question type's own fields, and the fields every question has
    ["    choices:\n      - text: Right", "    choises:\n      - text: Right", "questions.0.choises", "choices"],
    ["      - text: Wrong", "      - txt: Wrong", "questions.0.choices.1.txt", "text"],
    ["      incorrect: Not", "      incorect: Not", "questions.0.feedback.incorect", "incorrect"],
    ["    prompt: Pick some.", "    promt: Pick some.", "questions.1.promt", "prompt"],
    ["      - text: Yes\n        correct: true", "      - text: Yes\n        corect: true", "questions.1.choices.0.corect", "correct"],
    ["    answer: true", "    answers: true", "questions.2.answers", "answer"],
    ["    pairs:", "    pairz:", "questions.3.pairz", "pairs"],
    ["      - source: B", "      - soruce: B", "questions.3.pairs.1.soruce", "source"],
    ["    points: 2", "    ponits: 2", "questions.4.ponits", "points"],
    ["    items: [first", "    itmes: [first", "questions.4.itmes", "items"],
    ["    answers: [it]", "    answer: [it]", "questions.5.answer", "answers"],
    ["  - id: word", "  - ID: word", "questions.5.ID", "id"],
    ["    type: fill-in", "    typ: fill-in", "questions.5.typ", "type"],
  ])("%j written as %j", (search, replacement, field, meant) => {
    const typed = field.split(".").at(-1) ?? field;
    const line = replacement.split("\n").find((l) => l.includes(typed)) ?? replacement;
    const fx = fixtureWithQuiz();
    fx.mutate(CHECK, (t) => replaceOnce(t, search, replacement));
    expect(problemsOf(fx)).toEqual([{ file: CHECK, line: fx.lineOf(CHECK, line), field, message: unknown(typed, meant) }]);
  });

  it.each([
    ["single-choice", "singel-choice", "single-choice"],
    ["multiple-response", "Multiple-Response", "multiple-response"],
    ["true-false", "truefalse", "true-false"],
    ["sequencing", "seqencing", "sequencing"],
  ])("a mistyped question type %s (%s) gets the nearest type", (type, typed, meant) => {
    const fx = fixtureWithQuiz();
    const index = ["single-choice", "multiple-response", "true-false", "matching", "sequencing", "fill-in"].indexOf(type);
    fx.mutate(CHECK, (t) => replaceOnce(t, `type: ${type}\n`, `type: ${typed}\n`));
    const [problem, ...more] = problemsOf(fx);
    expect(more).toEqual([]);
    expect(problem).toMatchObject({ file: CHECK, line: fx.lineOf(CHECK, `type: ${typed}`), field: `questions.${index}.type` });
    expect(problem?.message).toMatch(new RegExp(`^question has unknown type "${typed}"; expected one of: .* — did you mean '${meant}'\\?$`));
  });

  it("suggests no question type for a far-off one", () => {
    const fx = fixtureWithQuiz();
    fx.mutate(CHECK, (t) => replaceOnce(t, "type: fill-in\n", "type: essay\n"));
    const problems = problemsOf(fx);
    expect(problems).toHaveLength(1);
    expect(problems[0]?.message).toBe('question has unknown type "essay"; expected one of: single-choice, multiple-response, true-false, matching, sequencing, fill-in');
  });
});
