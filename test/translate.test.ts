// `coursewright translate`: the XLIFF 1.2 export of a course (valid against OASIS's schema, stable ids) and
// the import of a translation (round trip to a built package with only translated text; refusals of changed
// sources and broken inline codes; untranslated units listed; --out never beside the source's own files).
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { validateXML } from "xmllint-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { renderPage } from "../src/render/markdown.js";
import { courseTexts } from "../src/translate/course-texts.js";
import { isText, type Part } from "../src/translate/segment.js";
import { exportCourse, importTranslation, TranslationProblems } from "../src/translate/translate.js";
import { contentFixture, REAL_CONTENT, REPO_ROOT, replaceOnce, ScratchFolder, tempDir } from "./helpers/content-fixture.js";
import { runCli } from "./helpers/run-cli.js";
import { readZip } from "./helpers/unzip.js";

const FIXTURE = path.join(REPO_ROOT, "test", "fixtures", "translate");
const XSD_DIR = path.join(REPO_ROOT, "vendor", "xliff-1.2");

let scratch: ScratchFolder;
beforeAll(() => {
  scratch = new ScratchFolder("cw-translate-");
});
afterAll(() => scratch.remove());

// ---- helpers -------------------------------------------------------------------------------------------

/** Validates against the OASIS XLIFF 1.2 strict schema, offline; the xml: namespace mapped to its local copy. */
async function validateXliff(xml: string): Promise<{ valid: boolean; errors: string[] }> {
  const xsd = fs.readFileSync(path.join(XSD_DIR, "xliff-core-1.2-strict.xsd"), "utf8").replace('schemaLocation="http://www.w3.org/2001/xml.xsd"', 'schemaLocation="xml.xsd"');
  const result = await validateXML({
    xml: [{ fileName: "export.xlf", contents: xml }],
    schema: [{ fileName: "xliff-core-1.2-strict.xsd", contents: xsd }],
    preload: [{ fileName: "xml.xsd", contents: fs.readFileSync(path.join(XSD_DIR, "xml.xsd"), "utf8") }],
    modifyArguments: (args) => ["--nonet", ...args],
  });
  return { valid: result.valid, errors: result.errors.map((e) => `${e.loc?.lineNumber ?? 0}: ${e.message}`) };
}

const LATIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const PSEUDO = [..."åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅßÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"];
/** A fake target language: every Latin letter replaced by an accented one, so no source word survives. */
const pseudo = (text: string): string => [...text].map((c) => PSEUDO[LATIN.indexOf(c)] ?? c).join("");
/** The same on XML text: references (&amp;) and elements left alone. */
const pseudoXml = (xml: string): string => xml.split(/(&[^;]+;)/).map((s, i) => (i % 2 ? s : pseudo(s))).join("");

const CODE = /(<(bpt|ept|ph)\b[^>]*>[\s\S]*?<\/\2>)/;

/** What a translator's tool sends back: a target after every source, its text translated, its codes kept. */
function translateAll(xlf: string, edit: (id: string, target: string) => string = (_, t) => t): string {
  return xlf.replace(/(<trans-unit id="([^"]+)"[^>]*>\s*)<source>([\s\S]*?)<\/source>/g, (_, head: string, id: string, inner: string) => {
    const parts = inner.split(CODE);
    // split() with two groups puts the whole code, then its element name, after each text run.
    const target = parts.map((s, i) => (i % 3 === 0 ? pseudoXml(s) : i % 3 === 1 ? s : "")).join("");
    return `${head}<source>${inner}</source>\n        <target state="translated">${edit(id, `⟦${target}⟧`)}</target>`;
  });
}

/** The text runs of parts (what a learner reads; codes' Markdown is not text). */
const runs = (parts: readonly Part[]): string[] => parts.flatMap((p) => (isText(p) ? [p.text.trim()] : [])).filter((t) => /\p{L}.*\p{L}.*\p{L}/u.test(t));

