// Course model → the data the browser runtime needs for one unit (see model/runtime-data.ts).
import { numberStyle } from "./number-style.js";
import type { Course, Question, Quiz } from "../model/course.js";
import { ASSESSMENT_ID, CHECK_PAGE_ID, type RuntimeCourse, type RuntimeQuestion, type RuntimeQuiz, type RuntimeSession } from "../model/runtime-data.js";
import { sessionTitle, type Unit } from "../model/units.js";
import { drawGroups } from "../model/draw-groups.js";
import { fnv1a } from "../model/hash.js";
import { plainText } from "./markdown.js";
import { MESSAGES, runtimeMessages } from "./messages.js";
import { Words } from "./words.js";

export const ASSESSMENT_PAGE_ID = "assessment";

/**
 * Whether the question's options are shown in a shuffled order: the question's setting, else the quiz's, else
 * the course's. True/false never is; sequencing always is (its authored order is the answer).
 */
export function shuffles(course: Pick<Course, "shuffle">, quiz: Pick<Quiz, "shuffle">, q: Question): boolean {
  if (q.type === "sequencing") return true;
  if (q.type === "true-false" || q.type === "fill-in") return false;
  return q.shuffle ?? quiz.shuffle ?? course.shuffle;
}

function runtimeQuestion(course: Course, quiz: Quiz, q: Question): RuntimeQuestion {
  // The whole prompt: each standard cuts it to what its data model holds where it writes it (a description
  // element's size is one standard's rule, and another may carry all of it).
  const base = { id: q.id, type: q.type, points: q.points, prompt: plainText(q.prompt), ...(shuffles(course, quiz, q) ? { shuffle: true as const } : {}) };
  switch (q.type) {
    case "single-choice":
    case "multiple-response":
      return {
        ...base,
        options: q.choices.map((c) => c.id),
        correct: q.choices.flatMap((c, i) => (c.correct ? [i] : [])),
      };
    case "true-false":
      return { ...base, options: ["t", "f"], answer: q.answer };
    case "matching":
      return {
        ...base,
        options: q.pairs.map((_, i) => String.fromCharCode(97 + i)),
        targets: q.pairs.map((p) => plainText(p.target)),
      };
    case "sequencing":
      return { ...base, options: q.items.map((_, i) => String.fromCharCode(97 + i)) };
    case "fill-in":
      return { ...base, options: [], accepted: q.answers };
  }
}

function runtimeQuiz(course: Course, q: Quiz): RuntimeQuiz {
  // A group drawn 0 times is left out: its questions are never shown.
  const draw = drawGroups(q).filter((g) => g.count > 0).map((g) => [g.count, g.members] as const);
  return { id: q.id, title: q.title, graded: q.graded, questions: q.questions.map((x) => runtimeQuestion(course, q, x)), ...(draw.length ? { draw } : {}) };
}

/**
 * `messages`: the standard's own keys (its Packager's table), added to the neutral ones; `adapter`: the
 * standard's build-time data for its runtime (Packager.runtimeData), made from the rest.
 */
export function runtimeCourse(
  course: Course,
  unit: Unit,
  messages: Readonly<Record<string, string>> = {},
  adapter?: (course: Course, unit: Unit, data: RuntimeCourse) => unknown,
): RuntimeCourse {
  const sessions: RuntimeSession[] = unit.sessions.map((s) => ({
    id: s.id,
    title: sessionTitle(course, s),
    pages: [...s.pages.map((p) => p.id), ...(s.check ? [CHECK_PAGE_ID] : [])],
    ...(s.check ? { check: s.check.id } : {}),
    ...(s.pages.some((p) => p.requirement) ? { waits: s.pages.filter((p) => p.requirement === "media-ended").map((p) => p.id) } : {}),
    counts: true,
  }));
  const quizzes: Record<string, RuntimeQuiz> = {};
  for (const s of unit.sessions) if (s.check) quizzes[s.check.id] = runtimeQuiz(course, s.check);
  if (unit.assessment) {
    sessions.push({ id: ASSESSMENT_ID, title: unit.assessment.title, pages: [ASSESSMENT_PAGE_ID], counts: false });
    quizzes[ASSESSMENT_ID] = runtimeQuiz(course, unit.assessment);
  }
  const reflections = unit.sessions.flatMap((s) => s.pages.flatMap((p) => (p.reflections ?? []).map((r) => ({ id: r.id, prompt: r.prompt, session: s.id }))));
  const structure = JSON.stringify([sessions.map((s) => [s.id, s.pages]), Object.values(quizzes).map((q) => {
    const shape = q.questions.map((x) => [x.id, x.type, x.options.length]);
    // A pool's draw decides which answers a saved state holds (core/draw.ts): a changed draw is another structure.
    return q.draw ? [shape, q.draw] : shape;
  })]);
  const data: RuntimeCourse = {
    id: course.id,
    title: course.title,
    language: course.language,
    numbers: numberStyle(course.language),
    unit: unit.id,
    reporting: unit.reporting,
    masteryScore: course.masteryScore,
    maxAttempts: course.maxAttempts,
    showAnswers: course.showAnswers,
    fingerprint: fnv1a(structure),
    sessions,
    quizzes,
    // Kept by id (core/state-codec.ts), so adding one leaves the learners' saved state valid: not in the fingerprint.
    ...(reflections.length ? { reflections } : {}),
    // The keys are the neutral runtime's and the standard's; the words are the course's language's.
    messages: runtimeMessages(Words.of(course), Object.keys({ ...MESSAGES, ...messages }), course.maxAttempts),
  };
  return adapter ? { ...data, adapter: adapter(course, unit, data) } : data;
}
