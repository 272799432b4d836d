// Before anything is rendered: the course against the limits of every standard being built (one module
// per standard: scorm12/limits.ts, xapi/limits.ts), and every package file name against the file system.
// Each problem is reported as `file:line: field: message`, all at once, as content errors are.
import { locateProblem } from "../content/field-lines.js";
import { ProblemList } from "../content/errors.js";
import type { Course } from "../model/course.js";
import type { LimitProblem } from "../model/limit-problem.js";
import { planUnits, type Unit } from "../model/units.js";
import { scorm12CourseLimits } from "./scorm12/course-limits.js";
import type { Target, TargetOptions } from "./target.js";
import { xapiCourseLimits } from "./xapi/course-limits.js";

/** Per target id: what the standard cannot carry. A new standard adds its entry next to its target. */
const COURSE_LIMITS: Readonly<Record<string, (course: Course, units: readonly Unit[]) => LimitProblem[]>> = {
  scorm12: scorm12CourseLimits,
  xapi: xapiCourseLimits,
};

/** NAME_MAX of ext4, APFS, XFS and Btrfs (bytes), and NTFS's 255 UTF-16 units: a file name that fits everywhere. */
export const FILE_NAME_MAX_BYTES = 255;

export function courseLimitProblems(course: Course, targets: readonly Target[], options: TargetOptions): LimitProblem[] {
  const out: LimitProblem[] = [];
  for (const target of targets) {
    const units = planUnits(course, options.scoPerSession && target.supportsUnits);
    out.push(...(COURSE_LIMITS[target.id]?.(course, units) ?? []));
    const name = target.zipName(course, options);
    const bytes = Buffer.byteLength(name);
    if (bytes > FILE_NAME_MAX_BYTES) {
      out.push({ source: { kind: "course" }, path: ["slug"], message: `makes the package file name ${bytes} bytes long ('${name}'); file systems allow ${FILE_NAME_MAX_BYTES}` });
    }
  }
  return out;
}

/** Throws a ContentError listing every limit the course breaks for these targets. */
export function assertWithinLimits(course: Course, targets: readonly Target[], options: TargetOptions): void {
  const problems = new ProblemList();
  const seen = new Set<string>();
  for (const p of courseLimitProblems(course, targets, options)) {
    const { file, line } = locateProblem(course, p);
    const field = p.path.length ? p.path.join(".") : undefined;
    const key = `${file}\u0000${line}\u0000${field ?? ""}\u0000${p.message}`;
    if (seen.has(key)) continue; // e.g. the same zip-name problem from two targets
    seen.add(key);
    problems.add(file, line, p.message, field);
  }
  problems.throwIfAny();
}