/** Every text a built package's page shows or says: text, attribute values, and the strings of its data. */
function builtText(zip: string): string {
  const files = readZip(zip);
  const html = files.get("index.html")?.toString("utf8") ?? "";
  const doc = new JSDOM(html).window.document;
  const out = [doc.documentElement.textContent ?? ""];
  for (const el of doc.querySelectorAll("*")) for (const name of el.getAttributeNames()) out.push(el.getAttribute(name) ?? "");
  const strings = (v: unknown): void => {
    if (typeof v === "string") out.push(v);
    else if (Array.isArray(v)) v.forEach(strings);
    else if (v && typeof v === "object") Object.values(v).forEach(strings);
  };
  strings(JSON.parse(doc.getElementById("cw-data")?.textContent ?? "{}"));
  return out.join("\n").replace(/\s+/g, " ");
}

async function buildScorm12(contentDir: string): Promise<string> {
  const outDir = tempDir();
  const [report] = await build({ contentDir, outDir, targets: ["scorm12"] });
  if (!report) throw new Error("no package built");
  return path.join(outDir, report.file);
}

/** A page's HTML as a skeleton: its elements and their links and images, without any text. */
function skeleton(html: string): string[] {
  const doc = new JSDOM(`<body>${html}</body>`).window.document;
  return [...doc.body.querySelectorAll("*")].map((el) => [el.tagName, ...["href", "src", "class", "role"].map((a) => el.getAttribute(a) ?? "")].join(" "));
}

interface RoundTrip {
  readonly source: Course;
  readonly translated: Course;
  readonly xlf: string;
  readonly out: string;
}

function roundTrip(contentDir: string, language: string, name: string): RoundTrip {
  const dir = scratch.dir(name);
  const exported = path.join(dir, `course.${language}.xlf`);
  exportCourse({ contentDir, to: language, out: exported });
  const xlf = path.join(dir, `translated.${language}.xlf`);
  fs.writeFileSync(xlf, translateAll(fs.readFileSync(exported, "utf8")));
  const out = path.join(dir, `content-${language}`);
  const report = importTranslation({ file: xlf, contentDir, out });
  expect(report.untranslated).toEqual([]);
  return { source: loadCourse(contentDir), translated: loadCourse(out), xlf, out };
}

const escapeRe = (s: string): RegExp => new RegExp(`(?<![\\p{L}\\p{N}-])${s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\p{N}-])`, "u");

/**
 * No phrase of source text is left in the package (a run of two words or more, standing on its own: a single
 * word such as "and" or "each" is also in the English runtime strings, which the locale files translate, not
 * the course's XLIFF), and every run's translation is there.
 */
function expectOnlyTranslatedText(source: Course, built: string): void {
  const units = courseTexts(source).units;
  expect(units.length).toBeGreaterThan(0);
  const left: string[] = [];
  const missing: string[] = [];
  for (const u of units) {
    for (const run of runs(u.parts)) {
      if (/\s/.test(run) && escapeRe(run).test(built)) left.push(`${u.id}: ${run}`);
      // A session's summary is in no built-in template, so in no page (docs/authoring.md, What shows where).
      if (!u.id.endsWith("/summary") && !built.includes(pseudo(run))) missing.push(`${u.id}: ${pseudo(run)}`);
    }
  }
  expect(left, "source text left in the package").toEqual([]);
  expect(missing, "translations missing from the package").toEqual([]);
}

// ---- export ----------------------------------------------------------------------------------------------

