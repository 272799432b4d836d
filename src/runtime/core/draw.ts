// Which questions of a pool an attempt shows (quiz data `draw`): derived from the attempt's seed alone, like the
// shown order of options (shuffle.ts), so a resumed attempt shows the same questions and nothing but the seed
// is saved; a new attempt (a new seed) draws anew. Answers stay at the questions' indexes in the pool.
import type { RuntimeQuiz } from "../../model/runtime-data.js";
import { shownOrder } from "./shuffle.js";

/**
 * The shown questions' indexes, ascending (authored order): of each group the first `count` of a seeded
 * permutation (Fisher–Yates, so every subset of that size is equally likely); without a draw, every question.
 */
export const drawn = (quiz: RuntimeQuiz, seed: number): number[] =>
  quiz.draw
    ? quiz.draw.flatMap(([count, members], g) => shownOrder(members.length, seed, "\0" + g).slice(0, count).map((k) => members[k] ?? 0)).sort((a, b) => a - b)
    : quiz.questions.map((_, i) => i);
