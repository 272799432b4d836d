// A quiz on the page: options in the attempt's order, stored answers, feedback where it is due, and for the
// assessment its lock and results.
import type { RuntimeQuiz } from "../../model/runtime-data.js";
import { isCorrect } from "../core/answers.js";
import { revealsKey, type AssessmentRules } from "../core/assessment.js";
import type { QuizState } from "../core/state.js";
import { arrange, hideFeedback, questionElement, setDisabled, setState, showFeedback, writeAnswer } from "./question-dom.js";
import { flagDuplicates } from "./question-marks.js";
import { renderResults } from "./results-view.js";
import { say, type LocalWords, type Words } from "../core/messages.js";
import { hook } from "../features-hook.js";

/** A knowledge-check question answered correctly is done: its controls stay as answered, Check says so. */
export function markDone(el: HTMLElement, w: Words): void {
  setDisabled(el, true);
  const check = el.querySelector<HTMLButtonElement>("[data-cw=check-answer]");
  if (check) check.textContent = say(w, "checkDone");
}

export function renderQuiz(doc: Document, quiz: RuntimeQuiz, qs: QuizState, rules: AssessmentRules, w: LocalWords): void {
  const reveal = revealsKey(rules, quiz, qs);
  quiz.questions.forEach((q, i) => {
    const el = questionElement(doc, quiz.id, i);
    if (!el) return;
    const a = qs.answers[i] ?? null;
    arrange(el, q, qs.seed);
    writeAnswer(el, q, a);
    hideFeedback(el);
    flagDuplicates(el);
    setState(el, q, a);
    // A knowledge check shows feedback once checked; the assessment once its attempt is submitted.
    const shown = quiz.graded ? qs.submitted : qs.checked[i];
    if (shown && a !== null) showFeedback(el, q, a, reveal, w, !quiz.graded || reveal);
    if (quiz.graded) setDisabled(el, qs.submitted);
    else if (shown && a !== null && isCorrect(q, a)) markDone(el, w);
  });
  hook("quiz", doc, quiz, qs);
  if (!quiz.graded) return;
  const submit = doc.querySelector<HTMLButtonElement>(`[data-cw="submit-assessment"][data-quiz-id="${quiz.id}"]`);
  if (submit) submit.hidden = qs.submitted;
  renderResults(doc, rules, qs, w);
}
