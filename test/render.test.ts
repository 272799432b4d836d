// The rendered launch page of the real course (content/), parsed with jsdom (scripts never run):
// page structure, the content note, images, every question type and its labelled controls, the embedded
// runtime data, escaping of raw HTML in Markdown, and course template overrides.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { QUESTION_TYPES, type Course, type Page, type Question, type Quiz } from "../src/model/course.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { BUILTIN_TEMPLATES } from "../src/paths.js";
import { plainText, renderInline, renderPage } from "../src/render/markdown.js";
import { loadTemplates } from "../src/render/templates.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { readZip } from "./helpers/unzip.js";
import { REAL_CONTENT, ScratchFolder } from "./helpers/content-fixture.js";

const CONTENT = REAL_CONTENT;
const ZIP = "peer-support-training-scorm12.zip";

let course: Course;
let files: Map<string, Buffer>;
let html: string;
let doc: Document;

let scratch: ScratchFolder;
const tmp = (name: string): string => scratch.dir(name);

const copyContent = (name: string): string => scratch.copyContent(name);

function writeFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}

/** Builds a course folder (single SCO) and returns its index.html. */
async function buildIndex(contentDir: string, outDir: string): Promise<{ files: Map<string, Buffer>; html: string }> {
  await build({ contentDir, outDir, targets: ["scorm12"], scoPerSession: false });
  const zip = readZip(path.join(outDir, ZIP));
  const page = zip.get("index.html");
  if (!page) throw new Error("no index.html in the package");
  return { files: zip, html: page.toString("utf8") };
}

const parseHtml = (text: string): Document => new JSDOM(text).window.document;
const norm = (text: string | null | undefined): string => (text ?? "").replace(/\s+/g, " ").trim();

beforeAll(async () => {
  scratch = new ScratchFolder("coursewright-render-");
  course = loadCourse(CONTENT);
  ({ files, html } = await buildIndex(CONTENT, tmp("real")));
  doc = parseHtml(html);
});

afterAll(() => {
  scratch?.remove();
});

interface ExpectedPage {
  readonly domId: string;
  readonly title: string;
}

/** Every page of the single-SCO unit in course order: session pages, the session's check, then the assessment. */
function expectedPages(c: Course): ExpectedPage[] {
  const pages: ExpectedPage[] = [];
  for (const s of c.sessions) {
    for (const p of s.pages) pages.push({ domId: `page-${s.id}-${p.id}`, title: p.title });
    if (s.check) pages.push({ domId: `page-${s.id}-check`, title: s.check.title });
  }
  if (c.assessment) pages.push({ domId: "page-assessment-assessment", title: c.assessment.title });
  return pages;
}

function sections(): HTMLElement[] {
  return [...doc.querySelectorAll<HTMLElement>("section[data-page]")];
}

function findPage(title: string): { sessionId: string; page: Page } {
  for (const s of course.sessions) {
    const page = s.pages.find((p) => p.title === title);
    if (page) return { sessionId: s.id, page };
  }
  throw new Error(`no page titled ${JSON.stringify(title)} in the course`);
}

function pageSection(title: string): HTMLElement {
  const { sessionId, page } = findPage(title);
  const section = doc.getElementById(`page-${sessionId}-${page.id}`);
  if (!section) throw new Error(`no section for page ${JSON.stringify(title)}`);
  return section;
}

/** The accessible name of a form control or button, as far as static markup decides it. */
function accessibleName(el: Element): string {
  const owner = el.ownerDocument;
  const labelledby = el.getAttribute("aria-labelledby");
  if (labelledby) {
    return norm(labelledby.split(/\s+/).map((id) => owner.getElementById(id)?.textContent ?? "").join(" "));
  }
  const aria = norm(el.getAttribute("aria-label"));
  if (aria) return aria;
  const id = el.getAttribute("id");
  const labels = [...(id ? owner.querySelectorAll(`label[for="${id}"]`) : []), ...(el.closest("label") ? [el.closest("label")] : [])];
  const fromLabel = norm(labels.map((l) => l?.textContent ?? "").join(" "));
  if (fromLabel) return fromLabel;
  if (el.localName === "button") return norm(el.textContent);
  if (el.localName === "input" && ["button", "submit", "reset"].includes(el.getAttribute("type") ?? "")) return norm(el.getAttribute("value"));
  return "";
}

