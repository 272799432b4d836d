// One packaging target per tracking standard. A target decides only its launch units, its runtime entry
// and its control files (manifest, schemas); everything else is shared.
import type { Course } from "../model/course.js";
import type { Unit } from "../model/units.js";
import type { PackageFile } from "./zip.js";

export interface TargetOptions {
  /** One launchable unit per session plus one for the assessment. */
  readonly scoPerSession: boolean;
}

export interface BuiltUnit {
  readonly unit: Unit;
  /** Package paths this unit's launch file needs besides the shared files. */
  readonly files: readonly string[];
}

export interface Target {
  readonly id: string;
  readonly title: string;
  /** File name (without .ts) in src/runtime/entries/. */
  readonly runtimeEntry: string;
  /** Whether the target can split the course into several launchable units. */
  readonly supportsUnits: boolean;
  /**
   * `connect-src` of the launch pages' Content-Security-Policy (W3C CSP3 §6.1.2): what the standard's
   * tracking must reach over the network. Every other fetch is limited to the package's own files.
   */
  readonly connectSrc: readonly string[];
  zipName(course: Course, options: TargetOptions): string;
  /**
   * Manifest and other standard files. `shared` are the package paths every unit uses (runtime, CSS,
   * images); each `units[i].files` holds the unit's own launch file.
   */
  controlFiles(course: Course, units: readonly BuiltUnit[], shared: readonly string[]): PackageFile[];
}
