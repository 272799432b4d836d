// The learner's state and everything derived from it (session and course completion, assessment status).
import { ASSESSMENT_ID, type RuntimeCourse } from "../../model/runtime-data.js";
import type { Answer } from "./answers.js";
import { attemptsLeft } from "./assessment.js";
import { newSeed } from "./shuffle.js";
import { outcomeOf, type Outcome } from "./outcome.js";

export interface QuizState {
  answers: (Answer | null)[];
  /** Knowledge checks: question checked at least once. */
  checked: boolean[];
  /** Graded quizzes: submitted attempts, best and last score (percent), passed ever. */
  attempts: number;
  best: number | null;
  last: number | null;
  passed: boolean;
  /** The current attempt has been submitted (results are showing). */
  submitted: boolean;
  /** Shown order of the current attempt's options (see shuffle.ts); a knowledge check keeps one. */
  seed: number;
}

export interface LearnerState {
  visited: boolean[];
  /** Flat page index. */
  location: number;
  quizzes: Record<string, QuizState>;
  /** The learner's reflections by id (none empty): kept and recorded, never counted toward progress. */
  reflections: Record<string, string>;
}

export interface PageRef {
  readonly index: number;
  readonly session: number;
  readonly sessionId: string;
  readonly pageId: string;
}

/** Flat list of the unit's pages, in reading order. */
export function flattenPages(course: RuntimeCourse): PageRef[] {
  const out: PageRef[] = [];
  course.sessions.forEach((s, si) => {
    for (const pageId of s.pages) out.push({ index: out.length, session: si, sessionId: s.id, pageId });
  });
  return out;
}

export function emptyState(course: RuntimeCourse): LearnerState {
  const quizzes: Record<string, QuizState> = {};
  for (const q of Object.values(course.quizzes)) {
    quizzes[q.id] = {
      answers: q.questions.map(() => null),
      checked: q.questions.map(() => false),
      attempts: 0,
      best: null,
      last: null,
      passed: false,
      submitted: false,
      seed: newSeed(),
    };
  }
  return { visited: flattenPages(course).map(() => false), location: 0, quizzes, reflections: {} };
}

/** The final assessment: submitted attempts, best score (percent), passed ever. */
export interface AssessmentProgress {
  readonly attempts: number;
  readonly best: number | null;
  readonly passed: boolean;
}

export interface SessionProgress {
  readonly id: string;
  readonly complete: boolean;
  readonly started: boolean;
  /** Counts toward the unit's completion (the final assessment does not). */
  readonly counts: boolean;
}

export interface Progress {
  readonly sessions: readonly SessionProgress[];
  /** The counted sessions, and how many of them are complete (the header's and completion page's "n of m"). */
  readonly sessionsCounted: number;
  readonly sessionsDone: number;
  readonly pagesVisited: number;
  readonly pagesTotal: number;
  readonly courseComplete: boolean;
  readonly assessment: AssessmentProgress | null;
  /** Both axes of the learner's outcome, for each standard to word (see outcome.ts). */
  readonly outcome: Outcome;
}

export function progress(course: RuntimeCourse, state: LearnerState): Progress {
  // Toward completion count the counted sessions' pages viewed and knowledge-check questions checked.
  let done = 0;
  let total = 0;
  let sessionsCounted = 0;
  let sessionsDone = 0;
  /** The flat index of the next page: sessions and their pages in reading order (see `flattenPages`). */
  let at = 0;
  const sessions = course.sessions.map(({ id, check, counts, pages }): SessionProgress => {
    const seen = pages.map(() => state.visited[at++]);
    const steps = seen.concat(state.quizzes[check ?? ""]?.checked ?? []);
    // A session is complete with all its pages viewed and its check answered; the assessment, once passed.
    const complete = id === ASSESSMENT_ID ? Boolean(state.quizzes[id]?.passed) : steps.every(Boolean);
    if (counts) {
      sessionsCounted++;
      if (complete) sessionsDone++;
      total += steps.length;
      done += steps.filter(Boolean).length;
    }
    return { id, complete, started: seen.some(Boolean), counts };
  });
  // The course is complete when every counted session is (the assessment does not count as one).
  const courseComplete = total > 0 && sessionsDone === sessionsCounted;
  const qs = state.quizzes[ASSESSMENT_ID];
  // A copy, as it stands now (the quiz state changes with the next attempt).
  const assessment: AssessmentProgress | null = course.quizzes[ASSESSMENT_ID] && qs ? { ...qs } : null;
  const base = { sessions, sessionsCounted, sessionsDone, pagesVisited: state.visited.filter(Boolean).length, pagesTotal: at, courseComplete, assessment };
  return { ...base, outcome: outcomeOf(base, done, total, qs ? attemptsLeft(course, qs.attempts) : null) };
}
