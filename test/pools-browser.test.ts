// Question pools in real Chromium (issue #12 §2): the course with the fixture pool (test/fixtures/pool, 2 of
// each of 3 tags) in place of its assessment, inside the LMS-like player with scorm-again as the LMS. Attempt
// 1 shows the 6 questions its seed draws, numbered 1…6 of 6; a reload shows the same ones with their answers;
// a failed attempt's retake draws another set; the LMS's interactions name the drawn questions only, and the
// score is of their points; one at a time, Previous/Next and Submit follow the draw; axe finds nothing. SCORM
// 2004, TinCan and cmi5 (against the development LRS) record the drawn questions only as well.
import fs from "node:fs";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import type { RuntimeQuiz } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { drawn } from "../src/runtime/core/draw.js";
import { decodeState } from "../src/runtime/core/state-codec.js";
import { AxeLog, formatFindings } from "./helpers/a11y-axe.js";
import { launchChromium } from "../src/verify/browser.js";
import { verifyPackage } from "../src/verify/verify.js";
import { BrowserLearner, CHROMIUM_PATH, chromiumAvailable, contentFrame } from "./helpers/browser.js";
import { enterCourseIn } from "./helpers/course-entry.js";
import { REPO_ROOT } from "./helpers/content-fixture.js";
import { until } from "./helpers/wait.js";
import { playedCourse, type PlayedCourse } from "./helpers/played-course.js";

const POOL = path.join(REPO_ROOT, "test", "fixtures", "pool", "assessment.yaml");
const usePool = (dir: string): void => fs.copyFileSync(POOL, path.join(dir, "assessment.yaml"));
const QUIZ = "assessment";

interface Cmi12 {
  cmi: {
    suspend_data: string;
    core: { lesson_status: string; score: { raw: string } };
    interactions: Record<string, { id: string; result: string; weighting: string }>;
  };
}
const lmsCmi = (page: Page): Promise<Cmi12> => page.evaluate(() => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi() as Cmi12);

/** The assessment's attempt seed, read back from the suspend_data the LMS holds with the runtime's own codec. */
async function lmsSeed(page: Page, played: PlayedCourse): Promise<number> {
  const data = runtimeCourse(played.course, planUnits(played.course, false)[0]!);
  return decodeState(data, (await lmsCmi(page)).cmi.suspend_data)!.quizzes[QUIZ]!.seed;
}

/** Indexes of the assessment questions that show, in page order, and their numbers as the learner reads them. */
const visibleQuestions = (frame: Frame): Promise<{ index: number; number: string }[]> =>
  frame.$$eval(`[data-quiz="${QUIZ}"]`, (cards) =>
    cards.filter((c) => (c as HTMLElement).offsetParent !== null || (c as HTMLElement).getClientRects().length > 0).map((c) => ({
      index: Number(c.getAttribute("data-question")),
      number: c.querySelector(".cw-question__number")?.textContent ?? "",
    })),
  );

function pooledQuiz(played: PlayedCourse): RuntimeQuiz {
  const course = played.course;
  return runtimeCourse(course, planUnits(course, false)[0]!).quizzes[QUIZ]!;
}

/** A new tab on the player, the course entered and its assessment open, with the attempt's draw. */
async function openAssessment(played: PlayedCourse): Promise<{ page: Page; frame: Frame; learner: BrowserLearner; draw: number[] }> {
  const page = await played.browser.newPage();
  await page.goto(played.playerUrl);
  const frame = await contentFrame(page);
  const learner = new BrowserLearner(frame, played.course);
  await learner.open("assessment", "assessment");
  return { page, frame, learner, draw: drawn(pooledQuiz(played), await lmsSeed(page, played)) };
}

