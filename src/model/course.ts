// The typed, immutable course model: what content/ means once loaded and validated.
// Every later stage (render, runtime data, packaging) reads only this.
import type { Theme } from "./theme.js";

export const REPORTING_OPTIONS = [
  "passed/incomplete",
  "passed/failed",
  "completed/incomplete",
  "completed/failed",
] as const;
export type ReportingOption = (typeof REPORTING_OPTIONS)[number];

/** When the final assessment shows the correct answers (after the learner's own answers are marked). */
export const SHOW_ANSWERS = ["never", "after-last-attempt", "always"] as const;
export type ShowAnswers = (typeof SHOW_ANSWERS)[number];

/** How the final assessment lays out its questions: all on its page, or one at a time with Previous/Next. */
export const ASSESSMENT_LAYOUTS = ["all-questions", "one-at-a-time"] as const;
export type AssessmentLayout = (typeof ASSESSMENT_LAYOUTS)[number];

export const QUESTION_TYPES = [
  "single-choice",
  "multiple-response",
  "true-false",
  "matching",
  "sequencing",
  "fill-in",
] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

export interface Feedback {
  readonly correct?: string;
  readonly incorrect?: string;
}

interface QuestionBase {
  readonly id: string;
  readonly prompt: string;
  readonly feedback: Feedback;
  readonly points: number;
  /** Shuffle this question's choices / matching targets; unset: the quiz's, then the course's setting. */
  readonly shuffle?: boolean;
  /** Where the question is grounded in the course text (for reviewers; never shown). */
  readonly reference?: string;
  /** The question's groups for a draw `per: tag` (model/draw-groups.ts). */
  readonly tags?: readonly string[];
  /** Id of the course session the question is about, for a draw `per: session`. */
  readonly session?: string;
}

export interface Choice {
  readonly id: string;
  readonly text: string;
  readonly correct: boolean;
  readonly feedback?: string;
}

export interface ChoiceQuestion extends QuestionBase {
  readonly type: "single-choice" | "multiple-response";
  readonly choices: readonly Choice[];
}

export interface TrueFalseQuestion extends QuestionBase {
  readonly type: "true-false";
  readonly answer: boolean;
}

export interface MatchingQuestion extends QuestionBase {
  readonly type: "matching";
  readonly pairs: readonly { readonly source: string; readonly target: string }[];
}

export interface SequencingQuestion extends QuestionBase {
  readonly type: "sequencing";
  /** In the correct order. */
  readonly items: readonly string[];
}

export interface FillInQuestion extends QuestionBase {
  readonly type: "fill-in";
  readonly answers: readonly string[];
}

export type Question =
  | ChoiceQuestion
  | TrueFalseQuestion
  | MatchingQuestion
  | SequencingQuestion
  | FillInQuestion;

/** How a pooled assessment groups its questions for a draw: all one pool, by tag, or by session. */
export const DRAW_PER = ["tag", "session"] as const;
export type DrawPer = (typeof DRAW_PER)[number];

/**
 * A question pool's draw (quiz file `draw:`): each attempt shows `count` questions of the pool, or with `per`
 * that many of each group (one count for every group, or a count per group by its name).
 */
export interface Draw {
  readonly count: number | Readonly<Record<string, number>>;
  readonly per?: DrawPer;
}

export interface Quiz {
  /** Unique in the course: `check-<session id>` or `assessment`. */
  readonly id: string;
  readonly title: string;
  readonly intro?: string;
  readonly graded: boolean;
  /** Unset: the course's `shuffle`. */
  readonly shuffle?: boolean;
  readonly questions: readonly Question[];
  /** The questions are a pool: each attempt shows a draw of them (final assessment only). */
  readonly draw?: Draw;
  readonly source: string;
}

/** A free-text answer the learner writes on a page, ungraded (`::: reflection <id>`, content/blocks/reflection.ts). */
export interface Reflection {
  /** Unique in the course. */
  readonly id: string;
  /** The prompt as plain text (the page shows its Markdown). */
  readonly prompt: string;
  /** Most characters the answer may have. */
  readonly max: number;
  /** Line of its opening `:::` in the session file. */
  readonly line: number;
}

export const PAGE_REQUIREMENTS = ["media-ended"] as const;
export type PageRequirement = (typeof PAGE_REQUIREMENTS)[number];

export interface Page {
  readonly id: string;
  readonly title: string;
  /** Markdown body (without the page heading), validated. */
  readonly markdown: string;
  /** Markdown image src → path of the file inside the package. */
  readonly assetRefs: Readonly<Record<string, string>>;
  /** The page's reflections, in reading order (none: absent). */
  readonly reflections?: readonly Reflection[];
  /**
   * What, besides being shown, makes the page count as viewed (none: being shown): "media-ended", once every
   * video or audio on it marked so has played to its end.
   */
  readonly requirement?: PageRequirement;
  /** How many videos and audios the page plays (none: absent): the runtime stops them when the page is left. */
  readonly media?: number;
  readonly source: string;
  readonly line: number;
}

export interface Session {
  readonly id: string;
  readonly title: string;
  readonly summary: string;
  readonly pages: readonly Page[];
  readonly check?: Quiz;
  readonly source: string;
}

export interface Asset {
  /** Absolute path on disk. */
  readonly file: string;
  /** Path inside the package, always under `assets/`. */
  readonly packagePath: string;
}

/** CLDR plural categories (Unicode TR35 Part 3 §5.1, "Plural rules"), as Intl.PluralRules names them. */
export const PLURAL_CATEGORIES = ["zero", "one", "two", "few", "many", "other"] as const;
export type PluralCategory = (typeof PLURAL_CATEGORIES)[number];

/** A learner-facing string: text with `{0}`, `{1}` … placeholders, or one text per plural category of a count. */
export type LocaleString = string | Readonly<Partial<Record<PluralCategory, string>>>;
export type Strings = Readonly<Record<string, LocaleString>>;

/** The words the course's pages show, in the course's language (content/locales.ts chooses them). */
export interface CourseLocale {
  /** The built-in locale used (`locales/<id>.yaml`), or `en` under a course whose `strings:` give every string. */
  readonly id: string;
  /** Writing direction of the language: `rtl` lays the pages out mirrored. */
  readonly dir: "ltr" | "rtl";
  /** Every string, by key: the locale's, with the course's own `strings:` in place of the ones it gives. */
  readonly strings: Strings;
}

export interface Course {
  /** IRI the organisation controls; the ids of the course's parts hang below it. */
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly language: string;
  readonly locale: CourseLocale;
  readonly version: string;
  readonly reporting: ReportingOption;
  /** Pass mark of the assessment, percent 0–100. */
  readonly masteryScore: number;
  /** Assessment submissions allowed; 0 = unlimited. */
  readonly maxAttempts: number;
  readonly sessions: readonly Session[];
  readonly assessment?: Quiz;
  /** Minutes the course takes, when the author says; otherwise estimated (render/estimate). */
  readonly estimatedMinutes?: number;
  readonly showAnswers: ShowAnswers;
  readonly assessmentLayout: AssessmentLayout;
  /** The final assessment opens only once every counted session is complete. */
  readonly requireSessions: boolean;
  /** Default for quizzes and questions that do not say. */
  readonly shuffle: boolean;
  readonly certificate: boolean;
  readonly theme?: Theme;
  readonly assets: readonly Asset[];
  /** Absolute path of the content folder. */
  readonly contentDir: string;
}
