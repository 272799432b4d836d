// The rule engine both SCORM call checkers use: a table of data-model element patterns, each with its rule id
// and a check of the value a SetValue carried. A check answers why the value is wrong, or undefined.
import type { Violation } from "../../../verify/findings.js";

export type Check = (value: string) => string | undefined;
/** Element pattern (indices as `\d+`), rule id, check. */
export type ValueRule = readonly [RegExp, string, Check];

/** At most `max` characters (code points: the data models count characters, not UTF-16 units). */
export const within =
  (max: number): Check =>
  (v) => {
    const n = Array.from(v).length;
    return n > max ? `${n} characters, more than ${max}` : undefined;
  };
export const oneOf =
  (set: ReadonlySet<string>): Check =>
  (v) => (set.has(v) ? undefined : `'${v.slice(0, 60)}' is not in the vocabulary`);
export const matches =
  (re: RegExp, what: string): Check =>
  (v) => (re.test(v) ? undefined : `'${v.slice(0, 60)}' is not ${what}`);

/** What every rule of the table whose pattern names `element` says about `value`. */
export function valueViolations(rules: readonly ValueRule[], element: string, value: string): Violation[] {
  const out: Violation[] = [];
  for (const [pattern, rule, check] of rules) {
    if (!pattern.test(element)) continue;
    const problem = check(value);
    if (problem) out.push({ rule, message: `${element}: ${problem}` });
  }
  return out;
}