describe.skipIf(!chromiumAvailable)("a question pool in Chromium, all questions on the page (SCORM 1.2)", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false", edit: usePool, player: true });

  it("draws per attempt, keeps the draw and its answers on reload, records and scores the drawn questions only", async () => {
    const { course, browser } = played;
    const quiz = pooledQuiz(played);
    const questions = course.assessment!.questions;
    const log = new AxeLog();
    browser.problems.length = 0;
    const opened = await openAssessment(played);
    const { page, draw: draw1 } = opened;
    let { frame, learner } = opened;
    const seed1 = await lmsSeed(page, played);
    expect(draw1).toHaveLength(6);
    expect(await visibleQuestions(frame)).toEqual(draw1.map((index, k) => ({ index, number: `Question ${k + 1} of 6` })));
    await log.check(page, "pooled assessment, attempt 1");

    // Half answered (the first three drawn: wrong, right, right), then the page reloads.
    for (const [k, i] of draw1.slice(0, 3).entries()) await learner.answer(QUIZ, i, questions[i]!, k > 0);
    await page.reload();
    frame = await contentFrame(page);
    learner = new BrowserLearner(frame, course);
    await learner.open("assessment", "assessment");
    expect(await lmsSeed(page, played)).toBe(seed1);
    expect((await visibleQuestions(frame)).map((v) => v.index)).toEqual(draw1);
    const states = await frame.$$eval(`[data-quiz="${QUIZ}"]`, (cards) => cards.map((c) => c.getAttribute("data-state")));
    draw1.forEach((i, k) => expect(states[i], questions[i]!.id).toBe(k < 3 ? "answered" : "unanswered"));

    // Submitting now is refused, naming the first question without an answer by its number in the draw (4).
    await frame.click("[data-cw=submit-assessment]");
    await frame.locator("[data-cw=live]", { hasText: "Question 4 has no answer yet" }).waitFor({ state: "attached" });
    expect(await frame.locator(`[data-quiz="${QUIZ}"][data-question="${draw1[3]}"] [data-problem]`).isVisible()).toBe(true);
    expect(await frame.locator(`[data-quiz="${QUIZ}"] [data-problem]:visible`).count()).toBe(3);
    // The rest right but the last: 4 of 6 right, a fail (pass mark 80%).
    for (const [k, i] of draw1.entries()) if (k >= 3) await learner.answer(QUIZ, i, questions[i]!, k < 5);
    await learner.submitAssessment();
    let cmi = (await lmsCmi(page)).cmi;
    const ids1 = Object.values(cmi.interactions).map((x) => x.id);
    expect(ids1).toEqual(draw1.map((i) => `assessment-${questions[i]!.id}`));
    const points = (set: readonly number[], right: (k: number) => boolean): number =>
      Math.round((set.filter((_, k) => right(k)).reduce((n, i) => n + questions[i]!.points, 0) / set.reduce((n, i) => n + questions[i]!.points, 0)) * 10000) / 100;
    expect(Number(cmi.core.score.raw)).toBe(points(draw1, (k) => k > 0 && k < 5));
    expect(cmi.core.lesson_status).not.toBe("passed");
    await log.check(page, "pooled assessment, failed");

    // The retake draws another set, numbered afresh; all right passes, recorded as the second six interactions.
    await frame.click("[data-cw=retake]");
    const draw2 = drawn(quiz, await lmsSeed(page, played));
    expect(String(draw2)).not.toBe(String(draw1));
    expect(await visibleQuestions(frame)).toEqual(draw2.map((index, k) => ({ index, number: `Question ${k + 1} of 6` })));
    for (const i of draw2) await learner.answer(QUIZ, i, questions[i]!, true);
    await learner.submitAssessment();
    cmi = (await lmsCmi(page)).cmi;
    const ids = Object.values(cmi.interactions).map((x) => x.id);
    expect(ids.slice(6)).toEqual(draw2.map((i) => `assessment-${questions[i]!.id}`));
    expect(ids).toHaveLength(12);
    expect(Number(cmi.core.score.raw)).toBe(100);
    expect(cmi.core.lesson_status).toBe("passed");
    await log.check(page, "pooled assessment, passed");
    await page.close();
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
    expect(browser.problems).toEqual([]);
  });
});

