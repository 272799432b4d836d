// The course language's number style for the runtime (model/runtime-data.ts NumberStyle), read off ECMA-402
// Intl.NumberFormat: CLDR's default numbering systems are all decimal digits in place value, and its percent
// patterns a prefix and a suffix around the figure, so a pattern, a separator and ten digits write every
// figure the runtime shows (0–100, to 2 decimals) as Intl would (test/number-style.test.ts).
import type { NumberStyle } from "../model/runtime-data.js";

const made = new Map<string, NumberStyle>();

export function numberStyle(language: string): NumberStyle {
  let style = made.get(language);
  if (!style) {
    const plain = new Intl.NumberFormat(language, { useGrouping: false });
    const digits = Array.from({ length: 10 }, (_, d) => plain.format(d));
    const [one = "1", five = "5", zero = "0"] = [digits[1], digits[5], digits[0]];
    const decimal = plain.format(1.5).slice(one.length, -five.length);
    const percent = new Intl.NumberFormat(language, { style: "percent" }).format(0.5).replace(five + zero, "#");
    // A string where each digit is one UTF-16 unit (all but a few scripts' digits): the runtime indexes either alike.
    style = [percent, decimal, digits.every((d) => d.length === 1) ? digits.join("") : digits];
    made.set(language, style);
  }
  return style;
}
