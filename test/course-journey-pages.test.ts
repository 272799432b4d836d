// The cover, the completion page, the assessment's lock and the progress counts, in jsdom with scorm-again's
// Scorm12API as the LMS; the estimate and the numbered session titles as units.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "../src/build.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { planUnits, sessionTitle } from "../src/model/units.js";
import { durationText, estimateMinutes, wordCount } from "../src/render/estimate.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { contentFixture, tempDir } from "./helpers/content-fixture.js";
import { Learner } from "./helpers/learner.js";
import { launchScorm12, relaunchData } from "./helpers/scorm12-lms.js";
import { readZip } from "./helpers/unzip.js";

let course: Course;
let pkg: BuiltPackage;
beforeAll(async () => {
  course = loadCourse("content");
  pkg = await buildAndUnpack({ target: "scorm12" });
});
afterAll(() => pkg?.cleanup());

const text = (doc: Document, sel: string): string => doc.querySelector(sel)?.textContent?.replace(/\s+/g, " ").trim() ?? "";
const visible = (doc: Document, sel: string): boolean => {
  const el = doc.querySelector<HTMLElement>(sel);
  return Boolean(el) && !el?.closest("[hidden]");
};

describe("estimated time", () => {
  it("counts words, not Markdown syntax", () => {
    expect(wordCount("A **bold** [link](https://example.org/a-b) and ![alt text](images/x.png) it's done")).toBe(6);
  });
  it("uses the author's estimatedMinutes, else ~200 words a minute plus a minute a question", () => {
    expect(estimateMinutes({ ...course, estimatedMinutes: 95 })).toBe(95);
    const words = course.sessions.flatMap((s) => s.pages).reduce((n, p) => n + wordCount(`${p.title} ${p.markdown}`), 0);
    const questions = course.sessions.reduce((n, s) => n + (s.check?.questions.length ?? 0), 0) + (course.assessment?.questions.length ?? 0);
    expect(estimateMinutes({ ...course, estimatedMinutes: undefined })).toBe(Math.ceil(words / 200 + questions));
  });
  it("words the duration", () => {
    expect(durationText(45)).toBe("About 45 minutes");
    expect(durationText(60)).toBe("About 1 hour");
    expect(durationText(125)).toBe("About 2 hours 5 minutes");
  });
});

describe("session titles that repeat", () => {
  it("are numbered in the LMS titles of per-session units, the seed's wording kept", () => {
    const titles = planUnits(course, true).map((u) => u.title);
    expect(new Set(titles).size).toBe(titles.length);
    const reviews = course.sessions.filter((s) => s.title === "Review and Evaluation");
    expect(reviews).toHaveLength(2);
    expect(reviews.map((s) => sessionTitle(course, s))).toEqual(["Session 6: Review and Evaluation", "Session 11: Review and Evaluation"]);
  });
  it("are told apart in the per-session manifest and the menu", async () => {
    const out = tempDir();
    const [report] = await build({ contentDir: "content", outDir: out, targets: ["scorm12"], scoPerSession: true });
    const files = new Map(readZip(path.join(out, report?.file ?? "")));
    const manifest = files.get("imsmanifest.xml")?.toString("utf8") ?? "";
    expect(manifest).toContain("<title>Session 6: Review and Evaluation</title>");
    expect(manifest).toContain("<title>Session 11: Review and Evaluation</title>");
    const menu = fs.readFileSync(path.join(pkg.dir, "index.html"), "utf8");
    expect(menu).toMatch(/<span class="cw-menu__session-number">Session 6<\/span> <span>Review and Evaluation<\/span>/);
  });
});

