// The groups a pooled assessment draws from (quiz file `draw:`): the whole pool, or its questions by tag or by
// session. One definition for the loader's checks, the runtime data and the time estimate.
import type { Question, Quiz } from "./course.js";

export interface DrawGroup {
  /** The tag or session id the group stands for; "" for the whole pool (or a question without one). */
  readonly name: string;
  /** Questions each attempt shows from the group. */
  readonly count: number;
  /** Indexes of the group's questions in the quiz, in authored order. */
  readonly members: readonly number[];
}

/** The group a question belongs to under `per`: its (one) tag or its session; "" when it has none. */
export const groupOf = (q: Question, per: NonNullable<Quiz["draw"]>["per"]): string =>
  per === "tag" ? (q.tags?.[0] ?? "") : per === "session" ? (q.session ?? "") : "";

/** The draw's groups in the order their first question comes; none for a quiz that shows every question. */
export function drawGroups(quiz: Pick<Quiz, "draw" | "questions">): DrawGroup[] {
  const draw = quiz.draw;
  if (!draw) return [];
  const groups = new Map<string, number[]>();
  quiz.questions.forEach((q, i) => {
    const name = groupOf(q, draw.per);
    groups.set(name, [...(groups.get(name) ?? []), i]);
  });
  // A count per group by name: own keys only (a tag may be called `constructor`).
  const countOf = (name: string): number => (typeof draw.count === "number" ? draw.count : Object.hasOwn(draw.count, name) ? (draw.count[name] ?? 0) : 0);
  return [...groups].map(([name, members]) => ({ name, count: countOf(name), members }));
}

/** Questions an attempt shows: the draw's counts (each at most its group), or every question. */
export const shownCount = (quiz: Pick<Quiz, "draw" | "questions">): number =>
  quiz.draw ? drawGroups(quiz).reduce((n, g) => n + Math.min(g.count, g.members.length), 0) : quiz.questions.length;