describe("export", () => {
  it("writes valid XLIFF 1.2 (OASIS strict schema) with every text of the real course as a unit", async () => {
    const file = path.join(scratch.dir("export-real"), "de.xlf");
    const report = exportCourse({ contentDir: REAL_CONTENT, to: "de", out: file });
    const xml = fs.readFileSync(file, "utf8");
    const result = await validateXliff(xml);
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    // The schema does judge: a unit without its required id fails it.
    expect((await validateXliff(xml.replace('<trans-unit id="course/title"', "<trans-unit"))).valid).toBe(false);

    expect(xml).toMatch(/<xliff version="1\.2" xmlns="urn:oasis:names:tc:xliff:document:1\.2">/);
    expect(xml).toContain('source-language="en-GB" target-language="de"');
    const ids = [...xml.matchAll(/<trans-unit id="([^"]+)" extradata="sha256:[0-9a-f]{16}"/g)].map((m) => m[1]);
    expect(ids.length).toBe(report.units);
    expect(new Set(ids).size).toBe(ids.length);

    const course = loadCourse(REAL_CONTENT);
    const questions = [...course.sessions.flatMap((s) => s.check?.questions ?? []), ...(course.assessment?.questions ?? [])];
    const count = (re: RegExp): number => ids.filter((id) => id && re.test(id)).length;
    expect(count(/^course\/(title|description)$/)).toBe(2);
    expect(count(/^session\/[^/]+\/(title|summary)$/)).toBe(2 * course.sessions.length);
    expect(count(/\/page\/[^/]+\/title$/)).toBe(course.sessions.reduce((n, s) => n + s.pages.length, 0));
    expect(count(/\/q\/[^/]+\/prompt$/)).toBe(questions.length);
    const choices = questions.flatMap((q) => ("choices" in q ? q.choices : []));
    expect(count(/\/choice\/[^/]+$/)).toBe(choices.length);
    expect(count(/\/choice\/[^/]+\/feedback$/)).toBe(choices.filter((c) => c.feedback).length);
    expect(count(/\/feedback\/(correct|incorrect)$/)).toBe(questions.reduce((n, q) => n + (q.feedback.correct ? 1 : 0) + (q.feedback.incorrect ? 1 : 0), 0));
    expect(count(/\/pair\d+\/(source|target)$/)).toBe(questions.reduce((n, q) => n + ("pairs" in q ? 2 * q.pairs.length : 0), 0));
    expect(count(/\/item\d+$/)).toBe(questions.reduce((n, q) => n + ("items" in q ? q.items.length : 0), 0));
    expect(count(/\/answer\d+$/)).toBe(questions.reduce((n, q) => n + ("answers" in q ? q.answers.length : 0), 0));
    expect(ids).toContain("session/peer-relationship/page/the-drama-triangle/img1/alt");
    expect(ids).toContain("session/peer-relationship/page/the-drama-triangle/img1/caption");
    // Markdown as inline codes, the words between them as text.
    expect(xml).toContain('<source><bpt id="1" ctype="bold">**</bpt>Hope:<ept id="1">**</ept> We believe in the reality of recovery for all and that:</source>');
  });

  it("covers every kind of Markdown, alt text, caption, callout title, table cell and the logo's alt text", async () => {
    const file = path.join(scratch.dir("export-fixture"), "fr.xlf");
    exportCourse({ contentDir: FIXTURE, to: "fr", out: file });
    const xml = fs.readFileSync(file, "utf8");
    expect((await validateXliff(xml)).errors).toEqual([]);
    const unit = (id: string): string => new RegExp(`<trans-unit id="${id}"[^>]*>\\s*<source>([\\s\\S]*?)</source>`).exec(xml)?.[1] ?? `(no unit ${id})`;
    const page = "session/blocks/page/paragraphs-and-inline-markup";
    expect(unit(`${page}/p1`)).toBe(
      'A paragraph with <bpt id="1" ctype="italic">*</bpt>emphasis<ept id="1">*</ept>, <bpt id="2" ctype="bold">**</bpt>strong words<ept id="2">**</ept>, ' +
        '<bpt id="3" ctype="x-strikethrough">~~</bpt>struck text<ept id="3">~~</ept> and <ph id="4" ctype="x-code">`inline code`</ph>, wrapped over two lines with a ' +
        '<bpt id="5" ctype="link">[</bpt>link to the handbook<ept id="5">](https://example.org/handbook &quot;The handbook&quot;)</ept> and an autolink <ph id="6" ctype="x-autolink">&lt;https://example.org/help&gt;</ph>.',
    );
    expect(unit(`${page}/p2`)).toBe('A line ending in a hard break<ph id="1" ctype="lb">\\\n</ph>and the line after it, with an escaped *star* and an &amp; entity.');
    expect(unit(`${page}/h1`)).toBe("Setext heading of level two");
    expect(unit(`${page}/img1/alt`)).toBe("A small blue square on a white card");
    expect(unit(`${page}/img1/caption`)).toBe("Figure one: the square");
    expect(unit(`${page}/img2/alt`)).toBe("a tiny blue dot");
    expect(xml).not.toContain(`${page}/img3`); // decorative: nothing to translate
    expect(xml).not.toContain(`${page}/p4`); // the figure's paragraph holds no words of its own
    expect(unit("session/blocks/page/lists/table1/r2c2")).toBe('Someone with <bpt id="1" ctype="italic">*</bpt>shared<ept id="1">*</ept> experience');
    expect(unit("session/blocks/page/lists/callout1/title")).toBe("Remember this");
    expect(unit("session/blocks/page/lists/li2")).toBe('Second item with <bpt id="1" ctype="bold">**</bpt>bold text<ept id="1">**</ept>');
    expect(unit("session/blocks/page/lists/li3")).toBe("A nested ordered item");
    expect(unit("course/theme/logo/alt")).toBe("Example Organisation");
    expect(unit("session/blocks/check/q/fill-it/answer2")).toBe("number sign");
    expect(xml).toMatch(/<trans-unit id="session\/blocks\/check\/q\/fill-it\/answer1" extradata="[^"]+" maxwidth="250" size-unit="char">/);
  });

  it("gives the same ids on a re-export, and after an edit of another page only that unit's hash changes", () => {
    const fixture = contentFixture();
    const dir = scratch.dir("stable");
    const first = path.join(dir, "a.xlf");
    const second = path.join(dir, "b.xlf");
    exportCourse({ contentDir: fixture.dir, to: "de", out: first });
    exportCourse({ contentDir: fixture.dir, to: "de", out: second });
    expect(fs.readFileSync(second, "utf8")).toBe(fs.readFileSync(first, "utf8"));

    fixture.mutate("sessions/03-personal-recovery.md", (t) => replaceOnce(t, "# About this session\n\n", "# About this session\n\nA new first paragraph.\n\n"));
    const third = path.join(dir, "c.xlf");
    exportCourse({ contentDir: fixture.dir, to: "de", out: third });
    const units = (file: string): Map<string, string> => new Map([...fs.readFileSync(file, "utf8").matchAll(/<trans-unit id="([^"]+)" extradata="([^"]+)"/g)].map((m) => [m[1] ?? "", m[2] ?? ""]));
    const before = units(first);
    const after = units(third);
    const changed = [...after].filter(([id, hash]) => before.get(id) !== hash).map(([id]) => id);
    // The new paragraph is p1 of its page; the page's old p1 becomes p2 (and so on): ids count within a page only.
    expect(changed.every((id) => id.startsWith("session/personal-recovery/page/about-this-session/p"))).toBe(true);
    for (const [id, hash] of before) if (!id.startsWith("session/personal-recovery/page/about-this-session/")) expect(after.get(id), id).toBe(hash);
  });
});

