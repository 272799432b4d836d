// The assessment's results panel: last and best score, attempts, the verdict in words, Retake.
import { attemptsLeft, canRetake, type AssessmentRules } from "../core/assessment.js";
import type { QuizState } from "../core/state.js";
import { $ } from "./dom.js";

const percent = (n: number | null): string => (n === null ? "–" : `${n}%`);

/** The verdict in a sentence, e.g. "Not passed. Your score is 50%; the pass mark is 80%. You have 2 attempts left." */
export function resultText(rules: AssessmentRules, qs: QuizState): string {
  if (!qs.attempts) return "";
  const said = `Your score is ${percent(qs.last)}; the pass mark is ${rules.passMark}%.`;
  if (qs.passed) return `Passed. ${said}`;
  const left = attemptsLeft(rules, qs.attempts);
  const tail = left === null ? "You can try again." : left ? `You have ${left} attempt${left === 1 ? "" : "s"} left.` : "You have used all your attempts.";
  return `Not passed. ${said} ${tail}`;
}

/** Shows the panel while an attempt's results are showing (`qs.submitted`). */
export function renderResults(doc: Document, rules: AssessmentRules, qs: QuizState): void {
  const results = $(doc, "results");
  if (!results) return;
  results.hidden = !qs.submitted;
  const set = (cw: string, text: string): void => {
    const el = $(results, cw);
    if (el) el.textContent = text;
  };
  set("score", percent(qs.last));
  set("best", percent(qs.best));
  set("attempts", rules.maxAttempts ? `${qs.attempts} of ${rules.maxAttempts}` : String(qs.attempts));
  set("result-status", resultText(rules, qs));
  results.dataset.state = qs.passed ? "passed" : qs.attempts ? "failed" : "new";
  const retake = $<HTMLButtonElement>(results, "retake");
  if (retake) retake.hidden = !(qs.submitted && canRetake(rules, qs));
}
