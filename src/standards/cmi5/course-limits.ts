// The course against cmi5's limits: the course id, every AU id (course-structure.ts) and every activity id
// the AUs send hang below it, and cmi5 §13.1 requires IRIs of them (as xAPI 1.0.3 Part 2 §2.4.4.1 does of
// activity ids), so the course id decides.
import type { Course } from "../../model/course.js";
import type { LimitProblem } from "../../model/limit-problem.js";
import { iriProblem } from "../common/xapi/limits.js";

export function cmi5CourseLimits(course: Course): LimitProblem[] {
  const problem = iriProblem(course.id);
  return problem ? [{ source: { kind: "course" }, path: ["id"], message: `must be an IRI, as cmi5 course and AU ids are (cmi5 §13.1.1, §13.1.4); it ${problem}` }] : [];
}
