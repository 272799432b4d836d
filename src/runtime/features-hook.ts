// The seam between the runtime core and its optional features (src/runtime/features/<id>.ts). A package's
// script is the standard's core followed by the features its course uses, each a prebuilt script of its own
// (src/runtime/bundle.ts): each feature registers on a global as the script runs, the core starts only once
// the whole script has run (boot.ts), and then calls every registered feature at a few points. The two
// halves share no module at run time, only this contract.
import type { RuntimeQuiz } from "../model/runtime-data.js";
import type { QuizState } from "./core/state.js";
import type { PlayerActions } from "./ui/controls.js";

/** What the core lends a feature when the player starts. */
export interface FeatureContext {
  /** The player: its document, course, learner state (read it from here: a resume replaces it) and commit. */
  readonly p: PlayerActions;
  /** The answer shown in `question` changed: the core stores and reports it (not once the course has ended). */
  capture(question: HTMLElement): void;
}

/** The points where the core calls a feature; each is optional. */
export interface Feature {
  /** Once, after the core wired its own controls. */
  start?(c: FeatureContext): void;
  /** A quiz was drawn with this state (launch, answer, check, submission, retake). */
  quiz?(d: Document, quiz: RuntimeQuiz, qs: QuizState): void;
  /** The learner tried to submit the assessment (the core has accepted or refused it). */
  submitted?(d: Document): void;
  /** The learner's state was set: at launch, and again when a newer saved one arrives (a resume). */
  arrived?(): void;
  /** A `data-cw` control the core does not handle was clicked. */
  control?(control: HTMLElement, cw: string): void;
}

type Host = { cwFeatures?: Feature[] };

/** A feature's script: register with the core, which comes before it in the package's script. */
export const registerFeature = (f: Feature): void => {
  ((self as Host).cwFeatures ??= []).push(f);
};

/** The core: call `name` on every registered feature (none when the course uses none). */
export function hook<K extends keyof Feature>(name: K, ...args: Parameters<NonNullable<Feature[K]>>): void {
  for (const f of (self as Host).cwFeatures ?? []) (f[name] as ((...a: typeof args) => void) | undefined)?.(...args);
}