function labelFor(control: Element): string {
  const id = control.getAttribute("id");
  return norm(id ? control.ownerDocument.querySelector(`label[for="${id}"]`)?.textContent : "");
}

function quizzes(c: Course): Map<string, Quiz> {
  const map = new Map<string, Quiz>();
  for (const s of c.sessions) if (s.check) map.set(s.check.id, s.check);
  if (c.assessment) map.set(c.assessment.id, c.assessment);
  return map;
}

// ---------------------------------------------------------------------------------------------------

describe("rendered course page structure", () => {
  it("has one <section data-page> per page, in course order, numbered from 0", () => {
    const expected = expectedPages(course);
    expect(expected.length).toBeGreaterThan(12);
    const found = sections();
    expect(found.map((s) => s.id)).toEqual(expected.map((p) => p.domId));
    expect(found.map((s) => norm(s.querySelector("h1")?.textContent))).toEqual(expected.map((p) => norm(p.title)));
    expect(found.map((s) => s.getAttribute("data-page"))).toEqual(expected.map((_, i) => String(i)));
  });

  it("shows only the cover: every page and the completion page hidden", () => {
    expect(doc.querySelector<HTMLElement>("#cw-cover")?.hidden).toBe(false);
    expect(doc.querySelector<HTMLElement>("#cw-done")?.hidden).toBe(true);
    expect(sections().length).toBeGreaterThan(0);
    for (const s of sections()) expect(s.hidden, s.id).toBe(true);
  });

  it("gives every page exactly one h1, which labels the section", () => {
    for (const s of sections()) {
      const h1s = s.querySelectorAll("h1");
      expect(h1s, s.id).toHaveLength(1);
      expect(s.getAttribute("aria-labelledby")).toBe(h1s[0]?.id);
      expect(norm(h1s[0]?.textContent), s.id).not.toBe("");
    }
    // The other h1s head the cover, the completion page and the exit screen (which replaces every page when
    // the learner leaves), each labelling its own section.
    for (const id of ["cw-cover", "cw-done", "cw-exit-title"]) {
      const section = doc.getElementById(id)?.closest("section");
      expect(section?.querySelectorAll("h1"), id).toHaveLength(1);
      expect(section?.getAttribute("aria-labelledby"), id).toBe(section?.querySelector("h1")?.id);
    }
    expect(doc.querySelectorAll("h1")).toHaveLength(sections().length + 3);
  });

  it("uses unique ids, and every label points at an existing control", () => {
    const ids = [...doc.querySelectorAll("[id]")].map((e) => e.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const label of doc.querySelectorAll("label[for]")) {
      const target = doc.getElementById(label.getAttribute("for") ?? "");
      expect(target, `label for="${label.getAttribute("for") ?? ""}"`).not.toBeNull();
      expect(["input", "select", "textarea", "progress", "meter"]).toContain(target?.localName);
    }
  });
});

describe("rendered content", () => {
  it("opens the trauma page with the content-note callout holding the note", () => {
    const { page } = findPage("What is trauma?");
    const note = /^::: content-note[^\n]*\n([\s\S]*?)\n:::/.exec(page.markdown)?.[1];
    if (!note) throw new Error("the trauma page's Markdown does not start with a content-note callout");

    const section = pageSection("What is trauma?");
    expect([...section.children].map((c) => c.localName)).toEqual(["p", "h1", "div"]);
    const prose = section.querySelector(":scope > .cw-prose");
    const first = prose?.firstElementChild;
    expect(first?.matches("aside.cw-callout.cw-callout--content-note")).toBe(true);
    expect(norm(first?.querySelector(".cw-callout__title")?.textContent)).toBe("Content note");
    expect(first?.getAttribute("aria-label")).toBe("Content note");
    expect(norm(first?.querySelector(".cw-callout__body")?.textContent)).toBe(norm(note));
    expect(norm(first?.textContent)).toContain("This part of the course covers trauma");
  });

  it("renders the Drama Triangle figure with alt text and a packaged src", () => {
    const imgs = pageSection("The Drama Triangle").querySelectorAll("img");
    expect(imgs).toHaveLength(1);
    const img = imgs[0];
    expect(norm(img?.getAttribute("alt"))).toMatch(/^The Drama Triangle: .{20,}/);
    const src = img?.getAttribute("src") ?? "";
    expect(src).toBe("assets/images/drama-triangle.svg");
    expect(files.has(src)).toBe(true);
    expect(files.get(src)?.equals(fs.readFileSync(path.join(CONTENT, "images", "drama-triangle.svg")))).toBe(true);
  });

  it("gives every image in the course alt text or a presentation role, and packages its file", () => {
    const imgs = [...doc.querySelectorAll("img")];
    expect(imgs.length).toBeGreaterThan(0);
    for (const img of imgs) {
      const src = img.getAttribute("src") ?? "";
      expect(files.has(src), src).toBe(true);
      if (img.getAttribute("role") !== "presentation") expect(norm(img.getAttribute("alt")), src).not.toBe("");
    }
  });
});

