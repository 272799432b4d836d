// The runtime's words: looked up by key in the page's runtime data (render/messages.ts and the standard's
// table), so the bundle carries keys, not sentences, and a course can be shown in another language.
import type { RuntimeCourse } from "../../model/runtime-data.js";

/** What carries the words: the course's runtime data. */
export type Words = Pick<RuntimeCourse, "messages">;

/** The text of `key` with `{0}`, `{1}` … filled from `args`; an unknown key shows as itself. */
export const say = (course: Words, key: string, ...args: readonly (string | number)[]): string =>
  (course.messages[key] ?? key).replace(/\{(\d)\}/g, (_, i: string) => String(args[+i] ?? ""));
