// What a standard knows at build time: its launch units, its runtime entry, its control files (manifest,
// schemas) and its limits. Everything else in a package is shared.
import type { Course } from "../model/course.js";
import type { LimitProblem } from "../model/limit-problem.js";
import type { RuntimeCourse } from "../model/runtime-data.js";
import type { Unit } from "../model/units.js";
import type { PackageFile } from "../package/zip.js";

export interface PackageOptions {
  /** One launchable unit per session plus one for the assessment. */
  readonly scoPerSession: boolean;
}

export interface BuiltUnit {
  readonly unit: Unit;
  /** Package paths this unit's launch file needs besides the shared files. */
  readonly files: readonly string[];
}

export interface Packager {
  /** Whether the standard can split the course into several launchable units. */
  readonly supportsUnits: boolean;
  /**
   * `connect-src` of the launch pages' Content-Security-Policy (W3C CSP3 §6.1.2): what the standard's
   * tracking must reach over the network. Every other fetch is limited to the package's own files.
   */
  readonly connectSrc: readonly string[];
  /**
   * The standard's own learner-facing words (LMS/LRS notices, launch problems) by key, written into each
   * page's runtime data beside the neutral ones; keys are prefixed so they never collide with those.
   */
  readonly messages?: Readonly<Record<string, string>>;
  /**
   * Data the standard's runtime adapter needs, worked out at build time from the course and the unit's neutral
   * runtime data (e.g. the definitions of what it reports), written into the page as `RuntimeCourse.adapter`:
   * what the packager computes once, the runtime bundle need not carry code for.
   */
  runtimeData?(course: Course, unit: Unit, data: RuntimeCourse): unknown;
  zipName(course: Course, options: PackageOptions): string;
  /**
   * The package is also written unpacked, as a folder named like the zip without `.zip`, for a static host or
   * `file://` (a package no LMS imports).
   */
  readonly unpacked?: boolean;
  /** What the course asks of the standard that it cannot carry, for the units this package will have. */
  courseLimits(course: Course, units: readonly Unit[]): LimitProblem[];
  /**
   * Manifest and other standard files. `shared` are the package paths every unit uses (runtime, CSS,
   * images); each `units[i].files` holds the unit's own launch file.
   */
  controlFiles(course: Course, units: readonly BuiltUnit[], shared: readonly string[]): PackageFile[];
}
