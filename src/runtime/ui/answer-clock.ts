// When each answer was given and how long it took: per question (`quiz/index`), from the learner's previous
// answer on the page (or the page being shown) to the answer.

export interface AnswerClock {
  /** When the shown page (or the current attempt) was shown. */
  readonly shownAt: number;
  /** A page was shown (or, `fresh`, a new attempt began: earlier answers' times are forgotten). */
  shown(fresh?: boolean): void;
  /** The learner changed this question's answer. */
  changed(key: string): void;
  /**
   * The answer's time and latency: a knowledge check is answered when checked (now), and a second try of it
   * is timed from then; an assessment question (`graded`) when its answer was last changed (reading that
   * changes nothing: a refused submission is followed by another).
   */
  timing(key: string, graded: boolean): [at: number, latencyMs: number];
  /** Nothing was answered since the page was shown. */
  readonly untouched: boolean;
}

export function answerClock(): AnswerClock {
  /** When the learner last changed an answer on the shown page (or when it was shown). */
  let lastAnswerAt = Date.now();
  /** Per question: when the learner began on it and when they last changed its answer. */
  let marks: Record<string, [number, number]> = {};
  const clock = {
    shownAt: lastAnswerAt,
    shown(fresh = false) {
      clock.shownAt = lastAnswerAt = Date.now();
      if (fresh) marks = {};
    },
    changed(key: string) {
      const now = Date.now();
      marks[key] = [marks[key]?.[0] ?? lastAnswerAt, now];
      lastAnswerAt = now;
    },
    timing(key: string, graded: boolean): [number, number] {
      const now = Date.now();
      const [from, changed] = marks[key] || [clock.shownAt, now];
      const at = graded ? changed : now;
      if (!graded) {
        delete marks[key];
        lastAnswerAt = now;
      }
      return [at, Math.max(0, at - from)];
    },
    get untouched() {
      return lastAnswerAt === clock.shownAt;
    },
  };
  return clock;
}
