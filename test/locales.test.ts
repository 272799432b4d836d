// Localisation: every locale file has exactly the keys of en.yaml with the same placeholders and its
// language's plural forms; course.yaml `language` chooses one (exact tag, then primary subtag, else an error
// at its line); a de build of the real course shows no English UI string in any page of any package; the
// course's `strings:` replace a string in the page, an unknown key is a file:line error naming the nearest
// key; an ar build is right to left.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { chooseLocale, localeIds, placeholders, PLURAL_COUNT_MAX, pluralCategoriesShown, readLocale, textDirection, textsOf } from "../src/content/locales.js";
import { MAX_ATTEMPTS_MAX } from "../src/content/schemas.js";
import type { Course } from "../src/model/course.js";
import { planUnits } from "../src/model/units.js";
import { BUILTIN_TEMPLATES } from "../src/paths.js";
import { renderPage } from "../src/render/markdown.js";
import { runtimeMessages } from "../src/render/messages.js";
import { renderUnit } from "../src/render/render-unit.js";
import { loadTemplates } from "../src/render/templates.js";
import { Words } from "../src/render/words.js";
import { STANDARDS } from "../src/standards/registry.js";
import { contentFixture, replaceOnce, ScratchFolder, tempDir } from "./helpers/content-fixture.js";
import { readZip } from "./helpers/unzip.js";
import { englishFragments, englishLeft } from "./helpers/ui-strings.js";

const en = readLocale("en");
const others = localeIds().filter((id) => id !== "en");
const SHIPPED = ["ar", "de", "en", "es", "fr"];

/** The course content/ with `language` (and course.yaml additions) in a fixture of the test. */
function withLanguage(language: string, extra = ""): ReturnType<typeof contentFixture> {
  const fixture = contentFixture();
  fixture.mutate("course.yaml", (t) => `${replaceOnce(t, "language: en-GB", `language: ${language}`).trimEnd()}\n${extra}`);
  return fixture;
}

const page = (course: Course, standard = STANDARDS[0]!): string =>
  renderUnit(course, planUnits(course, false)[0]!, loadTemplates(BUILTIN_TEMPLATES, path.join(course.contentDir, "templates")), standard.packager);
