// The one small interface every tracking standard implements (standards/<id>/runtime/tracker.ts).
// The player owns the learner model; a tracker only reports it in its standard's vocabulary.
import type { RuntimeCourse, RuntimeQuestion, RuntimeReflection } from "../../model/runtime-data.js";
import type { Answer } from "../core/answers.js";
import type { PageRef, Progress } from "../core/state.js";

export interface TrackerStart {
  /** False: the course runs, but nothing is recorded; `notice` says why, on the page. */
  readonly tracked: boolean;
  readonly notice?: string;
  /** Saved by an earlier session of this attempt. */
  readonly resume?: { readonly location: string; readonly state: string };
  /** The LMS opened the attempt for review: show, don't record. */
  readonly review?: boolean;
  readonly learnerName?: string;
  /**
   * The pass mark (percent 0..100) the LMS sets for this learner, when the standard carries one: it
   * replaces the course's `masteryScore` for the assessment.
   */
  readonly passMark?: number;
}

export type LearnerEvent =
  | { readonly kind: "page"; readonly page: PageRef; readonly title: string }
  | {
      readonly kind: "answer";
      readonly quizId: string;
      /** Objective the question belongs to: its session id, or `assessment`. */
      readonly objective: string;
      readonly graded: boolean;
      readonly question: RuntimeQuestion;
      readonly answer: Answer;
      readonly correct: boolean;
      readonly latencyMs: number;
      readonly at: Date;
    }
  | {
      readonly kind: "attempt";
      readonly quizId: string;
      readonly score: number;
      readonly passed: boolean;
      readonly attempt: number;
      /** No further attempt will follow: passed, or no attempts left. */
      readonly final: boolean;
      readonly durationMs: number;
    }
  /** The learner left a reflection's field with new text (never empty): ungraded, counted toward nothing. */
  | { readonly kind: "reflection"; readonly reflection: RuntimeReflection; readonly text: string; readonly at: Date }
  | { readonly kind: "session-complete"; readonly sessionId: string }
  | { readonly kind: "course-complete" };

/** Everything a tracker needs to report the learner's position at one moment. */
export interface Snapshot {
  /** Bookmark: `<session id>/<page id>`. */
  readonly location: string;
  /** Encoded learner state (see core/state-codec.ts); `compactState` when the full one does not fit. */
  readonly state: string;
  readonly compactState: string;
  /** Where things stand; `progress.outcome` is the two-axis outcome a standard words (core/outcome.ts). */
  readonly progress: Progress;
}

/**
 * Whether what the learner did has reached the LMS/LRS, for the Exit screen to tell the truth:
 * `saved` confirmed; `pending` still being sent (kept on this device); `failed` the LMS/LRS refused it;
 * `untracked` nothing is being recorded at all.
 */
export type SaveState = "saved" | "pending" | "failed" | "untracked";

export type NoticeTone = "error" | "info";

export interface Tracker {
  /** Most characters of state the standard can store. */
  readonly maxStateLength: number;
  start(course: RuntimeCourse): Promise<TrackerStart>;
  /** After every meaningful change: the events since the last call, and where things stand now. */
  record(events: readonly LearnerEvent[], snapshot: Snapshot): void;
  /** The page is being hidden (tab switch, minimise): save what we have, keep the session open. */
  save(snapshot: Snapshot): void;
  /** The page is going away or the learner pressed Exit: end the session; nothing is recorded after. */
  finish(snapshot: Snapshot): void;
  /** Errors met while reporting, for the page to show. */
  onProblem?: (message: string) => void;
  /**
   * A standing notice about tracking health (LMS refusing commits, LRS unreachable, back again). The same
   * `key` replaces the earlier notice of that key; `message: null` clears it. Say it calmly, once.
   */
  onNotice?: (key: string, message: string | null, tone: NoticeTone) => void;
  /** Where the learner's record stands now (after `finish`, what the Exit screen reports). */
  saveStatus(): SaveState;
  /**
   * A newer saved position arrived after `start` (e.g. the LRS answered late, with progress from another
   * device): the player moves the learner there only if they have not moved or answered anything yet.
   */
  onResume?: (resume: { readonly location: string; readonly state: string }) => void;
}
