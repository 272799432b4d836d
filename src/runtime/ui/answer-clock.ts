// When each answer was given and how long it took: per question (`quiz/index`), from the learner's previous
// answer on the page (or the page being shown) to the answer.

export class AnswerClock {
  /** When the shown page (or the current attempt) was shown. */
  shownAt = Date.now();
  /** When the learner last changed an answer on the shown page (or when it was shown). */
  lastAnswerAt = this.shownAt;
  /** Per question: when the learner began on it and when they last changed its answer. */
  private marks: Record<string, [number, number]> = {};

  /** A page was shown (or, `fresh`, a new attempt began: earlier answers' times are forgotten). */
  shown(fresh = false): void {
    this.shownAt = this.lastAnswerAt = Date.now();
    if (fresh) this.marks = {};
  }

  /** The learner changed this question's answer. */
  changed(key: string): void {
    const now = Date.now();
    this.marks[key] = [(this.marks[key] || [this.lastAnswerAt])[0], now];
    this.lastAnswerAt = now;
  }

  /** The question was checked: a second try of it is timed from now. */
  checked(key: string): void {
    delete this.marks[key];
    this.lastAnswerAt = Date.now();
  }

  /**
   * The answer's time and latency: a knowledge check is answered when checked (now); an assessment
   * question (`graded`) when its answer was last changed.
   */
  timing(key: string, graded: boolean): { at: number; latencyMs: number } {
    const now = Date.now();
    const [from, changed] = this.marks[key] || [this.shownAt, now];
    const at = graded ? changed : now;
    return { at, latencyMs: Math.max(0, at - from) };
  }

  /** Nothing was answered since the page was shown. */
  get untouched(): boolean {
    return this.lastAnswerAt === this.shownAt;
  }
}
