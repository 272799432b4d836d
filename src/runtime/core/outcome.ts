// The learner's outcome on two independent axes, in no standard's vocabulary: how far they got (completion)
// and whether they succeeded (success). Each standard maps it to its own words; the course's reporting
// option is a wish about that mapping, parsed here (`reportingWish`), applied by the standard.
import type { ReportingOption } from "../../model/course.js";
import type { Progress } from "./state.js";

/**
 * `completed`: every counted session of the unit is complete (all its pages viewed and every question of
 * its knowledge check checked). The final assessment is not a counted session: a course is complete before
 * or without passing it. A unit that is only the assessment (one of a multi-unit package) is `completed`
 * once its verdict is settled (passed, or failed with no attempt left).
 * `not-attempted`: no page of the unit viewed and no attempt submitted; `incomplete` otherwise.
 */
export type Completion = "not-attempted" | "incomplete" | "completed";

/**
 * `passed`: the assessment was passed (a pass is never taken back) or, in a unit without an assessment, the
 * unit is completed. `failed`: an attempt was submitted and none passed (retakes may still be left: see
 * `settled`). `unknown`: neither yet.
 */
export type Success = "unknown" | "passed" | "failed";

export interface Outcome {
  readonly completion: Completion;
  readonly success: Success;
  /** The best submitted attempt's score, 0..1 (same as the percent the trackers report, /100); null before any. */
  readonly scaled: number | null;
  /** The best submitted attempt's score in percent 0..100 (two decimals at most); null before any. */
  readonly percent: number | null;
  /**
   * How much of what `completion` counts is done, 0..1: pages viewed plus knowledge-check questions checked,
   * over the counted sessions' pages and questions (an assessment-only unit: 0 until settled, then 1).
   * Exactly 1 when, and only when, `completion` is `completed`.
   */
  readonly progress: number;
  /**
   * The success verdict can no longer change: passed, or failed with every attempt used. (Completion may
   * still advance after a pass — sessions not yet viewed; a standard that reports it separately keeps
   * reporting it.)
   */
  readonly settled: boolean;
}

/**
 * The outcome of a unit from its progress (`progress()` in state.ts calls this): `done` of `total` are the
 * counted sessions' pages viewed and knowledge-check questions checked (a counted session has at least one
 * page, so `total` 0 means the unit has none: it is only the assessment); `left` the assessment's attempts
 * left (null: unlimited).
 */
export function outcomeOf(p: Pick<Progress, "courseComplete" | "pagesVisited" | "assessment">, done: number, total: number, left: number | null): Outcome {
  const a = p.assessment;
  const passed = a ? a.passed : p.courseComplete;
  // Submitted and never passed.
  const failed = a && !passed && a.attempts > 0;
  const settled = passed || Boolean(failed && left === 0);
  const complete = total ? p.courseComplete : settled;
  const percent = a?.best ?? null;
  return {
    completion: complete ? "completed" : p.pagesVisited || a?.attempts ? "incomplete" : "not-attempted",
    success: passed ? "passed" : failed ? "failed" : "unknown",
    scaled: percent === null ? null : Math.round(percent * 100) / 10000,
    percent,
    // Never 1 before completion (rounding), always 1 at it.
    progress: complete ? 1 : Math.min(done / (total || 1), 0.9999),
    settled,
  };
}

/**
 * The course's wish for how a standard words the outcome (course.yaml `reporting`): success reported as a
 * pass verdict or as completion; a failed assessment reported as a failure or as not yet finished.
 */
export interface ReportingWish {
  readonly success: "passed" | "completed";
  readonly failure: "failed" | "incomplete";
}

export function reportingWish(option: ReportingOption): ReportingWish {
  const [success, failure] = option.split("/") as [ReportingWish["success"], ReportingWish["failure"]];
  return { success, failure };
}
