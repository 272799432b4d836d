// SCORM 1.2 interaction vocabulary: type names and response / pattern strings (SCORM 1.2 RTE §3.4,
// cmi.interactions.n.type, .student_response, .correct_responses.n.pattern).
import type { RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import { CMI_STRING255_MAX } from "../limits.js";

/** SCORM 1.2 CMIString255, from the one list of SCORM 1.2 limits the build checks courses against. */
export const CMI_LIMIT = CMI_STRING255_MAX;

export function interactionType(q: RuntimeQuestion): string {
  switch (q.type) {
    case "single-choice":
    case "multiple-response":
      return "choice";
    default:
      return q.type;
  }
}

/** Matching target ids: one digit per target (1–9, then 0). */
export function targetId(i: number): string {
  return String((i + 1) % 10);
}

function clip(s: string): string {
  return s.length <= CMI_LIMIT ? s : s.slice(0, CMI_LIMIT);
}

/** `student_response` for an answer. */
export function responseText(q: RuntimeQuestion, a: Answer): string {
  if (typeof a === "boolean") return a ? "t" : "f";
  if (typeof a === "string") return clip(a.trim());
  if (q.type === "matching") {
    return a.map((t, s) => (t >= 0 ? `${q.options[s]}.${targetId(t)}` : "")).filter(Boolean).join(",");
  }
  return a.map((i) => q.options[i] ?? "").join(",");
}

/** `correct_responses.0.pattern`. */
export function correctPattern(q: RuntimeQuestion): string {
  switch (q.type) {
    case "single-choice":
    case "multiple-response":
      return (q.correct ?? []).map((i) => q.options[i]).join(",");
    case "true-false":
      return q.answer ? "t" : "f";
    case "fill-in":
      return clip(q.accepted?.[0] ?? "");
    case "matching":
      return q.options.map((s, i) => `${s}.${targetId(i)}`).join(",");
    case "sequencing":
      return q.options.join(",");
  }
}
