// Compact, versioned text encoding of LearnerState, for whatever store a standard keeps it in. Stores can be
// small (a tracker's `maxStateLength` says how small), so this encodes bits and indexes, never JSON:
//   1|<fingerprint>|<location>|<visited bitset>|<quiz>;<quiz>…
//   quiz  = <attempts>.<best>.<last>.<flags>.<seed>:<checked bitset>:<answer>,<answer>…  (scores in base-36
//           hundredths, seed base 36; a state saved before seeds has none and decodes with seed 0)
//           A pool's answers sit at the pool's indexes (a question not drawn: empty); its draw is the seed's
//           (core/draw.ts), so nothing else is kept. 200 questions, 20 drawn: at most 2,342 characters in the
//           full form, 302 in the compact one (bench/suspend.ts, test/pools.test.ts).
//   answer: choice → base-36 bitmask ("1" = first option); true-false → t/f;
//           matching / sequencing → one base-36 digit per position ('-' = unset); fill-in → '~' + URI-encoded text;
//           '*' → the answer key (compact form only, below)
//   then, when the learner wrote any: |<reflection>,<reflection>…  with reflection = <id>:<text by escape()>
//   (ECMA-262 Annex B.2.1: one %XX or %uXXXX per UTF-16 unit, so a text cut anywhere still reads back;
//   unescape never throws), a space as '+' (and '+' as %2B): prose keeps a third more in a small store
import type { RuntimeCourse, RuntimeQuestion } from "../../model/runtime-data.js";
import { isCorrect, type Answer } from "./answers.js";
import { emptyState, type LearnerState, type QuizState } from "./state.js";

const VERSION = "1";
const B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

export function encodeBits(bits: readonly boolean[]): string {
  let out = "";
  for (let i = 0; i < bits.length; i += 6) {
    let v = 0;
    for (let b = 0; b < 6; b++) if (bits[i + b]) v |= 1 << b;
    out += B64[v];
  }
  return out.replace(/A+$/, "");
}

export function decodeBits(s: string, length: number): boolean[] {
  const bits: boolean[] = [];
  for (let i = 0; i < length; i++) {
    const v = B64.indexOf(s[Math.floor(i / 6)] ?? "A");
    bits.push(v > 0 && (v & (1 << i % 6)) !== 0);
  }
  return bits;
}

function encodeAnswer(q: RuntimeQuestion, a: Answer | null): string {
  if (a === null) return "";
  if (typeof a === "boolean") return a ? "t" : "f";
  if (typeof a === "string") return "~" + encodeURIComponent(a).replace(/[.,;:|]/g, (c) => "%" + c.charCodeAt(0).toString(16).toUpperCase());
  if (q.type === "single-choice" || q.type === "multiple-response") {
    return a.reduce((mask, i) => mask + 2 ** i, 0).toString(36);
  }
  return a.map((v) => (v < 0 ? "-" : v.toString(36))).join("");
}

/** The correct answer in the codec's terms: what a '*' stands for. Fill-in: the first accepted text. */
function keyAnswer(q: RuntimeQuestion): Answer {
  switch (q.type) {
    case "true-false":
      return Boolean(q.answer);
    case "fill-in":
      return q.accepted?.[0] ?? "";
    case "single-choice":
    case "multiple-response":
      return [...(q.correct ?? [])].sort((a, b) => a - b);
    default:
      return q.options.map((_, i) => i); // matching, sequencing: the authored order is the key
  }
}

function decodeAnswer(q: RuntimeQuestion, s: string): Answer | null {
  if (s === "") return null;
  if (s === "*") return keyAnswer(q);
  switch (q.type) {
    case "true-false":
      return s === "t";
    case "fill-in":
      return decodeURIComponent(s.slice(1));
    case "single-choice":
    case "multiple-response": {
      const mask = parseInt(s, 36);
      return q.options.map((_, i) => i).filter((i) => Math.floor(mask / 2 ** i) % 2 === 1);
    }
    default:
      return [...s].map((c) => (c === "-" ? -1 : parseInt(c, 36)));
  }
}

