// The course's words as the build writes them into the pages: a string by key (model CourseLocale), its
// placeholders filled with numbers formatted for the course's language (ECMA-402 Intl.NumberFormat), a
// count's text chosen by the language's CLDR plural rules (Intl.PluralRules). Templates reach it through
// the `t` helper (render/templates.ts), render code directly.
import crypto from "node:crypto";
import Handlebars from "handlebars";
import { readLocale, SOURCE_LOCALE, textDirection } from "../content/locales.js";
import type { Course, Strings } from "../model/course.js";

/** Markup a template puts into a string as it is (the `slot` helper's span); Handlebars reads it as safe too. */
export interface Markup {
  toHTML(): string;
}
export type Arg = string | number | Markup;

const isMarkup = (a: unknown): a is Markup => typeof a === "object" && a !== null && typeof (a as Partial<Markup>).toHTML === "function";

export class Words {
  private readonly numbers: Intl.NumberFormat;
  private readonly percents: Intl.NumberFormat;
  private readonly plurals: Intl.PluralRules;

  constructor(
    private readonly strings: Strings,
    /** The course's BCP 47 tag: numbers and plural forms follow it (de-CH writes 1’234 where de writes 1.234). */
    readonly language: string,
    readonly dir: "ltr" | "rtl" = textDirection(language),
  ) {
    this.numbers = new Intl.NumberFormat(language);
    // A pass mark may have two decimals (content/schemas.ts): 72.5 % stays 72.5 %.
    this.percents = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 });
    this.plurals = new Intl.PluralRules(language);
  }

  /** Coursewright's English, for code that has no course (defaults, the runtime's English table). */
  static english(): Words {
    return new Words(readLocale(SOURCE_LOCALE), SOURCE_LOCALE, "ltr");
  }

  /** The course's words, made once per course. */
  static of(course: Pick<Course, "language" | "locale">): Words {
    let words = made.get(course);
    if (!words) made.set(course, (words = new Words(course.locale.strings, course.language, course.locale.dir)));
    return words;
  }

  private identity?: string;
  /** What these words are (language, direction, every string) as a digest, for memos of what is rendered with them. */
  get key(): string {
    return (this.identity ??= crypto.createHash("sha1").update(JSON.stringify([this.language, this.dir, this.strings])).digest("hex"));
  }

  has(key: string): boolean {
    return key in this.strings;
  }

  /** The string of `key` as written, placeholders unfilled; a count's string in the form for `count`. */
  form(key: string, count?: number): string {
    const value = this.strings[key];
    if (value === undefined) throw new Error(`no string '${key}' (the strings are the keys of locales/${SOURCE_LOCALE}.yaml)`);
    if (typeof value === "string") return value;
    const form = value[count === undefined ? "other" : this.plurals.select(count)] ?? value.other;
    if (form === undefined) throw new Error(`string '${key}' has no '${count === undefined ? "other" : this.plurals.select(count)}' form`);
    return form;
  }

  /** Plain text: `key`'s string with `{0}`, `{1}` … filled; a count's string is chosen by its first argument. */
  text(key: string, ...args: readonly (string | number)[]): string {
    return this.form(key, typeof args[0] === "number" ? args[0] : undefined).replace(/\{(\d)\}/g, (_, i: string) => this.format(args[Number(i)]));
  }

  /** HTML: the string escaped, its arguments escaped too except markup (the `slot` helper's span). */
  html(key: string, ...args: readonly Arg[]): string {
    const form = this.form(key, typeof args[0] === "number" ? args[0] : undefined);
    return form
      .split(/(\{\d\})/)
      .map((part) => {
        const at = /^\{(\d)\}$/.exec(part)?.[1];
        if (at === undefined) return Handlebars.escapeExpression(part);
        const arg = args[Number(at)];
        return isMarkup(arg) ? arg.toHTML() : Handlebars.escapeExpression(this.format(arg));
      })
      .join("");
  }

  number(n: number): string {
    return this.numbers.format(n);
  }

  /** A percentage given 0–100, e.g. 80 → "80%" in en, "80 %" in de and fr. */
  percent(n: number): string {
    return this.percents.format(n / 100);
  }

  /** A length of time in the language's own words and plural forms, e.g. "45 minutes", "2 Stunden". */
  unit(n: number, unit: "hour" | "minute"): string {
    return new Intl.NumberFormat(this.language, { style: "unit", unit, unitDisplay: "long" }).format(n);
  }

  private format(arg: Arg | undefined): string {
    if (arg === undefined) return "";
    return typeof arg === "number" ? this.numbers.format(arg) : isMarkup(arg) ? arg.toHTML() : arg;
  }
}

const made = new WeakMap<object, Words>();
