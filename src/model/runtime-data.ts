// The course as the browser runtime sees it: ids, structure and answer keys, no prose beyond what
// tracking needs (question text for interaction descriptions). Built by render/, read by runtime/.
import type { QuestionType, ReportingOption, ShowAnswers } from "./course.js";

export interface RuntimeQuestion {
  readonly id: string;
  readonly type: QuestionType;
  readonly points: number;
  /** Plain-text prompt, for interaction descriptions. */
  readonly prompt: string;
  /** Choice ids / matching sources / sequencing items, in authored (= correct) order. */
  readonly options: readonly string[];
  /** Matching targets' labels, pair order (target i belongs to source i). */
  readonly targets?: readonly string[];
  /** Single/multiple choice: indexes of the correct choices. */
  readonly correct?: readonly number[];
  readonly answer?: boolean;
  /** Fill-in: accepted answers. */
  readonly accepted?: readonly string[];
  /** Shown in an order of the attempt's (choices, matching targets, sequencing items); unset: authored order. */
  readonly shuffle?: true;
}

export interface RuntimeQuiz {
  readonly id: string;
  readonly title: string;
  readonly graded: boolean;
  readonly questions: readonly RuntimeQuestion[];
  /**
   * A pool: each attempt shows, of each group, `count` of the questions at `members` (indexes into
   * `questions`), drawn by runtime/core/draw.ts; unset: every question.
   */
  readonly draw?: readonly (readonly [count: number, members: readonly number[]])[];
}

export interface RuntimeSession {
  readonly id: string;
  readonly title: string;
  /** Page ids in order; a knowledge check is the last page, id `check`. */
  readonly pages: readonly string[];
  readonly check?: string;
  /** False for the final assessment, which is shown like a session but does not count as one. */
  readonly counts: boolean;
  /** Pages that count as viewed only once their media marked so has played to its end (model Page.requirement). */
  readonly waits?: readonly string[];
}

/** A free-text answer the learner writes (ungraded): kept for resume and recorded, never counted. */
export interface RuntimeReflection {
  readonly id: string;
  /** Plain-text prompt, for the records and the learner's summary. */
  readonly prompt: string;
  /** The session whose page holds it. */
  readonly session: string;
}

/**
 * The course language's way of writing a percentage and a number, worked out by the build with ECMA-402
 * Intl.NumberFormat, so the runtime needs no Intl: a browser's first NumberFormat loads its locale data,
 * ≈ 50 ms of a learner's start. The percent pattern with `#` for the figure ("# %", "%#"), the decimal
 * separator, and the ten digits ("0123456789", "٠١٢٣٤٥٦٧٨٩"; a list where a digit is two UTF-16 units).
 */
export type NumberStyle = readonly [percent: string, decimal: string, digits: string | readonly string[]];

export interface RuntimeCourse {
  /** Course IRI. */
  readonly id: string;
  readonly title: string;
  /** BCP 47 tag of the course text (for standards that tag texts with their language). */
  readonly language: string;
  /** How the course's language writes the figures the runtime fills in (render/number-style.ts). */
  readonly numbers: NumberStyle;
  /** What this package unit is: the whole course, or one session / the assessment of a multi-SCO package. */
  readonly unit: string;
  readonly reporting: ReportingOption;
  readonly masteryScore: number;
  readonly maxAttempts: number;
  /** When the final assessment shows the correct answers (knowledge checks: only with "always"). */
  readonly showAnswers: ShowAnswers;
  /** Changes whenever the structure (sessions, pages, questions) changes: guards stored state. */
  readonly fingerprint: string;
  readonly sessions: readonly RuntimeSession[];
  readonly quizzes: Readonly<Record<string, RuntimeQuiz>>;
  /** The unit's reflections in reading order; absent when it has none. */
  readonly reflections?: readonly RuntimeReflection[];
  /**
   * Every word the runtime shows, by key (render/messages.ts, merged with the standard's own table): the
   * bundle names keys only. Placeholders `{0}`, `{1}`; plurals are separate keys the caller picks.
   */
  readonly messages: Readonly<Record<string, string>>;
  /**
   * Data the standard's runtime adapter needs, made by its packager at build time (Packager.runtimeData), so
   * the runtime looks things up instead of deriving them. Only that adapter reads it.
   */
  readonly adapter?: unknown;
}

export const CHECK_PAGE_ID = "check";
export const ASSESSMENT_ID = "assessment";