// Scores (percent, two decimals) travel as base-36 hundredths: no '.', which separates header fields.
const num = (n: number | null): string => (n === null ? "" : Math.round(n * 100).toString(36));
const parseNum = (s: string | undefined): number | null => (s === undefined || s === "" ? null : parseInt(s, 36) / 100);

export interface EncodeOptions {
  /**
   * For a store too small for the full form: in a finished quiz (knowledge check with every question checked,
   * submitted assessment attempt) a correct answer is written '*' (the key restores it exactly, fill-in as its
   * first accepted text) and a wrong one is left out (the standard has recorded it as an interaction). What
   * counts toward progress (checked, attempts, scores, visited pages) is never left out.
   */
  readonly compact?: boolean;
  /**
   * The most characters the text may have (the store's size): the reflections take what the progress leaves,
   * in reading order, the one that reaches the limit cut there and any after it left out. Progress is never cut.
   */
  readonly room?: number;
}

export function encodeState(course: RuntimeCourse, state: LearnerState, options: EncodeOptions = {}): string {
  const quizzes = Object.values(course.quizzes).map((quiz) => {
    const qs = state.quizzes[quiz.id];
    if (!qs) return "";
    const flags = (qs.passed ? 1 : 0) | (qs.submitted ? 2 : 0);
    const done = options.compact && (quiz.graded ? qs.submitted : qs.checked.every(Boolean));
    const answers = quiz.questions
      .map((q, i) => {
        const a = qs.answers[i] ?? null;
        return !done ? encodeAnswer(q, a) : a !== null && isCorrect(q, a) ? "*" : "";
      })
      .join(",")
      .replace(/,+$/, "");
    return `${qs.attempts}.${num(qs.best)}.${num(qs.last)}.${flags}.${qs.seed.toString(36)}:${encodeBits(qs.checked)}:${answers}`;
  });
  const base = [VERSION, course.fingerprint, String(state.location), encodeBits(state.visited), quizzes.join(";")].join("|");
  const notes = (course.reflections ?? []).flatMap(({ id }) => (state.reflections[id] ? [`${id}:${escape(state.reflections[id]).replace(/\+/g, "%2B").replace(/%20/g, "+")}`] : [])).join(",");
  // Cut to the room (the progress never), and an escape cut in half dropped.
  return notes ? `${base}|${notes}`.slice(0, Math.max(base.length, options.room ?? Infinity)).replace(/%(u\w{0,3}|\w)?$/, "") : base;
}

/** Returns undefined when the text is not ours or was written for another structure of the course. */
export function decodeState(course: RuntimeCourse, text: string): LearnerState | undefined {
  const parts = text.split("|");
  if (parts.length < 5 || parts.length > 6 || parts[0] !== VERSION || parts[1] !== course.fingerprint) return undefined;
  const state = emptyState(course);
  const location = Number(parts[2]);
  if (Number.isInteger(location) && location >= 0 && location < state.visited.length) state.location = location;
  state.visited = decodeBits(parts[3] ?? "", state.visited.length);
  const encodedQuizzes = (parts[4] ?? "").split(";");
  Object.values(course.quizzes).forEach((quiz, qi) => {
    const [header = "", checked = "", answers = ""] = (encodedQuizzes[qi] ?? "").split(":");
    const [attempts, best, last, flags, seed] = header.split(".");
    const f = Number(flags ?? 0);
    const encoded = answers.split(",");
    const qs: QuizState = {
      attempts: Number(attempts) || 0,
      best: parseNum(best),
      last: parseNum(last),
      passed: (f & 1) !== 0,
      submitted: (f & 2) !== 0,
      seed: parseInt(seed ?? "0", 36) || 0,
      checked: decodeBits(checked, quiz.questions.length),
      answers: quiz.questions.map((q, i) => {
        try {
          return decodeAnswer(q, encoded[i] ?? "");
        } catch {
          return null;
        }
      }),
    };
    state.quizzes[quiz.id] = qs;
  });
  // Ids the course no longer has are dropped by the next encode (it writes the course's own).
  for (const note of parts[5]?.split(",") ?? []) {
    const [id = "", text = ""] = note.split(":");
    state.reflections[id] = unescape(text.replace(/\+/g, " "));
  }
  return state;
}
