// SCORM 1.2 adapter (SCORM 1.2 RTE §3.3 API, §3.4 data model; README: What the packages report), on the shared
// SCORM tracker base (guarded calls, set-if-changed, one commit per burst, retry, notices).
// Finishes on pagehide because LMS players such as Moodle never call LMSFinish for the content.
import { ASSESSMENT_ID, type RuntimeCourse } from "../../../model/runtime-data.js";
import { cmiClockTime, cmiTimespan } from "./timing.js";
import type { Snapshot, TrackerStart } from "../../../runtime/tracking/tracker.js";
import { ScormTracker, THREW, untracked, type AnswerEvent, displayName } from "../../common/scorm/tracker-base.js";
import { CMI_STRING4096_MAX, interactionId } from "../limits.js";
import { SCORM12 } from "./dialect.js";
import { lessonStatus } from "./lesson-status.js";
import { CMI_LIMIT, correctPattern, interactionType, responseText } from "./responses.js";

const SUSPEND_DATA_LIMIT = CMI_STRING4096_MAX;
const TERMINAL = new Set(["passed", "completed"]);

export class Scorm12Tracker extends ScormTracker {
  readonly maxStateLength = SUSPEND_DATA_LIMIT;
  /** Status the LMS already holds as final (never regress it: many LMSs freeze a completed status, others reset it). */
  private storedTerminal = false;

  constructor(win: Window) {
    super(win, SCORM12);
  }

  start(course: RuntimeCourse): Promise<TrackerStart> {
    this.course = course;
    if (!this.discover()) return untracked("No SCORM 1.2 LMS was found, so your progress is not being recorded.");
    const code = this.initialize();
    if (code) {
      // Moodle 5.1 mod_scorm answers 101 when the previous SCO never called LMSFinish, yet later calls work.
      if (code !== "101" || this.get("cmi.core.lesson_status") === "") {
        this.disconnect();
        return untracked(`The LMS did not start tracking (${code === THREW ? "it did not respond" : `error ${code}`}), so your progress may not be recorded.`);
      }
    }
    const mode = this.get("cmi.core.lesson_mode");
    const status = this.get("cmi.core.lesson_status");
    this.storedTerminal = TERMINAL.has(status);
    this.loadObjectives();
    const location = this.get("cmi.core.lesson_location");
    const state = this.get("cmi.suspend_data");
    const learnerName = displayName(this.get("cmi.core.student_name"));
    if (mode === "browse") {
      // SCORM 1.2 RTE §3.4.4: a browsed lesson is reported `browsed` (only where nothing was recorded
      // yet), and nothing of it is graded: no score, objectives, interactions or bookmark.
      if (status === "not attempted" || status === "") {
        this.set("cmi.core.lesson_status", "browsed");
        this.flush(false);
      }
    }
    this.readOnly = mode === "review" || mode === "browse";
    // No commit here: the player's first record() follows at once and carries this launch's values in the
    // same commit, so the LMS never gets `incomplete` followed a moment later by `completed` (Moodle 4.5
    // mod_scorm sends commits after a SCO switch as beacons and may apply two in reverse order).
    return Promise.resolve({
      tracked: true,
      ...(location || state ? { resume: { location, state } } : {}),
      review: this.readOnly,
      ...(mode === "browse" ? { notice: "Preview: you can use the whole course; nothing is graded or recorded." } : {}),
      ...(learnerName ? { learnerName } : {}),
    });
  }

  protected writeProgress(s: Snapshot): void {
    const course = this.course;
    if (!course) return;
    if (s.location.length <= CMI_LIMIT) this.set("cmi.core.lesson_location", s.location);
    else this.problem(`bookmark longer than ${CMI_LIMIT} characters was not saved`);
    const state = s.state.length <= SUSPEND_DATA_LIMIT ? s.state : s.compactState;
    if (state.length <= SUSPEND_DATA_LIMIT) this.set("cmi.suspend_data", state);
    else this.problem(`progress data of ${state.length} characters exceeds SCORM 1.2's ${SUSPEND_DATA_LIMIT}; it was not saved`);

    const a = s.progress.assessment;
    if (a && a.best !== null) {
      // Score before status (some LMSs refuse a score set after `completed`); min/max before raw
      // (SCORM 1.2 RTE §3.4, cmi.core.score).
      this.set("cmi.core.score.min", "0");
      this.set("cmi.core.score.max", "100");
      this.set("cmi.core.score.raw", String(a.best));
    }
    const status = lessonStatus(course.reporting, s.progress.outcome);
    if (!this.storedTerminal || TERMINAL.has(status)) {
      this.set("cmi.core.lesson_status", status);
      this.storedTerminal = TERMINAL.has(status);
    }
    // SCORM 1.2 RTE §3.4.1 cmi.core.exit: `suspend` (resume later) until nothing more can change; then ""
    // so the LMS sees a finished attempt — also after every assessment attempt was used and failed.
    // Set with every write: if the window dies without a clean finish, the LMS still offers resume.
    this.set("cmi.core.exit", s.progress.outcome.settled ? "" : "suspend");

    for (const session of s.progress.sessions) {
      if (session.id === ASSESSMENT_ID || !session.started) continue;
      const n = this.objective(session.id);
      this.set(`cmi.objectives.${n}.status`, session.complete ? "completed" : "incomplete");
    }
    if (a && a.best !== null) {
      const n = this.objective(ASSESSMENT_ID);
      this.set(`cmi.objectives.${n}.score.min`, "0");
      this.set(`cmi.objectives.${n}.score.max`, "100");
      this.set(`cmi.objectives.${n}.score.raw`, String(a.best));
      this.set(`cmi.objectives.${n}.status`, a.passed ? "passed" : "failed");
    }
  }

  protected writeInteraction(e: AnswerEvent): void {
    const n = this.interactionCount++;
    const p = `cmi.interactions.${n}.`;
    this.set(p + "id", interactionId(e.quizId, e.question.id), true);
    this.set(p + "objectives.0.id", e.objective, true);
    // When this question was answered and how long the learner took over it (SCORM 1.2 RTE §3.4.6 time, latency).
    this.set(p + "time", cmiClockTime(e.at), true);
    this.set(p + "type", interactionType(e.question), true);
    this.set(p + "correct_responses.0.pattern", correctPattern(e.question), true);
    this.set(p + "weighting", String(e.graded ? e.question.points : 0), true);
    this.set(p + "student_response", responseText(e.question, e.answer), true);
    this.set(p + "result", e.correct ? "correct" : "wrong", true);
    this.set(p + "latency", cmiTimespan(e.latencyMs), true);
  }

  protected writeEnd(): void {
    this.set("cmi.core.session_time", cmiTimespan(Date.now() - this.startedAt));
  }
}
