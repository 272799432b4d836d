// A quiz on the page: stored answers, feedback where it is due, and for the assessment its lock and results.
import type { RuntimeQuiz } from "../../model/runtime-data.js";
import { isCorrect } from "../core/answers.js";
import type { AssessmentRules } from "../core/assessment.js";
import type { QuizState } from "../core/state.js";
import { hideFeedback, questionElement, setDisabled, showFeedback, writeAnswer } from "./question-dom.js";
import { renderResults } from "./results-view.js";

export function renderQuiz(doc: Document, quiz: RuntimeQuiz, qs: QuizState, rules: AssessmentRules): void {
  quiz.questions.forEach((q, i) => {
    const el = questionElement(doc, quiz.id, i);
    if (!el) return;
    const a = qs.answers[i] ?? null;
    writeAnswer(el, q, a);
    hideFeedback(el);
    // A knowledge check shows feedback once checked; the assessment once its attempt is submitted.
    const reveal = quiz.graded ? qs.submitted : qs.checked[i];
    if (reveal && a !== null) showFeedback(el, isCorrect(q, a), a);
    if (quiz.graded) setDisabled(el, qs.submitted);
  });
  if (!quiz.graded) return;
  const submit = doc.querySelector<HTMLButtonElement>(`[data-cw="submit-assessment"][data-quiz-id="${quiz.id}"]`);
  if (submit) submit.hidden = qs.submitted;
  renderResults(doc, rules, qs);
}
