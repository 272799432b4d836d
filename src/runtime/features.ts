// Node side: the runtime's optional features, and which of them a package needs. Each is a browser script
// of its own (src/runtime/features/<id>.ts, registering through features-hook.ts), prebuilt beside the
// standards' cores, and goes into a package only when one of its units uses it, decided from the model.
import type MarkdownIt from "markdown-it";
import { findBlocks } from "../content/blocks/block-env.js";
import { createMarkdown } from "../content/markdown-dialect.js";
import type { Course, Page, Quiz } from "../model/course.js";
import type { Unit } from "../model/units.js";
import { isStepped } from "../render/view-model.js";
import { TextMemo } from "../text-memo.js";

export interface RuntimeFeature {
  /** Its script: src/runtime/features/<id>.ts. */
  readonly id: string;
  /** Whether `unit` of `course` needs it. */
  uses(course: Course, unit: Unit): boolean;
}

/** The quizzes a unit shows: its sessions' knowledge checks and its assessment. */
const quizzesOf = (unit: Unit): Quiz[] => [...unit.sessions.flatMap((s) => (s.check ? [s.check] : [])), ...(unit.assessment ? [unit.assessment] : [])];

const pagesOf = (unit: Unit): Page[] => unit.sessions.flatMap((s) => s.pages);

let dialect: MarkdownIt | undefined;
const tabbed = new TextMemo<boolean>(4_096);
/**
 * The page has a `::: tabs` block, as the course's Markdown dialect reads it. Parsed only when its text has
 * such a marker anywhere (a page without cannot have one), so a build of many pages pays nothing for it; kept by text for the next build of a long-lived process.
 */
function hasTabs(page: Page): boolean {
  const { markdown } = page;
  return /:{3,}[ \t]*tabs(?![\w-])/.test(markdown) && tabbed.get(markdown, () => findBlocks((dialect ??= createMarkdown({ html: false })).parse(markdown, {}), "tabs").length > 0);
}

/** In the order their scripts go into a package (fixed, so a build is byte for byte repeatable). */
export const RUNTIME_FEATURES: readonly RuntimeFeature[] = [
  // Before the stepper: it counts the steps the draw shows.
  { id: "question-pool", uses: (_, unit) => Boolean(unit.assessment?.draw) },
  { id: "question-stepper", uses: (course, unit) => quizzesOf(unit).some((q) => isStepped(course, q)) },
  { id: "reflections", uses: (_, unit) => unit.sessions.some((s) => s.pages.some((page) => page.reflections)) },
  { id: "sequence-drag", uses: (_, unit) => quizzesOf(unit).some((q) => q.questions.some((x) => x.type === "sequencing")) },
  { id: "tabs", uses: (_, unit) => pagesOf(unit).some(hasTabs) },
  // Also where no page waits for its media: it stops the media of a page the learner leaves.
  { id: "media-ended", uses: (_, unit) => pagesOf(unit).some((p) => p.requirement === "media-ended" || p.media) },
];

/** The features a package of these units needs (they share one script), in RUNTIME_FEATURES order. */
export function featuresFor(course: Course, units: readonly Unit[]): string[] {
  return RUNTIME_FEATURES.filter((f) => units.some((u) => f.uses(course, u))).map((f) => f.id);
}
