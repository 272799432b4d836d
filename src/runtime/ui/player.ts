// The course player: navigation, menu, progress, knowledge checks, the assessment, resume.
// It owns the learner state and hands every change to the tracker in one `record` call.
import { ASSESSMENT_ID, type RuntimeCourse, type RuntimeQuiz } from "../../model/runtime-data.js";
import { isComplete, isCorrect, scorePercent, type Answer } from "../core/answers.js";
import { decodeState, encodeState } from "../core/state-codec.js";
import { emptyState, flattenPages, progress, type LearnerState, type PageRef, type Progress } from "../core/state.js";
import type { LearnerEvent, SaveState, Snapshot, Tracker, TrackerStart } from "../tracking/tracker.js";
import { hideFeedback, moveItem, questionElement, readAnswer, setDisabled, showFeedback, showProblem, writeAnswer } from "./question-dom.js";

const $ = <T extends Element = HTMLElement>(root: ParentNode, cw: string): T | null => root.querySelector<T>(`[data-cw="${cw}"]`);

export class Player {
  private readonly pages: PageRef[];
  private state: LearnerState;
  private last: Progress;
  private shownAt = Date.now();
  /** Per question (`quiz/index`): when the learner began on it and when they last changed its answer. */
  private clock: Record<string, [number, number]> = {};
  /** When the learner last changed an answer on the shown page (or when it was shown). */
  private lastAnswerAt = this.shownAt;
  private ended = false;
  /** Standing notices by key (newest last), and the banner shown when there is none. */
  private readonly notices = new Map<string, [string, string]>();
  private base: [string, string] = ["", ""];
  /** The document's own title (the unit's), shown after the page title: "Page – Unit". */
  private readonly baseTitle: string;

  constructor(
    private readonly doc: Document,
    private readonly course: RuntimeCourse,
    private readonly tracker: Tracker,
  ) {
    this.pages = flattenPages(course);
    this.state = emptyState(course);
    this.last = progress(course, this.state);
    this.baseTitle = doc.title;
  }

  async start(): Promise<void> {
    const win = this.doc.defaultView;
    this.tracker.onProblem = (m) => this.notice("problem", m, "error");
    this.tracker.onNotice = (key, m, tone) => this.notice(key, m, tone);
    // A tracker that fails to start leaves the course running untracked, and says so.
    const started: TrackerStart = await Promise.resolve()
      .then(() => this.tracker.start(this.course))
      .catch((err: unknown) => (console.error("[coursewright] tracking could not start", err), { tracked: false }));
    if (!started.tracked) this.base = [started.notice || "Your progress is not being recorded.", "untracked"];
    else if (started.review) this.base = [started.notice || "Review mode: you can look through the course; nothing new is recorded.", "info"];
    this.notice("", null, "info");

    if (started.resume) this.restore(started.resume.location, started.resume.state);
    this.last = progress(this.course, this.state);
    this.wire();
    this.renderQuizzes();
    this.show(this.state.location, false);
    const events: LearnerEvent[] = [this.pageEvent(this.state.location)];
    this.state.visited[this.state.location] = true;
    this.commit(events);
    const untouched = this.last;
    this.tracker.onResume = (r) => {
      if (this.last !== untouched || this.lastAnswerAt !== this.shownAt || this.ended) return; // the learner has moved on: theirs wins
      this.restore(r.location, r.state);
      this.renderQuizzes();
      this.show(this.state.location, false);
      this.state.visited[this.state.location] = true;
      this.commit([this.pageEvent(this.state.location)]);
    };

    win?.addEventListener("pagehide", () => this.end());
    this.doc.addEventListener("visibilitychange", () => {
      if (this.doc.visibilityState === "hidden" && !this.ended) this.safely(() => this.tracker.save(this.snapshot()));
    });
  }

  // ---- state --------------------------------------------------------------------------------

  private restore(location: string, saved: string): void {
    const decoded = saved ? decodeState(this.course, saved) : undefined;
    if (decoded) this.state = decoded;
    const [sessionId, pageId] = location.split("/");
    const page = this.pages.find((p) => p.sessionId === sessionId && p.pageId === pageId);
    if (page) this.state.location = page.index;
  }

