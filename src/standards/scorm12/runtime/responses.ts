// SCORM 1.2 interaction vocabulary: type names and response / pattern strings (SCORM 1.2 RTE §3.4,
// cmi.interactions.n.type, .student_response, .correct_responses.n.pattern), in the grammar shared with 2004.
import type { RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import { recordPattern, recordResponse, sharedType, type ResponseGrammar } from "../../common/scorm/responses.js";
import { CMI_STRING255_MAX } from "../limits.js";

/** SCORM 1.2 CMIString255, from the one list of SCORM 1.2 limits the build checks courses against. */
export const CMI_LIMIT = CMI_STRING255_MAX;

/** Matching target ids: one digit per target (1–9, then 0); SCORM 1.2 matching records take one character each side. */
export function targetId(i: number): string {
  return String((i + 1) % 10);
}

const GRAMMAR: ResponseGrammar = { list: ",", pair: ".", yes: "t", no: "f", target: targetId };

export const interactionType = sharedType;

/** The first CMI_LIMIT characters of a text. */
export function clip(s: string): string {
  return s.length <= CMI_LIMIT ? s : s.slice(0, CMI_LIMIT);
}

/** `student_response` for an answer. */
export function responseText(q: RuntimeQuestion, a: Answer): string {
  return recordResponse(q, a, GRAMMAR) ?? clip(String(a).trim());
}

/** `correct_responses.0.pattern`. */
export function correctPattern(q: RuntimeQuestion): string {
  return recordPattern(q, GRAMMAR) ?? clip(q.accepted?.[0] ?? "");
}
