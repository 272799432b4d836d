// The final assessment's rules: pass mark, attempts, best score, retakes. Scores are percents 0..100.
import type { ShowAnswers } from "../../model/course.js";
import type { RuntimeCourse, RuntimeQuiz } from "../../model/runtime-data.js";
import { scorePercent, type Answer } from "./answers.js";
import { drawn } from "./draw.js";
import { newSeed } from "./shuffle.js";
import type { QuizState } from "./state.js";

export interface AssessmentRules {
  /** Percent a submitted attempt must reach to pass. */
  readonly passMark: number;
  /** Attempts allowed; 0: unlimited. */
  readonly maxAttempts: number;
  /** When the correct answers are shown (see `revealsKey`). */
  readonly showAnswers: ShowAnswers;
}

/** The course's rules; a pass mark the LMS sets for this learner (`passMark`, percent) replaces the course's. */
export function assessmentRules(course: RuntimeCourse, passMark?: number): AssessmentRules {
  return { passMark: passMark ?? course.masteryScore, maxAttempts: course.maxAttempts, showAnswers: course.showAnswers };
}

/**
 * The correct answers may be shown with the marks: "always" at every check and submission; "never" not at
 * all; "after-last-attempt" (the default) for the assessment once no attempt follows (passed, or none left),
 * so that a retake is not answered from the key; a knowledge check (no attempts) shows it only with "always".
 */
export function revealsKey(rules: AssessmentRules, quiz: RuntimeQuiz, qs: QuizState): boolean {
  if (rules.showAnswers !== "after-last-attempt") return rules.showAnswers === "always";
  return quiz.graded && qs.submitted && !canRetake(rules, qs);
}

/** Attempts still allowed; null: unlimited. */
export function attemptsLeft(rules: Pick<AssessmentRules, "maxAttempts">, attempts: number): number | null {
  return rules.maxAttempts ? Math.max(0, rules.maxAttempts - attempts) : null;
}

/** Another attempt may follow the submitted one: not passed (a pass is final) and attempts left. */
export function canRetake(rules: AssessmentRules, qs: QuizState): boolean {
  return !qs.passed && attemptsLeft(rules, qs.attempts) !== 0;
}

export interface AttemptResult {
  readonly score: number;
  readonly passed: boolean;
  /** 1-based number of this attempt. */
  readonly attempt: number;
  /** No further attempt will follow: passed, or no attempts left. */
  readonly final: boolean;
}

/**
 * Records a submitted attempt in the quiz state: its score is the last, the best is kept, and a pass is
 * never taken back. Undefined when no attempt is allowed (already submitted, or none left).
 */
export function submitAttempt(rules: AssessmentRules, quiz: RuntimeQuiz, qs: QuizState, answers: (Answer | null)[]): AttemptResult | undefined {
  if (qs.submitted || attemptsLeft(rules, qs.attempts) === 0) return undefined;
  // Points earned of the points possible of the questions this attempt showed (a pool's draw).
  const shown = drawn(quiz, qs.seed);
  const on = (_: unknown, i: number): boolean => shown.includes(i);
  const score = scorePercent(quiz.questions.filter(on), answers.filter(on));
  const passed = score >= rules.passMark;
  qs.answers = answers;
  qs.attempts++;
  qs.last = score;
  qs.best = Math.max(qs.best ?? score, score);
  if (passed) qs.passed = true;
  qs.submitted = true;
  return { score, passed, attempt: qs.attempts, final: !canRetake(rules, qs) };
}

/** Opens a new attempt after a submitted one, when the rules allow it; false otherwise. */
export function startRetake(rules: AssessmentRules, quiz: RuntimeQuiz, qs: QuizState): boolean {
  if (!qs.submitted || !canRetake(rules, qs)) return false;
  qs.submitted = false;
  qs.answers = quiz.questions.map(() => null);
  // A new attempt shows its options in a new order and, from a pool, other questions than the last attempt
  // (a few tries: a pool that has only one draw keeps it).
  const last = String(drawn(quiz, qs.seed));
  let tries = 9;
  do qs.seed = newSeed();
  while (quiz.draw && String(drawn(quiz, qs.seed)) === last && --tries);
  return true;
}
