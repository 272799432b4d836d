// Node side: the runtime's optional features, and which of them a package needs. Each is a browser script
// of its own (src/runtime/features/<id>.ts, registering through features-hook.ts), prebuilt beside the
// standards' cores, and goes into a package only when one of its units uses it, decided from the model.
import type { Course, Quiz } from "../model/course.js";
import type { Unit } from "../model/units.js";
import { isStepped } from "../render/view-model.js";

export interface RuntimeFeature {
  /** Its script: src/runtime/features/<id>.ts. */
  readonly id: string;
  /** Whether `unit` of `course` needs it. */
  uses(course: Course, unit: Unit): boolean;
}

/** The quizzes a unit shows: its sessions' knowledge checks and its assessment. */
const quizzesOf = (unit: Unit): Quiz[] => [...unit.sessions.flatMap((s) => (s.check ? [s.check] : [])), ...(unit.assessment ? [unit.assessment] : [])];

/** In the order their scripts go into a package (fixed, so a build is byte for byte repeatable). */
export const RUNTIME_FEATURES: readonly RuntimeFeature[] = [
  { id: "question-stepper", uses: (course, unit) => quizzesOf(unit).some((q) => isStepped(course, q)) },
  { id: "sequence-drag", uses: (_, unit) => quizzesOf(unit).some((q) => q.questions.some((x) => x.type === "sequencing")) },
];

/** The features a package of these units needs (they share one script), in RUNTIME_FEATURES order. */
export function featuresFor(course: Course, units: readonly Unit[]): string[] {
  return RUNTIME_FEATURES.filter((f) => units.some((u) => f.uses(course, u))).map((f) => f.id);
}
