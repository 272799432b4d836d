// The runtime writes percentages and numbers without Intl (a browser's first Intl.NumberFormat costs a
// learner ≈ 50 ms at start) from the style the build reads off Intl.NumberFormat (src/render/number-style.ts):
// for every locale Node's ICU knows, every figure the runtime shows comes out as Intl writes it.
import { describe, expect, it } from "vitest";
import { numberStyle } from "../src/render/number-style.js";
import { bundleFeature, bundleRuntime } from "../src/runtime/bundle.js";
import { RUNTIME_FEATURES } from "../src/runtime/features.js";
import { numberText, percentText } from "../src/runtime/core/messages.js";
import { STANDARD_IDS } from "../src/standards/registry.js";

const figures = [0, 1, 5, 7, 10, 12.5, 33.33, 42, 50, 66.67, 79.5, 99.99, 100];

/** Languages of every script and numbering system CLDR gives a default to, and tags with a region or an explicit numbering system. */
const locales = [
  ...new Set([
    "en", "en-GB", "en-IN", "de", "de-CH", "de-AT", "fr", "fr-CH", "fr-CA", "es", "es-MX", "it", "pt", "pt-BR", "nl", "sv", "da", "nb", "fi", "pl", "cs", "sk", "hu", "ro", "tr", "el", "ru", "uk", "bg", "sr", "hr", "sl", "lt", "lv", "et", "eu", "ca", "gl", "he", "ar", "ar-EG", "ar-SA", "ar-MA", "fa", "ur", "hi", "bn", "mr", "ta", "te", "th", "my", "km", "lo", "ne", "si", "ja", "zh", "zh-TW", "ko", "vi", "id", "ms", "sw", "am", "ps", "ks", "dz", "ar-u-nu-latn", "hi-u-nu-deva", "en-u-nu-arab", "th-u-nu-thai", "ff-Adlm",
  ]),
];

describe("numbers as the course's language writes them, without Intl at run time", () => {
  it("writes every figure the runtime shows as Intl.NumberFormat does, in each language", () => {
    const wrong: string[] = [];
    for (const language of locales) {
      const w = { numbers: numberStyle(language) };
      const percent = new Intl.NumberFormat(language, { style: "percent", maximumFractionDigits: 2 });
      const plain = new Intl.NumberFormat(language, { maximumFractionDigits: 2 });
      for (const n of figures) {
        if (percentText(w, n) !== percent.format(n / 100)) wrong.push(`${language} ${n}%: ${percentText(w, n)} ≠ ${percent.format(n / 100)}`);
        if (numberText(w, n) !== plain.format(n)) wrong.push(`${language} ${n}: ${numberText(w, n)} ≠ ${plain.format(n)}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(locales.length).toBeGreaterThan(70);
  });

  it("is a pattern, a separator and ten digits", () => {
    expect(numberStyle("en")).toEqual(["#%", ".", "0123456789"]);
    expect(numberStyle("de")).toEqual(["#\u00a0%", ",", "0123456789"]);
    expect(numberStyle("tr")).toEqual(["%#", ",", "0123456789"]);
    expect(numberStyle("fa")).toEqual(["#٪", "٫", "۰۱۲۳۴۵۶۷۸۹"]);
    // Adlam's digits are outside the BMP (two UTF-16 units each): a list, indexed the same way.
    expect(numberStyle("ff-Adlm")[2]).toHaveLength(10);
    expect(numberText({ numbers: numberStyle("ff-Adlm") }, 42)).toBe(new Intl.NumberFormat("ff-Adlm").format(42));
  });
});

describe("the runtime's start", () => {
  it("formats no number with Intl in any standard's script or feature (its first use is ≈ 50 ms of a learner's start)", async () => {
    const scripts = [...(await Promise.all(STANDARD_IDS.map((id) => bundleRuntime(id)))), ...(await Promise.all(RUNTIME_FEATURES.map((f) => bundleFeature(f.id))))];
    for (const script of scripts) expect(script).not.toMatch(/NumberFormat|toLocaleString\(/);
  });
});
