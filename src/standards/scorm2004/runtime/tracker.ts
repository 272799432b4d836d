// SCORM 2004 4th edition adapter (SCORM 2004 4th ed. RTE ch.3 API, §4.2 data model; README: What the packages
// report), on the shared SCORM tracker base (guarded calls, set-if-changed, one commit per burst, retry,
// notices). Completion and success are reported separately, each from the neutral outcome.
import { ASSESSMENT_ID, type RuntimeCourse } from "../../../model/runtime-data.js";
import type { Outcome } from "../../../runtime/core/outcome.js";
import { isoDuration } from "../../common/iso-duration.js";
import type { Tracker } from "../../../runtime/tracking/tracker.js";
import { say } from "../../../runtime/core/messages.js";
import { displayName, notTracked, reflectionInteractionId, scormTracker, THREW } from "../../common/scorm/tracker-base.js";
import { DESCRIPTION_MAX, LOCATION_MAX, LONG_FILL_IN_MAX, SUSPEND_DATA_MAX, interactionId } from "../limits.js";
import { SCORM2004 } from "./dialect.js";
import { correctPatterns, description, interactionType, learnerResponse, localized } from "./responses.js";
import { completionStatus, successStatus } from "./status.js";

/**
 * RTE §4.1.1 time (second,10,0), in UTC with two fractional digits. The RTE's grammar allows a zone designator
 * only after fractional seconds, and Moodle's browser-side check refuses `…T21:00:00Z` (406): never drop them.
 */
const timestamp = (d: Date): string => `${d.toISOString().slice(0, 22)}Z`;

/** Nothing the learner does can change either axis any more. */
const finished = (o: Outcome): boolean => o.settled && o.completion === "completed";

/** real(10,7) for a 0..1 measure: four decimals, plain notation. */
const measure = (x: number): string => String(Math.round(x * 10000) / 10000);