// ---- round trip ------------------------------------------------------------------------------------------

describe("round trip: export → translate every unit → import → build", () => {
  it("the real course: the built SCORM 1.2 page shows only the translation, with the course's ids", async () => {
    const rt = roundTrip(REAL_CONTENT, "de", "rt-real");
    expect(rt.translated.language).toBe("de");
    expect(rt.translated.sessions.map((s) => [s.id, s.pages.map((p) => p.id)])).toEqual(rt.source.sessions.map((s) => [s.id, s.pages.map((p) => p.id)]));
    const questionIds = (c: Course): string[] => [...c.sessions.flatMap((s) => s.check?.questions ?? []), ...(c.assessment?.questions ?? [])].map((q) => q.id);
    expect(questionIds(rt.translated)).toEqual(questionIds(rt.source));
    const zip = await buildScorm12(rt.out);
    const built = builtText(zip);
    expectOnlyTranslatedText(rt.source, built);
    expect(readZip(zip).get("index.html")?.toString("utf8")).toMatch(/<html[^>]* lang="de"/);
  });

  it("every kind of Markdown: the same page structure, links, images and codes, only the words translated", async () => {
    const rt = roundTrip(FIXTURE, "fr", "rt-fixture");
    const pages = (c: Course) => c.sessions.flatMap((s) => s.pages);
    const source = pages(rt.source);
    const translated = pages(rt.translated);
    expect(translated.map((p) => p.id)).toEqual(source.map((p) => p.id));
    source.forEach((p, i) => {
      const t = translated[i];
      if (!t) throw new Error(`page ${p.id} lost`);
      expect(skeleton(renderPage(t)), p.id).toEqual(skeleton(renderPage(p)));
      expect(t.assetRefs).toEqual(p.assetRefs);
    });
    const html = renderPage(translated[0] ?? source[0]!);
    expect(html).toContain("<code>inline code</code>");
    expect(html).toContain('href="https://example.org/handbook" title="The handbook"');
    expect(html).toContain(`<figcaption>⟦${pseudo("Figure one: the square")}⟧</figcaption>`);
    expect(html).toContain(`${pseudo("an escaped")} *${pseudo("star")}*`);
    expect(rt.translated.theme?.logo?.alt).toBe(`⟦${pseudo("Example Organisation")}⟧`);
    const fill = rt.translated.sessions[0]?.check?.questions.find((q) => q.type === "fill-in");
    expect(fill && "answers" in fill ? fill.answers : []).toEqual([`⟦${pseudo("hash")}⟧`, `⟦${pseudo("number sign")}⟧`]);
    expectOnlyTranslatedText(rt.source, builtText(await buildScorm12(rt.out)));
    // The source course is untouched.
    expect(fs.readFileSync(path.join(FIXTURE, "course.yaml"), "utf8")).toContain("language: en\n");
  });
});

