// The assessment one question at a time (course.yaml `assessmentLayout: one-at-a-time`). Every question stays in
// the page, so answers, submission and results work exactly as with all on one page; the stylesheet shows only
// the step marked current (data-at on the quiz says stepping is on), and every step once submitted, for review.
// Submit sits with the last question (templates/partials/assessment.hbs). A pool's steps are the ones its draw
// shows (ui/pool-view.ts hides the others): steps are counted among those, and `data-step` is a question's index.
import type { QuizState } from "../core/state.js";

const shownSteps = (quiz: Element): HTMLElement[] => [...quiz.querySelectorAll<HTMLElement>("[data-step]:not([hidden])")];

/** Shows step `index` (clamped) and focuses `focus` in it: the question itself (it reads its legend) or a control. */
export function stepTo(quiz: HTMLElement, index: number, focus?: string): void {
  const steps = shownSteps(quiz);
  const at = Math.max(0, Math.min(index, steps.length - 1));
  // Every step, hidden ones too: a step a new draw hides must not stay current beside the one that is.
  for (const s of quiz.querySelectorAll("[data-step]")) s.toggleAttribute("data-current", s === steps[at]);
  quiz.dataset["at"] = String(at);
  if (focus) steps[at]?.querySelector<HTMLElement>(focus)?.focus();
}

/**
 * With each render of the quiz: review once submitted; otherwise the learner stays on their step, and a new
 * attempt (or a launch) starts at the first question without an answer — the last, with Submit, if none.
 */
export function renderSteps(d: Document, quizId: string, qs: QuizState): void {
  const quiz = d.querySelector<HTMLElement>(`[data-stepped="${quizId}"]`);
  if (!quiz) return;
  quiz.toggleAttribute("data-review", qs.submitted);
  const first = shownSteps(quiz).findIndex((s) => qs.answers[Number(s.dataset["step"])] === null);
  if (!quiz.dataset["at"] || qs.answers.every((a) => a === null)) stepTo(quiz, first < 0 ? 1e9 : first);
}

/** After a refused submission: the first question it names as still to answer, its first control focused. */
export function stepToProblem(d: Document): void {
  const step = d.querySelector("[data-stepped]:not([data-review]) [data-problem]:not([hidden])")?.closest<HTMLElement>("[data-step]");
  const quiz = step?.closest<HTMLElement>("[data-stepped]");
  if (quiz && step) stepTo(quiz, shownSteps(quiz).indexOf(step), "input, select, button");
}
