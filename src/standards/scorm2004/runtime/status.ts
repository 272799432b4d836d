// The neutral outcome in SCORM 2004's two status words (SCORM 2004 4th ed. RTE §4.2.4 cmi.completion_status,
// §4.2.22 cmi.success_status), with the course's reporting wish applied where 2004 leaves a choice.
import type { ReportingOption } from "../../../model/course.js";
import { reportingWish, type Outcome } from "../../../runtime/core/outcome.js";

/**
 * The completion axis as it is: `completed` when every counted session of the unit is (the manifest's
 * completionThreshold of 1 on progress_measure says the same), a pass does not complete unviewed sessions.
 */
export function completionStatus(o: Outcome): string {
  return o.completion === "not-attempted" ? "not attempted" : o.completion;
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
