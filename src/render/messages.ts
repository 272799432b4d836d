// The words the browser runtime says, by key: written into every page's runtime data (render/runtime-data.ts)
// in the course's language, looked up by the runtime with `say` (runtime/core/messages.ts), so the bundle
// names keys, not sentences. The words live in locales/<language>.yaml like every other string; this file
// lists the keys the neutral runtime uses. A standard's own keys (its LMS or LRS) come from its Packager's
// `messages`, prefixed. Placeholders `{0}`, `{1}`; a count's text is a key per form, chosen by the runtime.
import { PLURAL_COUNT_MAX } from "../content/locales.js";
import { Words } from "./words.js";

const NEUTRAL_KEYS = [
  // The banner (ui/player.ts)
  "trackerFailed", "untracked", "review", "left",
  // The progress indicator; a session's status in the menu and on the cover (ui/chrome.ts, ui/journey-view.ts)
  "progressSessions", "sessionComplete", "sessionStarted", "sessionNew", "sessionLocked",
  // Figures: attempts of the most allowed, sessions done of all (ui/results-view.ts, ui/journey-view.ts)
  "countOf",
  // A checked question (ui/question-dom.ts, ui/question-marks.ts, ui/quiz-view.ts)
  "verdictRight", "verdictWrong", "markRight", "markWrong", "matchRight", "matchWrong", "matchKey", "placeRight", "placeWrong", "placeKey",
  "fillKey", "choiceRight", "choiceWrong", "choiceKey", "checkDone",
  // Sequencing by its buttons, for the live region (ui/question-dom.ts)
  "movedTo", "alreadyFirst", "alreadyLast",
  // Asked for an answer (ui/quiz-actions.ts)
  "checkMatch", "checkAnswer", "submitMatch", "submitAnswer", "submitMissing",
  // The assessment's results (ui/results-view.ts)
  "score", "passed", "notPassed", "tryAgain", "attemptsLeftOne", "attemptsLeftOther", "attemptsUsed",
  // A reflection's field (ui/reflection-view.ts)
  "reflectionCount", "reflectionSaved",
] as const;

/**
 * The runtime's texts for `keys` in `words`' language. The runtime says attemptsLeftOne for one attempt left
 * and attemptsLeftOther for more (ui/results-view.ts); a language may need several forms for those counts
 * (Arabic: two for 2, few for 3–10, many for 11–99). The counts are known here — 2 … maxAttempts − 1 — so
 * attemptsLeftOther is the locale's form for them when CLDR's rules (Intl.PluralRules) put them all in one
 * category, else attemptsLeftCount, a sentence any count fits. The runtime stays one comparison.
 */
export function runtimeMessages(words: Words, keys: Iterable<string>, maxAttempts: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (key === "attemptsLeftOne") out[key] = words.form("attemptsLeft", 1);
    else if (key === "attemptsLeftOther") out[key] = attemptsLeftOther(words, maxAttempts);
    else out[key] = words.form(key);
  }
  return out;
}

function attemptsLeftOther(words: Words, maxAttempts: number): string {
  const rules = new Intl.PluralRules(words.language);
  const counts = Array.from({ length: Math.max(0, Math.min(maxAttempts, PLURAL_COUNT_MAX) - 2) }, (_, i) => i + 2);
  const categories = new Set(counts.map((n) => rules.select(n)));
  if (categories.size > 1) return words.form("attemptsLeftCount");
  // No such count (unlimited attempts, or at most two): the text is never shown; the `other` form stands in.
  return words.form("attemptsLeft", counts[0]);
}

/** The runtime's English, course aside: what the neutral runtime can say, by key. */
export const MESSAGES: Readonly<Record<string, string>> = runtimeMessages(Words.english(), NEUTRAL_KEYS, 0);