export function scorm2004Tracker(win: Window): Tracker {
  return scormTracker(win, SCORM2004, ({ initialize, disconnect, loadObjectives, objective, get, set, problem }) => {
    const startedAt = Date.now();
    let course: RuntimeCourse | undefined;
    let interactions = 0;
    /** What the LMS already holds as final: never regressed (an LMS may keep the status of an earlier session). */
    let storedCompleted = false;
    let storedPassed = false;
    /**
     * A new interaction at `_count`: id first, type before the responses (408 otherwise); returns the writer
     * of its other elements (always sent: each interaction is new).
     */
    const interaction = (id: string, type: string, objectiveId: string, at: Date): ((element: string, value: string) => void) => {
      const p = `cmi.interactions.${interactions++}.`;
      const put = (element: string, value: string): void => set(p + element, value, true);
      put("id", id);
      put("type", type);
      put("objectives.0.id", objectiveId);
      put("timestamp", timestamp(at));
      return put;
    };
    return {
      /** RTE §4.2.23 cmi.suspend_data, SPM 64000: the full state always fits below that. */
      maxStateLength: SUSPEND_DATA_MAX,
      start: (c) => {
        course = c;
        const code = initialize();
        // 103 (already initialized): a session is running on this API object, so the calls work (RTE ch.3 state model).
        if (code && code !== "103") {
          disconnect();
          // 104 (content instance terminated): Moodle keeps one API object for every SCO of a package, and once a
          // SCO has terminated it stays so until the learner re-enters the activity.
          return notTracked(
            code === "104"
              ? say(c, "lmsClosed")
              : say(c, "lmsNoStart", code === THREW ? say(c, "lmsSilent") : say(c, "lmsError", code)),
          );
        }
        // RTE §4.2.16 cmi.mode: `browse` and `review` show the course and record nothing (Moodle's Preview button
        // launches in browse mode yet stores what the content sends as a graded attempt).
        const mode = get("cmi.mode");
        storedCompleted = get("cmi.completion_status") === "completed";
        storedPassed = get("cmi.success_status") === "passed";
        // Objectives the LMS already lists keep their places and ours go after `_count`: Moodle puts the
        // manifest's primary objective at index 0; on resume ours are found again by id (RTE §4.2.17, readable).
        interactions = loadObjectives();
        const location = get("cmi.location");
        const state = get("cmi.suspend_data");
        const learnerName = displayName(get("cmi.learner_name"));
        // RTE §4.2.19 cmi.scaled_passing_score (from the manifest's minNormalizedMeasure, or the LMS's own): when
        // set, it is the pass mark — the LMS judges success_status by it (RTE §4.2.22) — so the player grades with it.
        const passing = get("cmi.scaled_passing_score");
        const scaled = passing === "" ? NaN : Number(passing);
        const passMark = Number.isFinite(scaled) && scaled >= -1 && scaled <= 1 ? Math.round(Math.max(0, scaled) * 10000) / 100 : undefined;
        // No commit here: the player's first record() follows at once and carries this launch's values in the
        // same commit (Moodle 4.5 sends commits after a SCO switch as beacons and may apply two in reverse order).
        return {
          tracked: true,
          ...(location || state ? { resume: { location, state } } : {}),
          review: mode === "review" || mode === "browse",
          ...(mode === "browse" ? { notice: say(c, "lmsBrowse") } : {}),
          ...(learnerName ? { learnerName } : {}),
          ...(passMark === undefined ? {} : { passMark }),
        };
      },

      writeProgress: (s) => {
        if (!course) return;
        const o = s.progress.outcome;
        // RTE §4.2.14 cmi.location, §4.2.23 cmi.suspend_data: the full state, never the compact one below 64,000.
        if (s.location.length <= LOCATION_MAX) set("cmi.location", s.location);
        else problem("lmsLongBookmark", LOCATION_MAX);
        const state = s.state.length <= SUSPEND_DATA_MAX ? s.state : s.compactState;
        if (state.length <= SUSPEND_DATA_MAX) set("cmi.suspend_data", state);
        else problem("lmsLongState", state.length, SUSPEND_DATA_MAX);

        // RTE §4.2.20 cmi.score (and an objective's, §4.2.17): scaled is what 2004 judges by; Moodle grades from
        // raw alone (scaled without raw grades 0), so raw/min/max always go with it. Score before status.
        const score = (prefix: string): void => {
          set(`${prefix}score.min`, "0");
          set(`${prefix}score.max`, "100");
          set(`${prefix}score.raw`, String(o.percent));
          set(`${prefix}score.scaled`, String(o.scaled));
        };
        const scored = o.percent !== null && o.scaled !== null;
        if (scored) score("cmi.");
        // RTE §4.2.18 cmi.progress_measure: exactly 1 when, and only when, the unit is complete.
        set("cmi.progress_measure", measure(o.progress));
        // RTE §4.2.4 cmi.completion_status, §4.2.22 cmi.success_status: two axes, each from the outcome.
        const completion = completionStatus(o);
        if (!storedCompleted || completion === "completed") {
          set("cmi.completion_status", completion);
          storedCompleted = completion === "completed";
        }
        const success = successStatus(course.reporting, o);
        if (!storedPassed || success === "passed") {
          set("cmi.success_status", success);
          storedPassed = success === "passed";
        }
        // RTE §4.2.8 cmi.exit: `suspend` (resume later) while either axis can still change, then `normal`.
        // Set with every write: if the window dies without a clean finish, the LMS still offers resume.
        set("cmi.exit", finished(o) ? "normal" : "suspend");

        for (const session of s.progress.sessions) {
          if (session.id === ASSESSMENT_ID || !session.started) continue;
          const n = objective(session.id);
          set(`cmi.objectives.${n}.completion_status`, session.complete ? "completed" : "incomplete");
        }
        const a = s.progress.assessment;
        if (a && scored) {
          const n = `cmi.objectives.${objective(ASSESSMENT_ID)}.`;
          score(n);
          set(`${n}success_status`, a.passed ? "passed" : "failed");
          set(`${n}completion_status`, o.settled ? "completed" : "incomplete");
        }
      },

      /** RTE §4.2.9 cmi.interactions: appended at `_count`, id first, type before the responses (408 otherwise). */
      writeInteraction: (e) => {
        const q = e.question;
        const put = interaction(interactionId(e.quizId, q.id), interactionType(q, e.answer), e.objective, e.at);
        correctPatterns(q, e.answer).forEach((pattern, k) => put(`correct_responses.${k}.pattern`, pattern));
        put("weighting", String(e.graded ? q.points : 0));
        put("learner_response", learnerResponse(q, e.answer));
        put("result", e.correct ? "correct" : "incorrect");
        put("latency", isoDuration(e.latencyMs));
        const text = description(q);
        if (text) put("description", text);
      },

      /** RTE §4.2.9.1: a reflection is a `long-fill-in` (learner_response SPM 4,000 characters), ungraded: `neutral`. */
      writeReflection: (e) => {
        const put = interaction(reflectionInteractionId(e.reflection.id), "long-fill-in", e.reflection.session, e.at);
        put("learner_response", localized(e.text, LONG_FILL_IN_MAX));
        put("result", "neutral");
        put("description", localized(e.reflection.prompt, DESCRIPTION_MAX));
      },

      writeEnd: (s) => {
        set("cmi.session_time", isoDuration(Date.now() - startedAt));
        // SCORM 2004 4th ed. RTE, navigation data model: adl.nav.request is acted on after Terminate. A single-SCO package asks for
        // `suspendAll` while unfinished (an attempt merely exited is ended by a sequencing LMS, losing resume) and
        // `exitAll` once finished. A SCO of a multi-SCO package asks nothing and the learner picks the next one
        // in the LMS's menu: after a content `continue`, Moodle's one API object stays terminated and the next
        // SCO's Initialize fails (104). So no `continue`/`previous`. adl.nav.request_valid.continue answers
        // true/false/unknown where the LMS implements navigation at all; an LMS without it answers an error ("").
        if (course?.unit !== "course" || get("adl.nav.request_valid.continue") === "") return;
        set("adl.nav.request", finished(s.progress.outcome) ? "exitAll" : "suspendAll");
      },
    };
  });
}
