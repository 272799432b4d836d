// The assessment's results panel: last and best score, attempts, the verdict in words, Retake.
import { attemptsLeft, canRetake, type AssessmentRules } from "../core/assessment.js";
import type { QuizState } from "../core/state.js";
import { $, setText } from "./dom.js";
import { percentText, say, type LocalWords } from "../core/messages.js";

/**
 * A score as the learner reads it: a whole percentage, rounded down so it never reads as reaching a pass mark
 * it missed (79.5 is "79%", not "80%"). The LMS or LRS gets the exact score.
 */
export const percent = (w: LocalWords, n: number | null | undefined): string => (n == null ? "–" : percentText(w, Math.floor(n + 1e-9)));

/** The verdict in a sentence, e.g. "Not passed. Your score is 50%; the pass mark is 80%. You have 2 attempts left." */
export function resultText(rules: AssessmentRules, qs: QuizState, w: LocalWords): string {
  if (!qs.attempts) return "";
  const said = say(w, "score", percent(w, qs.last), percentText(w, rules.passMark));
  if (qs.passed) return say(w, "passed", said);
  const left = attemptsLeft(rules, qs.attempts);
  const tail = say(w, left === null ? "tryAgain" : left === 0 ? "attemptsUsed" : left === 1 ? "attemptsLeftOne" : "attemptsLeftOther", left ?? "");
  return say(w, "notPassed", said, tail);
}

/** Shows the panel while an attempt's results are showing (`qs.submitted`). */
export function renderResults(doc: Document, rules: AssessmentRules, qs: QuizState, w: LocalWords): void {
  const results = $(doc, "results");
  if (!results) return;
  results.hidden = !qs.submitted;
  setText(results, "score", percent(w, qs.last));
  setText(results, "best", percent(w, qs.best));
  setText(results, "attempts", rules.maxAttempts ? say(w, "countOf", qs.attempts, rules.maxAttempts) : String(qs.attempts));
  setText(results, "result-status", resultText(rules, qs, w));
  results.dataset.state = qs.passed ? "passed" : qs.attempts ? "failed" : "new";
  // Retake is inside the panel, so shown only once the attempt is submitted.
  $(results, "retake")?.toggleAttribute("hidden", !canRetake(rules, qs));
}
