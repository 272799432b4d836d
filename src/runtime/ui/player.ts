// The course player: it owns the learner state, shows pages and quizzes, and hands every change to the
// tracker in one `record` call. The views (chrome, quiz, results, exit screen), the controls and the
// question actions live beside it; the assessment's rules and the outcome live in the core.
import type { RuntimeCourse } from "../../model/runtime-data.js";
import { assessmentRules, type AssessmentRules } from "../core/assessment.js";
import { decodeState, encodeState } from "../core/state-codec.js";
import { emptyState, flattenPages, progress, type LearnerState, type PageRef, type Progress } from "../core/state.js";
import type { LearnerEvent, Snapshot, Tracker, TrackerStart } from "../tracking/tracker.js";
import { AnswerClock } from "./answer-clock.js";
import { Banner } from "./banner.js";
import { renderChrome } from "./chrome.js";
import { wireControls, type PlayerActions } from "./controls.js";
import { showExitScreen } from "./exit-screen.js";
import { pageTitle, showPage } from "./page-view.js";
import { renderQuiz } from "./quiz-view.js";

export class Player implements PlayerActions {
  private readonly pages: PageRef[];
  state: LearnerState;
  rules: AssessmentRules;
  readonly clock = new AnswerClock();
  private last: Progress;
  ended = false;
  private readonly banner: Banner;
  /** The document's own title (the unit's), shown after the page title: "Page – Unit". */
  private readonly baseTitle: string;

  constructor(
    readonly doc: Document,
    readonly course: RuntimeCourse,
    private readonly tracker: Tracker,
  ) {
    this.pages = flattenPages(course);
    this.state = emptyState(course);
    this.rules = assessmentRules(course);
    this.last = progress(course, this.state);
    this.baseTitle = doc.title;
    this.banner = new Banner(doc);
  }

  async start(): Promise<void> {
    const win = this.doc.defaultView;
    const banner = this.banner;
    this.tracker.onProblem = (m) => banner.set("problem", m, "error");
    this.tracker.onNotice = (key, m, tone) => banner.set(key, m, tone);
    // A tracker that fails to start leaves the course running untracked, and says so.
    const started: TrackerStart = await Promise.resolve()
      .then(() => this.tracker.start(this.course))
      .catch((err: unknown) => (console.error("[coursewright] tracking could not start", err), { tracked: false }));
    if (!started.tracked) banner.base = [started.notice || "Your progress is not being recorded.", "untracked"];
    else if (started.review) banner.base = [started.notice || "Review mode: you can look through the course; nothing new is recorded.", "info"];
    banner.set("", null, "info");
    // The LMS's pass mark for this learner, when it sets one, replaces the course's.
    this.rules = assessmentRules(this.course, started.passMark);

    if (started.resume) this.restore(started.resume.location, started.resume.state);
    this.last = progress(this.course, this.state);
    wireControls(this.doc, this);
    this.renderQuizzes();
    this.showHere(false);
    const untouched = this.last;
    this.tracker.onResume = (r) => {
      if (this.last !== untouched || !this.clock.untouched || this.ended) return; // the learner has moved on: theirs wins
      this.restore(r.location, r.state);
      this.renderQuizzes();
      this.showHere(false);
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
  commit(events: LearnerEvent[]): void {
    const before = this.last;
    this.last = progress(this.course, this.state);
    this.last.sessions.forEach((s, i) => {
      const session = this.course.sessions[i];
      if (s.complete && !before.sessions[i]?.complete && session?.counts) events.push({ kind: "session-complete", sessionId: s.id, title: session.title });
    });
    if (this.last.courseComplete && !before.courseComplete) events.push({ kind: "course-complete" });
    if (!this.ended) this.safely(() => this.tracker.record(events, this.snapshot()));
    renderChrome(this.doc, this.last, this.state);
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
      this.banner.set("tracker", "Your progress may not be recorded. You can carry on.", "error");
    }
  }

  // ---- actions (controls.ts) -----------------------------------------------------------------

  go(index: number): void {
    if (index < 0 || index >= this.pages.length || index === this.state.location) return;
    this.state.location = index;
    this.showHere(true);
  }

  step(delta: 1 | -1): void {
    this.go(this.state.location + delta);
  }

  /** Shows the current page, marks it viewed and reports it. */
  private showHere(focus: boolean): void {
    const index = this.state.location;
    showPage(this.doc, index, focus, this.baseTitle);
    this.clock.shown();
    const page = this.pages[index] ?? { index: 0, session: 0, sessionId: "", pageId: "" };
    const event: LearnerEvent = { kind: "page", page, title: pageTitle(this.doc, index) ?? page.pageId };
    this.state.visited[index] = true;
    this.commit([event]);
  }

  /** The course's own Exit: finish, then the exit screen in place of the course. */
  exit(): void {
    this.end();
    const untracked = this.banner.base[1] === "untracked";
    if (!showExitScreen(this.doc, () => (untracked ? "untracked" : this.tracker.saveStatus()), this.baseTitle)) {
      this.banner.set("exit", "You have left the course.", "info");
    }
  }

  private renderQuizzes(): void {
    for (const quiz of Object.values(this.course.quizzes)) {
      const qs = this.state.quizzes[quiz.id];
      if (qs) renderQuiz(this.doc, quiz, qs, this.rules);
    }
  }
}
