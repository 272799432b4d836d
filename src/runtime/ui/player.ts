// The course player: it owns the learner state, shows pages and quizzes, and hands every change to the
// tracker in one `record` call. The views (chrome, quiz, results, exit screen), the controls and the
// question actions live beside it; the assessment's rules and the outcome live in the core. Its state is
// local to `runPlayer` (what the controls and question actions read is on one object, `p`), so the
// bundle's minifier can shorten it.
import type { RuntimeCourse, RuntimeQuiz } from "../../model/runtime-data.js";
import { assessmentRules } from "../core/assessment.js";
import { decodeState, encodeState } from "../core/state-codec.js";
import { emptyState, flattenPages, progress, type LearnerState, type PageRef, type Progress } from "../core/state.js";
import type { LearnerEvent, Snapshot, Tracker, TrackerStart } from "../tracking/tracker.js";
import { answerClock } from "./answer-clock.js";
import { createBanner } from "./banner.js";
import { renderChrome } from "./chrome.js";
import { wireControls, type PlayerActions } from "./controls.js";
import { showExitScreen } from "./exit-screen.js";
import { coverButton, renderJourney } from "./journey-view.js";
import { showPage } from "./page-view.js";
import { renderQuiz } from "./quiz-view.js";
import { say } from "../core/messages.js";
import { hook } from "../features-hook.js";