  private snapshot(): Snapshot {
    const here = this.pages[this.state.location];
    return {
      location: here ? `${here.sessionId}/${here.pageId}` : "",
      state: encodeState(this.course, this.state),
      compactState: encodeState(this.course, this.state, { compact: true }),
      progress: this.last,
    };
  }

  /** Recompute progress, add session-complete events, report, refresh the chrome. */
  private commit(events: LearnerEvent[]): void {
    const before = this.last;
    this.last = progress(this.course, this.state);
    this.last.sessions.forEach((s, i) => {
      if (s.complete && !before.sessions[i]?.complete && this.course.sessions[i]?.counts) {
        events.push({ kind: "session-complete", sessionId: s.id, title: this.course.sessions[i]?.title ?? s.id });
      }
    });
    if (this.last.courseComplete && !before.courseComplete) events.push({ kind: "course-complete" });
    if (!this.ended) this.safely(() => this.tracker.record(events, this.snapshot()));
    this.renderChrome();
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.safely(() => this.tracker.finish(this.snapshot()));
  }

  /** A tracker that throws must never stop the course: the learner is told, and carries on. */
  private safely(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      console.error("[coursewright] tracking failed", err);
      this.notice("tracker", "Your progress may not be recorded. You can carry on.", "error");
    }
  }

  // ---- navigation ---------------------------------------------------------------------------

  private wire(): void {
    const d = this.doc;
    d.addEventListener("click", (ev) => {
      if (this.ended) return;
      const target = ev.target instanceof Element ? ev.target : null;
      const control = target?.closest<HTMLElement>("[data-cw], [data-goto], [data-move]");
      if (!control) return;
      if (control.dataset.goto !== undefined) {
        ev.preventDefault();
        this.go(Number(control.dataset.goto));
        this.toggleMenu(false);
        return;
      }
      if (control.dataset.move) {
        const moved = moveItem(control);
        if (moved) this.announce(moved);
        const q = control.closest<HTMLElement>("[data-quiz]");
        if (q) this.captureAnswer(q);
        return;
      }
      const fieldset = control.closest<HTMLElement>("[data-quiz]");
      switch (control.dataset.cw) {
        case "next":
          this.go(this.state.location + 1);
          break;
        case "prev":
          this.go(this.state.location - 1);
          break;
        case "menu-toggle":
          this.toggleMenu();
          break;
        case "exit":
          this.exit();
          break;
        case "check-answer":
          if (fieldset) this.checkAnswer(fieldset);
          break;
        case "submit-assessment":
          this.submitAssessment(control.dataset.quizId ?? ASSESSMENT_ID);
          break;
        case "retake":
          this.retake(control.dataset.quizId ?? ASSESSMENT_ID);
          break;
      }
    });
    for (const type of ["change", "input"]) {
      d.addEventListener(type, (ev) => {
        const el = ev.target instanceof Element ? ev.target.closest<HTMLElement>("[data-quiz]") : null;
        if (el) this.captureAnswer(el);
      });
    }
    d.addEventListener("keydown", (ev) => {
      if (this.ended || ev.altKey || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
      if (ev.target instanceof Element && ev.target.closest("input, select, textarea, button, [contenteditable]")) return;
      if (ev.key === "ArrowRight") this.go(this.state.location + 1);
      else if (ev.key === "ArrowLeft") this.go(this.state.location - 1);
    });
    // Escape closes the menu from anywhere, also from inside it: focus then returns to the Menu button,
    // instead of being lost with the menu that disappears.
    d.addEventListener("keydown", (ev) => {
      if (ev.key !== "Escape") return;
      const button = $(this.doc, "menu-toggle");
      if (button?.getAttribute("aria-expanded") !== "true") return;
      const inMenu = ev.target instanceof Element && ev.target.closest("#cw-menu") !== null;
      this.toggleMenu(false);
      if (inMenu || ev.target === button) button.focus();
    });
  }

  private go(index: number): void {
    if (index < 0 || index >= this.pages.length || index === this.state.location) return;
    this.state.location = index;
    this.state.visited[index] = true;
    this.show(index, true);
    this.commit([this.pageEvent(index)]);
  }

  private pageEvent(index: number): LearnerEvent {
    const page = this.pages[index] ?? { index: 0, session: 0, sessionId: "", pageId: "" };
    const title = this.section(index)?.querySelector("h1")?.textContent?.trim() ?? page.pageId;
    return { kind: "page", page, title };
  }

  private section(index: number): HTMLElement | null {
    return this.doc.querySelector<HTMLElement>(`[data-page="${index}"]`);
  }

  private show(index: number, focus: boolean): void {
    for (const s of this.doc.querySelectorAll<HTMLElement>("[data-page]")) s.hidden = s.dataset.page !== String(index);
    this.shownAt = this.lastAnswerAt = Date.now();
    const heading = this.section(index)?.querySelector<HTMLElement>("h1");
    const title = heading?.textContent?.trim();
    // Each page is a page to the learner: the window title names it (WCAG 2.4.2).
    if (title && this.baseTitle) this.doc.title = `${title} – ${this.baseTitle}`;
    // Focusing the heading also scrolls it into view and tells screen readers where they are.
    if (focus && heading) heading.focus();
  }

  private toggleMenu(open?: boolean): void {
    const button = $(this.doc, "menu-toggle");
    const menu = this.doc.getElementById("cw-menu");
    if (!button || !menu) return;
    const next = open ?? button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(next));
    menu.classList.toggle("is-open", next);
  }

  /**
   * The course's own Exit: finish, then a final screen in place of the course, saying truthfully where the
   * record stands. In an LMS frame the learner leaves with the LMS's own exit, not by closing a window.
   */
  private exit(): void {
    this.end();
    const d = this.doc;
    const screen = $(d, "exit-screen");
    if (!screen) return this.notice("exit", "You have left the course.", "info");
    const win = d.defaultView;
    const where = win && win.parent !== win ? "frame" : "window";
    for (const el of d.body.children) (el as HTMLElement).hidden = el !== screen;
    // An LRS confirms after the page asked; while `pending`, look again each second (for a minute) so the
    // screen never keeps saying "not confirmed" about a record that has since arrived.
    const show = (tries: number): void => {
      let status: SaveState = "untracked";
      try {
        if (this.base[1] !== "untracked") status = this.tracker.saveStatus();
      } catch {
        status = "failed";
      }
      for (const el of screen.querySelectorAll<HTMLElement>("p")) el.hidden = el.dataset.save !== status && el.dataset.where !== where;
      if (status === "pending" && tries > 0) setTimeout(() => show(tries - 1), 1000);
    };
    show(60);
    d.title = this.baseTitle;
    $(screen, "exit-title")?.focus();
  }

  // ---- chrome -------------------------------------------------------------------------------

  private renderChrome(): void {
    const p = this.last;
    const here = this.state.location;
    const prev = $<HTMLButtonElement>(this.doc, "prev");
    const next = $<HTMLButtonElement>(this.doc, "next");
    if (prev) prev.disabled = here <= 0;
    if (next) next.disabled = here >= this.pages.length - 1;
    const bar = $<HTMLProgressElement>(this.doc, "progress");
    if (bar) {
      bar.max = p.pagesTotal;
      bar.value = p.pagesVisited;
    }
    const text = $(this.doc, "progress-text");
    if (text) text.textContent = `${Math.round((100 * p.pagesVisited) / Math.max(1, p.pagesTotal))}% viewed`;
    for (const link of this.doc.querySelectorAll<HTMLElement>("[data-goto]")) {
      if (link.dataset.goto === String(here)) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
      const i = Number(link.dataset.goto);
      link.classList.toggle("is-visited", Boolean(this.state.visited[i]));
    }
    p.sessions.forEach((s, i) => {
      const el = this.doc.querySelector<HTMLElement>(`[data-session-status="${i}"]`);
      if (!el) return;
      const word = s.complete ? "Complete" : s.started ? "In progress" : "Not started";
      el.textContent = word;
      el.dataset.state = s.complete ? "complete" : s.started ? "started" : "new";
    });
  }

  /** Sets (or with `null` clears) a standing notice; the banner shows the newest, else the base message. */
  private notice(key: string, message: string | null, tone: string): void {
    this.notices.delete(key);
    if (message !== null) this.notices.set(key, [message, tone]);
    const el = $(this.doc, "banner");
    const text = $(this.doc, "banner-text");
    if (!el || !text) return;
    const [shown, kind] = [this.base, ...this.notices.values()].pop() as [string, string];
    text.textContent = shown;
    el.dataset.kind = kind;
    el.hidden = !shown;
  }

  private announce(message: string): void {
    const live = $(this.doc, "live");
    if (!live) return;
    live.textContent = "";
    // A fresh text node after clearing makes screen readers announce repeats too.
    setTimeout(() => {
      live.textContent = message;
    }, 30);
  }

  // ---- questions ----------------------------------------------------------------------------

  private quizOf(el: HTMLElement): { quiz: RuntimeQuiz; index: number } | undefined {
    const quiz = this.course.quizzes[el.dataset.quiz ?? ""];
    const index = Number(el.dataset.question);
    return quiz && quiz.questions[index] ? { quiz, index } : undefined;
  }

  private captureAnswer(el: HTMLElement): void {
    const found = this.quizOf(el);
    if (!found) return;
    const q = found.quiz.questions[found.index];
    const qs = this.state.quizzes[found.quiz.id];
    if (!q || !qs || (found.quiz.graded && qs.submitted)) return;
    showProblem(el, null);
    // The question's clock starts at the learner's previous answer on this page (or when it was shown).
    const key = `${found.quiz.id}/${found.index}`;
    const now = Date.now();
    this.clock[key] = [(this.clock[key] || [this.lastAnswerAt])[0], now];
    this.lastAnswerAt = now;
    // Kept in state; it reaches the LMS with the next commit (check, submit, page turn) or on page hide.
    qs.answers[found.index] = readAnswer(el, q);
  }

  private checkAnswer(el: HTMLElement): void {
    const found = this.quizOf(el);
    if (!found) return;
    const { quiz, index } = found;
    const q = quiz.questions[index];
    const qs = this.state.quizzes[quiz.id];
    if (!q || !qs) return;
    const answer = readAnswer(el, q);
    if (!isComplete(q, answer)) {
      const problem = q.type === "matching" ? "Match every item before checking." : "Answer the question before checking.";
      showProblem(el, problem);
      this.announce(problem);
      return;
    }
    const correct = isCorrect(q, answer);
    qs.answers[index] = answer;
    qs.checked[index] = true;
    this.announce(showFeedback(el, correct, answer));
    this.commit([this.answerEvent(quiz, index, answer, correct)]);
    // A second try of this question is timed from this check.
    delete this.clock[`${quiz.id}/${index}`];
    this.lastAnswerAt = Date.now();
  }

  private answerEvent(quiz: RuntimeQuiz, index: number, answer: Answer, correct: boolean): LearnerEvent {
    const q = quiz.questions[index];
    if (!q) throw new Error(`no question ${index} in ${quiz.id}`);
    const owner = this.course.sessions.find((s) => s.check === quiz.id);
    // Each question's own time and latency (SCORM 1.2 RTE §3.4.6, xAPI 1.0.3 Part 2 §2.4.5 duration): a
    // check is answered when checked; an assessment question when its answer was last changed. The
    // latency runs from the learner's previous answer on the page (or the page being shown) to then.
    const [from, changed] = this.clock[`${quiz.id}/${index}`] || [this.shownAt, Date.now()];
    const at = quiz.graded ? changed : Date.now();
    return {
      kind: "answer",
      quizId: quiz.id,
      objective: owner ? owner.id : ASSESSMENT_ID,
      graded: quiz.graded,
      question: q,
      answer,
      correct,
      latencyMs: Math.max(0, at - from),
      at: new Date(at),
    };
  }

  private submitAssessment(quizId: string): void {
    const quiz = this.course.quizzes[quizId];
    const qs = this.state.quizzes[quizId];
    if (!quiz || !qs || qs.submitted) return;
    const answers = quiz.questions.map((q, i) => {
      const el = questionElement(this.doc, quizId, i);
      return el ? readAnswer(el, q) : null;
    });
    const missing = quiz.questions.findIndex((q, i) => !isComplete(q, answers[i]));
    if (missing >= 0) {
      quiz.questions.forEach((q, i) => {
        const el = questionElement(this.doc, quizId, i);
        if (el) showProblem(el, isComplete(q, answers[i] ?? null) ? null : q.type === "matching" ? "Match every item before submitting." : "Answer this question before submitting.");
      });
      this.announce(`Question ${missing + 1} has no answer yet. Answer every question, then submit.`);
      questionElement(this.doc, quizId, missing)?.querySelector<HTMLElement>("input, select, button")?.focus();
      return;
    }
    if (this.course.maxAttempts > 0 && qs.attempts >= this.course.maxAttempts) return;
    const score = scorePercent(quiz.questions, answers);
    const events: LearnerEvent[] = [];
    answers.forEach((a, i) => {
      const q = quiz.questions[i];
      if (q && a !== null) events.push(this.answerEvent(quiz, i, a, isCorrect(q, a)));
    });
    qs.answers = answers;
    qs.attempts += 1;
    qs.last = score;
    qs.best = qs.best === null ? score : Math.max(qs.best, score);
    const passed = score >= this.course.masteryScore;
    qs.passed = qs.passed || passed;
    qs.submitted = true;
    const final = !this.canRetake(qs.attempts, qs.passed);
    events.push({ kind: "attempt", quizId, score, passed, attempt: qs.attempts, final, durationMs: Date.now() - this.shownAt });
    this.commit(events);
    this.renderQuiz(quiz);
    const results = $(this.doc, "results");
    results?.querySelector<HTMLElement>("h2")?.focus();
    this.announce(this.resultMessage(quiz));
  }

  private retake(quizId: string): void {
    const quiz = this.course.quizzes[quizId];
    const qs = this.state.quizzes[quizId];
    if (!quiz || !qs || !qs.submitted || !this.canRetake(qs.attempts, qs.passed)) return;
    qs.submitted = false;
    qs.answers = quiz.questions.map(() => null);
    this.commit([]);
    this.renderQuiz(quiz);
    this.clock = {};
    this.shownAt = this.lastAnswerAt = Date.now();
    questionElement(this.doc, quizId, 0)?.querySelector<HTMLElement>("input, select, button")?.focus();
  }

  private canRetake(attempts: number, passed: boolean): boolean {
    return !passed && (this.course.maxAttempts === 0 || attempts < this.course.maxAttempts);
  }

  private renderQuizzes(): void {
    for (const quiz of Object.values(this.course.quizzes)) this.renderQuiz(quiz);
  }

  /** Puts the stored answers, feedback and results of a quiz on the page. */
  private renderQuiz(quiz: RuntimeQuiz): void {
    const qs = this.state.quizzes[quiz.id];
    if (!qs) return;
    quiz.questions.forEach((q, i) => {
      const el = questionElement(this.doc, quiz.id, i);
      if (!el) return;
      const a = qs.answers[i] ?? null;
      writeAnswer(el, q, a);
      hideFeedback(el);
      const reveal = quiz.graded ? qs.submitted : qs.checked[i];
      if (reveal && a !== null) showFeedback(el, isCorrect(q, a), a);
      if (quiz.graded) setDisabled(el, qs.submitted);
    });
    if (!quiz.graded) return;
    const submit = this.doc.querySelector<HTMLButtonElement>(`[data-cw="submit-assessment"][data-quiz-id="${quiz.id}"]`);
    if (submit) submit.hidden = qs.submitted;
    const results = $(this.doc, "results");
    if (!results) return;
    results.hidden = !qs.submitted;
    const set = (cw: string, text: string): void => {
      const el = $(results, cw);
      if (el) el.textContent = text;
    };
    set("score", qs.last === null ? "–" : `${qs.last}%`);
    set("best", qs.best === null ? "–" : `${qs.best}%`);
    set("attempts", this.course.maxAttempts ? `${qs.attempts} of ${this.course.maxAttempts}` : String(qs.attempts));
    set("result-status", this.resultMessage(quiz));
    results.dataset.state = qs.passed ? "passed" : qs.attempts > 0 ? "failed" : "new";
    const retake = $<HTMLButtonElement>(results, "retake");
    if (retake) retake.hidden = !(qs.submitted && this.canRetake(qs.attempts, qs.passed));
  }

  private resultMessage(quiz: RuntimeQuiz): string {
    const qs = this.state.quizzes[quiz.id];
    if (!qs || qs.attempts === 0) return "";
    const mark = this.course.masteryScore;
    if (qs.passed) return `Passed. Your score is ${qs.last}%; the pass mark is ${mark}%.`;
    const left = this.course.maxAttempts === 0 ? null : this.course.maxAttempts - qs.attempts;
    const tail = left === null ? "You can try again." : left > 0 ? `You have ${left} attempt${left === 1 ? "" : "s"} left.` : "You have used all your attempts.";
    return `Not passed. Your score is ${qs.last}%; the pass mark is ${mark}%. ${tail}`;
  }
}