describe.skipIf(!chromiumAvailable)("a question pool in Chromium, one question at a time (SCORM 1.2)", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false\nassessmentLayout: one-at-a-time", edit: usePool, player: true, files: true });

  it("passes `coursewright verify`: its learner steps through the drawn questions, fails, retakes and passes", async () => {
    // verify's own code with a step timeout for a loaded machine (the CLI's is 15 s).
    const chromium = await launchChromium(CHROMIUM_PATH);
    try {
      const report = await verifyPackage(played.pkg.zip, { browser: () => Promise.resolve(chromium), timeoutMs: 60_000 });
      expect(report.findings, JSON.stringify(report.findings)).toEqual([]);
      expect(report.exitCode).toBe(0);
      expect(report.units[0]?.journey).toContain("Pooled assessment: wrong answers (0%), retake, right answers (100%)");
    } finally {
      await chromium.close();
    }
  }, 200_000);

  it("reflows at 320 px (a drawn step and its buttons fit the width), Next by keyboard, axe clean", async () => {
    const page = await played.browser.newPage();
    await page.goto(`${played.filesUrl}index.html`);
    await enterCourseIn(page);
    await new BrowserLearner(page, played.course).open("assessment", "assessment");
    await page.setViewportSize({ width: 320, height: 700 });
    const steps = page.locator(".cw-step:visible");
    expect(await steps.count()).toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= document.documentElement.clientWidth)).toBe(true);
    // Next by keyboard: focus moves to the next drawn question, which reads its number.
    await steps.locator("[data-by='1']").focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.querySelector(".cw-question__number")?.textContent)).toBe("Question 2 of 6");
    const log = new AxeLog();
    await log.check(page, "pooled assessment one at a time, 320 px");
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
    await page.close();
  });

  it("steps through the drawn questions only, Submit with the last of them, a refused gap goes to it", async () => {
    const questions = played.course.assessment!.questions;
    const log = new AxeLog();
    const { page, frame, learner, draw } = await openAssessment(played);
    const current = async (): Promise<{ index: number; number: string }[]> => visibleQuestions(frame);
    const step = (i: number): string => `[data-step="${i}"]`;

    expect(await current()).toEqual([{ index: draw[0], number: "Question 1 of 6" }]);
    expect(await frame.locator(`${step(draw[0]!)} [data-by="-1"]`).isVisible()).toBe(false);
    await log.check(page, "pooled assessment one at a time, first question");
    // Next through the draw: each step its number; Submit only on the last.
    for (const [k, i] of draw.entries()) {
      expect(await current()).toEqual([{ index: i, number: `Question ${k + 1} of 6` }]);
      expect(await frame.locator(`${step(i)} [data-cw=submit-assessment]`).isVisible()).toBe(k === 5);
      expect(await frame.locator(`${step(i)} [data-by="1"]`).isVisible()).toBe(k < 5);
      if (k > 0) await learner.answer(QUIZ, i, questions[i]!, true);
      if (k < 5) await frame.click(`${step(i)} [data-by="1"]`);
    }
    await log.check(page, "pooled assessment one at a time, last question");
    // The first drawn question has no answer: Submit goes back to it.
    await frame.click(`${step(draw[5]!)} [data-cw=submit-assessment]`);
    expect((await current()).map((v) => v.index)).toEqual([draw[0]]);
    await frame.click(`${step(draw[0]!)} [data-by="1"]`);
    await frame.click(`${step(draw[1]!)} [data-by="-1"]`);
    expect((await current()).map((v) => v.index)).toEqual([draw[0]]);
    await learner.answer(QUIZ, draw[0]!, questions[draw[0]!]!, true);
    for (let k = 0; k < 5; k++) await frame.click(`${step(draw[k]!)} [data-by="1"]`);
    await frame.click(`${step(draw[5]!)} [data-cw=submit-assessment]`);
    await frame.locator("[data-cw=results]").waitFor({ state: "visible" });
    // Review: the drawn questions only, all six.
    expect((await current()).map((v) => v.index)).toEqual(draw);
    expect(Number((await lmsCmi(page)).cmi.core.score.raw)).toBe(100);
    await log.check(page, "pooled assessment one at a time, review");
    await page.close();
    expect(log.findings, formatFindings(log.findings)).toEqual([]);
  });
});

