// The course's reporting wish (`passed/incomplete` …) in SCORM 1.2's one status word, cmi.core.lesson_status
// (SCORM 1.2 RTE §3.4.1; README: What the packages report).
import type { ReportingOption } from "../../../model/course.js";
import { reportingWish, type Outcome } from "../../../runtime/core/outcome.js";

/**
 * `passed/failed`, `completed/failed`: `failed` after any failed attempt. `passed/incomplete`: `failed` once
 * no attempt is left (a pass/fail verdict exists; `incomplete` would tell the LMS the learner is not
 * finished). `completed/incomplete` has no word for failure (and `completed` would read as success): it
 * stays `incomplete`; the objective says `failed`.
 */
export function lessonStatus(reporting: ReportingOption, o: Outcome): string {
  const wish = reportingWish(reporting);
  if (o.success === "passed") return wish.success;
  if (o.success === "failed" && (wish.failure === "failed" || (wish.success === "passed" && o.settled))) return "failed";
  return "incomplete";
}
