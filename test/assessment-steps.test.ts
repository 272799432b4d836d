// The assessment one question at a time (course.yaml `assessmentLayout: one-at-a-time`, issue #10 §2), in real
// Chromium inside the LMS-like player (scorm-again's Scorm12API): one question shown with "Question n of m",
// Previous/Next move and focus, Submit with the last question, a refused submission goes to the first question
// still to answer, a reload resumes at the first unanswered one with the answers kept, the submitted attempt
// shows every question for review; axe finds nothing in these states. The default layout stays all on one page.
import fs from "node:fs";
import path from "node:path";
import type { Frame } from "playwright-core";
import { afterAll, describe, expect, it } from "vitest";
import { JSDOM } from "jsdom";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { planUnits } from "../src/model/units.js";
import { BUILTIN_TEMPLATES } from "../src/paths.js";
import { renderUnit } from "../src/render/render-unit.js";
import { loadTemplates } from "../src/render/templates.js";
import { AxeLog, formatFindings } from "./helpers/a11y-axe.js";
import { BrowserLearner, chromiumAvailable, contentFrame } from "./helpers/browser.js";
import { playedCourse } from "./helpers/played-course.js";
import { REAL_CONTENT, ScratchFolder } from "./helpers/content-fixture.js";

const card = (i: number): string => `[data-quiz="assessment"][data-question="${i}"]`;

/** Indexes of the assessment's question cards a learner can see. */
const visibleCards = (frame: Frame): Promise<number[]> =>
  frame.$$eval('[data-quiz="assessment"]', (cards) => cards.filter((c) => (c as HTMLElement).offsetParent !== null).map((c) => Number(c.getAttribute("data-question"))));

const focusedCard = (frame: Frame): Promise<string | null> =>
  frame.evaluate(() => document.activeElement?.closest("[data-question]")?.getAttribute("data-question") ?? null);

describe("assessment layout markup", () => {
  const render = (c: Course): Document => new JSDOM(renderUnit(c, planUnits(c, false)[0]!, loadTemplates(BUILTIN_TEMPLATES, ""), { connectSrc: [] })).window.document;
  const scratch = new ScratchFolder("cw-assessment-layout-");
  afterAll(() => scratch.remove());

  it("is all on one page by default: no steps, one Submit after the last question", () => {
    const doc = render(loadCourse(REAL_CONTENT));
    expect(doc.querySelector("[data-stepped], [data-step], [data-cw=step-question]")).toBeNull();
    const submit = doc.querySelectorAll("[data-cw=submit-assessment]");
    expect(submit).toHaveLength(1);
    expect(submit[0]!.previousElementSibling?.matches('[data-quiz="assessment"]')).toBe(true);
  });

  it("one-at-a-time: a step per question with Previous/Next where they lead somewhere, Submit in the last", () => {
    const dir = scratch.copyContent("content");
    fs.appendFileSync(path.join(dir, "course.yaml"), "\nassessmentLayout: one-at-a-time\n");
    const c = loadCourse(dir);
    const n = c.assessment!.questions.length;
    const doc = render(c);
    const steps = [...doc.querySelectorAll('[data-stepped="assessment"] [data-step]')];
    expect(steps.map((s) => s.getAttribute("data-step"))).toEqual(Array.from({ length: n }, (_, i) => String(i)));
    const buttons = steps.map((s) => [...s.querySelectorAll("button[data-cw]")].map((b) => `${b.getAttribute("data-cw")}:${b.getAttribute("data-to") ?? ""}`));
    expect(buttons[0]).toEqual(["step-question:1"]);
    expect(buttons[1]).toEqual(["step-question:0", "step-question:2"]);
    expect(buttons[n - 1]).toEqual([`step-question:${n - 2}`, "submit-assessment:"]);
    expect(doc.querySelectorAll("[data-cw=submit-assessment]")).toHaveLength(1);
    // Knowledge checks stay on one page.
    expect(doc.querySelectorAll("[data-stepped]")).toHaveLength(1);
  });

  it("refuses an unknown layout with the line in course.yaml", () => {
    const dir = scratch.copyContent("bad");
    fs.appendFileSync(path.join(dir, "course.yaml"), "\nassessmentLayout: one-per-page\n");
    const lines = fs.readFileSync(path.join(dir, "course.yaml"), "utf8").split("\n");
    expect(() => loadCourse(dir)).toThrow(new RegExp(`course\\.yaml:${lines.indexOf("assessmentLayout: one-per-page") + 1}:.*assessmentLayout.*all-questions.*one-at-a-time`));
  });
});

