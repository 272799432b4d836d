// course.yaml `language` and `strings:` → the course's words (model CourseLocale): the built-in locale the
// language chooses, with the author's own strings in place of the ones they give.
import type { z } from "zod";
import type { CourseLocale, LocaleString, PluralCategory } from "../model/course.js";
import type { ProblemList } from "./errors.js";
import { chooseLocale, localeIds, placeholders, pluralCategoriesShown, readLocale, SOURCE_LOCALE, textDirection, textsOf } from "./locales.js";
import type { stringsSchema } from "./schemas.js";
import type { YamlSource } from "./yaml-source.js";

type StringsInput = z.output<typeof stringsSchema>;

/**
 * A language without a built-in locale is an error at its line, not English in its place: a course whose
 * buttons and feedback speak another language than its pages is broken for its learners, and a warning
 * scrolls past in CI. The author chooses a language there is, or gives every string in `strings:`.
 */
export function loadLocale(language: string, given: StringsInput | undefined, src: YamlSource, problems: ProblemList): CourseLocale | undefined {
  const id = chooseLocale(language);
  const en = readLocale(SOURCE_LOCALE);
  const base = readLocale(id ?? SOURCE_LOCALE);
  const shown = pluralCategoriesShown(language);
  const strings: Record<string, LocaleString> = { ...base };
  let ok = true;
  const wrong = (path: readonly string[], message: string): void => {
    problems.add(src.file, src.lineOf(["strings", ...path]), message, ["strings", ...path].join("."));
    ok = false;
  };
  for (const [key, value] of Object.entries(given ?? {})) {
    const source = en[key];
    if (value === undefined || source === undefined) continue; // unknown keys: reported by the schema
    const allowed = placeholders(textsOf(source).join(" "));
    const check = (text: string, path: readonly string[]): void => {
      const extra = placeholders(text).filter((p) => !allowed.includes(p));
      if (extra.length) wrong(path, `uses ${extra.join(", ")}, but this string is given ${allowed.length ? `only ${allowed.join(", ")}` : "no placeholders"} (see locales/en.yaml)`);
    };
    if (typeof value === "string") {
      check(value, [key]);
      strings[key] = value;
      continue;
    }
    for (const [category, text] of Object.entries(value)) {
      if (text === undefined) continue;
      if (!shown.includes(category as PluralCategory)) wrong([key, category], `'${category}' is not a plural form of ${language} for the counts a page shows; its forms are: ${shown.join(", ")}`);
      else check(text, [key, category]);
    }
    strings[key] = { ...(typeof base[key] === "object" ? base[key] : {}), ...value };
  }
  if (!id) {
    // No built-in locale: only a course that gives every string (in every plural form of its language) builds.
    const missing = Object.keys(en).filter((key) => {
      const value = given?.[key];
      return value === undefined || (typeof value === "object" && shown.some((c) => value[c] === undefined));
    });
    if (missing.length) {
      problems.add(
        src.file,
        src.lineOf(["language"]),
        `Coursewright has no strings in '${language}' (its locales: ${localeIds().join(", ")}): choose one of those languages, or translate every string of locales/en.yaml under strings: (${missing.length} of ${Object.keys(en).length} still missing, e.g. ${missing.slice(0, 3).join(", ")}; see docs/authoring.md, Localisation)`,
        "language",
      );
      return undefined;
    }
  }
  return ok ? { id: id ?? language, dir: textDirection(language), strings } : undefined;
}
