// The learner's start and finish in real Chromium, scorm-again's Scorm12API as `window.API` in the parent
// frame (as Moodle nests the SCO) with a learner name: the cover (sessions, status, time, requirements,
// Start / Resume), the assessment locked until the sessions are complete, the completion page when passed
// (score, certificate with the LMS's learner name) and after the last failed attempt, axe in each state,
// and a keyboard-only learner from the cover to a page and on to the completion page.
import type { Frame, Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import type { Course } from "../src/model/course.js";
import { formatFindings, runAxe, type AxeFinding } from "./helpers/a11y-axe.js";
import { BrowserLearner, chromiumAvailable, type Browser } from "./helpers/browser.js";
import { launchNamed, relaunchData } from "./helpers/named-lms-frame.js";
import { playedCourse } from "./helpers/played-course.js";
import { KeyboardLearner } from "./helpers/keyboard-learner.js";
import { completeSessions } from "./helpers/learner-steps.js";

// The real course with its certificate on (course.yaml `certificate: true`).
const played = playedCourse({ courseYaml: "certificate: true", files: true });
let browser: Browser;
let course: Course;
beforeAll(() => {
  if (chromiumAvailable) ({ browser, course } = played);
});

async function launch(page: Page, stored?: unknown): Promise<Frame> {
  if (!stored) await page.goto(`${played.filesUrl}lms.html`);
  return launchNamed(page, stored ?? null);
}

/** axe on the course's frame (runAxe takes a Page and only evaluates in it: a Frame does the same). */
async function axe(log: AxeFinding[], frame: Frame, state: string): Promise<void> {
  const outcome = await runAxe(frame as unknown as Page, state);
  expect(outcome.passes, state).toBeGreaterThan(0);
  log.push(...outcome.violations);
}
const texts = (frame: Frame, sel: string): Promise<string> => frame.locator(sel).innerText();

describe.skipIf(!chromiumAvailable)("cover and completion pages in Chromium", () => {
  it("cover: sessions with status, time, requirements, Start to page 1, then Resume where you left off", async () => {
    const log: AxeFinding[] = [];
    const page = await browser.newPage();
    let frame = await launch(page);
    const cover = frame.locator("#cw-cover");
    expect(await cover.isVisible()).toBe(true);
    expect(await frame.locator("[data-page]:visible").count()).toBe(0);
    const text = await cover.innerText();
    expect(text).toContain(course.title);
    expect(text).toMatch(/Time: About \d+ (hour|minute)/);
    expect(text).toContain(`score at least ${course.masteryScore}%`);
    expect(text).toContain(`You have ${course.maxAttempts} attempts`);
    expect(text).toContain("opens once every session is complete");
    for (const [i, s] of course.sessions.entries()) expect(text).toContain(`Session ${i + 1}: ${s.title}`);
    expect(await texts(frame, "#cw-cover [data-session-status='0']")).toBe("Not started");
    expect(await texts(frame, `#cw-cover [data-session-status='${course.sessions.length}']`)).toMatch(/Locked/);
    await axe(log, frame, "cover, first launch");

    await frame.click("[data-cw=start]");
    const learner = new BrowserLearner(frame, course);
    expect(await learner.here()).toBe(`${course.sessions[0]?.id}-${course.sessions[0]?.pages[0]?.id}`);
    await learner.next();
    await learner.next();
    const title = (await frame.locator("[data-page]:visible h1").innerText()).trim();
    const stored = await relaunchData(page);

    frame = await launch(page, stored);
    expect(await frame.locator("#cw-cover").isVisible()).toBe(true);
    expect(await frame.locator("[data-cw=start]").isVisible()).toBe(false);
    expect((await texts(frame, "[data-cw=resume]")).trim()).toBe(`Resume where you left off: ${title}`);
    expect(await texts(frame, "#cw-cover [data-session-status='0']")).toMatch(/Complete/);
    await axe(log, frame, "cover, resume");
    await frame.click("[data-cw=resume]");
    expect((await frame.locator("[data-page]:visible h1").innerText()).trim()).toBe(title);
    expect(formatFindings(log)).toBe("");
    await page.close();
  }, 120_000);

  it("assessment locked until the sessions are complete; completion page with score and certificate in the LMS's learner name", async () => {
    const log: AxeFinding[] = [];
    const page = await browser.newPage();
    const frame = await launch(page);
    await frame.click("[data-cw=start]");
    const learner = new BrowserLearner(frame, course);
    await learner.open("assessment", "assessment");
    expect(await frame.locator("[data-cw=locked]").isVisible()).toBe(true);
    expect(await frame.locator("[data-cw=submit-assessment]").isVisible()).toBe(false);
    expect(await frame.locator("[data-quiz=assessment]").first().isVisible()).toBe(false);
    expect(await frame.locator("[data-cw=locked] li:visible").count()).toBe(course.sessions.length - 1); // session 1 is done
    await axe(log, frame, "assessment locked");

    await completeSessions(learner, course);
    await learner.open("assessment", "assessment");
    expect(await frame.locator("[data-cw=locked]").isVisible()).toBe(false);
    await learner.takeAssessment(0);
    await frame.locator("[data-cw=results] [data-cw=result-status]").filter({ hasText: /^Passed/ }).waitFor();
    await learner.next();
    const done = frame.locator("#cw-done");
    expect(await done.isVisible()).toBe(true);
    expect((await texts(frame, "#cw-done h1")).trim()).toBe("You have completed the course");
    expect(await texts(frame, "[data-cw=done-score]")).toBe("100%");
    expect(await texts(frame, "[data-cw=done-sessions]")).toBe(`${course.sessions.length} of ${course.sessions.length}`);
    expect(await frame.locator(".cw-certificate").isVisible()).toBe(true);
    expect(await texts(frame, "[data-cw=learner-name]")).toBe("Jane Doe");
    expect(await texts(frame, ".cw-certificate__sheet")).toContain(course.title);
    expect(await frame.title()).toMatch(/^You have completed the course – /);
    await axe(log, frame, "completion, passed, certificate");
    // Printing shows the certificate alone.
    await page.emulateMedia({ media: "print" });
    expect(await frame.locator(".cw-certificate__sheet").isVisible()).toBe(true);
    expect(await frame.locator(".cw-done > h1").isVisible()).toBe(false);
    expect(await frame.locator("[data-cw=print]").isVisible()).toBe(false);
    await page.emulateMedia({ media: "screen" });
    // Exit from the completion page ends visibly.
    await frame.click("[data-cw=exit]");
    expect(await frame.locator("[data-cw=exit-screen]").isVisible()).toBe(true);
    expect(formatFindings(log)).toBe("");
    await page.close();
  }, 300_000);

  it("after the last failed attempt the completion page says what that means and what to do next", async () => {
    const log: AxeFinding[] = [];
    const page = await browser.newPage();
    const frame = await launch(page);
    await frame.click("[data-cw=start]");
    const learner = new BrowserLearner(frame, course);
    await completeSessions(learner, course);
    await learner.open("assessment", "assessment");
    for (let i = 0; i < course.maxAttempts; i++) {
      if (i) await frame.click("[data-cw=retake]");
      await learner.takeAssessment(course.assessment?.questions.length ?? 0);
    }
    await frame.click("#cw-menu a[href='#cw-done']");
    expect((await texts(frame, "#cw-done h1")).trim()).toBe("Assessment not passed");
    expect(await texts(frame, "#cw-done")).toMatch(/used every attempt.*contact your course provider/s);
    expect(await frame.locator(".cw-certificate").isVisible()).toBe(false);
    expect(await frame.locator("#cw-done li:visible").count()).toBe(0);
    await axe(log, frame, "completion, every attempt failed");
    expect(formatFindings(log)).toBe("");
    await page.close();
  }, 300_000);

  it("keyboard only: cover → Start → a page → the completion page", async () => {
    const page = await browser.newPage();
    const frame = await launch(page);
    const kb = new KeyboardLearner(page, frame, course);
    await kb.press("[data-cw=start]");
    expect(await kb.here()).toBe(`${course.sessions[0]?.id}-${course.sessions[0]?.pages[0]?.id}`);
    expect(await frame.evaluate(() => document.activeElement?.tagName)).toBe("H1");
    await kb.next();
    await kb.press("#cw-menu a[href='#cw-done']");
    expect(await frame.locator("#cw-done").isVisible()).toBe(true);
    expect(await frame.evaluate(() => document.activeElement?.id)).toBe("cw-done-title");
    expect((await texts(frame, "#cw-done h1")).trim()).toBe("Not finished yet");
    // What is left links to the session: Enter on it opens its first page.
    const s3 = course.sessions[2];
    await kb.press(`#cw-done a[href='#page-${s3?.id}-${s3?.pages[0]?.id}']`);
    expect(await kb.here()).toBe(`${s3?.id}-${s3?.pages[0]?.id}`);
    await page.close();
  }, 180_000);
});