// ---------------------------------------------------------------------------------------------------

describe("rendered questions", () => {
  interface Rendered {
    readonly fieldset: HTMLFieldSetElement;
    readonly question: Question;
  }

  function renderedQuestions(): Rendered[] {
    const byId = quizzes(course);
    return [...doc.querySelectorAll<HTMLFieldSetElement>("fieldset.cw-question")].map((fieldset) => {
      const quiz = byId.get(fieldset.dataset.quiz ?? "");
      const question = quiz?.questions[Number(fieldset.dataset.question)];
      if (!question) throw new Error(`fieldset ${fieldset.id} matches no question of the course`);
      expect(fieldset.dataset.type).toBe(question.type);
      return { fieldset, question };
    });
  }

  it("renders every question of the course once", () => {
    const all = [...quizzes(course).values()].flatMap((q) => q.questions.map((x) => `${q.id}/${x.id}`));
    const rendered = renderedQuestions().map(({ fieldset, question }) => `${fieldset.dataset.quiz ?? ""}/${question.id}`);
    expect(rendered).toEqual(all);
  });

  it("covers every question type", () => {
    expect(new Set(renderedQuestions().map((r) => r.question.type))).toEqual(new Set(QUESTION_TYPES));
  });

  it("renders each type with its labelled controls", () => {
    for (const { fieldset, question } of renderedQuestions()) {
      const where = `${fieldset.id} (${question.type})`;
      expect(norm(fieldset.querySelector(":scope > legend")?.textContent), where).toContain(norm(plainText(question.prompt)).slice(0, 20));
      const radios = [...fieldset.querySelectorAll<HTMLInputElement>('input[type="radio"]')];
      const boxes = [...fieldset.querySelectorAll<HTMLInputElement>('input[type="checkbox"]')];
      const texts = [...fieldset.querySelectorAll<HTMLInputElement>('input[type="text"]')];
      const selects = [...fieldset.querySelectorAll("select")];
      switch (question.type) {
        case "single-choice":
        case "multiple-response": {
          const inputs = question.type === "single-choice" ? radios : boxes;
          expect([radios, boxes, texts, selects].flat().length, where).toBe(inputs.length);
          expect(inputs.map(labelFor), where).toEqual(question.choices.map((c) => norm(plainText(c.text))));
          expect(new Set(inputs.map((i) => i.name)).size, where).toBe(1);
          expect(inputs[0]?.name, where).not.toBe("");
          break;
        }
        case "true-false":
          expect(radios.map(labelFor), where).toEqual(["True", "False"]);
          expect(new Set(radios.map((i) => i.name)).size, where).toBe(1);
          expect([boxes, texts, selects].flat(), where).toEqual([]);
          break;
        case "matching": {
          expect(selects.map(labelFor), where).toEqual(question.pairs.map((p) => norm(plainText(p.source))));
          for (const select of selects) {
            const options = [...select.options];
            expect(options[0]?.value, where).toBe("");
            expect(new Set(options.slice(1).map((o) => norm(o.textContent))), where).toEqual(new Set(question.pairs.map((p) => norm(plainText(p.target)))));
          }
          expect([radios, boxes, texts].flat(), where).toEqual([]);
          break;
        }
        case "sequencing": {
          const items = [...fieldset.querySelectorAll("ol[data-sequence] > li")];
          expect(items.map((li) => norm(li.querySelector(".cw-sequence__text")?.textContent)).sort(), where).toEqual(
            question.items.map((i) => norm(plainText(i))).sort(),
          );
          for (const li of items) {
            const text = norm(li.querySelector(".cw-sequence__text")?.textContent);
            for (const dir of ["up", "down"]) {
              const button = li.querySelector(`button[data-move="${dir}"]`);
              expect(button, `${where}: ${dir} button for ${text}`).not.toBeNull();
              expect(button?.getAttribute("type")).toBe("button");
              const aria = norm(button?.getAttribute("aria-label"));
              expect(aria, where).toMatch(new RegExp(dir, "i"));
              expect(aria, where).toContain(text);
            }
          }
          expect([radios, boxes, texts, selects].flat(), where).toEqual([]);
          break;
        }
        case "fill-in":
          expect(texts, where).toHaveLength(1);
          expect(labelFor(texts[0] as HTMLInputElement), where).not.toBe("");
          expect([radios, boxes, selects].flat(), where).toEqual([]);
          break;
      }
    }
  });

  it("gives every form control and button an accessible name", () => {
    const controls = [...doc.querySelectorAll("input, select, textarea, button, progress, meter")];
    expect(controls.length).toBeGreaterThan(50);
    const unnamed = controls.filter((c) => accessibleName(c) === "").map((c) => c.outerHTML.slice(0, 120));
    expect(unnamed).toEqual([]);
  });

  it("the accessible-name check fails for an unlabelled control", () => {
    const probe = parseHtml('<input type="text" id="x"><select id="y"></select><button type="button"></button><label for="z">Z</label><input id="z">');
    expect([...probe.querySelectorAll("input, select, button")].map(accessibleName)).toEqual(["", "", "", "Z"]);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("embedded runtime data", () => {
  let data: RuntimeCourse;

  beforeAll(() => {
    const el = doc.querySelector('script#cw-data[type="application/json"]');
    expect(el).not.toBeNull();
    data = JSON.parse(el?.textContent ?? "") as RuntimeCourse;
  });

  it("holds the 12 sessions, then the assessment", () => {
    expect(data.id).toBe(course.id);
    expect(data.unit).toBe("course");
    expect(data.reporting).toBe(course.reporting);
    expect(data.masteryScore).toBe(course.masteryScore);
    expect(data.sessions).toHaveLength(13);
    expect(data.sessions.map((s) => s.id)).toEqual([...course.sessions.map((s) => s.id), "assessment"]);
    expect(data.sessions.map((s) => s.counts)).toEqual([...Array.from({ length: 12 }, () => true), false]);
    expect(data.sessions.slice(0, 12).map((s) => s.title)).toEqual(course.sessions.map((s, i) => `Session ${i + 1}: ${s.title}`));
  });

  it("lists the pages the document renders, in the same order", () => {
    const fromData = data.sessions.flatMap((s) => s.pages.map((p) => `page-${s.id}-${p}`));
    expect(fromData).toEqual(sections().map((s) => s.id));
  });

  it("has a quiz for every knowledge check and the assessment, with the course's questions", () => {
    const expected = quizzes(course);
    expect(Object.keys(data.quizzes).sort()).toEqual([...expected.keys()].sort());
    for (const [id, quiz] of expected) {
      expect(data.quizzes[id]?.questions.map((q) => [q.id, q.type]), id).toEqual(quiz.questions.map((q) => [q.id, q.type]));
    }
    for (const s of data.sessions) if (s.check) expect(data.quizzes[s.check], s.id).toBeDefined();
  });

  it("cannot break out of its <script> element", () => {
    const raw = /<script type="application\/json" id="cw-data">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
    expect(raw.length).toBeGreaterThan(100);
    expect(raw).not.toMatch(/[<>]/);
  });
});

// ---------------------------------------------------------------------------------------------------

describe("Markdown escaping", () => {
  const page = (markdown: string): Page => ({ id: "p", title: "P", markdown, assetRefs: {}, source: "test.md", line: 1 });

  it("escapes raw HTML blocks and inline HTML instead of passing them through", () => {
    const out = renderPage(
      page(
        [
          "<script>alert('block')</script>",
          "",
          "Text with <script>alert('inline')</script> and <img src=x onerror=\"alert('img')\"> inside.",
          "",
          '<div onclick="alert(1)">div</div>',
          "",
          "[click me](javascript:alert('link'))",
        ].join("\n"),
      ),
    );
    expect(out).toContain("&lt;script&gt;");
    expect(out).not.toMatch(/<script|<img|<div|href="javascript:/i);
    const frag = parseHtml(`<body>${out}</body>`);
    expect(frag.querySelectorAll("script, img, div, [onerror], [onclick]")).toHaveLength(0);
    for (const a of frag.querySelectorAll("a")) expect(a.getAttribute("href") ?? "").not.toMatch(/^javascript:/i);
    expect(frag.body.textContent).toContain("<script>alert('block')</script>");
    expect(frag.body.textContent).toContain("<img src=x onerror=\"alert('img')\">");
  });

  it("hands the runtime the whole prompt as plain text: each standard cuts it to its own size where it writes it", () => {
    const course = loadCourse(REAL_CONTENT);
    const quiz = course.assessment!;
    const prompt = `**Long** ${"😀 word ".repeat(60)}end`;
    const long: Course = { ...course, assessment: { ...quiz, questions: quiz.questions.map((q, i) => (i === 0 ? { ...q, prompt } : q)) } };
    const data = runtimeCourse(long, planUnits(long, false)[0]!);
    expect(data.quizzes["assessment"]?.questions[0]?.prompt).toBe(plainText(prompt));
    expect(Array.from(plainText(prompt)).length).toBeGreaterThan(250);
  });

  it("escapes HTML in inline Markdown (question prompts and choices)", () => {
    const out = renderInline("Pick <b onmouseover=alert(1)>one</b> *now*");
    expect(out).toBe("Pick &lt;b onmouseover=alert(1)&gt;one&lt;/b&gt; <em>now</em>");
  });
});

// ---------------------------------------------------------------------------------------------------

describe("course template overrides", () => {
  const builtinPage = (): string => fs.readFileSync(path.join(BUILTIN_TEMPLATES, "partials", "page.hbs"), "utf8");

  it("content/templates/partials/page.hbs replaces the built-in page partial", async () => {
    const dir = copyContent("override");
    const custom = builtinPage().replace("<h1 ", '<p class="my-course-marker" data-override>Custom page {{index}}</p>\n<h1 ');
    expect(custom).toContain("my-course-marker");
    writeFile(path.join(dir, "templates", "partials", "page.hbs"), custom);

    const { html: overridden } = await buildIndex(dir, tmp("override-out"));
    const odoc = parseHtml(overridden);
    const markers = [...odoc.querySelectorAll("section[data-page] > p.my-course-marker")];
    expect(markers.map((m) => m.textContent)).toEqual(sections().map((_, i) => `Custom page ${i}`));
    // Only that partial changed: the rest of the page is the built-in one.
    expect(doc.querySelector(".my-course-marker")).toBeNull();
    expect(overridden.replace(/<p class="my-course-marker" data-override>Custom page \d+<\/p>\n/g, "")).toBe(html);
  });

  it("a template with a syntax error fails the build with a ContentError naming the file", async () => {
    const dir = copyContent("broken");
    const file = path.join(dir, "templates", "partials", "page.hbs");
    writeFile(file, builtinPage().replace("{{/if}}", "")); // an unclosed {{#if}}
    const out = tmp("broken-out");

    const err: unknown = await build({ contentDir: dir, outDir: out, targets: ["scorm12"] }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ContentError);
    const problems = (err as ContentError).problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.file).toBe(file);
    expect(problems[0]?.message).toMatch(/template error/);
    expect((err as ContentError).message).toContain(path.join("templates", "partials", "page.hbs"));
    expect(fs.readdirSync(out)).toEqual([]); // nothing written
  });

  it("loadTemplates reports a broken layout override by its file name too", () => {
    const dir = tmp("broken-layout");
    const file = path.join(dir, "layout.hbs");
    writeFile(file, "<html>{{#each pages}}</html>");
    let caught: unknown;
    try {
      loadTemplates(BUILTIN_TEMPLATES, dir);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(ContentError);
    expect((caught as ContentError).problems[0]?.file).toBe(file);
  });
});
