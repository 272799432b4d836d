// Questions in real Chromium (issue #10 §2): the SCORM 1.2 package inside the LMS-like player (scorm-again's
// Scorm12API in the parent frame) shows options in its attempt's order, keeps it on reload, records option
// ids; the default showAnswers (after-last-attempt) keeps the key back until the last attempt; knowledge
// checks mark and finish; duplicates and an untouched sequence are flagged; axe finds nothing in any state.
import type { Frame, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Course } from "../src/model/course.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { shownOrder } from "../src/runtime/core/shuffle.js";
import { AxeLog, formatFindings } from "./helpers/a11y-axe.js";
import { BrowserLearner, chromiumAvailable, contentFrame, type Browser } from "./helpers/browser.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { playedCourse } from "./helpers/played-course.js";

interface Cmi {
  cmi: { suspend_data: string; interactions: Record<string, { id: string; student_response: string }> };
}
const lmsCmi = (page: Page): Promise<Cmi> => page.evaluate(() => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi() as Cmi);
const identity = (order: readonly number[]): boolean => order.every((v, i) => v === i);
const KEY_WORDS = /Correct answer|Correct match:|It belongs at position|Accepted answer:/;

describe.skipIf(!chromiumAvailable)("questions in Chromium", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false", player: true, files: true });
  let course: Course;
  let data: RuntimeCourse;
  let browser: Browser;
  beforeAll(() => {
    ({ course, browser } = played);
    data = runtimeCourse(course, planUnits(course, false)[0]!);
  });

  const quizId = "assessment";
  const root = (i: number, id = quizId): string => `[data-quiz="${id}"][data-question="${i}"]`;
  /** Authored indexes in the order shown (matching: the first select's targets). */
  const shownOrders = (frame: Frame | Page): Promise<number[][]> =>
    frame.$$eval(`[data-quiz="${quizId}"]`, (cards) =>
      cards.map((card) =>
        card.getAttribute("data-type") === "matching"
          ? [...card.querySelectorAll("select[data-source='0'] option:not([value=''])")].map((o) => Number((o as HTMLOptionElement).value))
          : [...card.querySelectorAll("[data-row]")].map((r) => Number(r.getAttribute("data-row"))),
      ),
    );
  const keyCount = (frame: Frame | Page): Promise<number> =>
    frame.$$eval(`[data-quiz="${quizId}"]`, (cards, re) => cards.filter((c) => c.querySelector("[data-result=key]") || new RegExp(re).test(c.textContent ?? "")).length, KEY_WORDS.source);

  it("shows the attempt's order, keeps it on reload, records ids; the key only after the last attempt", async () => {
    browser.problems.length = 0;
    const page = await browser.newPage();
    await page.goto(played.playerUrl);
    let frame = await contentFrame(page);
    let learner = new BrowserLearner(frame, course);
    await learner.open("assessment", "assessment");
    const header = (await lmsCmi(page)).cmi.suspend_data.split("|")[4]!.split(";").at(-1)!.split(":")[0]!;
    const seed = Number.parseInt(header.split(".")[4]!, 36);
    const quiz = data.quizzes[quizId]!;
    const first = await shownOrders(frame);
    quiz.questions.forEach((q, i) => {
      if (q.shuffle) expect(first[i], q.id).toEqual(shownOrder(q.options.length, seed, q.id, q.type === "sequencing"));
      else expect(identity(first[i]!), q.id).toBe(true);
    });
    expect(first.filter((o) => !identity(o)).length).toBeGreaterThan(2);

    await page.reload();
    frame = await contentFrame(page);
    learner = new BrowserLearner(frame, course);
    await learner.open("assessment", "assessment");
    expect(await shownOrders(frame)).toEqual(first);
    expect(await keyCount(frame)).toBe(0);

    await learner.takeAssessment(quiz.questions.length); // every answer wrong
    const responses = Object.fromEntries(Object.values((await lmsCmi(page)).cmi.interactions).map((x) => [x.id.replace(/^assessment-/, ""), x.student_response]));
    course.assessment!.questions.forEach((q, i) => {
      const r = quiz.questions[i]!;
      if (q.type === "single-choice") expect(responses[r.id], r.id).toBe(r.options[q.choices.findIndex((c) => !c.correct)]);
      if (q.type === "multiple-response") expect(responses[r.id], r.id).toBe(r.options[q.choices.findIndex((c) => !c.correct)]);
      if (q.type === "matching") expect(responses[r.id], r.id).toBe(r.options.map((s, k) => `${s}.${((k + 1) % r.options.length) + 1}`).join(","));
    });
    // Failed, attempts left: every chosen option marked wrong, visibly, and no key anywhere in the page.
    await expect(frame.locator(`${root(0)} [data-result=wrong] [data-row-mark]`).first().isVisible()).resolves.toBe(true);
    expect(await frame.locator(`[data-quiz="${quizId}"][data-state=incorrect]`).count()).toBe(quiz.questions.length);
    expect(await keyCount(frame)).toBe(0);

    for (let attempt = 2; attempt <= course.maxAttempts; attempt++) {
      await frame.click("[data-cw=retake]");
      expect(await frame.locator(`[data-quiz="${quizId}"] [data-result]`).count()).toBe(0);
      await learner.takeAssessment(quiz.questions.length);
    }
    expect(await frame.locator("[data-cw=result-status]").textContent()).toContain("used all your attempts");
    expect(await keyCount(frame)).toBeGreaterThan(quiz.questions.length / 2);
    await expect(frame.locator(`[data-quiz="${quizId}"] [data-result=key] [data-row-mark]`).first().isVisible()).resolves.toBe(true);
    await page.close();
    expect(browser.problems).toEqual([]);
  });

  it("checks, duplicates and an untouched sequence, with axe clean in every state", async () => {
    const page = await browser.newPage();
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${played.filesUrl}index.html`);
    await enterCourseIn(page);
    const learner = new BrowserLearner(page, course);
    const log = new AxeLog();
    const session = course.sessions.find((s) => s.check?.questions.some((q) => q.type === "matching"))!;
    const check = session.check!;
    await learner.open(session.id, "check");
    await log.check(page, "knowledge check, unanswered");
    const i = check.questions.findIndex((q) => q.type === "single-choice");
    await learner.answer(check.id, i, check.questions[i]!, false);
    expect(await page.getAttribute(root(i, check.id), "data-state")).toBe("answered");
    await log.check(page, "knowledge check, answered");
    await learner.check(check.id, i);
    expect(await page.getAttribute(root(i, check.id), "data-state")).toBe("incorrect");
    expect(await page.locator(`${root(i, check.id)} [data-result=wrong] [data-row-mark]`).textContent()).toBe("Your answer: incorrect");
    await log.check(page, "knowledge check, checked wrong");
    await learner.answer(check.id, i, check.questions[i]!, true);
    await learner.check(check.id, i);
    const button = page.locator(`${root(i, check.id)} [data-cw=check-answer]`);
    expect(await button.isDisabled()).toBe(true);
    expect(await button.textContent()).toBe("Answered correctly");
    await log.check(page, "knowledge check, checked right (done)");

    await learner.open("assessment", "assessment");
    const m = course.assessment!.questions.findIndex((q) => q.type === "matching");
    await page.selectOption(`${root(m)} select[data-source="0"]`, "1");
    await page.selectOption(`${root(m)} select[data-source="1"]`, "1");
    await expect(page.locator(`${root(m)} select[data-source="0"] ~ [data-dup]`).isVisible()).resolves.toBe(true);
    expect(await page.getAttribute(`${root(m)} select[data-source="1"]`, "aria-invalid")).toBe("true");
    await log.check(page, "assessment, matching duplicate flagged");

    const s = course.assessment!.questions.findIndex((q) => q.type === "sequencing");
    // Dragging an item by its text reorders the list and answers the question (the buttons stay the keyboard's way).
    const items = (): Promise<number[]> => page.$$eval(`${root(s)} [data-item]`, (els) => els.map((e) => Number((e as HTMLElement).dataset.item)));
    const before = await items();
    await page.locator(`${root(s)} [data-sequence]`).scrollIntoViewIfNeeded();
    const from = (await page.locator(`${root(s)} [data-item] .cw-sequence__text`).first().boundingBox())!;
    const to = (await page.locator(`${root(s)} [data-item]`).last().boundingBox())!;
    await page.mouse.move(from.x + 5, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(to.x + 20, to.y + to.height * 0.75, { steps: 8 });
    await page.mouse.up();
    expect(await items()).toEqual([...before.slice(1), before[0]]);
    expect(await page.getAttribute(root(s), "data-state")).toBe("answered");
    await learner.answer(quizId, s, course.assessment!.questions[s]!, true);
    expect(await items()).toEqual(before.map((_, k) => k));
    await page.reload();
    await enterCourseIn(page);
    await learner.open("assessment", "assessment");
    expect(await page.getAttribute(root(s), "data-state")).toBe("unanswered"); // untracked: nothing kept
    for (const [k, q] of course.assessment!.questions.entries()) if (k !== s) await learner.answer(quizId, k, q, k % 2 === 0);
    await page.click("[data-cw=submit-assessment]");
    await expect(page.locator(`${root(s)} [data-problem]`).isVisible()).resolves.toBe(true);
    expect(await page.locator("[data-cw=results]").isVisible()).toBe(false);
    await log.check(page, "assessment, untouched sequencing refused");
    await learner.answer(quizId, s, course.assessment!.questions[s]!, false);
    await learner.submitAssessment();
    await log.check(page, "assessment, submitted and marked (no key)");
    // On a phone: touch targets at least 44 px high (WCAG 2.1 SC 2.5.5), matching selects as wide as their row.
    await page.setViewportSize({ width: 320, height: 700 });
    const sizes = await page.$$eval(`[data-quiz="${quizId}"] :is(.cw-choice, select, [data-move])`, (els) => els.map((e) => [e.localName, e.getBoundingClientRect().height] as const));
    expect(sizes.length).toBeGreaterThan(20);
    for (const [name, h] of sizes) expect(h, name).toBeGreaterThanOrEqual(44);
    const widths = await page.$$eval(`${root(m)} select`, (els) => els.map((e) => [e.getBoundingClientRect().width, e.parentElement!.clientWidth]));
    for (const [w, row] of widths) expect(w).toBeGreaterThan(row! * 0.85);
    await page.close();
    expect(log.states).toHaveLength(7);
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
  });
});