describe("the completion page of each unit of a per-session package", () => {
  it("speaks of this session or this assessment, never 'the course', and has no certificate", async () => {
    const fixture = contentFixture();
    fixture.mutate("course.yaml", (t) => `${t.trimEnd()}\ncertificate: true\n`);
    const out = tempDir();
    const [report] = await build({ contentDir: fixture.dir, outDir: out, targets: ["scorm12"], scoPerSession: true });
    const files = new Map(readZip(path.join(out, report?.file ?? "")));
    const page = (unit: string): Document => new JSDOM(files.get(planUnits(course, true).find((u) => u.id === unit)?.file ?? "")?.toString("utf8") ?? "").window.document;
    const heading = (doc: Document, standing: string): string | null => doc.querySelector("#cw-done-title")?.getAttribute(`data-${standing}`) ?? null;
    const session = page(course.sessions[0]!.id);
    expect(heading(session, "done")).toBe("You have completed this session");
    expect(session.querySelector("[data-cw=done-sessions]")).not.toBeNull();
    const assessment = page("assessment");
    expect(heading(assessment, "done")).toBe("You have passed the assessment");
    expect(assessment.querySelector("[data-cw=done-sessions]")).toBeNull();
    for (const doc of [session, assessment]) {
      expect(doc.querySelector("#cw-done")?.textContent).not.toMatch(/the course/);
      expect(doc.querySelector("[data-cw=certificate], .cw-certificate")).toBeNull();
    }
    // The whole course keeps its own wording and, when asked for, its certificate.
    const wholeOut = tempDir();
    const [whole] = await build({ contentDir: fixture.dir, outDir: wholeOut, targets: ["scorm12"] });
    const course1 = new JSDOM(new Map(readZip(path.join(wholeOut, whole?.file ?? ""))).get("index.html")?.toString("utf8") ?? "").window.document;
    expect(heading(course1, "done")).toBe("You have completed the course");
    expect(course1.querySelector(".cw-certificate")).not.toBeNull();
  });
});

describe("progress counts agree", () => {
  it("the build's counts, the menu, each page's 'Page n of m', the header's sessions and its bar", async () => {
    let summary = "";
    await build({ contentDir: "content", outDir: tempDir(), targets: ["scorm12"], onStep: (step, detail) => step === "content" && (summary = detail) });
    const [, sessions, pages, checks] = /^(\d+) sessions, (\d+) pages, (\d+) knowledge checks/.exec(summary) ?? [];
    const lms = await launchScorm12(pkg.dir, "index.html", undefined, undefined, true);
    const doc = lms.doc;
    let sessionPages = 0;
    for (const [i, s] of course.sessions.entries()) {
      const links = doc.querySelectorAll(`#cw-menu .cw-menu__session:nth-child(${i + 1}) [data-goto]`).length;
      const sections = [...doc.querySelectorAll(`[data-page][id^="page-${s.id}-"]`)];
      expect(sections).toHaveLength(links);
      sections.forEach((el, n) => expect(el.querySelector(".cw-page__session")?.textContent).toBe(`Session ${i + 1}: ${s.title} · Page ${n + 1} of ${links}`));
      sessionPages += links;
    }
    expect(sessionPages).toBe(Number(pages) + Number(checks));
    expect(text(doc, "[data-cw=progress-text]")).toBe(`0 of ${sessions} sessions · 0%`);
    const learner = new Learner(doc, course);
    const s1 = course.sessions[0];
    if (!s1) throw new Error("no session");
    for (const p of s1.pages) learner.open(s1.id, p.id);
    if (s1.check) learner.passCheck(s1.id);
    const [, done, percent] = /^(\d+) of \d+ sessions · (\d+)%$/.exec(text(doc, "[data-cw=progress-text]")) ?? [];
    expect(done).toBe("1");
    expect(doc.querySelector<HTMLProgressElement>("[data-cw=progress]")?.value).toBe(Number(percent));
    // The percent is the progress the LMS is given (what completion counts), rounded down.
    // (each page viewed and each knowledge-check question checked is one step; the check's page is a page too)
    const steps = (s: Course["sessions"][number]): number => s.pages.length + (s.check ? 1 + s.check.questions.length : 0);
    const total = course.sessions.reduce((n, s) => n + steps(s), 0);
    expect(Number(percent)).toBe(Math.floor((100 * steps(s1)) / total));
    lms.close(true);
  });
});

