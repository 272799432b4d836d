// Before anything is rendered: the course against the limits of every standard being built (each
// standard's packager knows its own), and every package file name against the file system.
// Each problem is reported as `file:line: field: message`, all at once, as content errors are.
import { locateProblem } from "../content/field-lines.js";
import { ProblemList } from "../content/errors.js";
import type { Course } from "../model/course.js";
import type { LimitProblem } from "../model/limit-problem.js";
import { planUnits } from "../model/units.js";
import type { PackageOptions } from "../standards/packager.js";
import type { Standard } from "../standards/standard.js";

/** NAME_MAX of ext4, APFS, XFS and Btrfs (bytes), and NTFS's 255 UTF-16 units: a file name that fits everywhere. */
export const FILE_NAME_MAX_BYTES = 255;

export function courseLimitProblems(course: Course, standards: readonly Standard[], options: PackageOptions): LimitProblem[] {
  const out: LimitProblem[] = [];
  for (const { packager } of standards) {
    const units = planUnits(course, options.scoPerSession && packager.supportsUnits);
    out.push(...packager.courseLimits(course, units));
    const name = packager.zipName(course, options);
    const bytes = Buffer.byteLength(name);
    if (bytes > FILE_NAME_MAX_BYTES) {
      out.push({ source: { kind: "course" }, path: ["slug"], message: `makes the package file name ${bytes} bytes long ('${name}'); file systems allow ${FILE_NAME_MAX_BYTES}` });
    }
  }
  return out;
}

/** Throws a ContentError listing every limit the course breaks for these targets. */
export function assertWithinLimits(course: Course, standards: readonly Standard[], options: PackageOptions): void {
  const problems = new ProblemList();
  const seen = new Set<string>();
  for (const p of courseLimitProblems(course, standards, options)) {
    const { file, line } = locateProblem(course, p);
    const field = p.path.length ? p.path.join(".") : undefined;
    const key = `${file}\u0000${line}\u0000${field ?? ""}\u0000${p.message}`;
    if (seen.has(key)) continue; // e.g. the same zip-name problem from two standards
    seen.add(key);
    problems.add(file, line, p.message, field);
  }
  problems.throwIfAny();
}
