// What the cover and the completion page say, decided at build time (the runtime only fills in the
// learner's figures and shows the parts that apply).
import type { Course } from "../model/course.js";
import type { Unit } from "../model/units.js";
import { durationText, estimateMinutes } from "./estimate.js";

export interface CoverView {
  readonly duration: string;
  /** What the learner needs to do, one sentence each. */
  readonly requirements: readonly string[];
}

export interface CompletionView {
  /** Flat index after the last page: where Next on the last page goes. */
  readonly index: number;
  readonly certificate: boolean;
  readonly assessment: boolean;
}

/** The requirements in words, from the course's completion rule, pass mark, attempts, reporting and gating. */
export function requirementTexts(course: Course, unit: Unit): string[] {
  const out = ["To complete the course, view every page of each session and check every question of its knowledge check."];
  const quiz = unit.assessment;
  if (!quiz) return out;
  const attempts = course.maxAttempts ? `You have ${course.maxAttempts} attempt${course.maxAttempts === 1 ? "" : "s"}.` : "You may try as often as you need.";
  out.push(`To pass, score at least ${course.masteryScore}% in “${quiz.title}”. ${attempts}`);
  if (course.requireSessions && unit.sessions.length) out.push(`“${quiz.title}” opens once every session is complete.`);
  const [success, failure] = course.reporting.split("/");
  const recorded = success === "passed" ? "as passed" : "as completed";
  const otherwise = failure === "failed" ? "a score under the pass mark is recorded as failed" : "until then it stays recorded as incomplete";
  out.push(`Your learning system records the course ${recorded} when you reach the pass mark; ${otherwise}.`);
  return out;
}

/** The cover, for a unit that is the whole course (a per-session unit is listed by the LMS: no cover). */
export function coverView(course: Course, unit: Unit): CoverView | undefined {
  if (unit.id !== "course") return undefined;
  return { duration: durationText(estimateMinutes(course)), requirements: requirementTexts(course, unit) };
}

export function completionView(course: Course, unit: Unit, pageCount: number): CompletionView {
  return { index: pageCount, certificate: course.certificate, assessment: Boolean(unit.assessment) };
}