describe("cover, lock and completion (jsdom)", () => {
  it("opens on the cover: nothing viewed, no bookmark; Start goes to page 1; a relaunch offers to resume", async () => {
    const lms = await launchScorm12(pkg.dir, "index.html", undefined, undefined, true);
    const doc = lms.doc;
    expect(visible(doc, "#cw-cover")).toBe(true);
    expect(doc.querySelectorAll("[data-page]:not([hidden])")).toHaveLength(0);
    expect(lms.live().cmi.core.lesson_location).toBe("");
    expect(visible(doc, "[data-cw=start]")).toBe(true);
    expect(visible(doc, "[data-cw=resume]")).toBe(false);
    expect(text(doc, "#cw-cover")).toContain("opens once every session is complete");
    expect(text(doc, `#cw-cover [data-session-status="${course.sessions.length}"]`)).toBe("Locked");
    doc.querySelector<HTMLElement>("[data-cw=start]")?.click();
    const learner = new Learner(doc, course);
    const s1 = course.sessions[0];
    expect(learner.here()).toBe(`${s1?.id}-${s1?.pages[0]?.id}`);
    learner.next();
    const title = learner.heading();
    lms.close(true);

    const again = await launchScorm12(pkg.dir, "index.html", relaunchData(lms.committed()), undefined, true);
    expect(visible(again.doc, "#cw-cover")).toBe(true);
    expect(visible(again.doc, "[data-cw=start]")).toBe(false);
    expect(text(again.doc, "[data-cw=resume]")).toBe(`Resume where you left off: ${title}`);
    again.doc.querySelector<HTMLElement>("[data-cw=resume]")?.click();
    const back = new Learner(again.doc, course);
    expect(back.heading()).toBe(title);
    // Moving on, then back to the cover from the menu: Resume goes where the learner is now.
    back.next();
    const now = back.heading();
    again.doc.querySelector<HTMLElement>("#cw-menu a[href='#cw-cover']")?.click();
    expect(text(again.doc, "[data-cw=resume]")).toBe(`Resume where you left off: ${now}`);
    again.doc.querySelector<HTMLElement>("[data-cw=resume]")?.click();
    expect(back.heading()).toBe(now);
    again.close(true);
  });

  it("a first launch's Start becomes Resume once the learner has moved on and returns to the cover", async () => {
    const lms = await launchScorm12(pkg.dir, "index.html", undefined, undefined, true);
    lms.doc.querySelector<HTMLElement>("[data-cw=start]")?.click();
    const learner = new Learner(lms.doc, course);
    learner.next();
    const now = learner.heading();
    lms.doc.querySelector<HTMLElement>("#cw-menu a[href='#cw-cover']")?.click();
    expect(visible(lms.doc, "[data-cw=start]")).toBe(false);
    expect(text(lms.doc, "[data-cw=resume]")).toBe(`Resume where you left off: ${now}`);
    lms.close(true);
  });

  it("Exit from the cover ends visibly, and the bookmark stays where the learner was", async () => {
    const lms = await launchScorm12(pkg.dir);
    new Learner(lms.doc, course).next();
    const location = lms.committed().cmi.core.lesson_location;
    lms.doc.querySelector<HTMLElement>("#cw-menu a[href='#cw-cover']")?.click();
    expect(visible(lms.doc, "#cw-cover")).toBe(true);
    lms.doc.querySelector<HTMLElement>("[data-cw=exit]")?.click();
    expect(visible(lms.doc, "[data-cw=exit-screen]")).toBe(true);
    expect(visible(lms.doc, "#cw-cover")).toBe(false);
    expect(lms.committed().cmi.core.lesson_location).toBe(location);
    expect(lms.log.count("LMSFinish")).toBe(1);
    lms.close(true);
  });

  it("keeps the assessment locked until every session is complete, then opens it; Next on the last page shows the completion page", async () => {
    const lms = await launchScorm12(pkg.dir);
    const doc = lms.doc;
    const learner = new Learner(doc, course);
    learner.open("assessment", "assessment");
    expect(visible(doc, "[data-cw=locked]")).toBe(true);
    expect(doc.querySelector(".cw-quiz--assessment")?.hasAttribute("data-locked")).toBe(true);
    learner.takeAssessment(0); // the Submit button is out of sight; even a click reaching it is refused
    expect(learner.results().visible).toBe(false);
    for (const s of course.sessions) {
      for (const p of s.pages) learner.open(s.id, p.id);
      if (s.check) learner.passCheck(s.id);
    }
    learner.open("assessment", "assessment");
    expect(visible(doc, "[data-cw=locked]")).toBe(false);
    learner.takeAssessment(0);
    expect(learner.results().status).toMatch(/^Passed/);
    learner.next();
    expect(visible(doc, "#cw-done")).toBe(true);
    expect(text(doc, "#cw-done h1")).toBe("You have completed the course");
    expect(text(doc, "[data-cw=done-score]")).toBe("100%");
    expect(doc.querySelector<HTMLButtonElement>("[data-cw=next]")?.disabled).toBe(true);
    lms.close(true);
  });
});