/** The questions the page shows (a draw of the pool), answered: the first `wrong` of them wrongly; then submitted. */
async function answerDraw(played: PlayedCourse, wrong: number): Promise<{ page: Page; frame: Frame; shown: string[] }> {
  const page = await played.browser.newPage();
  await page.goto(played.playerUrl);
  const frame = await contentFrame(page);
  const learner = new BrowserLearner(frame, played.course);
  await learner.open("assessment", "assessment");
  const questions = played.course.assessment!.questions;
  const visible = (await visibleQuestions(frame)).map((v) => v.index);
  expect(visible).toHaveLength(6);
  for (const [k, i] of visible.entries()) await learner.answer(QUIZ, i, questions[i]!, k >= wrong);
  await learner.submitAssessment();
  return { page, frame, shown: visible.map((i) => questions[i]!.id) };
}

describe.skipIf(!chromiumAvailable)("a question pool in Chromium, SCORM 2004 (scorm-again Scorm2004API)", () => {
  const played = playedCourse({ courseYaml: "requireSessions: false", edit: usePool, player: true, target: "scorm2004" });

  it("records an interaction for each drawn question only, and the score of their points", async () => {
    const { page, shown } = await answerDraw(played, 1);
    const cmi = (await page.evaluate(() => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi())) as {
      cmi: { interactions: Record<string, { id: string; objectives: Record<string, { id: string }> }>; score: { scaled: string } };
    };
    const interactions = Object.values(cmi.cmi.interactions).filter((x) => typeof x === "object" && x !== null && "id" in x);
    expect(interactions.map((x) => x.id)).toEqual(shown.map((id) => `assessment-${id}`));
    const questions = played.course.assessment!.questions;
    const points = (ids: readonly string[]): number => ids.reduce((n, id) => n + questions.find((q) => q.id === id)!.points, 0);
    expect(Number(cmi.cmi.score.scaled)).toBeCloseTo(points(shown.slice(1)) / points(shown), 4);
    await page.close();
  });
});

describe.skipIf(!chromiumAvailable).each(["tincan", "cmi5"])("a question pool in Chromium, %s (the development LRS)", (target) => {
  const played = playedCourse({ courseYaml: "requireSessions: false", edit: usePool, player: true, target, lrs: true });

  it("sends an 'answered' statement for each drawn question only, every pool question in the activity table", async () => {
    const { page, shown } = await answerDraw(played, 0);
    const answered = async (): Promise<string[]> => {
      const feed = (await (await fetch(new URL("/__cw/statements", played.playerUrl))).json()) as { statements: { verb: { id: string }; object: { id: string } }[] };
      return feed.statements.filter((s) => s.verb.id.endsWith("/answered")).map((s) => s.object.id.split("/question/assessment/")[1] ?? "");
    };
    // The statements reach the LRS through the runtime's queue: wait until six have landed, and name the shown questions.
    const ids = await until(async () => {
      const got = await answered();
      return got.length >= shown.length && got;
    }, "six 'answered' statements");
    expect(ids.sort()).toEqual([...shown].sort());
    const table = await page.frames()[1]!.evaluate(() => (JSON.parse(document.getElementById("cw-data")!.textContent ?? "{}") as { adapter: Record<string, unknown> }).adapter);
    for (const q of played.course.assessment!.questions) expect(Object.keys(table), q.id).toContain(`assessment#${q.id}`);
    await page.close();
  });
});
