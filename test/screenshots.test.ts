// The README's screenshots, taken from the built Peer Support course in Chromium with scorm-again's
// Scorm12API as the LMS: the cover, a content page, a question checked wrong with its feedback, the results
// of a failed attempt and the completion page — desktop and phone, light and dark. Each shot first checks
// that the page is in the state the picture claims. `UPDATE_SCREENSHOTS=1 npx vitest run test/screenshots`
// writes them to docs/screenshots/; otherwise they go to a temporary folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Course } from "../src/model/course.js";
import { BrowserLearner, chromiumAvailable, type Browser } from "./helpers/browser.js";
import { completeSessions } from "./helpers/learner-steps.js";
import { launchNamed, relaunchData } from "./helpers/named-lms-frame.js";
import { playedCourse } from "./helpers/played-course.js";

const OUT = process.env.UPDATE_SCREENSHOTS ? path.resolve("docs", "screenshots") : fs.mkdtempSync(path.join(os.tmpdir(), "cw-shots-"));

const DEVICES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
const SCHEMES = ["light", "dark"] as const;

const played = playedCourse({ courseYaml: "certificate: true", files: true });
let browser: Browser;
let course: Course;
beforeAll(() => {
  if (chromiumAvailable) ({ browser, course } = played);
  fs.mkdirSync(OUT, { recursive: true });
});
afterAll(() => {
  if (!process.env.UPDATE_SCREENSHOTS) fs.rmSync(OUT, { recursive: true, force: true });
});

/** Opens a menu link, through the drawer on a phone. */
async function viaMenu(frame: Frame, href: string): Promise<void> {
  const toggle = frame.locator("[data-cw=menu-toggle]");
  if ((await toggle.isVisible()) && (await toggle.getAttribute("aria-expanded")) !== "true") await toggle.click();
  await frame.click(`#cw-menu a[href="${href}"]`);
}

/** The whole story once (desktop, light): the saved states after a failed attempt and after the pass. */
async function playOnce(page: Page): Promise<{ failed: unknown; passed: unknown }> {
  const frame = await launchNamed(page, null);
  await frame.click("[data-cw=start]");
  const learner = new BrowserLearner(frame, course);
  await completeSessions(learner, course);
  await learner.open("assessment", "assessment");
  await learner.takeAssessment(4);
  const failed = await relaunchData(page);
  await frame.click("[data-cw=retake]");
  await learner.takeAssessment(0);
  return { failed, passed: await relaunchData(page) };
}

describe.skipIf(!chromiumAvailable)("README screenshots", () => {
  it("cover, content page, a question checked wrong, results and completion — desktop and phone, light and dark", async () => {
    const page = await browser.newPage();
    await page.goto(`${played.filesUrl}lms.html`);
    const states = await playOnce(page);
    const backgrounds = new Map<string, string>();
    const shot = async (frame: Frame, name: string, device: string, scheme: string): Promise<void> => {
      const file = path.join(OUT, `${name}-${device}-${scheme}.png`);
      await frame.evaluate(() => new Promise((r) => requestAnimationFrame(() => r(null))));
      await page.screenshot({ path: file, type: "png" });
      expect(fs.statSync(file).size, file).toBeGreaterThan(5_000);
    };
    const s10 = course.sessions.find((s) => s.check?.questions.some((q) => q.type === "single-choice"));
    const wrongIndex = s10?.check?.questions.findIndex((q) => q.type === "single-choice") ?? -1;
    const s10check = s10?.check;
    if (!s10 || !s10check || wrongIndex < 0) throw new Error("no session with a single-choice check");
    const figurePage = course.sessions.flatMap((s) => s.pages.map((p) => ({ s, p }))).find(({ p }) => Object.keys(p.assetRefs).length > 0);
    if (!figurePage) throw new Error("no page with a figure");

    for (const [device, size] of Object.entries(DEVICES)) {
      for (const scheme of SCHEMES) {
        await page.setViewportSize(size);
        await page.emulateMedia({ colorScheme: scheme });
        // A first launch: the cover, a page with a figure, a knowledge-check question answered wrong.
        let frame = await launchNamed(page, null);
        // Waited for, not sampled: on a loaded machine the cover can be shown a moment after the progress text.
        await frame.locator("#cw-cover").waitFor({ state: "visible", timeout: 10_000 });
        backgrounds.set(`${device}-${scheme}`, await frame.evaluate(() => getComputedStyle(document.body).backgroundColor));
        await shot(frame, "cover", device, scheme);
        await frame.click("[data-cw=start]");
        const learner = new BrowserLearner(frame, course);
        await viaMenu(frame, `#page-${figurePage.s.id}-${figurePage.p.id}`);
        await frame.locator("[data-page]:visible figure").scrollIntoViewIfNeeded();
        await frame.evaluate(() => window.scrollTo(0, 0));
        await shot(frame, "page", device, scheme);
        await viaMenu(frame, `#page-${s10.id}-check`);
        const q = s10check.questions[wrongIndex];
        if (!q) throw new Error("no question");
        await learner.answer(s10check.id, wrongIndex, q, false);
        await learner.check(s10check.id, wrongIndex);
        const card = frame.locator(`[data-quiz="${s10check.id}"][data-question="${wrongIndex}"]`);
        expect(await card.getAttribute("data-state")).toBe("incorrect");
        expect(await card.locator("[data-feedback=incorrect]").isVisible()).toBe(true);
        await card.evaluate((el) => {
          el.scrollIntoView({ block: "start" });
          window.scrollBy(0, -24);
        });
        await shot(frame, "question-wrong", device, scheme);
        // The results of a failed attempt, resumed from the saved state.
        frame = await launchNamed(page, states.failed);
        await frame.click("[data-cw=resume]");
        await viaMenu(frame, "#page-assessment-assessment");
        const results = frame.locator("[data-cw=results]");
        expect(await results.isVisible()).toBe(true);
        expect(await results.locator("[data-cw=result-status]").innerText()).toMatch(/Not passed/);
        await results.evaluate((el) => el.scrollIntoView({ block: "start" }));
        await shot(frame, "results", device, scheme);
        // The completion page after the pass, with its certificate.
        frame = await launchNamed(page, states.passed);
        await frame.click("[data-cw=resume]");
        await viaMenu(frame, "#cw-done");
        expect((await frame.locator("#cw-done h1").innerText()).trim()).toBe("You have completed the course");
        await frame.evaluate(() => window.scrollTo(0, 0));
        await shot(frame, "completion", device, scheme);
      }
    }
    // Dark mode follows the system setting (the course's theme says `mode: auto`).
    expect(backgrounds.get("desktop-dark")).not.toBe(backgrounds.get("desktop-light"));
    expect(backgrounds.get("phone-dark")).toBe(backgrounds.get("desktop-dark"));
    await page.close();
  }, 600_000);
});
