// The runtime's words: looked up by key in the page's runtime data (render/messages.ts and the standard's
// table), so the bundle carries keys, not sentences, and a course can be shown in another language.
import type { RuntimeCourse } from "../../model/runtime-data.js";

/** What carries the words: the course's runtime data. */
export type Words = Pick<RuntimeCourse, "messages">;
/** Words and the language that formats their numbers. */
export type LocalWords = Pick<RuntimeCourse, "messages" | "language">;

/** The text of `key` with `{0}`, `{1}` … filled from `args`; an unknown key shows as itself. */
export const say = (course: Words, key: string, ...args: readonly (string | number)[]): string =>
  (course.messages[key] ?? key).replace(/\{(\d)\}/g, (_, i: string) => String(args[+i] ?? ""));

/**
 * A percentage (0–100) as the course's language writes it ("80%", "80 %", "80‎%‎"): ECMA-402
 * Intl.NumberFormat, as the build formats its own (render/words.ts), so the two never differ.
 */
export const percentText = (w: Pick<RuntimeCourse, "language">, n: number): string => new Intl.NumberFormat(w.language, { style: "percent", maximumFractionDigits: 2 }).format(n / 100);
