// The neutral outcome in SCORM 2004's two status words (SCORM 2004 4th ed. RTE §4.2.4 cmi.completion_status,
// §4.2.22 cmi.success_status), with the course's reporting wish applied where 2004 leaves a choice.
import type { ReportingOption } from "../../../model/course.js";
import { reportingWish, type Outcome } from "../../../runtime/core/outcome.js";

/**
 * `completed` once the unit is complete, or once its success criterion is met: the course's reporting word
 * for success means "done" (Moodle takes the SCO's status from completion_status alone, so a pass that left
 * it `incomplete` would read as unfinished there, unlike the same course in SCORM 1.2).
 */
export function completionStatus(o: Outcome): string {
  if (o.completion === "completed" || o.success === "passed") return "completed";
  return o.completion === "not-attempted" ? "not attempted" : "incomplete";
}

/**
 * `failed` when the course's reporting wish reports a failure (`passed/failed`, `completed/failed`: after any failed attempt;
 * `passed/incomplete`: once no attempt is left; `completed/incomplete`: never — the assessment objective
 * still says `failed`), `passed` on success, else `unknown`.
 */
export function successStatus(reporting: ReportingOption, o: Outcome): string {
  const wish = reportingWish(reporting);
  if (o.success === "passed") return "passed";
  if (o.success === "failed" && (wish.failure === "failed" || (wish.success === "passed" && o.settled))) return "failed";
  return "unknown";
}
