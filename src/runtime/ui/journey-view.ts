// The cover, the completion page and the assessment's lock: their words are rendered at build time
// (cover.hbs, completion.hbs, assessment.hbs); here the learner's figures are filled in and the parts
// that apply are shown.
import { ASSESSMENT_ID, type RuntimeCourse } from "../../model/runtime-data.js";
import type { Progress } from "../core/state.js";
import { $, all, fixed, setText } from "./dom.js";
import { say } from "../core/messages.js";
import { percent } from "./results-view.js";

/** Where the learner stands: everything done, something left, or the assessment failed with no attempt left. */
export type Standing = "done" | "todo" | "failed";

export function renderJourney(doc: Document, course: RuntimeCourse, p: Progress, learnerName?: string): void {
  const a = p.assessment;
  // Failed with no attempt left: the outcome's verdict is settled as a failure.
  const failed = p.outcome.settled && p.outcome.success === "failed";
  const { sessionsDone, sessionsCounted } = p;
  const standing: Standing = failed ? "failed" : sessionsDone === sessionsCounted && (!a || a.passed) ? "done" : "todo";
  // Each thing still to do, in the lock notice and on the completion page; the assessment's own line goes
  // once it is passed or cannot be taken again.
  for (const el of fixed(doc, "[data-left]")) {
    const s = p.sessions[Number(el.dataset.left)];
    el.hidden = !s || s.complete || (s.id === ASSESSMENT_ID && failed);
  }
  // The assessment stays locked until every counted session is complete (course.yaml requireSessions):
  // the attribute hides its questions (course.css), the controls refuse its submission.
  const lock = $(doc, "locked");
  const locked = Boolean(lock) && sessionsDone < sessionsCounted;
  if (lock) {
    lock.hidden = !locked;
    lock.parentElement?.toggleAttribute("data-locked", locked);
  }
  // Each session's status, in the menu and on the cover; the assessment's (the last "session") says when it
  // is locked.
  for (const el of fixed(doc, "[data-session-status]")) {
    const i = Number(el.dataset.sessionStatus);
    const s = p.sessions[i];
    if (!s) continue;
    const shut = locked && i === p.sessions.length - 1;
    el.textContent = say(course, shut ? "sessionLocked" : s.complete ? "sessionComplete" : s.started ? "sessionStarted" : "sessionNew");
    el.dataset.state = shut ? "locked" : s.complete ? "complete" : s.started ? "started" : "new";
  }
  const done = fixed(doc, '[data-cw="done"]')[0];
  if (!done) return;
  for (const el of all(done, "[data-when]")) el.hidden = !el.dataset.when?.split(" ").includes(standing);
  const heading = done.querySelector("h1");
  if (heading) heading.textContent = heading.dataset[standing] ?? "";
  const score = percent(course, a?.best);
  setText(done, "done-sessions", say(course, "countOf", sessionsDone, sessionsCounted));
  setText(done, "done-score", score);
  setText(done, "cert-score", score);
  // Only for the certificate (shown when done): a browser's first date format loads its locale data, ≈ 25 ms.
  if (standing == "done") setText(done, "cert-date", new Date().toLocaleDateString(course.language));
  if (learnerName) setText(done, "learner-name", learnerName);
}

/** The cover's button: Start, or "Resume where you left off: <title>" when there is a saved place. */
export function coverButton(doc: Document, resumeTitle: string | undefined): void {
  const start = $<HTMLButtonElement>(doc, "start");
  const resume = $(doc, "resume");
  // The title is the button's last child, a plain span: a data-cw on it would make a click on the text
  // its own (unknown) control, and Resume would not react.
  const title = resume?.lastChild;
  if (!start || !resume || !title) return;
  start.disabled = false;
  start.hidden = Boolean(resumeTitle);
  resume.hidden = !resumeTitle;
  title.textContent = resumeTitle ?? "";
}