// ---- refusals and reports --------------------------------------------------------------------------------

/** A copy of the real course and its export, for a test that edits one or the other. */
function exported(name: string): { fixture: ReturnType<typeof contentFixture>; xlf: string; dir: string } {
  const fixture = contentFixture();
  const dir = scratch.dir(name);
  const xlf = path.join(dir, "de.xlf");
  exportCourse({ contentDir: fixture.dir, to: "de", out: xlf });
  return { fixture, xlf, dir };
}

const lineOf = (text: string, needle: string): number => text.slice(0, text.indexOf(needle)).split("\n").length;

describe("the course's own strings:", () => {
  it("are units (one per plural form) and come back translated into course.yaml, shown in the built page", async () => {
    const fixture = contentFixture();
    fixture.mutate("course.yaml", (t) => `${t.trimEnd()}\nstrings:\n  next: Onward\n  attemptsLeft:\n    one: One more try for you.\n    other: "{0} more tries for you."\n`);
    const units = courseTexts(loadCourse(fixture.dir)).units.filter((u) => u.id.startsWith("course/strings/"));
    expect(units.map((u) => u.id)).toEqual(["course/strings/next", "course/strings/attemptsLeft/one", "course/strings/attemptsLeft/other"]);
    expect(units[0]).toMatchObject({ file: fixture.path("course.yaml"), line: fixture.lineOf("course.yaml", "next: Onward"), note: expect.stringContaining("keep {0}") });
    const rt = roundTrip(fixture.dir, "de", "rt-strings");
    expect(rt.translated.locale.strings["next"]).toBe(`⟦${pseudo("Onward")}⟧`);
    expect(rt.translated.locale.strings["attemptsLeft"]).toMatchObject({ other: `⟦${pseudo("{0} more tries for you.")}⟧` });
    const html = readZip(await buildScorm12(rt.out)).get("index.html")?.toString("utf8") ?? "";
    expect(html).toContain(`⟦${pseudo("Onward")}⟧`);
    expect(html).not.toContain("Onward");
  });
});