const runtimeData = (html: string): { messages: Record<string, string> } =>
  JSON.parse(/<script type="application\/json" id="cw-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "{}") as { messages: Record<string, string> };

describe("the locale files", () => {
  it("ship en, de, fr, es and ar", () => {
    expect(localeIds()).toEqual(SHIPPED);
  });

  it.each(others)("%s has exactly the keys of en, each a text where en has a text and plural forms where en has them", (id) => {
    const strings = readLocale(id);
    expect(Object.keys(strings).filter((k) => !(k in en)), "keys en does not have").toEqual([]);
    expect(Object.keys(en).filter((k) => !(k in strings)), "keys missing").toEqual([]);
    for (const [key, value] of Object.entries(en)) expect(typeof strings[key], key).toBe(typeof value);
  });

  it.each(others)("%s has the placeholders of en in every string (a plural form may leave out the count)", (id) => {
    const strings = readLocale(id);
    const wrong: string[] = [];
    for (const [key, source] of Object.entries(en)) {
      const theirs = strings[key];
      if (theirs === undefined) continue;
      const want = placeholders(textsOf(source).join(" "));
      if (typeof theirs === "string") {
        if (placeholders(theirs).join() !== want.join()) wrong.push(`${key}: ${placeholders(theirs).join()} ≠ ${want.join()}`);
        continue;
      }
      for (const text of textsOf(theirs)) if (placeholders(text).some((p) => !want.includes(p))) wrong.push(`${key}: ${text}`);
      if (placeholders(textsOf(theirs).join(" ")).join() !== want.join()) wrong.push(`${key}: its forms take ${placeholders(textsOf(theirs).join(" ")).join()}, en ${want.join()}`);
    }
    expect(wrong).toEqual([]);
  });

  it.each(localeIds())("%s gives each count exactly the CLDR plural forms its language puts 1 … 100 in", (id) => {
    expect(PLURAL_COUNT_MAX).toBeGreaterThanOrEqual(MAX_ATTEMPTS_MAX);
    for (const [key, value] of Object.entries(readLocale(id))) {
      if (typeof value === "string") continue;
      expect(Object.keys(value).sort(), `${id} ${key}`).toEqual([...pluralCategoriesShown(id)].sort());
    }
    if (id === "ar") expect(pluralCategoriesShown("ar")).toEqual(["one", "two", "few", "many", "other"]);
  });

  it.each(localeIds())("%s has no empty text and no text with spaces around it", (id) => {
    const bad = Object.entries(readLocale(id)).flatMap(([key, value]) => textsOf(value).filter((t) => !t.trim() || t !== t.trim()).map(() => key));
    expect(bad).toEqual([]);
  });

  it.each(others)("%s translates the sentences: no long English text is left as it is", (id) => {
    const strings = readLocale(id);
    const same = Object.entries(en).filter(([key, value]) => typeof value === "string" && value.length > 12 && strings[key] === value && !/^[{}\d :·]*$/.test(value));
    expect(same.map(([k]) => k)).toEqual([]);
  });
});

describe("choosing the locale", () => {
  it("takes the exact tag, then the primary subtag, letter case aside", () => {
    expect(chooseLocale("de")).toBe("de");
    expect(chooseLocale("de-CH")).toBe("de");
    expect(chooseLocale("en-GB")).toBe("en");
    expect(chooseLocale("FR-ca")).toBe("fr");
    expect(chooseLocale("ar-EG")).toBe("ar");
    expect(chooseLocale("pt-BR", ["pt", "pt-BR"])).toBe("pt-BR");
    expect(chooseLocale("pt-PT", ["pt", "pt-BR"])).toBe("pt");
    expect(chooseLocale("nl")).toBeUndefined();
  });

  it("knows the direction of a language from its script", () => {
    expect(["ar", "he", "fa", "ur", "ar-EG", "az-Arab"].map(textDirection)).toEqual(["rtl", "rtl", "rtl", "rtl", "rtl", "rtl"]);
    expect(["en", "de", "fr-CA", "es", "az", "tr"].map(textDirection)).toEqual(["ltr", "ltr", "ltr", "ltr", "ltr", "ltr"]);
  });

  it("a language without a locale is an error at its line, naming the locales there are and how to add one", () => {
    const fixture = withLanguage("nl");
    expect(() => loadCourse(fixture.dir)).toThrow(ContentError);
    try {
      loadCourse(fixture.dir);
    } catch (err) {
      const [problem, ...more] = (err as ContentError).problems;
      expect(more).toEqual([]);
      expect(problem).toMatchObject({ file: fixture.path("course.yaml"), line: fixture.lineOf("course.yaml", "language: nl"), field: "language" });
      expect(problem?.message).toContain("no strings in 'nl' (its locales: ar, de, en, es, fr)");
      expect(problem?.message).toMatch(/translate every string of locales\/en\.yaml under strings: \(\d+ of \d+ still missing/);
    }
  });

  it("builds a language without a locale when the course's strings: give every string", () => {
    const given = Object.entries(en)
      .map(([key, value]) =>
        typeof value === "string"
          ? `  ${key}: ${JSON.stringify(`NL ${value}`)}`
          : `  ${key}:\n${Object.entries(value).map(([c, t]) => `    ${c}: ${JSON.stringify(`NL ${t}`)}`).join("\n")}`,
      )
      .join("\n");
    const course = loadCourse(withLanguage("nl", `strings:\n${given}\n`).dir);
    expect(course.locale).toMatchObject({ id: "nl", dir: "ltr" });
    const html = page(course);
    expect(html).toContain(">NL Submit assessment</button>");
    expect(runtimeData(html).messages.verdictWrong).toBe("NL Not quite.");
  });
});

describe("the runtime's count of attempts left", () => {
  const words = (lang: string): Words => new Words(readLocale(chooseLocale(lang) ?? "en"), lang);
  it("is the plural form for every count the course can show, or a sentence any count fits", () => {
    const ar = readLocale("ar").attemptsLeft as Record<string, string>;
    // 3 attempts: 2 left at most once one is used, the dual.
    expect(runtimeMessages(words("ar"), ["attemptsLeftOne", "attemptsLeftOther"], 3)).toEqual({ attemptsLeftOne: ar.one, attemptsLeftOther: ar.two });
    // 5 attempts: 2, 3 or 4 left, dual and few: no one form fits.
    expect(runtimeMessages(words("ar"), ["attemptsLeftOther"], 5)).toEqual({ attemptsLeftOther: readLocale("ar").attemptsLeftCount });
    expect(runtimeMessages(words("ar"), ["attemptsLeftOther"], 11)).toEqual({ attemptsLeftOther: readLocale("ar").attemptsLeftCount });
    expect(runtimeMessages(words("de"), ["attemptsLeftOne", "attemptsLeftOther"], 10)).toEqual({ attemptsLeftOne: "Sie haben noch {0} Versuch.", attemptsLeftOther: "Sie haben noch {0} Versuche." });
    expect(runtimeMessages(words("en"), ["attemptsLeftOther"], 100)).toEqual({ attemptsLeftOther: "You have {0} attempts left." });
  });

  it("the build's counts take the language's forms too: attempts allowed, hours and minutes", () => {
    const ar = words("ar");
    expect([1, 2, 3, 11, 100].map((n) => ar.text("attemptsAllowed", n))).toEqual(["لديك محاولة واحدة.", "لديك محاولتان.", "لديك 3 محاولات.", "لديك 11 محاولة.", "لديك 100 محاولة."]);
    expect(words("de").text("attemptsAllowed", 1)).toBe("Sie haben 1 Versuch.");
    expect(words("fr").percent(72.5)).toBe("72,5\u00a0%");
    expect(words("en-GB").percent(80)).toBe("80%");
  });
});

describe("a de build of the real course", () => {
  const root = new ScratchFolder("cw-de-");
  let course: Course;
  const pages: { name: string; html: string }[] = [];
  /** What the LMS and LRS are told: the manifests and tincan.xml. */
  const controls: { name: string; xml: string }[] = [];
  beforeAll(async () => {
    const dir = root.copyContent("content");
    fs.writeFileSync(path.join(dir, "course.yaml"), replaceOnce(fs.readFileSync(path.join(dir, "course.yaml"), "utf8"), "language: en-GB", "language: de"));
    course = loadCourse(dir);
    const out = root.dir("dist");
    const perSessionOut = root.dir("per-session");
    const single = await build({ contentDir: dir, outDir: out, targets: STANDARDS.map((s) => s.id) });
    const perSession = await build({ contentDir: dir, outDir: perSessionOut, targets: ["scorm12"], scoPerSession: true });
    for (const [folder, reports] of [[out, single], [perSessionOut, perSession]] as const) {
      for (const report of reports) {
        for (const [name, data] of readZip(path.join(folder, report.file))) {
          if (/^[^/]+\.html$/.test(name)) pages.push({ name: `${report.file}/${name}`, html: data.toString("utf8") });
          if (/^(imsmanifest|tincan)\.xml$/.test(name)) controls.push({ name: `${report.file}/${name}`, xml: data.toString("utf8") });
        }
      }
    }
  }, 120_000);
  afterAll(() => root.remove());

  it("is in German: lang, words, the runtime's messages", () => {
    expect(course.locale).toMatchObject({ id: "de", dir: "ltr" });
    expect(pages.length).toBeGreaterThan(STANDARDS.length + course.sessions.length);
    const html = pages[0]?.html ?? "";
    expect(html).toMatch(/<html lang="de" dir="ltr"/);
    expect(html).toContain(">Test abgeben</button>");
    expect(html).toContain("Etwa ");
    expect(html).toContain("Bestehensgrenze: 80\u00a0%.");
    const { messages } = runtimeData(html);
    const de = readLocale("de");
    for (const [key, text] of Object.entries(messages)) if (typeof de[key] === "string") expect(text, key).toBe(de[key]);
  });

  it("names the sessions and the assessment unit to the LMS and LRS in German", () => {
    const perSession = controls.find((c) => c.name.includes("per-session") && c.name.endsWith("imsmanifest.xml"))?.xml ?? "";
    expect(perSession).toContain(`<title>Lektion 6: ${course.sessions[5]?.title}</title>`);
    const tincan = controls.find((c) => c.name.endsWith("tincan.xml"))?.xml ?? "";
    expect(tincan).toContain(`>Lektion 11: ${course.sessions[10]?.title}</name>`);
    for (const c of controls) expect(c.xml, c.name).not.toMatch(/>Session \d|Final assessment of/);
  });

  it("shows no English UI string in the text or attributes of any page of any package", () => {
    const fragments = englishFragments(course.locale.strings);
    expect(fragments.length).toBeGreaterThan(150);
    expect(fragments).toContain("Submit assessment");
    const left = pages.flatMap((p) => englishLeft(p.html, course, fragments).map((hit) => `${p.name}: ${hit}`));
    expect(left).toEqual([]);
  });

  it("the check finds an English string a template hard-codes", () => {
    const html = pages[0]?.html.replace("Test abgeben</button>", "Submit assessment</button>") ?? "";
    expect(englishLeft(html, course)).toEqual([expect.stringContaining('"Submit assessment"')]);
    const attr = pages[0]?.html.replace('aria-label="Kursmenü"', 'aria-label="Course menu"') ?? "";
    expect(englishLeft(attr, course)).toEqual([expect.stringContaining('"Course menu"')]);
  });
});

describe("the course's own strings", () => {
  it("replace a string in the page and in the runtime's words", () => {
    const fixture = contentFixture();
    fixture.mutate("course.yaml", (t) => `${t.trimEnd()}\nstrings:\n  submitAssessment: Hand in my answers\n  verdictWrong: Not yet.\n  attemptsAllowed:\n    other: You get {0} goes.\n`);
    const course = loadCourse(fixture.dir);
    const html = page(course);
    expect(html).toContain(">Hand in my answers</button>");
    expect(html).not.toContain("Submit assessment");
    expect(html).toContain("You get 3 goes.");
    expect(runtimeData(html).messages.verdictWrong).toBe("Not yet.");
    // The form not given stays the locale's.
    expect(Words.of(course).text("attemptsAllowed", 1)).toBe("You have 1 attempt.");
  });

  it("an unknown key is an error at its line, naming the nearest key", () => {
    const fixture = contentFixture();
    fixture.mutate("course.yaml", (t) => `${t.trimEnd()}\nstrings:\n  submitAssesment: Hand in\n`);
    const err = (() => {
      try {
        loadCourse(fixture.dir);
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(ContentError);
    expect((err as ContentError).problems).toEqual([
      {
        file: fixture.path("course.yaml"),
        line: fixture.lineOf("course.yaml", "submitAssesment:"),
        field: "strings.submitAssesment",
        message: "unknown field 'submitAssesment' — did you mean 'submitAssessment'?",
      },
    ]);
    expect((err as Error).message).toMatch(/course\.yaml:\d+: strings\.submitAssesment: unknown field/);
  });

  it("a placeholder the string is not given, or a plural form the language lacks, is an error at its line", () => {
    const fixture = withLanguage("de", "strings:\n  passMark: \"Bestehen ab {1}\"\n  attemptsAllowed:\n    few: \"{0} Versuche\"\n");
    const problems = (() => {
      try {
        loadCourse(fixture.dir);
      } catch (e) {
        return (e as ContentError).problems;
      }
      return [];
    })();
    expect([...problems].sort((a, b) => a.line - b.line)).toEqual([
      expect.objectContaining({ line: fixture.lineOf("course.yaml", "passMark:"), field: "strings.passMark", message: expect.stringContaining("uses {1}, but this string is given only {0}") }),
      expect.objectContaining({ line: fixture.lineOf("course.yaml", "few:"), field: "strings.attemptsAllowed.few", message: expect.stringContaining("'few' is not a plural form of de") }),
    ]);
  });

  it("name a callout without a title of its own in the course's language", () => {
    const course = loadCourse(withLanguage("de").dir);
    const callout = { id: "p", title: "P", markdown: "::: tip\nA tip.\n:::\n\n::: tip Own title\nMore.\n:::\n", assetRefs: {}, source: "x.md", line: 1 };
    const html = renderPage(callout, Words.of(course));
    expect(html).toContain('aria-label="Tipp"><p class="cw-callout__title">Tipp</p>');
    expect(html).toContain('<p class="cw-callout__title">Own title</p>');
    expect(renderPage(callout)).toContain('<p class="cw-callout__title">Tip</p>');
  });

  it("a template naming an unknown string is an error at its line, naming the nearest key", () => {
    const fixture = contentFixture();
    fixture.write("templates/partials/navigation.hbs", '<nav class="cw-pager">\n<button type="button" data-cw="next">{{t "nxet"}}</button>\n</nav>\n');
    expect(() => loadTemplates(BUILTIN_TEMPLATES, fixture.path("templates"))).toThrow(/navigation\.hbs:2: template error: unknown string 'nxet' — did you mean 'next'\?/);
  });
});

describe("an ar build", () => {
  it("is right to left, with Arabic words and numbers formatted for Arabic", async () => {
    const fixture = withLanguage("ar");
    const out = tempDir();
    const [report] = await build({ contentDir: fixture.dir, outDir: out, targets: ["scorm12"] });
    const html = new Map(readZip(path.join(out, report?.file ?? ""))).get("index.html")?.toString("utf8") ?? "";
    const doc = new JSDOM(html).window.document;
    expect(doc.documentElement.getAttribute("dir")).toBe("rtl");
    expect(doc.documentElement.lang).toBe("ar");
    expect(doc.querySelector("[data-cw=submit-assessment]")?.textContent).toBe("إرسال التقييم");
    expect(doc.querySelector(".cw-cover__rules")?.textContent).toContain("لديك 3 محاولات.");
    expect(runtimeData(html).messages.attemptsLeftOther).toBe("تبقّت لك محاولتان.");
  });
});