describe.skipIf(!chromiumAvailable)("assessment one question at a time", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false\nassessmentLayout: one-at-a-time", player: true });

  it("steps through the questions, refuses a gap by going to it, resumes where answers stop, reviews all after submitting", async () => {
    const { course, browser } = played;
    const questions = course.assessment!.questions;
    const n = questions.length;
    const log = new AxeLog();
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(played.playerUrl);
    let frame = await contentFrame(page);
    let learner = new BrowserLearner(frame, course);
    await learner.open("assessment", "assessment");

    expect(await visibleCards(frame)).toEqual([0]);
    expect(await frame.locator(`${card(0)} legend`).textContent()).toContain(`Question 1 of ${n}`);
    expect(await frame.locator('[data-cw="step-question"]:visible').allTextContents()).toEqual(["Next question"]);
    expect(await frame.locator("[data-cw=submit-assessment]").isVisible()).toBe(false);
    await log.check(page, "assessment one at a time, first question");

    // Answer the first, move on: the next question shows and has focus (its legend is what a screen reader reads).
    // By keyboard: Enter on Next, then Tab goes into the question now shown (hidden ones take no focus).
    await learner.answer("assessment", 0, questions[0]!, true);
    await frame.locator('[data-cw="step-question"]:visible').focus();
    await page.keyboard.press("Enter");
    expect(await visibleCards(frame)).toEqual([1]);
    expect(await focusedCard(frame)).toBe("1");
    await page.keyboard.press("Tab");
    expect(await focusedCard(frame)).toBe("1");
    await frame.click('[data-cw="step-question"]:visible >> text=Previous question');
    expect(await visibleCards(frame)).toEqual([0]);
    expect(await frame.locator(card(0)).getAttribute("data-state")).toBe("answered");

    // Straight to the end, leaving questions 2…n unanswered: Submit is there, and it is refused by going to question 2.
    for (let i = 0; i < n - 1; i++) await frame.click('[data-cw="step-question"]:visible >> text=Next question');
    expect(await visibleCards(frame)).toEqual([n - 1]);
    expect(await frame.locator(`${card(n - 1)} legend`).textContent()).toContain(`Question ${n} of ${n}`);
    await log.check(page, "assessment one at a time, last question with Submit");
    await frame.click("[data-cw=submit-assessment]");
    expect(await visibleCards(frame)).toEqual([1]);
    expect(await focusedCard(frame)).toBe("1");
    expect(await frame.locator(`${card(1)} [data-problem]`).isVisible()).toBe(true);
    expect(await frame.locator("[data-cw=results]").isVisible()).toBe(false);
    await log.check(page, "assessment one at a time, refused submission");

    // Answer the second, leave: the next launch opens the assessment at question 3 with both answers kept.
    await learner.answer("assessment", 1, questions[1]!, false);
    await frame.click('[data-cw="step-question"]:visible >> text=Next question');
    await page.reload();
    frame = await contentFrame(page);
    learner = new BrowserLearner(frame, course);
    await learner.open("assessment", "assessment");
    expect(await visibleCards(frame)).toEqual([2]);
    expect(await frame.locator(card(0)).getAttribute("data-state")).toBe("answered");
    expect(await frame.locator(card(1)).getAttribute("data-state")).toBe("answered");

    // Answer the rest one at a time (wrongly: this attempt fails) and submit from the last: every question is
    // shown for review, no step buttons.
    for (let i = 2; i < n; i++) {
      expect(await visibleCards(frame)).toEqual([i]);
      await learner.answer("assessment", i, questions[i]!, false);
      if (i < n - 1) await frame.click('[data-cw="step-question"]:visible >> text=Next question');
    }
    await learner.submitAssessment();
    expect(await visibleCards(frame)).toEqual(questions.map((_, i) => i));
    expect(await frame.locator('[data-cw="step-question"]:visible').count()).toBe(0);
    await log.check(page, "assessment one at a time, submitted: all questions for review");

    // The retake starts again at question 1, with its focus.
    await frame.click("[data-cw=retake]");
    expect(await visibleCards(frame)).toEqual([0]);
    expect(await focusedCard(frame)).toBe("0");
    await page.close();
    expect(log.states).toHaveLength(4);
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});
