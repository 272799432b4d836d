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
  /** Only for the whole course: a session or assessment unit of a multi-unit package cannot see the rest. */
  readonly certificate: boolean;
  readonly assessment: boolean;
  /** The unit has sessions that count (an assessment-only unit has none to report). */
  readonly sessions: boolean;
  /** The page's heading for each standing, and the sentence when all is done: about what this unit is. */
  readonly headings: { readonly done: string; readonly todo: string; readonly failed: string };
  readonly doneText: string;
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
  const base = { index: pageCount, assessment: Boolean(unit.assessment), sessions: unit.sessions.length > 0 };
  const failed = "Assessment not passed";
  if (unit.id === "course") {
    const headings = { done: "You have completed the course", todo: "Not finished yet", failed };
    return { ...base, certificate: course.certificate, headings, doneText: "Well done: you have done everything the course asks." };
  }
  // A unit of a --sco-per-session package: the LMS lists the others and says what comes next.
  const next = "Your learning system shows what comes next.";
  if (unit.sessions.length) {
    const headings = { done: "You have completed this session", todo: "This session is not finished yet", failed };
    return { ...base, certificate: false, headings, doneText: `Well done: you have done everything this session asks. ${next}` };
  }
  const headings = { done: "You have passed the assessment", todo: "Assessment not passed yet", failed };
  return { ...base, certificate: false, headings, doneText: `Well done: you have passed “${unit.assessment?.title ?? unit.title}”. ${next}` };
}
