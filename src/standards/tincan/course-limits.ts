// The course against xAPI's limits (common/xapi/limits.ts): every activity id of the package hangs below the course id
// (common/xapi/activity-ids.ts, path segments percent-encoded), so the course id decides whether they are IRIs.
import type { Course } from "../../model/course.js";
import type { LimitProblem } from "../../model/limit-problem.js";
import { iriProblem } from "../common/xapi/limits.js";

export function tincanCourseLimits(course: Course): LimitProblem[] {
  const problem = iriProblem(course.id);
  return problem ? [{ source: { kind: "course" }, path: ["id"], message: `must be an IRI, as xAPI activity ids are (xAPI 1.0.3 Part 2 §2.4.4.1); it ${problem}` }] : [];
}
