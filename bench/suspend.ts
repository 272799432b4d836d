// SCORM 1.2 suspend_data of a learner who has done everything: every page visited, every knowledge-check
// question answered and checked, the final assessment answered and submitted (passed). Computed with the
// runtime's own code (runtimeCourse → emptyState → encodeState), the same functions the player calls before
// every LMSSetValue("cmi.suspend_data", …), so the figures are what an LMS would store.
import type { Course } from "../src/model/course.js";
import type { RuntimeQuestion } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { scorePercent, type Answer } from "../src/runtime/core/answers.js";
import { drawn } from "../src/runtime/core/draw.js";
import { encodeState } from "../src/runtime/core/state-codec.js";
import { emptyState } from "../src/runtime/core/state.js";

/** SCORM 1.2's limit for cmi.suspend_data (CMIString4096). */
export const SUSPEND_DATA_LIMIT = 4096;

export interface SuspendFigures {
  /** Full encoding (every answer kept). */
  readonly full: number;
  /** Compact encoding (answers already reported as interactions left out). */
  readonly compact: number;
  /** What Scorm12Tracker stores: the full form when it fits in 4,096 characters, otherwise the compact one. */
  readonly stored: number;
  readonly storedForm: "full" | "compact";
  /** The largest moment on the way: everything done, assessment answered but not yet submitted. */
  readonly beforeSubmit: { readonly full: number; readonly compact: number; readonly stored: number };
  readonly sample: string;
}

// Long typed answers, as learners write them: whole sentences, punctuation and typographic characters that
// URI-encoding expands (’ → %E2%80%99, é → %C3%A9, space → %20). At most 250 characters (the input's maxlength).
const LONG_ANSWERS = [
  "I think the answer is hope, because the lesson said that believing recovery is possible for everyone comes first, and that peer workers show it’s real.",
  "Mutuality – both people learn from each other, and it’s not about one person being the expert; that is what makes the relationship different from other support.",
  "Responsibility: being with someone rather than doing things for them, so they stay in the driving seat of their own recovery, even when it’s hard and progress feels slow for both of us.",
  "Empowerment, I believe. The person makes their own choices, including ones that carry some risk, and the worker supports them to learn from what happens next — café chats included!",
];

function learnerAnswer(q: RuntimeQuestion, i: number): Answer {
  const wrong = i % 5 === 4; // a learner gets some wrong; the encoding is the same size either way
  switch (q.type) {
    case "single-choice": {
      const right = q.correct?.[0] ?? 0;
      return [wrong ? (right + 1) % q.options.length : right];
    }
    case "multiple-response":
      return wrong ? [q.options.length - 1] : [...(q.correct ?? [0])];
    case "true-false":
      return wrong ? !q.answer : Boolean(q.answer);
    case "matching":
    case "sequencing": {
      const order = q.options.map((_, k) => k);
      return wrong ? [...order.slice(1), 0] : order;
    }
    case "fill-in":
      return LONG_ANSWERS[i % LONG_ANSWERS.length] ?? "";
  }
}

/** `seed`: every quiz's attempt seed (default: a random one, as a launch makes), which decides a pool's draw. */
export function fullProgressSuspendData(course: Course, seed?: number): SuspendFigures {
  const unit = planUnits(course, false)[0];
  if (!unit) throw new Error("course has no unit");
  const rc = runtimeCourse(course, unit);
  const state = emptyState(rc);
  if (seed !== undefined) for (const qs of Object.values(state.quizzes)) qs.seed = seed;
  state.visited = state.visited.map(() => true);
  state.location = state.visited.length - 1;
  let n = 0;
  for (const quiz of Object.values(rc.quizzes)) {
    const qs = state.quizzes[quiz.id];
    if (!qs) continue;
    // A pool's attempt answers the questions it drew; the others keep no answer.
    const shown = drawn(quiz, qs.seed);
    qs.answers = quiz.questions.map((q, i) => (shown.includes(i) ? learnerAnswer(q, n++) : null));
    if (!quiz.graded) qs.checked = quiz.questions.map(() => true);
  }
  const stored = (full: string, compact: string): string => (full.length <= SUSPEND_DATA_LIMIT ? full : compact);

  // Assessment answered, not yet submitted: the compact form keeps its answers (nothing reported them yet).
  const fullBefore = encodeState(rc, state);
  const compactBefore = encodeState(rc, state, { compact: true });

  const assessment = Object.values(rc.quizzes).find((q) => q.graded);
  const as = assessment ? state.quizzes[assessment.id] : undefined;
  if (assessment && as) {
    const shown = drawn(assessment, as.seed);
    const score = scorePercent(assessment.questions.filter((_, i) => shown.includes(i)), as.answers.filter((_, i) => shown.includes(i)));
    as.attempts = 1;
    as.best = score;
    as.last = score;
    as.passed = score >= course.masteryScore;
    as.submitted = true;
  }
  const full = encodeState(rc, state);
  const compact = encodeState(rc, state, { compact: true });
  const chosen = stored(full, compact);
  return {
    full: full.length,
    compact: compact.length,
    stored: chosen.length,
    storedForm: chosen === full ? "full" : "compact",
    beforeSubmit: { full: fullBefore.length, compact: compactBefore.length, stored: stored(fullBefore, compactBefore).length },
    sample: chosen.length > 160 ? `${chosen.slice(0, 120)}…${chosen.slice(-30)}` : chosen,
  };
}

/**
 * The course with its assessment replaced by a pool of `size` questions (its own questions over and over, ids
 * numbered), `count` drawn per attempt: the SCORM 1.2 suspend_data of a learner at full progress, for the
 * largest of `seeds` draws (the draw decides which answers are kept: a long typed answer drawn more often
 * makes it longer). Nothing of the draw is stored but the attempt's seed (runtime/core/draw.ts).
 */
export function pooledSuspendData(course: Course, size = 200, count = 20, seeds = 200): SuspendFigures & { readonly pool: number; readonly drawn: number } {
  const base = course.assessment;
  if (!base) throw new Error("course has no assessment to make a pool of");
  const questions = Array.from({ length: size }, (_, i) => {
    const q = base.questions[i % base.questions.length];
    if (!q) throw new Error("assessment without questions");
    return { ...q, id: `${q.id}-${Math.floor(i / base.questions.length) + 1}` };
  });
  const pooled: Course = { ...course, assessment: { ...base, questions, draw: { count } } };
  let worst: SuspendFigures | undefined;
  for (let seed = 1; seed <= seeds; seed++) {
    const figures = fullProgressSuspendData(pooled, seed);
    if (!worst || figures.full > worst.full) worst = figures;
  }
  if (!worst) throw new Error("no seed measured");
  return { ...worst, pool: size, drawn: count };
}
