// Learner answers and their scoring: one representation for every question type and every standard.
import type { RuntimeQuestion } from "../../model/runtime-data.js";

/**
 * - choice types: selected option indexes, ascending
 * - true-false: the boolean chosen
 * - matching: for each source (authored order) the index of the chosen target, -1 when unset
 * - sequencing: item indexes in the order the learner put them
 * - fill-in: the text typed
 */
export type Answer = readonly number[] | boolean | string;

export function normaliseText(s: string): string {
  return s.replace(/\s+/g, " ").trim().toLowerCase();
}

/** No answer (null, undefined) is never complete: each type's test below wants its own kind of value. */
export function isComplete(q: RuntimeQuestion, a: Answer | null | undefined): a is Answer {
  switch (q.type) {
    case "true-false":
      return typeof a === "boolean";
    case "fill-in":
      return typeof a === "string" && a.trim() !== "";
    case "matching":
      return Array.isArray(a) && a.length === q.options.length && a.every((t) => t >= 0);
    case "sequencing":
      return Array.isArray(a) && a.length === q.options.length;
    default:
      return Array.isArray(a) && a.length > 0;
  }
}

/** No answer (null, undefined) is never correct: each type's test wants its own kind of value. */
export function isCorrect(q: RuntimeQuestion, a: Answer | null | undefined): boolean {
  switch (q.type) {
    case "true-false":
      return a === q.answer;
    case "fill-in":
      return typeof a === "string" && (q.accepted ?? []).some((x) => normaliseText(x) === normaliseText(a));
  }
  // Choices: the correct ones, both lists ascending (see `Answer`); matching and sequencing: identity, source
  // i ↔ target i and items in authored order.
  return Array.isArray(a) && String(a) === String(q.correct ?? q.options.map((_, i) => i));
}

/** Percentage 0–100, two decimals at most. */
export function scorePercent(questions: readonly RuntimeQuestion[], answers: readonly (Answer | null)[]): number {
  let total = 0;
  let earned = 0;
  questions.forEach((q, i) => {
    total += q.points;
    if (isCorrect(q, answers[i])) earned += q.points;
  });
  return total === 0 ? 0 : Math.round((earned / total) * 10000) / 100;
}
