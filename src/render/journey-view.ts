// What the cover and the completion page say, decided at build time in the course's language (the runtime
// only fills in the learner's figures and shows the parts that apply).
import type { Course } from "../model/course.js";
import type { Unit } from "../model/units.js";
import { durationText, estimateMinutes } from "./estimate.js";
import { Words } from "./words.js";

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
  /** The unit's reflections, for the list of what the learner wrote (reflections.hbs); empty: no list. */
  readonly reflections: readonly { readonly id: string; readonly prompt: string }[];
}

/** How the LMS records the course, by its `reporting` option: one sentence per pair of statuses. */
const RECORDED = {
  "passed/failed": "recordPassedFailed",
  "passed/incomplete": "recordPassedIncomplete",
  "completed/failed": "recordCompletedFailed",
  "completed/incomplete": "recordCompletedIncomplete",
} as const satisfies Record<Course["reporting"], string>;

/** The requirements in words, from the course's completion rule, pass mark, attempts, reporting and gating. */
export function requirementTexts(course: Course, unit: Unit, words = Words.of(course)): string[] {
  const out = [words.text("ruleSessions")];
  const quiz = unit.assessment;
  if (!quiz) return out;
  const attempts = course.maxAttempts ? words.text("attemptsAllowed", course.maxAttempts) : words.text("attemptsUnlimited");
  out.push(words.text("rulePass", words.percent(course.masteryScore), quiz.title, attempts));
  if (course.requireSessions && unit.sessions.length) out.push(words.text("ruleGate", quiz.title));
  out.push(words.text(RECORDED[course.reporting]));
  return out;
}

/** The cover, for a unit that is the whole course (a per-session unit is listed by the LMS: no cover). */
export function coverView(course: Course, unit: Unit, words = Words.of(course)): CoverView | undefined {
  if (unit.id !== "course") return undefined;
  return { duration: durationText(estimateMinutes(course), words), requirements: requirementTexts(course, unit, words) };
}

export function completionView(course: Course, unit: Unit, pageCount: number, words = Words.of(course)): CompletionView {
  const reflections = unit.sessions.flatMap((s) => s.pages.flatMap((p) => (p.reflections ?? []).map(({ id, prompt }) => ({ id, prompt }))));
  const base = { index: pageCount, assessment: Boolean(unit.assessment), sessions: unit.sessions.length > 0, reflections };
  const failed = words.text("doneFailed");
  if (unit.id === "course") {
    const headings = { done: words.text("doneCourse"), todo: words.text("doneTodo"), failed };
    return { ...base, certificate: course.certificate, headings, doneText: words.text("doneCourseText") };
  }
  // A unit of a --sco-per-session package: the LMS lists the others and says what comes next.
  const next = words.text("nextInLms");
  if (unit.sessions.length) {
    const headings = { done: words.text("doneSession"), todo: words.text("todoSession"), failed };
    return { ...base, certificate: false, headings, doneText: `${words.text("doneSessionText")} ${next}` };
  }
  const headings = { done: words.text("doneAssessment"), todo: words.text("todoAssessment"), failed };
  return { ...base, certificate: false, headings, doneText: `${words.text("doneAssessmentText", unit.assessment?.title ?? unit.title)} ${next}` };
}