describe("import refuses", () => {
  it("units whose source changed since the export, naming each unit, its line, and nothing is written", async () => {
    const { fixture, xlf, dir } = exported("changed");
    const translated = translateAll(fs.readFileSync(xlf, "utf8"));
    fs.writeFileSync(xlf, translated);
    fixture.mutate("sessions/02-what-is-recovery.md", (t) => replaceOnce(t, "\nThe aim of this session is to explore the development", "\nThe aim of this session is to look at the development"));
    fixture.mutate("checks/04-peer-values.yaml", (t) => replaceOnce(t, "Which approach fits the Experience value?", "Which approach fits the value of Experience?"));
    const out = path.join(dir, "out");
    const run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    const lines = run.stderr.trim().split("\n");
    expect(lines[0]).toMatch(/^error: .*de\.xlf cannot be imported: 2 problems; nothing was written:$/);
    const unitLine = (id: string): number => lineOf(translated, `<trans-unit id="${id}"`);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`de\\.xlf:${unitLine("session/what-is-recovery/page/about-this-session/p1")}: unit 'session/what-is-recovery/page/about-this-session/p1': its source changed since the export \\(.*02-what-is-recovery\\.md:9\\); export again and translate the new text$`)),
      expect.stringMatching(new RegExp(`de\\.xlf:${unitLine("session/what-is-peer-support/check/q/intentional-sharing/prompt")}: unit 'session/what-is-peer-support/check/q/intentional-sharing/prompt': its source changed since the export`)),
    ]);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(fs.existsSync(out)).toBe(false);
  });

  it("broken inline codes: a lost, an unknown, a doubled and a misplaced code, each at its line", () => {
    const { fixture, xlf } = exported("broken");
    const victims = {
      lost: "session/what-is-peer-support/page/introduction-to-the-six-values/p1",
      unknown: "session/what-is-peer-support/page/introduction-to-the-six-values/p2",
      doubled: "session/what-is-peer-support/page/introduction-to-the-six-values/p3",
      reversed: "session/what-is-peer-support/page/introduction-to-the-six-values/p4",
    };
    const text = fs.readFileSync(xlf, "utf8");
    for (const id of Object.values(victims)) expect(text, `${id} should hold a bold pair`).toMatch(new RegExp(`<trans-unit id="${id}"[^>]*>\\s*<source><bpt id="1"`));
    const broken = translateAll(text, (id, target) => {
      if (id === victims.lost) return target.replace('<ept id="1">**</ept>', "");
      if (id === victims.unknown) return target.replace("⟧", '<ph id="9" ctype="x-code">`x`</ph>⟧');
      if (id === victims.doubled) return target.replace('<ept id="1">**</ept>', '<ept id="1">**</ept><ept id="1">**</ept>');
      if (id === victims.reversed) return target.replace(/(<bpt id="1"[^>]*>\*\*<\/bpt>)(.*?)(<ept id="1">\*\*<\/ept>)/, "$3$2$1");
      return target;
    });
    fs.writeFileSync(xlf, broken);
    let error: unknown;
    try {
      importTranslation({ file: xlf, contentDir: fixture.dir, out: path.join(path.dirname(xlf), "out") });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(TranslationProblems);
    const problems = (error as TranslationProblems).problems.map((p) => `${p.line}: ${p.message}`);
    const targetLine = (id: string): number => lineOf(broken, `<trans-unit id="${id}"`) + 2;
    expect(problems).toEqual([
      `${targetLine(victims.lost)}: unit '${victims.lost}': the target lacks <ept id="1">**</ept>; every inline code of the source must stay (move it, do not delete it)`,
      `${targetLine(victims.unknown)}: unit '${victims.unknown}': <ph id="9"> is not an inline code of its source (it has <bpt id="1">**</bpt>, <ept id="1">**</ept>); use the source's codes as they are`,
      `${targetLine(victims.doubled)}: unit '${victims.doubled}': <ept id="1">**</ept> is in the target twice; each code of the source stands once`,
      `${targetLine(victims.reversed)}: unit '${victims.reversed}': <ept id="1">**</ept> comes before its <bpt id="1">`,
    ]);
    expect(fs.existsSync(path.join(path.dirname(xlf), "out"))).toBe(false);
  });

  it("malformed XLIFF, another XLIFF version, and a file without a target language, at their lines", async () => {
    const { fixture, xlf, dir } = exported("malformed");
    const text = translateAll(fs.readFileSync(xlf, "utf8"));
    const cut = text.indexOf("<trans-unit", text.length / 2);
    fs.writeFileSync(xlf, `${text.slice(0, cut)}<trans-unit id="x"><source>a</source><target>b</source></trans-unit>\n</body></file></xliff>\n`);
    let run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", path.join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(new RegExp(`de\\.xlf:${text.slice(0, cut).split("\n").length}: not well-formed XML: `));

    fs.writeFileSync(xlf, '<?xml version="1.0"?>\n<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en-GB" trgLang="de"><file id="f"/></xliff>\n');
    run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", path.join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("de.xlf:1: XLIFF 2.0 (namespace urn:oasis:names:tc:xliff:document:2.0): coursewright reads XLIFF 1.2");

    fs.writeFileSync(xlf, text.replace(/ target-language="de"/g, ""));
    run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", path.join(dir, "out")]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`de.xlf:${lineOf(text, "<file ")}: <file> has no target-language`);
    expect(fs.existsSync(path.join(dir, "out"))).toBe(false);
  });

  it("a translation the course would not load with (two choices of a question alike), and leaves no folder", async () => {
    const { fixture, xlf, dir } = exported("not-loading");
    const q = "session/what-is-peer-support/check/q/intentional-sharing";
    let first = "";
    fs.writeFileSync(xlf, translateAll(fs.readFileSync(xlf, "utf8"), (id, target) => {
      if (id === `${q}/choice/a`) first = target;
      return id === `${q}/choice/b` ? first : target;
    }));
    const out = path.join(dir, "out");
    const run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^error: the translated course has 1 problem, so it was not kept; nothing was written:\n.*checks\/04-peer-values\.yaml:\d+: questions\.0\.choices: duplicate choice '⟦/);
    expect(fs.existsSync(out)).toBe(false);
  });

  it("an --out inside the course or not empty; the source course is left exactly as it was", async () => {
    const { fixture, xlf, dir } = exported("out-safety");
    fs.writeFileSync(xlf, translateAll(fs.readFileSync(xlf, "utf8")));
    const snapshot = (): string => JSON.stringify(fs.readdirSync(fixture.dir, { recursive: true, encoding: "utf8" }).sort().map((f) => [f, fs.statSync(path.join(fixture.dir, f)).isFile() ? fs.readFileSync(path.join(fixture.dir, f), "utf8") : ""]));
    const before = snapshot();
    for (const out of [fixture.dir, path.join(fixture.dir, "de"), path.dirname(fixture.dir)]) {
      const run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", out]);
      expect(run.code, out).toBe(1);
      expect(run.stderr).toMatch(/^error: --out .* overlaps the course folder .*; nothing was written\n$/);
    }
    const full = path.join(dir, "full");
    fs.mkdirSync(full);
    fs.writeFileSync(path.join(full, "keep.txt"), "mine");
    const run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", full]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is not empty; name a new or empty folder (nothing in it is overwritten); nothing was written");
    expect(fs.readdirSync(full)).toEqual(["keep.txt"]);
    expect(snapshot()).toBe(before);
  });
});

