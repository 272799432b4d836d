// The Peer Support course's own questions and pages (content/), read as an instructional designer would
// (issue #10 §4): every question traceable to the passage it tests, no answer guessable from its position,
// its length or a "According to the lesson" stem, and no author's note shown to learners.
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { ChoiceQuestion, Page, Question, Quiz } from "../src/model/course.js";
import { REAL_CONTENT } from "./helpers/content-fixture.js";

const course = loadCourse(REAL_CONTENT);
const quizzes: readonly Quiz[] = [...course.sessions.flatMap((s) => (s.check ? [s.check] : [])), ...(course.assessment ? [course.assessment] : [])];
const questions = quizzes.flatMap((quiz) => quiz.questions.map((q) => ({ quiz, q, where: `${quiz.id}/${q.id}` })));
const isChoice = (q: Question): q is ChoiceQuestion => q.type === "single-choice" || q.type === "multiple-response";
const choiceQuestions = (quiz: Quiz): ChoiceQuestion[] => quiz.questions.filter(isChoice);

/** Page text as a reader sees it: no emphasis marks, one space between words. */
const readable = (markdown: string): string => markdown.replace(/\*+/g, "").replace(/\s+/g, " ").trim();

/**
 * The placeholder an author wrote into "Useful Resources" (the seed has only the session's title there):
 * a note about the source material, not something a learner should read.
 */
const AUTHORS_NOTE = "The source material for this course gives no description and no list of resources for this session.";

/** `Session <n>, <page title> — '<passage>' … '<passage>'` → the page and the quoted passages. */
function parseReference(reference: string): { page: Page | undefined; passages: string[] } {
  const m = /^Session (\d+), (.+?) — (.+)$/.exec(reference);
  if (!m) return { page: undefined, passages: [] };
  const session = course.sessions[Number(m[1]) - 1];
  const page = session?.pages.find((p) => p.title === m[2]);
  const passages = [...(m[3] ?? "").matchAll(/'([^']+)'/g)].map((p) => (p[1] ?? "").trim());
  return { page, passages };
}

