// SCORM 2004 interaction vocabulary (SCORM 2004 4th ed. RTE §4.2.9 cmi.interactions): types, learner_response
// and correct_responses patterns in the 2004 grammar — `[,]` between items, `[.]` inside a matching record,
// `true`/`false`, localized strings for text — and the description.
import type { RuntimeQuestion } from "../../../model/runtime-data.js";
import type { Answer } from "../../../runtime/core/answers.js";
import { recordPattern, recordResponse, sharedType, type ResponseGrammar } from "../../common/scorm/responses.js";
import { CORRECT_RESPONSES_MAX, DESCRIPTION_MAX, FILL_IN_STRING_MAX, LONG_FILL_IN_MAX, clipChars } from "../limits.js";

/** Matching targets are short_identifier_type (RTE §4.1.1): `1`…`n`, no single-character limit as in 1.2. */
const GRAMMAR: ResponseGrammar = { list: "[,]", pair: "[.]", yes: "true", no: "false", target: (i) => String(i + 1) };

/**
 * Text as a localized_string_type (RTE §4.1.1.7): one line (the data type's pattern in LMSs takes no line
 * breaks), no leading `{` (it would be read as a `{lang=…}` delimiter) and, in a fill-in list, no `[,]`
 * (it would split the answer in two).
 */
export function localized(text: string, max: number): string {
  return clipChars(text.replace(/\s+/g, " ").trim().replace(/\[,\]/g, ",").replace(/^\{+/, ""), max);
}

const answerText = (q: RuntimeQuestion, a: Answer): string => (typeof a === "string" ? a : "");

/** `long-fill-in` when an accepted or given answer is longer than a fill-in string may be (RTE §4.2.9.1). */
export function interactionType(q: RuntimeQuestion, a?: Answer): string {
  if (q.type !== "fill-in") return sharedType(q);
  const longest = Math.max(answerText(q, a ?? "").trim().length, ...(q.accepted ?? []).map((s) => s.length));
  return longest > FILL_IN_STRING_MAX ? "long-fill-in" : "fill-in";
}

/** `cmi.interactions.n.learner_response`. */
export function learnerResponse(q: RuntimeQuestion, a: Answer): string {
  return recordResponse(q, a, GRAMMAR) ?? localized(answerText(q, a), interactionType(q, a) === "fill-in" ? FILL_IN_STRING_MAX : LONG_FILL_IN_MAX);
}

/**
 * `cmi.interactions.n.correct_responses.k.pattern`, one per accepted answer for text (up to the type's SPM).
 * Fill-in answers are compared ignoring case, which is the pattern's default (`{case_matters=false}`, RTE
 * §4.2.9.2), so no delimiter is written.
 */
export function correctPatterns(q: RuntimeQuestion, a?: Answer): string[] {
  const one = recordPattern(q, GRAMMAR);
  if (one !== undefined) return [one];
  const type = interactionType(q, a) as "fill-in" | "long-fill-in";
  const max = type === "fill-in" ? FILL_IN_STRING_MAX : LONG_FILL_IN_MAX;
  return (q.accepted ?? []).slice(0, CORRECT_RESPONSES_MAX[type]).map((s) => localized(s, max));
}

/** `cmi.interactions.n.description`: the question's prompt, within localized_string_type SPM 250. */
export function description(q: RuntimeQuestion): string {
  return localized(q.prompt, DESCRIPTION_MAX);
}
