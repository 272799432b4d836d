// SCORM 1.2 adapter (SCORM 1.2 RTE §3.3 API, §3.4 data model; README: What the packages report), on the shared
// SCORM tracker base (guarded calls, set-if-changed, one commit per burst, retry, notices).
// Finishes on pagehide because LMS players such as Moodle never call LMSFinish for the content.
import { ASSESSMENT_ID, type RuntimeCourse } from "../../../model/runtime-data.js";
import { cmiClockTime, cmiTimespan } from "./timing.js";
import type { Tracker } from "../../../runtime/tracking/tracker.js";
import { say } from "../../../runtime/core/messages.js";
import { displayName, notTracked, reflectionInteractionId, scormTracker, THREW } from "../../common/scorm/tracker-base.js";
import { CMI_STRING4096_MAX, interactionId } from "../limits.js";
import { SCORM12 } from "./dialect.js";
import { lessonStatus } from "./lesson-status.js";
import { CMI_LIMIT, clip, correctPattern, interactionType, responseText } from "./responses.js";

const SUSPEND_DATA_LIMIT = CMI_STRING4096_MAX;
const TERMINAL = new Set(["passed", "completed"]);

export function scorm12Tracker(win: Window): Tracker {
  return scormTracker(win, SCORM12, ({ initialize, disconnect, loadObjectives, objective, get, set, flush, problem }) => {
    const startedAt = Date.now();
    let course: RuntimeCourse | undefined;
    let interactions = 0;
    /** Status the LMS already holds as final (never regress it: many LMSs freeze a completed status, others reset it). */
    let storedTerminal = false;
    return {
      maxStateLength: SUSPEND_DATA_LIMIT,
      start: (c) => {
        course = c;
        const code = initialize();
        if (code) {
          // Moodle 5.1 mod_scorm answers 101 when the previous SCO never called LMSFinish, yet later calls work.
          if (code !== "101" || get("cmi.core.lesson_status") === "") {
            disconnect();
            return notTracked(say(c, "lmsNoStart", code === THREW ? say(c, "lmsSilent") : say(c, "lmsError", code)));
          }
        }
        const mode = get("cmi.core.lesson_mode");
        const status = get("cmi.core.lesson_status");
        storedTerminal = TERMINAL.has(status);
        interactions = loadObjectives();
        const location = get("cmi.core.lesson_location");
        const state = get("cmi.suspend_data");
        const learnerName = displayName(get("cmi.core.student_name"));
        if (mode === "browse") {
          // SCORM 1.2 RTE §3.4.4: a browsed lesson is reported `browsed` (only where nothing was recorded
          // yet), and nothing of it is graded: no score, objectives, interactions or bookmark.
          if (status === "not attempted" || status === "") {
            set("cmi.core.lesson_status", "browsed");
            flush(false);
          }
        }
        // No commit here: the player's first record() follows at once and carries this launch's values in the
        // same commit, so the LMS never gets `incomplete` followed a moment later by `completed` (Moodle 4.5
        // mod_scorm sends commits after a SCO switch as beacons and may apply two in reverse order).
        return {
          tracked: true,
          ...(location || state ? { resume: { location, state } } : {}),
          review: mode === "review" || mode === "browse",
          ...(mode === "browse" ? { notice: say(c, "lmsBrowse") } : {}),
          ...(learnerName ? { learnerName } : {}),
        };
      },

      writeProgress: (s) => {
        if (!course) return;
        if (s.location.length <= CMI_LIMIT) set("cmi.core.lesson_location", s.location);
        else problem("lmsLongBookmark", CMI_LIMIT);
        const state = s.state.length <= SUSPEND_DATA_LIMIT ? s.state : s.compactState;
        if (state.length <= SUSPEND_DATA_LIMIT) set("cmi.suspend_data", state);
        else problem("lmsLongState", state.length, SUSPEND_DATA_LIMIT);

        const a = s.progress.assessment;
        if (a && a.best !== null) {
          // Score before status (some LMSs refuse a score set after `completed`); min/max before raw
          // (SCORM 1.2 RTE §3.4, cmi.core.score).
          set("cmi.core.score.min", "0");
          set("cmi.core.score.max", "100");
          set("cmi.core.score.raw", String(a.best));
        }
        const status = lessonStatus(course.reporting, s.progress.outcome);
        if (!storedTerminal || TERMINAL.has(status)) {
          set("cmi.core.lesson_status", status);
          storedTerminal = TERMINAL.has(status);
        }
        // SCORM 1.2 RTE §3.4.1 cmi.core.exit: `suspend` (resume later) until nothing more can change; then ""
        // so the LMS sees a finished attempt — also after every assessment attempt was used and failed.
        // Set with every write: if the window dies without a clean finish, the LMS still offers resume.
        set("cmi.core.exit", s.progress.outcome.settled ? "" : "suspend");

        for (const session of s.progress.sessions) {
          if (session.id === ASSESSMENT_ID || !session.started) continue;
          const n = objective(session.id);
          set(`cmi.objectives.${n}.status`, session.complete ? "completed" : "incomplete");
        }
        if (a && a.best !== null) {
          const n = objective(ASSESSMENT_ID);
          set(`cmi.objectives.${n}.score.min`, "0");
          set(`cmi.objectives.${n}.score.max`, "100");
          set(`cmi.objectives.${n}.score.raw`, String(a.best));
          set(`cmi.objectives.${n}.status`, a.passed ? "passed" : "failed");
        }
      },

      writeInteraction: (e) => {
        const p = `cmi.interactions.${interactions++}.`;
        set(p + "id", interactionId(e.quizId, e.question.id), true);
        set(p + "objectives.0.id", e.objective, true);
        // When this question was answered and how long the learner took over it (SCORM 1.2 RTE §3.4.6 time, latency).
        set(p + "time", cmiClockTime(e.at), true);
        set(p + "type", interactionType(e.question), true);
        set(p + "correct_responses.0.pattern", correctPattern(e.question), true);
        set(p + "weighting", String(e.graded ? e.question.points : 0), true);
        set(p + "student_response", responseText(e.question, e.answer), true);
        set(p + "result", e.correct ? "correct" : "wrong", true);
        set(p + "latency", cmiTimespan(e.latencyMs), true);
      },

      writeReflection: (e) => {
        const p = `cmi.interactions.${interactions++}.`;
        set(p + "id", reflectionInteractionId(e.reflection.id), true);
        set(p + "objectives.0.id", e.reflection.session, true);
        set(p + "time", cmiClockTime(e.at), true);
        // SCORM 1.2 RTE §3.4.6: 1.2 has no long text type, so a `fill-in` whose student_response (CMIString255)
        // holds the first 255 characters; the whole text stays in suspend_data. Ungraded: result `neutral`.
        set(p + "type", "fill-in", true);
        set(p + "student_response", clip(e.text), true);
        set(p + "result", "neutral", true);
      },

      writeEnd: () => set("cmi.core.session_time", cmiTimespan(Date.now() - startedAt)),
    };
  });
}
