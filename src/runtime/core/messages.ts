// The runtime's words: looked up by key in the page's runtime data (render/messages.ts and the standard's
// table), so the bundle carries keys, not sentences, and a course can be shown in another language.
import type { RuntimeCourse } from "../../model/runtime-data.js";

/** What carries the words: the course's runtime data. */
export type Words = Pick<RuntimeCourse, "messages">;
/** Words and how their language writes numbers. */
export type LocalWords = Pick<RuntimeCourse, "messages" | "numbers">;

/** The text of `key` with `{0}`, `{1}` … filled from `args`; an unknown key shows as itself. */
export const say = (course: Words, key: string, ...args: readonly (string | number)[]): string =>
  (course.messages[key] ?? key).replace(/\{(\d)\}/g, (_, i: string) => String(args[+i] ?? ""));

/**
 * A number as the course's language writes it. For the figures the runtime shows: below 1,000 (no
 * grouping) and of at most 2 decimals, as each is rounded where it is made (scores floored, pass marks
 * checked or rounded to hundredths).
 */
export const numberText = ({ numbers: [, decimal, digits] }: Pick<RuntimeCourse, "numbers">, n: number): string =>
  `${n}`.replace(".", decimal).replace(/\d/g, (d) => digits[+d]!);

/**
 * A percentage (0–100) as the course's language writes it ("80%", "80 %", "%80", "٨٠٪؜"), the way
 * Intl.NumberFormat does for the build (render/words.ts), so the two never differ.
 */
export const percentText = (w: Pick<RuntimeCourse, "numbers">, n: number): string => w.numbers[0].replace("#", numberText(w, n));
