// Localisation in real Chromium, the course inside an LMS page (scorm-again's Scorm12API in the parent
// frame). A `de` build of the real course: no English UI string in the runtime's DOM — text or attributes —
// from the cover through a page, a question checked, the assessment submitted and the completion page to the
// exit screen (the course's own text stays English and is left out of the comparison). An `ar` build: right to
// left, axe 0 violations on the cover, a page, a question checked and the results, and screenshots
// (`UPDATE_SCREENSHOTS=1 npx vitest run test/locales-browser` writes docs/screenshots/rtl-*.png).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Frame, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Course } from "../src/model/course.js";
import { formatFindings, runAxe, type AxeFinding } from "./helpers/a11y-axe.js";
import { BrowserLearner, chromiumAvailable } from "./helpers/browser.js";
import { replaceOnce } from "./helpers/content-fixture.js";
import { completeSessions } from "./helpers/learner-steps.js";
import { launchNamed, relaunchData } from "./helpers/named-lms-frame.js";
import { playedCourse } from "./helpers/played-course.js";
import { englishFragments, englishLeft } from "./helpers/ui-strings.js";
import { arabicCourse } from "./fixtures/rtl/arabic-course.js";

const OUT = process.env.UPDATE_SCREENSHOTS ? path.resolve("docs", "screenshots") : fs.mkdtempSync(path.join(os.tmpdir(), "cw-rtl-shots-"));
afterAll(() => {
  if (!process.env.UPDATE_SCREENSHOTS) fs.rmSync(OUT, { recursive: true, force: true });
});

/**
 * What went wrong in the browser. The static server has no favicon.ico, and Chromium's request for it shows
 * only as a console line; a 404 of the course's own files is also an `http 404: GET <url>` line, still counted.
 */
const problems = (all: readonly string[]): string[] => all.filter((p) => p !== "console: Failed to load resource: the server responded with a status of 404 (Not Found)");

const inLanguage = (language: string) => (dir: string): void => {
  const file = path.join(dir, "course.yaml");
  fs.writeFileSync(file, replaceOnce(fs.readFileSync(file, "utf8"), "language: en-GB", `language: ${language}`));
};

/**
 * Answers a knowledge check's single-choice question wrongly and checks it (the verdict, the row marks, the
 * feedback and the key in words show); returns the question's card, marked incorrect.
 */
async function checkedWrong(frame: Frame, learner: BrowserLearner, course: Course): Promise<Locator> {
  for (const s of course.sessions) {
    const index = s.check?.questions.findIndex((q) => q.type === "single-choice") ?? -1;
    const q = s.check?.questions[index];
    if (!s.check || !q) continue;
    await learner.open(s.id, "check");
    await learner.answer(s.check.id, index, q, false);
    await learner.check(s.check.id, index);
    const card = frame.locator(`[data-quiz="${s.check.id}"][data-question="${index}"]`);
    expect(await card.getAttribute("data-state")).toBe("incorrect");
    return card;
  }
  throw new Error("no knowledge check with a single-choice question");
}

describe.skipIf(!chromiumAvailable)("a de build in Chromium", () => {
  const played = playedCourse({ courseYaml: "certificate: true", edit: inLanguage("de"), files: true });

  it("shows no English UI string from the cover to the exit screen", async () => {
    const course = played.course;
    expect(course.locale.id).toBe("de");
    const fragments = englishFragments(course.locale.strings);
    const found: string[] = [];
    const states: string[] = [];
    const look = async (frame: Frame, state: string): Promise<void> => {
      states.push(state);
      found.push(...englishLeft(await frame.content(), course, fragments).map((hit) => `${state}: ${hit}`));
    };
    const page = await played.browser.newPage();
    await page.goto(`${played.filesUrl}lms.html`);
    let frame = await launchNamed(page, null);
    expect(await frame.locator("[data-cw=start]").innerText()).toBe("Kurs starten");
    await look(frame, "cover");
    await frame.click("[data-cw=start]");
    const learner = new BrowserLearner(frame, course);
    await learner.next();
    await look(frame, "page 2");
    await checkedWrong(frame, learner, course);
    await look(frame, "question checked wrong");
    // The assessment submitted with wrong answers, then passed: results, then the completion page.
    await completeSessions(learner, course);
    await learner.open("assessment", "assessment");
    const seq = course.assessment?.questions.findIndex((x) => x.type === "sequencing") ?? -1;
    if (seq >= 0) {
      // A sequencing item moved by its buttons: the live region says where it went.
      await frame.click(`[data-quiz="assessment"][data-question="${seq}"] [data-item] [data-move=down]`);
      await look(frame, "sequencing item moved");
    }
    await frame.click("[data-cw=submit-assessment]");
    await look(frame, "assessment refused: a question has no answer");
    await learner.takeAssessment(4);
    expect(await frame.locator("[data-cw=result-status]").innerText()).toMatch(/^Nicht bestanden\./);
    await look(frame, "assessment submitted, not passed");
    await frame.click("[data-cw=retake]");
    await learner.takeAssessment(0);
    expect(await frame.locator("[data-cw=result-status]").innerText()).toMatch(/^Bestanden\./);
    await look(frame, "assessment passed");
    await frame.click('#cw-menu a[href="#cw-done"]');
    expect((await frame.locator("#cw-done h1").innerText()).trim()).toBe("Sie haben den Kurs abgeschlossen");
    expect(await frame.locator("[data-cw=cert-date]").innerText()).toMatch(/^\d{1,2}\.\d{1,2}\.\d{4}$/);
    await look(frame, "completion with certificate");
    // A relaunch offers to resume, then Exit shows the exit screen.
    frame = await launchNamed(page, await relaunchData(page));
    expect(await frame.locator("[data-cw=resume]").innerText()).toMatch(/^Dort fortfahren, wo Sie aufgehört haben: /);
    await look(frame, "cover, resume");
    await frame.click("[data-cw=exit]");
    await frame.locator("[data-cw=exit-screen]").waitFor({ state: "visible" });
    await look(frame, "exit screen");
    expect(states).toHaveLength(seq >= 0 ? 10 : 9);
    expect(found).toEqual([]);
    expect(problems(played.browser.problems)).toEqual([]);
    await page.close();
  }, 240_000);
});