/** Starts the course in `doc`: restores what the tracker saved, shows the page, reports every change. */
export async function runPlayer(doc: Document, course: RuntimeCourse, tracker: Tracker): Promise<void> {
  const pages = flattenPages(course);
  /** The document's own title (the unit's), shown after the page title: "Page – Unit". */
  const baseTitle = doc.title;
  const banner = createBanner(doc);
  tracker.onProblem = (m) => banner.set("problem", m, "error");
  tracker.onNotice = banner.set;
  // A tracker that fails to start (throws or rejects) leaves the course running untracked, and says so.
  let started: TrackerStart;
  try {
    started = await tracker.start(course);
  } catch (err) {
    console.error("[coursewright] tracking could not start", err);
    started = { tracked: false };
  }
  // `learnerName` for the certificate, when the LMS gives it.
  const { tracked, notice, learnerName } = started;
  if (!tracked || started.review) banner.base = [notice || say(course, tracked ? "review" : "untracked"), tracked ? "info" : "untracked"];
  banner.set("", null, "info");

  /**
   * The flat index on screen: a page, or -1 the cover (whole-course units) and `pages.length` the
   * completion page. Neither is a page of a session: they are never the bookmark and count in no progress.
   */
  let here = 0;
  const hasCover = Boolean(doc.getElementById("cw-cover"));
  const go = (index: number): void => {
    if (index < (hasCover ? -1 : 0) || index > pages.length || index === here) return;
    here = index;
    showHere(true);
  };
  const p: PlayerActions & { state: LearnerState; ended: boolean } = {
    resume: () => go(p.state.location),
    doc,
    course,
    state: emptyState(course),
    // The LMS's pass mark for this learner, when it sets one, replaces the course's.
    rules: assessmentRules(course, started.passMark),
    clock: answerClock(),
    ended: false,
    review: started.review,
    commit,
    go,
    step: (delta) => go(here + delta),
    exit,
  };
  /** Where things stand since the last commit (set on arrival, before any commit). */
  let last!: Progress;
  /** The bookmark of a page: `<session id>/<page id>`. */
  const bookmark = (page?: PageRef): string => (page ? `${page.sessionId}/${page.pageId}` : "");

  const snapshot = (): Snapshot => ({
    location: bookmark(pages[p.state.location]),
    state: encodeState(course, p.state),
    // Reflections are cut to what the store leaves (core/state-codec.ts), in the form used when the full one is too long.
    compactState: encodeState(course, p.state, { compact: true, room: tracker.maxStateLength }),
    progress: last,
  });

  /**
   * Hands `fn` to the tracker unless the course has ended. A tracker that throws must never stop the course:
   * the learner is told, and carries on.
   */
  const report = (fn: () => void): void => {
    if (p.ended) return;
    try {
      fn();
    } catch (err) {
      console.error("[coursewright] tracking failed", err);
      banner.set("tracker", say(course, "trackerFailed"), "error");
    }
  };

  /** Recompute progress, add session-complete events, report, refresh the chrome. */
  function commit(events: LearnerEvent[]): void {
    const before = last;
    last = progress(course, p.state);
    last.sessions.forEach((s, i) => {
      if (s.complete && !before.sessions[i]?.complete && s.counts) events.push({ kind: "session-complete", sessionId: s.id });
    });
    if (last.courseComplete && !before.courseComplete) events.push({ kind: "course-complete" });
    report(() => tracker.record(events, snapshot()));
    refresh();
  }

  const refresh = (): void => {
    renderChrome(doc, course, last, p.state, here);
    renderJourney(doc, course, last, learnerName);
  };

  /** The session ends once (page hide or Exit); nothing is reported after. */
  const end = (): void =>
    report(() => {
      p.ended = true;
      tracker.finish(snapshot());
    });

  /**
   * Quizzes whose markup does not show the learner's state yet (their order, answers, feedback): each is drawn
   * as its page is shown, so a launch draws the first page's only (every quiz at once was half the start's
   * script time); printing, which shows every page, draws them all.
   */
  const undrawn = new Set<RuntimeQuiz>();
  const drawQuizzes = (within: ParentNode | null | "all"): void => {
    for (const quiz of undrawn) {
      if (within !== "all" && !within?.querySelector(`[data-quiz="${quiz.id}"]`)) continue;
      undrawn.delete(quiz);
      const qs = p.state.quizzes[quiz.id];
      if (qs) renderQuiz(doc, quiz, qs, p.rules, course);
    }
  };
  doc.defaultView?.addEventListener("beforeprint", () => drawQuizzes("all"));

  /** Shows what is `here`; a page of a session is also marked viewed, made the bookmark and reported. */
  const showHere = (focus: boolean): void => {
    const page = pages[here];
    // The cover's button resumes at a saved place, and after moving on where the learner is now (named by
    // that page's heading), not where they launched; otherwise it starts.
    const at = p.state.location;
    if (here < 0) coverButton(doc, saved || p.state.visited.some(Boolean) ? doc.querySelector(`[data-page="${at}"] h1`)?.textContent?.trim() : undefined);
    // The cover or the completion page: its words first, then its title is the window's (a page's chrome
    // follows again with its commit).
    refresh();
    drawQuizzes(doc.querySelector(`[data-page="${here}"]`));
    const title = showPage(doc, here, focus, baseTitle);
    p.clock.shown();
    if (!page) return;
    p.state.location = here;
    // A page that waits for its media is viewed once that has ended (the media-ended feature, runtime/features/).
    p.state.visited[here] ||= !course.sessions[page.session]?.waits?.includes(page.pageId);
    commit([{ kind: "page", page, title: title ?? page.pageId }]);
  };

  /** The course's own Exit: finish, then the exit screen in place of the course. */
  function exit(): void {
    end();
    if (!showExitScreen(doc, () => (tracked ? tracker.saveStatus() : "untracked"), baseTitle)) {
      banner.set("exit", say(course, "left"), "info");
    }
  }

  /** The tracker gave a place to resume (the cover offers it). */
  let saved = false;
  /** The saved place: the cover offers to resume there, a unit without a cover opens on it. */
  const arrive = (resume?: { readonly location: string; readonly state: string }): void => {
    if (resume) {
      // A state that does not decode (another version or structure of the course) is left out.
      const decoded = decodeState(course, resume.state);
      if (decoded) p.state = decoded;
      const page = pages.find((x) => bookmark(x) === resume.location);
      if (page) p.state.location = page.index;
    }
    last = progress(course, p.state);
    for (const quiz of Object.values(course.quizzes)) undrawn.add(quiz);
    here = hasCover ? -1 : p.state.location;
    saved = Boolean(resume && pages[p.state.location]);
    hook("arrived");
    showHere(false);
  };
  wireControls(doc, p);
  arrive(started.resume);
  const untouched = last;
  tracker.onResume = (r) => {
    if (last !== untouched || !p.clock.untouched || p.ended) return; // the learner has moved on: theirs wins
    arrive(r);
  };

  doc.defaultView?.addEventListener("pagehide", end);
  doc.addEventListener("visibilitychange", () => {
    if (doc.hidden) report(() => tracker.save(snapshot()));
  });
}
