// Two copies of one learner's progress (this device's and the LRS's, written from another device or an
// earlier tab) are merged so that neither loses anything: a page seen in either counts as seen; each quiz
// is taken whole from the copy that went further with it (more attempts, then passed, then more questions
// checked; a tie keeps `mine`), keeping a pass and the best score from either; the position is `mine`; a
// reflection from either (this device's where both wrote one).
import type { RuntimeCourse } from "../../../model/runtime-data.js";
import { decodeState, encodeState } from "../../../runtime/core/state-codec.js";
import type { QuizState } from "../../../runtime/core/state.js";
import { parseJson } from "./sender.js";

export interface ProgressDocument {
  readonly v: 1;
  /** Bookmark `<session id>/<page id>`. */
  readonly location: string;
  readonly state: string;
  /** ms since epoch of the write; the newer copy's position is the one offered at launch. */
  readonly updated: number;
}

export function parseDocument(text: string | null | undefined): ProgressDocument | undefined {
  const doc = parseJson(text) as ProgressDocument | undefined;
  return doc?.v === 1 && typeof doc.location === "string" && typeof doc.state === "string" ? { ...doc, updated: Number(doc.updated) || 0 } : undefined;
}

const reach = (q: QuizState): number => q.attempts * 4 + (q.passed ? 2 : 0) + q.checked.filter(Boolean).length / 1000;

export function mergeProgress(course: RuntimeCourse, other: ProgressDocument, mine: ProgressDocument): ProgressDocument {
  const a = decodeState(course, other.state);
  const b = decodeState(course, mine.state);
  if (!a || !b) return a && !b ? other : mine;
  b.visited = b.visited.map((seen, i) => seen || Boolean(a.visited[i]));
  for (const id of Object.keys(b.quizzes)) {
    const theirs = a.quizzes[id];
    const ours = b.quizzes[id];
    if (!theirs || !ours) continue;
    const best = Math.max(theirs.best ?? -1, ours.best ?? -1);
    // A pass (and the best score) reached on either copy is never taken back.
    b.quizzes[id] = { ...(reach(theirs) > reach(ours) ? theirs : ours), passed: theirs.passed || ours.passed, best: best < 0 ? null : best };
  }
  // A reflection written on either copy is kept; where both have one, this device's.
  b.reflections = { ...a.reflections, ...b.reflections };
  return { ...mine, state: encodeState(course, b) };
}