describe.skipIf(!chromiumAvailable)("an ar build in Chromium", () => {
  const played = playedCourse({
    courseYaml: "certificate: true",
    edit: (dir) => {
      inLanguage("ar")(dir);
      arabicCourse(dir);
    },
    files: true,
  });
  let page: Page;
  beforeAll(async () => {
    if (chromiumAvailable) page = await played.browser.newPage();
  });

  /** axe on the course's frame (runAxe evaluates in what it is given: a Frame does the same as a Page). */
  const axe = async (log: AxeFinding[], frame: Frame, state: string): Promise<void> => {
    const outcome = await runAxe(frame as unknown as Page, state);
    expect(outcome.passes, state).toBeGreaterThan(0);
    log.push(...outcome.violations);
  };
  const shot = async (frame: Frame, name: string): Promise<void> => {
    const file = path.join(OUT, `rtl-${name}.png`);
    await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
    await page.screenshot({ path: file, type: "png" });
    expect(fs.statSync(file).size, file).toBeGreaterThan(5_000);
  };

  it("is laid out right to left, with axe 0 violations on the cover, a page, a question checked and the results", async () => {
    const course = played.course;
    const log: AxeFinding[] = [];
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto(`${played.filesUrl}lms.html`);
    let frame = await launchNamed(page, null);
    expect(await frame.evaluate(() => [document.documentElement.dir, document.documentElement.lang, getComputedStyle(document.body).direction])).toEqual(["rtl", "ar", "rtl"]);
    // Mirrored: the menu stands on the right of the pages, its border on its inner (left) side.
    const [menu, main] = await Promise.all([frame.locator("#cw-menu").boundingBox(), frame.locator("#cw-main").boundingBox()]);
    expect((menu?.x ?? 0) > (main?.x ?? 0)).toBe(true);
    expect(await frame.locator("#cw-menu").evaluate((el) => [getComputedStyle(el).borderLeftWidth, getComputedStyle(el).borderRightWidth])).toEqual(["1px", "0px"]);
    expect(await frame.locator("[data-cw=start]").innerText()).toBe("ابدأ الدورة");
    await axe(log, frame, "cover");
    await shot(frame, "cover-desktop");

    await frame.click("[data-cw=start]");
    const learner = new BrowserLearner(frame, course);
    const figurePage = course.sessions.flatMap((s) => s.pages.map((p) => ({ s, p }))).find(({ p }) => Object.keys(p.assetRefs).length > 0);
    if (!figurePage) throw new Error("no page with a figure");
    await learner.open(figurePage.s.id, figurePage.p.id);
    // The Next button sits at the inline end: on the left.
    const [prev, next] = await Promise.all([frame.locator("[data-cw=prev]").boundingBox(), frame.locator("[data-cw=next]").boundingBox()]);
    expect((next?.x ?? 0) < (prev?.x ?? 0)).toBe(true);
    await axe(log, frame, "page with a figure");
    await shot(frame, "page-desktop");

    const card = await checkedWrong(frame, learner, course);
    await card.evaluate((el) => {
      el.scrollIntoView({ block: "start" });
      window.scrollBy(0, -24);
    });
    await axe(log, frame, "question checked wrong");
    await shot(frame, "question-desktop");

    await completeSessions(learner, course);
    await learner.open("assessment", "assessment");
    await learner.takeAssessment(4);
    const results = frame.locator("[data-cw=results]");
    expect(await results.locator("[data-cw=result-status]").innerText()).toMatch(/^غير ناجح\. درجتك \u2066\d+\u200e?%\u200e?\u2069؛ ودرجة النجاح \u206680\u200e?%\u200e?\u2069\. تبقّت لك محاولتان\.$/);
    await results.evaluate((el) => el.scrollIntoView({ block: "start" }));
    await axe(log, frame, "results of a failed attempt");
    await shot(frame, "results-desktop");

    // A phone: the menu drawer opens under the header, mirrored too.
    await page.setViewportSize({ width: 390, height: 844 });
    frame = await launchNamed(page, await relaunchData(page));
    await frame.click("[data-cw=resume]");
    await frame.click("[data-cw=menu-toggle]");
    await frame.locator("#cw-menu").waitFor({ state: "visible" });
    await axe(log, frame, "phone, menu open");
    await shot(frame, "menu-phone");
    expect(formatFindings(log)).toBe("");
    expect(problems(played.browser.problems)).toEqual([]);
  }, 240_000);
});
