// The assessment's results panel: last and best score, attempts, the verdict in words, Retake.
import type { ResultFacts } from "../core/assessment.js";
import { $ } from "./dom.js";

/** The verdict in a sentence, e.g. "Not passed. Your score is 50%; the pass mark is 80%. You have 2 attempts left." */
export function resultText(f: ResultFacts): string {
  if (!f.attempts) return "";
  const said = `Your score is ${f.last}%; the pass mark is ${f.passMark}%.`;
  if (f.passed) return `Passed. ${said}`;
  const left = f.left;
  const tail = left === null ? "You can try again." : left > 0 ? `You have ${left} attempt${left === 1 ? "" : "s"} left.` : "You have used all your attempts.";
  return `Not passed. ${said} ${tail}`;
}

/** Shows the panel while an attempt's results are showing (`submitted`), filled from `f`. */
export function renderResults(doc: Document, submitted: boolean, f: ResultFacts): void {
  const results = $(doc, "results");
  if (!results) return;
  results.hidden = !submitted;
  const set = (cw: string, text: string): void => {
    const el = $(results, cw);
    if (el) el.textContent = text;
  };
  set("score", f.last === null ? "–" : `${f.last}%`);
  set("best", f.best === null ? "–" : `${f.best}%`);
  set("attempts", f.maxAttempts ? `${f.attempts} of ${f.maxAttempts}` : String(f.attempts));
  set("result-status", resultText(f));
  results.dataset.state = f.passed ? "passed" : f.attempts ? "failed" : "new";
  const retake = $<HTMLButtonElement>(results, "retake");
  if (retake) retake.hidden = !f.canRetake;
}
