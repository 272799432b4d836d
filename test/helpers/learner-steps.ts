// The multi-step parts of a journey, written once for every way of driving a page (mouse or keyboard):
// a learner only has to know how to open a page, answer, check and submit.
import type { Course, Question } from "../../src/model/course.js";

export interface PageLearner {
  open(sessionId: string, pageId: string): Promise<void>;
  answer(quizId: string, index: number, q: Question, correct: boolean): Promise<void>;
  check(quizId: string, index: number): Promise<void>;
  /** The question was answered correctly and checked: it is done (its Check is disabled). */
  done(quizId: string, index: number): Promise<boolean>;
  /** Presses "Submit assessment" and waits for the results. */
  submitAssessment(): Promise<void>;
}

/** Opens a session's knowledge check and answers and checks every question correctly (but those already done). */
export async function passCheck(learner: PageLearner, course: Course, sessionId: string): Promise<void> {
  const check = course.sessions.find((s) => s.id === sessionId)?.check;
  if (!check) throw new Error(`session ${sessionId} has no check`);
  await learner.open(sessionId, "check");
  for (const [i, q] of check.questions.entries()) {
    if (await learner.done(check.id, i)) continue;
    await learner.answer(check.id, i, q, true);
    await learner.check(check.id, i);
  }
}

/** Answers every assessment question (the first `wrong` of them wrongly) and submits. */
export async function takeAssessment(learner: PageLearner, course: Course, wrong: number): Promise<void> {
  const quiz = course.assessment;
  if (!quiz) throw new Error("no assessment");
  for (const [i, q] of quiz.questions.entries()) await learner.answer(quiz.id, i, q, i >= wrong);
  await learner.submitAssessment();
}

/** Views every page of every session and passes every knowledge check: what opens a locked assessment. */
export async function completeSessions(learner: PageLearner, course: Course): Promise<void> {
  for (const s of course.sessions) {
    for (const p of s.pages) await learner.open(s.id, p.id);
    if (s.check) await passCheck(learner, course, s.id);
  }
}
