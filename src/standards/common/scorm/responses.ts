// The interaction-response grammar SCORM 1.2 and 2004 share: the same records (choice ids, matching
// source/target pairs, sequencing steps, true/false), written with each version's delimiters and words
// (SCORM 1.2 RTE §3.4 cmi.interactions; SCORM 2004 4th ed. RTE §4.2.9). Text answers are each version's own.
import type { RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";

export interface ResponseGrammar {
  /** Between the items of a list: `,` (1.2), `[,]` (2004). */
  readonly list: string;
  /** Between a matching source and its target: `.` (1.2), `[.]` (2004). */
  readonly pair: string;
  readonly yes: string;
  readonly no: string;
  /** Id of matching target `i` (the target that belongs to source `i`). */
  readonly target: (i: number) => string;
}

/** The interaction type both versions name the same (choice for single and multiple choice). */
export function sharedType(q: RuntimeQuestion): string {
  return q.type === "single-choice" || q.type === "multiple-response" ? "choice" : q.type;
}

/** The learner's response for a non-text answer; undefined for text (each version writes its own). */
export function recordResponse(q: RuntimeQuestion, a: Answer, g: ResponseGrammar): string | undefined {
  if (typeof a === "boolean") return a ? g.yes : g.no;
  if (typeof a === "string") return undefined;
  if (q.type === "matching") {
    return a.map((t, s) => (t >= 0 ? `${q.options[s]}${g.pair}${g.target(t)}` : "")).filter(Boolean).join(g.list);
  }
  return a.map((i) => q.options[i] ?? "").join(g.list);
}

/** The correct response for a non-text question; undefined for fill-in. */
export function recordPattern(q: RuntimeQuestion, g: ResponseGrammar): string | undefined {
  switch (q.type) {
    case "single-choice":
    case "multiple-response":
      return (q.correct ?? []).map((i) => q.options[i]).join(g.list);
    case "true-false":
      return q.answer ? g.yes : g.no;
    case "matching":
      return q.options.map((s, i) => `${s}${g.pair}${g.target(i)}`).join(g.list);
    case "sequencing":
      return q.options.join(g.list);
    case "fill-in":
      return undefined;
  }
}