describe("the course's questions (content/checks, content/assessment.yaml)", () => {
  it("has three knowledge checks and an assessment of a sensible size with a meaningful pass mark", () => {
    expect(quizzes.map((q) => q.id)).toEqual(["check-what-is-peer-support", "check-peer-relationship", "check-risk-boundaries", "assessment"]);
    expect(course.assessment?.questions.length).toBeGreaterThanOrEqual(10);
    expect(course.assessment?.questions.length).toBeLessThanOrEqual(15);
    expect(course.masteryScore).toBeGreaterThanOrEqual(70);
  });

  it.each(questions)("$where names the session page and a passage on it that it tests", ({ q }) => {
    expect(q.reference, "reference").toBeTruthy();
    const { page, passages } = parseReference(q.reference ?? "");
    expect(page, `the page named in: ${q.reference ?? ""}`).toBeDefined();
    expect(passages.length, "quoted passages").toBeGreaterThanOrEqual(1);
    const text = readable(page?.markdown ?? "");
    for (const passage of passages) expect(text, "the quoted passage is on that page, word for word").toContain(readable(passage));
  });

  it("asks no question with an \"According to …\" stem", () => {
    const stems = questions.filter(({ q }) => /according to/i.test(q.prompt)).map(({ where }) => where);
    expect(stems).toEqual([]);
  });

  it.each(quizzes.filter((quiz) => choiceQuestions(quiz).length >= 2))("$id varies the position of the correct choice in the source", (quiz) => {
    // Position of the (first) correct choice as written, before any shuffling.
    const positions = choiceQuestions(quiz).map((q) => q.choices.findIndex((c) => c.correct));
    expect(new Set(positions).size, `positions ${positions.join(", ")}`).toBeGreaterThan(1);
    expect(positions.filter((p) => p === 0).length, `positions ${positions.join(", ")}`).toBeLessThanOrEqual(positions.length / 2);
  });

  it("never lists a multiple-response question's correct choices all ahead of its wrong ones", () => {
    const leading = questions
      .filter(({ q }) => q.type === "multiple-response")
      .filter(({ q }) => {
        const marks = (q as ChoiceQuestion).choices.map((c) => c.correct);
        return marks.indexOf(false) === marks.filter(Boolean).length;
      })
      .map(({ where }) => where);
    expect(leading).toEqual([]);
  });

  it.each(quizzes)("$id does not give the right answer away as the longest choice", (quiz) => {
    const singles = quiz.questions.filter((q): q is ChoiceQuestion => q.type === "single-choice");
    const longest = singles.filter((q) => {
      const right = q.choices.find((c) => c.correct)?.text.length ?? 0;
      return q.choices.every((c) => c.correct || c.text.length < right);
    });
    expect(longest.length, longest.map((q) => q.id).join(", ")).toBeLessThanOrEqual(singles.length / 2);
  });

  it.each(quizzes.filter((quiz) => quiz.questions.filter((q) => q.type === "true-false").length >= 2))("$id uses both true-false answers", (quiz) => {
    const answers = quiz.questions.flatMap((q) => (q.type === "true-false" ? [q.answer] : []));
    expect(new Set(answers).size).toBe(2);
  });

  it.each(questions)("$where has distinct options", ({ q }) => {
    const key = (s: string): string => s.trim().toLowerCase();
    const distinct = (values: readonly string[]): void => expect(new Set(values.map(key)).size, q.id).toBe(values.length);
    if (isChoice(q)) distinct(q.choices.map((c) => c.text));
    if (q.type === "matching") {
      distinct(q.pairs.map((p) => p.source));
      distinct(q.pairs.map((p) => p.target));
    }
    if (q.type === "sequencing") distinct(q.items);
    if (q.type === "fill-in") distinct(q.answers);
  });

  it.each(quizzes)("$id uses at least two question types", (quiz) => {
    expect(new Set(quiz.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(2);
  });

  it("uses every question type across the course", () => {
    expect(new Set(questions.map(({ q }) => q.type))).toEqual(new Set(["single-choice", "multiple-response", "true-false", "matching", "sequencing", "fill-in"]));
  });

  it.each(questions)("$where explains both outcomes, and every wrong choice", ({ q }) => {
    expect(q.feedback.correct, "feedback.correct").toBeTruthy();
    expect(q.feedback.incorrect, "feedback.incorrect").toBeTruthy();
    if (isChoice(q)) for (const c of q.choices.filter((x) => !x.correct)) expect(c.feedback, c.text).toBeTruthy();
  });

  it.each(questions.filter(({ q }) => q.type === "fill-in"))("$where expects one word that its passage contains", ({ q }) => {
    if (q.type !== "fill-in") throw new Error("not a fill-in question");
    const word = q.answers[0] ?? "";
    expect(word).toMatch(/^\p{L}+$/u);
    const { passages } = parseReference(q.reference ?? "");
    expect(passages.join(" ").toLowerCase()).toMatch(new RegExp(`\\b${word.toLowerCase()}\\b`));
  });
});

describe("the course's pages (content/sessions)", () => {
  const pages = course.sessions.flatMap((s) => s.pages.map((p) => ({ session: s, page: p, where: `${s.id}/${p.id}` })));

  it.each(pages)("$where shows learners no author's note", ({ page }) => {
    expect(readable(`${page.title} ${page.markdown}`)).not.toContain(AUTHORS_NOTE);
    expect(page.markdown).not.toMatch(/source material|no list of resources/i);
  });

  it("shows in blocks the seed text already shaped that way, its words unchanged (content/README.md, Blocks)", () => {
    const page = (session: string, title: string): string => course.sessions.find((s) => s.id === session)?.pages.find((p) => p.title === title)?.markdown ?? "";
    // The Herman (1992) quotation: a quote with its attribution.
    expect(page("risk-boundaries", "What is trauma?")).toContain("the human system of self-defence becomes overwhelmed and disorganised’\n> — Herman, 1992\n");
    // The risk lesson's own summary: a key points block around its sentence and list.
    expect(page("risk-boundaries", "Risk, mental health and recovery")).toMatch(/::: key-points\nWhen considering risk we should be aware of the following:\n\n(- .+\n){3}:::/);
    // The three Drama Triangle roles: one tab each, in the lesson's order, each with the lesson's sentences.
    const roles = /::: tabs\n([\s\S]*?)\n:::/.exec(page("peer-relationship", "The Drama Triangle"))?.[1] ?? "";
    expect([...roles.matchAll(/^## (.+)$/gm)].map((m) => m[1])).toEqual(["Victim", "Persecutor", "Rescuer"]);
    expect(roles).toContain("The victim either takes on or accepts the role of a mistreated, persecuted person.");
    // The six values: an accordion item each, titled by the value's run-in sentence as the lesson writes it.
    const values = /::: accordion\n([\s\S]*?)\n:::/.exec(page("what-is-peer-support", "Introduction to the six values"))?.[1] ?? "";
    expect([...values.matchAll(/^## \*\*(\w+):\*\* /gm)].map((m) => m[1])).toEqual(["Hope", "Experience", "Authenticity", "Responsibility", "Mutuality", "Empowerment"]);
    expect(values.match(/^- /gm)).toHaveLength(24);
  });

  it("keeps the author's note out of every session summary too", () => {
    for (const s of course.sessions) expect(s.summary, s.id).not.toMatch(/source material|no list of resources/i);
  });

  it("gives Useful Resources content drawn from the lessons: the sources they name and the support they point to", () => {
    const session = course.sessions.find((s) => s.id === "useful-resources");
    const text = readable(session?.pages.map((p) => p.markdown).join(" ") ?? "");
    for (const named of ["Scottish Recovery Network", "Stephen Karpman", "Eric Berne", "Herman (1992)", "supervisors and colleagues"]) {
      expect(text).toContain(named);
    }
    // Every quotation on the page is the lessons' own wording.
    const lessons = readable(course.sessions.filter((s) => s.id !== "useful-resources").flatMap((s) => s.pages.map((p) => p.markdown)).join(" "));
    const quotes = [...text.matchAll(/“([^”]+)”/g)].map((m) => (m[1] ?? "").replace(/^…/, "").trim());
    expect(quotes.length).toBeGreaterThanOrEqual(3);
    for (const quote of quotes) expect(lessons.includes(quote), `“${quote}” is in a lesson`).toBe(true);
  });
});