describe("import reports", () => {
  it("untranslated units, kept in the source language: no target, a target still to translate, and a unit new since the export", async () => {
    const { fixture, xlf, dir } = exported("untranslated");
    const page = "session/what-is-recovery/page/about-this-session";
    const translated = translateAll(fs.readFileSync(xlf, "utf8"))
      .replace(new RegExp(`(<trans-unit id="course/title"[^>]*>\\s*<source>[^<]*</source>)\\s*<target[^>]*>[^<]*</target>`), "$1")
      .replace(new RegExp(`(<trans-unit id="${page}/title"[^>]*>\\s*<source>[^<]*</source>\\s*)<target state="translated">`), '$1<target state="needs-translation">');
    fs.writeFileSync(xlf, translated);
    fixture.mutate("sessions/02-what-is-recovery.md", (t) => `${t.trimEnd()}\n\nA paragraph written after the export.\n`);
    const out = path.join(dir, "out");
    const run = await runCli(["translate", "import", xlf, "--content", fixture.dir, "--out", out]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split("\n");
    expect(lines[0]).toMatch(/^wrote .*out\/: the course in de, \d+ units translated, 3 kept in en-GB$/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(new RegExp(`^untranslated: .*de\\.xlf:${lineOf(translated, '<trans-unit id="course/title"')}: unit 'course/title': it has no target; kept in en-GB$`)),
      expect.stringMatching(new RegExp(`^untranslated: .*de\\.xlf:${lineOf(translated, `<trans-unit id="${page}/title"`) + 2}: unit '${page}/title': its target's state is needs-translation; kept in en-GB$`)),
      expect.stringMatching(/^untranslated: .*02-what-is-recovery\.md:\d+: unit 'session\/what-is-recovery\/page\/about-this-session\/p2': it is new since the export \(not in the file\); kept in en-GB$/),
    ]);
    const course = loadCourse(out);
    expect(course.title).toBe("Peer Support Training");
    expect(course.language).toBe("de");
    expect(course.sessions[1]?.pages[0]?.title).toBe("About this session");
    expect(course.sessions[1]?.pages[0]?.markdown).toContain("A paragraph written after the export.");
  });
});

