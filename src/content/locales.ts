// Coursewright's built-in words: one locale file per language in locales/<tag>.yaml, each with the same keys
// as locales/en.yaml (test/locales.test.ts), and the choice of one by a course's `language`.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { parse } from "yaml";
import { PLURAL_CATEGORIES, type LocaleString, type PluralCategory, type Strings } from "../model/course.js";
import { PACKAGE_ROOT } from "../paths.js";

export const LOCALES_DIR = path.join(PACKAGE_ROOT, "locales");
/** The locale every other one translates: its keys are the keys, its comments say where each string shows. */
export const SOURCE_LOCALE = "en";

/**
 * The counts a page shows in words run from 1 to 100: the attempts a course allows (course.yaml `maxAttempts`,
 * at most MAX_ATTEMPTS_MAX in content/schemas.ts) and the attempts left. A locale gives each plural category
 * its language's rules (CLDR, via Intl.PluralRules) put one of those counts in: Arabic one, two, few, many and
 * other; English one and other.
 */
export const PLURAL_COUNT_MAX = 100;

const cache = new Map<string, Strings>();

/** The built-in locales, by file name: `de` for locales/de.yaml. */
export function localeIds(): string[] {
  return fs
    .readdirSync(LOCALES_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .map((f) => f.slice(0, -".yaml".length))
    .sort();
}

/** The strings of a built-in locale. A malformed file is a broken installation, not an author's mistake: it throws. */
export function readLocale(id: string): Strings {
  const known = cache.get(id);
  if (known) return known;
  const file = path.join(LOCALES_DIR, `${id}.yaml`);
  const data = parsedLocale(id, fs.readFileSync(file, "utf8"));
  if (!data || typeof data !== "object" || Array.isArray(data)) throw new Error(`${file}: not a mapping of keys to strings`);
  const strings: Record<string, LocaleString> = {};
  for (const [key, value] of Object.entries(data)) {
    if (typeof value === "string") strings[key] = value;
    else if (isPluralForms(value)) strings[key] = value;
    else throw new Error(`${file}: ${key} is neither a text nor plural forms (${PLURAL_CATEGORIES.join(", ")}) of texts`);
  }
  const frozen = Object.freeze(strings);
  cache.set(id, frozen);
  return frozen;
}

/**
 * The locale file's YAML as data: parsed when the CLI was compiled (scripts/compile.mjs writes locales.json
 * beside the compiled modules, by the sha256 of each file's text) when the file is unchanged since, else
 * parsed now. The YAML parser takes tens of milliseconds for one locale, on every build.
 */
function parsedLocale(id: string, text: string): unknown {
  prebuilt ??= readPrebuilt();
  const known = prebuilt.get(id);
  return known && known.sha256 === crypto.createHash("sha256").update(text).digest("hex") ? known.data : parse(text);
}
let prebuilt: Map<string, { sha256: string; data: unknown }> | undefined;
function readPrebuilt(): Map<string, { sha256: string; data: unknown }> {
  try {
    const listed: unknown = JSON.parse(fs.readFileSync(new URL("./locales.json", import.meta.url), "utf8"));
    const entries = Array.isArray(listed) ? (listed as { id?: unknown; sha256?: unknown; data?: unknown }[]) : [];
    return new Map(entries.flatMap((e) => (typeof e.id === "string" && typeof e.sha256 === "string" ? [[e.id, { sha256: e.sha256, data: e.data }] as const] : [])));
  } catch {
    return new Map(); // running from src/: none
  }
}

function isPluralForms(value: unknown): value is Readonly<Partial<Record<PluralCategory, string>>> {
  if (!value || typeof value !== "object" || Array.isArray(value)) return false;
  return Object.entries(value).every(([k, v]) => (PLURAL_CATEGORIES as readonly string[]).includes(k) && typeof v === "string");
}

/**
 * The built-in locale for a BCP 47 tag (RFC 5646): the exact tag (letter case aside, RFC 5646 §2.1.1), else its
 * primary language subtag, so `de-CH` and `de-AT` use locales/de.yaml; undefined when there is neither.
 */
export function chooseLocale(tag: string, ids: readonly string[] = localeIds()): string | undefined {
  const lower = tag.toLowerCase();
  const primary = lower.split("-")[0];
  return ids.find((id) => id.toLowerCase() === lower) ?? ids.find((id) => id.toLowerCase() === primary);
}

/**
 * The English of `keys`, for a standard's table of the words its runtime says (src/standards/…/messages.ts):
 * the standard names its keys, their words live in the locales like every other string.
 */
export function englishStrings(keys: readonly string[]): Readonly<Record<string, string>> {
  const en = readLocale(SOURCE_LOCALE);
  return Object.fromEntries(
    keys.map((key) => {
      const text = en[key];
      if (typeof text !== "string") throw new Error(`locales/${SOURCE_LOCALE}.yaml has no text for '${key}': add it there (and to every other locale)`);
      return [key, text];
    }),
  );
}

/** The placeholders a text takes (`{0}`, `{1}` …), each once, in order. */
export function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d\}/g) ?? [])].sort();
}

/** Every text of a string: the text itself, or each of its plural forms. */
export function textsOf(value: LocaleString): string[] {
  return typeof value === "string" ? [value] : Object.values(value).filter((v): v is string => typeof v === "string");
}

/** The plural categories `language` puts the counts 1 … PLURAL_COUNT_MAX in (CLDR rules, Intl.PluralRules). */
export function pluralCategoriesShown(language: string): PluralCategory[] {
  const rules = new Intl.PluralRules(language);
  const seen = new Set<string>();
  for (let n = 1; n <= PLURAL_COUNT_MAX; n++) seen.add(rules.select(n));
  return PLURAL_CATEGORIES.filter((c) => seen.has(c));
}

/** Scripts written right to left (ISO 15924 codes; Unicode UAX #9 gives their letters bidi class R or AL). */
const RTL_SCRIPTS = new Set(["Adlm", "Arab", "Hebr", "Mand", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"]);

/**
 * The writing direction of a language tag: right to left when its script is, whether the tag names it
 * (`az-Arab`) or CLDR's likely subtags give it (`ar` → `ar-Arab-EG`, `ur` → `ur-Arab-PK`, `he` → `he-Hebr-IL`).
 */
export function textDirection(tag: string): "ltr" | "rtl" {
  let script: string | undefined;
  try {
    script = new Intl.Locale(tag).maximize().script;
  } catch {
    script = undefined; // not a tag Intl knows: content/schemas.ts has reported it
  }
  return script && RTL_SCRIPTS.has(script) ? "rtl" : "ltr";
}