describe("command line", () => {
  it("usage errors exit 2, an existing export file is kept unless --force, and the help names the command", async () => {
    const dir = tempDir();
    let run = await runCli(["translate"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: say export or import");
    run = await runCli(["translate", "export"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("error: --to is required");
    run = await runCli(["translate", "export", "--to", "not a tag"]);
    expect(run.code).toBe(2);
    run = await runCli(["translate", "export", "--to", "en-gb"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("is the course's own language");

    const file = path.join(dir, "de.xlf");
    run = await runCli(["translate", "export", "--to", "de", "--out", file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^wrote .*de\.xlf: \d+ units, [\d,]+ words from 17 files, en-GB → de \(XLIFF 1\.2\)\n$/);
    fs.writeFileSync(file, "translator's work");
    run = await runCli(["translate", "export", "--to", "de", "--out", file]);
    expect(run.code).toBe(1);
    expect(fs.readFileSync(file, "utf8")).toBe("translator's work");
    run = await runCli(["translate", "export", "--to", "de", "--out", file, "--force"]);
    expect(run.code).toBe(0);
    expect(fs.readFileSync(file, "utf8")).toMatch(/^<\?xml/);

    run = await runCli(["--help"]);
    expect(run.stdout).toMatch(/^\s+translate\s/m);
    run = await runCli(["translate", "--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("coursewright translate import <file.xlf>");
  });
});
