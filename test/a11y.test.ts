// Accessibility of the built SCORM 1.2 package in real Chromium, opened directly (no LMS: the course runs
// untracked and says so in a banner, one of the states checked).
// - axe-core checks every state a learner meets against the WCAG 2.0 and 2.1 level A and AA rules, and
//   fails on any violation (and on any text whose contrast axe could not decide);
// - a keyboard-only learner (page.keyboard: Tab, Shift+Tab, Enter, Space, arrows, Escape, typing) does
//   everything a mouse user does, with a visible focus ring at every stop;
// - focus moves to the new page's h1, feedback is announced through the aria-live region, reduced motion
//   is respected, nothing scrolls sideways at 320 px or 200 % zoom, and status colours reach 4.5:1.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Question, Quiz } from "../src/model/course.js";
import { AxeLog } from "./helpers/a11y-axe.js";
import { paintedColours, textContrastProblems } from "./helpers/a11y-contrast.js";
import { buildA11yPackage, here, horizontalOverflow, started, type A11yPackage } from "./helpers/a11y-course.js";
import { inspectFocus, KeyboardAudit } from "./helpers/a11y-keyboard.js";
import { BrowserLearner, chromiumAvailable, openBrowser, serveDir, type Browser, type StaticServer } from "./helpers/browser.js";
import { contentFixture, REAL_CONTENT } from "./helpers/content-fixture.js";

const DESKTOP = { width: 1280, height: 800 };
const NARROW = { width: 320, height: 640 };
// 200 % zoom: a 1280 × 800 window zoomed to 200 % lays the page out in 640 × 400 CSS pixels with two device
// pixels per CSS pixel (browser zoom changes the CSS-pixel viewport and devicePixelRatio, not the CSS).
// A 640 × 400 viewport with deviceScaleFactor 2 is therefore the same layout, media queries included.
const ZOOM_200 = { width: 640, height: 400 };

function assertClean(log: AxeLog): void {
  const report = log.report();
  if (report) throw new Error(`${report}\n\n(states checked: ${log.states.length})`);
}

function checksOf(pkg: A11yPackage): { sessionId: string; quiz: Quiz }[] {
  return pkg.course.sessions.flatMap((s) => (s.check ? [{ sessionId: s.id, quiz: s.check }] : []));
}

function assessmentOf(pkg: A11yPackage): Quiz {
  const quiz = pkg.course.assessment;
  if (!quiz) throw new Error("the course has an assessment");
  return quiz;
}

function questionRoot(quizId: string, index: number): string {
  return `[data-quiz="${quizId}"][data-question="${index}"]`;
}

async function headingHasFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const a = document.activeElement;
    const visible = [...document.querySelectorAll<HTMLElement>("[data-page]")].find((s) => !s.hidden);
    return a?.localName === "h1" && visible?.contains(a) ? (a.textContent ?? "").trim() : null;
  });
}

async function liveText(page: Page): Promise<string> {
  return (await page.locator("[data-cw=live]").textContent())?.trim() ?? "";
}

/** Waits until the live region says `expected` (it is emptied first, then filled, so repeats are announced). */
async function announced(page: Page, expected: string | RegExp): Promise<string> {
  const source = typeof expected === "string" ? { text: expected } : { re: expected.source, flags: expected.flags };
  await page
    .waitForFunction(
      (want) => {
        const text = (document.querySelector("[data-cw=live]")?.textContent ?? "").trim();
        return want.text !== undefined ? text === want.text : new RegExp(want.re ?? "", want.flags).test(text);
      },
      source as { text?: string; re?: string; flags?: string },
      { timeout: 5_000 },
    )
    .catch(async () => {
      throw new Error(`the live region says ${JSON.stringify(await liveText(page))}, expected ${String(expected)}`);
    });
  return liveText(page);
}

// A sweep runs axe in dozens of states (≈ 0.5 s each alone, several times that on a loaded machine).
describe.skipIf(!chromiumAvailable)("accessibility in Chromium", { timeout: 300_000 }, () => {
  let browser: Browser;
  let real: A11yPackage;
  let all: A11yPackage;
  let realSite: StaticServer;
  let allSite: StaticServer;

  beforeAll(async () => {
    [real, all] = await Promise.all([buildA11yPackage({ allTypesInChecks: false }), buildA11yPackage({ allTypesInChecks: true })]);
    realSite = await serveDir(real.dir);
    allSite = await serveDir(all.dir);
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await realSite?.close();
    await allSite?.close();
    real?.cleanup();
    all?.cleanup();
  });

  async function open(site: StaticServer, viewport: { width: number; height: number } = DESKTOP, scale = 1): Promise<Page> {
    const page = await browser.newPage();
    await page.setViewportSize(viewport);
    if (scale !== 1) {
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Emulation.setDeviceMetricsOverride", { ...viewport, deviceScaleFactor: scale, mobile: false });
    }
    await page.goto(`${site.url}index.html`);
    await started(page);
    return page;
  }

  describe("axe-core (WCAG 2.0/2.1 A + AA) in every state", () => {
    it("every page, shown in turn with Next, on desktop, with the untracked banner", async () => {
      const page = await open(realSite);
      const log = new AxeLog();
      const total = await page.locator("[data-page]").count();
      expect(await page.locator("[data-cw=banner-text]").textContent()).toMatch(/not being recorded/);
      for (let i = 0; i < total; i++) {
        await log.check(page, `desktop, page ${i + 1}/${total} (${await here(page)})`);
        if (i < total - 1) {
          await page.click("[data-cw=next]");
          await page.locator(`[data-page="${i + 1}"]`).waitFor({ state: "visible" });
        }
      }
      const expected = real.course.sessions.reduce((n, s) => n + s.pages.length + (s.check ? 1 : 0), real.course.assessment ? 1 : 0);
      expect(total).toBe(expected);
      expect(log.states).toHaveLength(total);
      await page.close();
      assertClean(log);
    });

    it("every page at 320 px; the menu open at 320 px and at 200 % zoom", async () => {
      const page = await open(realSite, NARROW);
      const log = new AxeLog();
      const total = await page.locator("[data-page]").count();
      for (let i = 0; i < total; i++) {
        await log.check(page, `320 px, page ${i + 1}/${total} (${await here(page)})`);
        if (i < total - 1) await page.click("[data-cw=next]");
      }
      await page.click("[data-cw=menu-toggle]");
      await page.locator("#cw-menu").waitFor({ state: "visible" });
      await log.check(page, "320 px, menu open");
      await page.close();
      const zoomed = await open(realSite, ZOOM_200, 2);
      await zoomed.click("[data-cw=menu-toggle]");
      await zoomed.locator("#cw-menu").waitFor({ state: "visible" });
      await log.check(zoomed, "200 % zoom, menu open");
      await zoomed.close();
      assertClean(log);
    });

    it("knowledge checks: every question type unanswered, checked without an answer, answered, checked wrong and right", async () => {
      const page = await open(allSite);
      const learner = new BrowserLearner(page, all.course);
      const log = new AxeLog();
      const types = new Set<string>();
      for (const { sessionId, quiz } of checksOf(all)) {
        await learner.open(sessionId, "check");
        const where = `check ${quiz.id}`;
        await log.check(page, `${where}: unanswered`);
        await learner.check(quiz.id, 0);
        await page.locator(`${questionRoot(quiz.id, 0)} [data-problem]`).waitFor({ state: "visible" });
        await log.check(page, `${where}: checked without an answer`);
        for (const [i, q] of quiz.questions.entries()) {
          types.add(q.type);
          await learner.answer(quiz.id, i, q, false);
        }
        await log.check(page, `${where}: answered (wrong)`);
        for (const i of quiz.questions.keys()) await learner.check(quiz.id, i);
        await log.check(page, `${where}: checked, feedback on wrong answers`);
        for (const [i, q] of quiz.questions.entries()) {
          await learner.answer(quiz.id, i, q, true);
          await learner.check(quiz.id, i);
        }
        await log.check(page, `${where}: checked, feedback on right answers`);
      }
      expect([...types].sort()).toEqual(["fill-in", "matching", "multiple-response", "sequencing", "single-choice", "true-false"]);
      await page.close();
      assertClean(log);
    });

    it("the assessment: unanswered, submitted incomplete, failed with results, retake, passed; every attempt used", async () => {
      const quiz = assessmentOf(real);
      const page = await open(realSite);
      const learner = new BrowserLearner(page, real.course);
      const log = new AxeLog();
      await learner.open("assessment", "assessment");
      await log.check(page, "assessment: unanswered");
      const [first] = quiz.questions;
      if (first) await learner.answer(quiz.id, 0, first, true);
      await page.click("[data-cw=submit-assessment]");
      await log.check(page, "assessment: submitted with unanswered questions");
      await learner.takeAssessment(4);
      await log.check(page, "assessment: submitted, failed, results screen");
      await page.click("[data-cw=retake]");
      await log.check(page, "assessment: retake");
      await learner.takeAssessment(0);
      await log.check(page, "assessment: passed, results screen");
      await page.close();

      const again = await open(realSite);
      const loser = new BrowserLearner(again, real.course);
      await loser.open("assessment", "assessment");
      for (let attempt = 1; attempt <= real.course.maxAttempts; attempt++) {
        await loser.takeAssessment(quiz.questions.length);
        if (attempt < real.course.maxAttempts) await again.click("[data-cw=retake]");
      }
      expect(await again.locator("[data-cw=result-status]").textContent()).toMatch(/used all your attempts/);
      await log.check(again, "assessment: failed, every attempt used");
      await again.close();
      assertClean(log);
    });

    it("banners: untracked and a tracking problem; the exit screen, focused", async () => {
      const page = await open(realSite);
      const log = new AxeLog();
      await log.check(page, "banner: untracked");
      // The error kind appears only when an LMS or LRS fails; give the banner that kind to check its colours.
      await page.evaluate(() => {
        const b = document.querySelector<HTMLElement>("[data-cw=banner]");
        if (b) b.dataset.kind = "error";
      });
      await log.check(page, "banner: tracking problem");
      await page.click("[data-cw=exit]");
      await page.locator("[data-cw=exit-screen]").waitFor({ state: "visible" });
      expect(await page.evaluate(() => document.activeElement?.getAttribute("data-cw"))).toBe("exit-title");
      await log.check(page, "exit screen (untracked)");
      await page.close();
      assertClean(log);
    });
  });

  describe("keyboard, focus and announcements", () => {
    it("turns pages with Tab, Shift+Tab, Enter, Space and the arrow keys; focus moves to the new page's h1", async () => {
      const page = await open(allSite);
      const kb = new KeyboardAudit(page);
      const pageIds = all.course.sessions.flatMap((s) => [...s.pages.map((p) => `${s.id}-${p.id}`), ...(s.check ? [`${s.id}-check`] : [])]);

      await kb.press("Tab");
      expect(await kb.focused("a.cw-skip")).toBe(true);
      kb.stops.push(await inspectFocus(page));
      await kb.press("Enter");
      expect(await kb.focused("#cw-main")).toBe(true);

      await kb.tabTo("[data-cw=next]");
      await kb.press("Enter");
      expect(await here(page)).toBe(pageIds[1]);
      const h1 = await headingHasFocus(page);
      expect(h1).toBeTruthy();
      expect(await page.title()).toBe(`${h1} – ${all.course.title}`);

      await kb.tabTo("[data-cw=next]");
      await kb.press("Space");
      expect(await here(page)).toBe(pageIds[2]);
      expect(await headingHasFocus(page)).toBeTruthy();

      await kb.tabTo("[data-cw=next]");
      await kb.press("Shift+Tab");
      expect(await kb.focused("[data-cw=prev]")).toBe(true);
      kb.stops.push(await inspectFocus(page));
      await kb.press("Enter");
      expect(await here(page)).toBe(pageIds[1]);
      expect(await headingHasFocus(page)).toBeTruthy();

      // With focus on the heading (not in a form control) the arrow keys turn pages.
      await kb.press("ArrowRight");
      expect(await here(page)).toBe(pageIds[2]);
      expect(await headingHasFocus(page)).toBeTruthy();
      await kb.press("ArrowLeft");
      expect(await here(page)).toBe(pageIds[1]);
      expect(await headingHasFocus(page)).toBeTruthy();

      expect(kb.focusProblems()).toEqual([]);
      await page.close();
    });

    for (const [label, viewport, scale] of [
      ["320 px", NARROW, 1],
      ["200 % zoom", ZOOM_200, 2],
    ] as const) {
      it(`at ${label}: opens the menu, jumps to a page, and closes the menu with Escape`, async () => {
        const page = await open(allSite, viewport, scale);
        const kb = new KeyboardAudit(page);
        const toggle = "[data-cw=menu-toggle]";
        expect(await page.locator("#cw-menu").isVisible()).toBe(false);
        await kb.tabTo(toggle);
        await kb.press("Enter");
        expect(await page.getAttribute(toggle, "aria-expanded")).toBe("true");
        expect(await page.locator("#cw-menu").isVisible()).toBe(true);

        const link = 'a[href="#page-peer-relationship-check"]';
        await kb.tabTo(link);
        await kb.press("Enter");
        expect(await here(page)).toBe("peer-relationship-check");
        expect(await headingHasFocus(page)).toBe(all.course.sessions.find((s) => s.id === "peer-relationship")?.check?.title);
        expect(await page.getAttribute(toggle, "aria-expanded")).toBe("false");
        expect(await page.locator("#cw-menu").isVisible()).toBe(false);
        expect(await page.getAttribute(link, "aria-current")).toBe("page");

        await kb.tabTo(toggle);
        await kb.press("Space");
        await kb.tabTo('#cw-menu a[data-goto="0"]');
        await kb.press("Escape");
        expect(await page.locator("#cw-menu").isVisible()).toBe(false);
        expect(await kb.focused(toggle)).toBe(true);
        expect(await page.getAttribute(toggle, "aria-expanded")).toBe("false");

        expect(kb.focusProblems()).toEqual([]);
        await page.close();
      });
    }

    it("answers and checks every question type with the keyboard; feedback is announced in the live region", async () => {
      const page = await open(allSite);
      const kb = new KeyboardAudit(page);
      const types = new Set<string>();
      const live = page.locator("[data-cw=live]");
      expect(await live.getAttribute("aria-live")).toBe("polite");
      expect(await live.getAttribute("role")).toBe("status");

      const check = async (quizId: string, index: number, key: "Enter" | "Space", expected: RegExp): Promise<string> => {
        await kb.tabTo(`${questionRoot(quizId, index)} [data-cw=check-answer]`);
        await kb.press(key);
        return announced(page, expected);
      };
      const feedback = async (quizId: string, index: number, correct: boolean): Promise<string> =>
        ((await page.locator(`${questionRoot(quizId, index)} [data-feedback="${correct ? "correct" : "incorrect"}"]`).textContent()) ?? "").trim();

      for (const { sessionId, quiz } of checksOf(all)) {
        await kb.tabTo(`#cw-menu a[href="#page-${sessionId}-check"]`);
        await kb.press("Enter");
        expect(await here(page)).toBe(`${sessionId}-check`);

        // Checking without an answer: said aloud and shown next to the question.
        await check(quiz.id, 0, "Enter", /before checking\.$/);
        expect(await page.locator(`${questionRoot(quiz.id, 0)} [data-problem]`).textContent()).toBe(await liveText(page));

        for (const [i, q] of quiz.questions.entries()) {
          types.add(q.type);
          const right = i % 2 === 0;
          await kb.answer(quiz.id, i, q, right);
          const said = await check(quiz.id, i, i % 3 === 0 ? "Space" : "Enter", right ? /^Correct\./ : /^Not quite\./);
          expect(said, `${quiz.id}/${q.id}`).toContain(await feedback(quiz.id, i, right));
          expect(await page.locator(`${questionRoot(quiz.id, i)} [data-mark]`).textContent()).toBe(right ? "Correct" : "Incorrect");
          expect(await page.locator(`${questionRoot(quiz.id, i)} [data-problem]`).isVisible()).toBe(false);
        }
      }
      expect([...types].sort()).toEqual(["fill-in", "matching", "multiple-response", "sequencing", "single-choice", "true-false"]);
      expect(kb.focusProblems()).toEqual([]);
      await page.close();
    });

    it("moves sequencing items with the Up and Down buttons and announces each new position", async () => {
      const page = await open(allSite);
      const kb = new KeyboardAudit(page);
      const quiz = checksOf(all).find((c) => c.quiz.questions.some((q) => q.type === "sequencing"));
      const index = quiz?.quiz.questions.findIndex((q) => q.type === "sequencing") ?? -1;
      if (!quiz || index < 0) throw new Error("the fixture has a sequencing question in a check");
      await kb.tabTo(`#cw-menu a[href="#page-${quiz.sessionId}-check"]`);
      await kb.press("Enter");
      const root = questionRoot(quiz.quiz.id, index);
      const names = await page.$$eval(`${root} .cw-sequence__text`, (els) => els.map((e) => (e.textContent ?? "").trim()));
      const last = names.length;
      await kb.tabTo(`${root} [data-item]:first-child [data-move=down]`);
      await kb.press("Enter");
      expect(await announced(page, `${names[0]}: position 2 of ${last}.`)).toBeTruthy();
      expect(await kb.focused(`${root} [data-item]:nth-child(2) [data-move=down]`)).toBe(true);
      await kb.press("Shift+Tab");
      await kb.press("Enter"); // Up: back to the top
      expect(await announced(page, `${names[0]}: position 1 of ${last}.`)).toBeTruthy();
      await kb.press("Enter");
      expect(await announced(page, `${names[0]} is already first.`)).toBeTruthy();
      expect(kb.focusProblems()).toEqual([]);
      await page.close();
    });

    it("takes the assessment with the keyboard: incomplete submission, failed result, retake, pass", async () => {
      const quiz = assessmentOf(all);
      const page = await open(allSite);
      const kb = new KeyboardAudit(page);
      await kb.tabTo('#cw-menu a[href="#page-assessment-assessment"]');
      await kb.press("Enter");
      expect(await headingHasFocus(page)).toBe(quiz.title);

      await kb.tabTo("[data-cw=submit-assessment]");
      await kb.press("Enter");
      expect(await announced(page, /^Question 1 has no answer yet/)).toBeTruthy();
      expect(await kb.focused(`${questionRoot(quiz.id, 0)} :is(input, select, button)`)).toBe(true);
      expect(await page.locator(`${questionRoot(quiz.id, 0)} [data-problem]`).isVisible()).toBe(true);

      const takeAll = async (right: (q: Question, i: number) => boolean): Promise<void> => {
        for (const [i, q] of quiz.questions.entries()) await kb.answer(quiz.id, i, q, right(q, i));
        await kb.tabTo("[data-cw=submit-assessment]");
        await kb.press("Enter");
        await page.locator("[data-cw=results]").waitFor({ state: "visible" });
      };
      await takeAll((_q, i) => i >= 4);
      expect(await page.evaluate(() => document.activeElement?.closest("[data-cw=results]") !== null && document.activeElement?.localName === "h2")).toBe(true);
      expect(await announced(page, /^Not passed\./)).toMatch(/attempts? left/);
      expect(await page.locator(`${questionRoot(quiz.id, 0)} :is(input, select, button)`).first().isDisabled()).toBe(true);

      await kb.tabTo("[data-cw=retake]");
      await kb.press("Enter");
      expect(await kb.focused(`${questionRoot(quiz.id, 0)} :is(input, select, button)`)).toBe(true);
      await takeAll(() => true);
      expect(await announced(page, /^Passed\./)).toBeTruthy();
      expect(kb.focusProblems()).toEqual([]);
      await page.close();
    });

    it("shows a visible focus ring (≥ 4.5:1 against its surroundings, not covered) on every control", async () => {
      const problems: string[] = [];
      const stops: string[] = [];
      const sweep = async (page: Page, label: string): Promise<void> => {
        const kb = new KeyboardAudit(page);
        const n = await kb.tabThroughAll();
        expect(n, label).toBeGreaterThan(5);
        stops.push(`${label}: ${n}`);
        problems.push(...kb.focusProblems().map((p) => `${label}: ${p}`));
      };
      const page = await open(allSite);
      const learner = new BrowserLearner(page, all.course);
      await sweep(page, "desktop, first page");
      const peer = checksOf(all).find((c) => c.sessionId === "peer-relationship");
      if (!peer) throw new Error("fixture check");
      await learner.open(peer.sessionId, "check");
      for (const [i, q] of peer.quiz.questions.entries()) {
        await learner.answer(peer.quiz.id, i, q, false);
        await learner.check(peer.quiz.id, i);
      }
      await sweep(page, "desktop, check with feedback");
      await learner.open("assessment", "assessment");
      await sweep(page, "desktop, assessment");
      await page.close();
      const narrow = await open(allSite, NARROW);
      await narrow.click("[data-cw=menu-toggle]");
      await sweep(narrow, "320 px, menu open");
      await narrow.close();
      expect(problems).toEqual([]);
    });
  });

  describe("motion, reflow and contrast", () => {
    it("respects prefers-reduced-motion: no animation or transition anywhere, also for later additions", async () => {
      const page = await browser.newPage();
      await page.emulateMedia({ reducedMotion: "reduce" });
      await page.setViewportSize(NARROW);
      await page.goto(`${allSite.url}index.html`);
      await started(page);
      expect(await page.evaluate(() => matchMedia("(prefers-reduced-motion: reduce)").matches)).toBe(true);
      const moving = async (): Promise<string[]> =>
        page.evaluate(() => {
          const out: string[] = [];
          const nonZero = (v: string): boolean => v.split(",").some((d) => parseFloat(d) > 0);
          for (const el of document.querySelectorAll("*")) {
            for (const pseudo of [null, "::before", "::after"]) {
              const cs = getComputedStyle(el, pseudo);
              if (nonZero(cs.transitionDuration) || (cs.animationName !== "none" && nonZero(cs.animationDuration))) {
                out.push(`${el.localName}.${el.className}${pseudo ?? ""}: transition ${cs.transitionDuration}, animation ${cs.animationName} ${cs.animationDuration}`);
              }
            }
          }
          if (getComputedStyle(document.documentElement).scrollBehavior === "smooth") out.push("html: scroll-behavior smooth");
          out.push(...document.getAnimations().map((a) => `running animation ${a.constructor.name}`));
          return out;
        });
      // A probe with its own transition and animation (set from script, as a course's override might): the
      // stylesheet's reduced-motion rule must switch it off. Through CSSOM, which the page's
      // Content-Security-Policy allows (a <style> element or style attribute it would block).
      await page.evaluate(() => {
        const sheet = new CSSStyleSheet();
        sheet.replaceSync("@keyframes cw-probe { from { opacity: 0 } to { opacity: 1 } }");
        document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
        const probe = document.createElement("div");
        probe.className = "cw-probe";
        probe.textContent = "probe";
        probe.style.cssText = "transition: color 2s; animation: cw-probe 2s infinite";
        document.body.append(probe);
      });
      expect(await moving()).toEqual([]);
      await page.click("[data-cw=menu-toggle]");
      await page.click('#cw-menu a[href="#page-peer-relationship-check"]');
      await page.click(`${questionRoot("check-peer-relationship", 0)} [data-cw=check-answer]`);
      expect(await moving()).toEqual([]);
      await page.emulateMedia({ reducedMotion: "no-preference" });
      expect(await moving(), "without the preference the probe moves: the check above is not vacuous").not.toEqual([]);
      const runtime = fs.readdirSync(path.join(all.dir, "assets")).filter((f) => f.endsWith(".js"));
      for (const f of runtime) expect(fs.readFileSync(path.join(all.dir, "assets", f), "utf8"), f).not.toMatch(/smooth/);
      await page.close();
    });

    it("does not scroll sideways at 320 px or at 200 % zoom, on any page or with the menu open", async () => {
      const problems: string[] = [];
      for (const [label, viewport, scale] of [
        ["320 × 640", NARROW, 1],
        ["200 % zoom (640 × 400 @2x)", ZOOM_200, 2],
      ] as const) {
        const page = await open(allSite, viewport, scale);
        expect(await page.evaluate(() => window.devicePixelRatio)).toBe(scale);
        const total = await page.locator("[data-page]").count();
        for (let i = 0; i < total; i++) {
          const overflow = await horizontalOverflow(page);
          if (overflow) problems.push(`${label}, page ${i + 1} (${await here(page)}): ${overflow}`);
          if (i < total - 1) await page.click("[data-cw=next]");
        }
        const learner = new BrowserLearner(page, all.course);
        await learner.takeAssessment(4);
        const overflow = await horizontalOverflow(page);
        if (overflow) problems.push(`${label}, assessment results: ${overflow}`);
        await page.click("[data-cw=menu-toggle]");
        const menu = await horizontalOverflow(page);
        if (menu) problems.push(`${label}, menu open: ${menu}`);
        await page.close();
      }
      expect(problems).toEqual([]);
    });

    it("status and feedback text in every state reaches 4.5:1 (also states axe never sees)", async () => {
      const page = await open(allSite);
      const learner = new BrowserLearner(page, all.course);
      const problems: string[] = [];
      const measure = async (selector: string): Promise<number> => {
        const found = await paintedColours(page, selector);
        problems.push(...textContrastProblems(found));
        return found.length;
      };
      // Force every state of an element by its attributes: the colours come from the stylesheet alone.
      const force = async (selector: string, attrs: Record<string, string>, text?: string): Promise<void> => {
        await page.evaluate(
          ({ selector, attrs, text }) => {
            for (const el of document.querySelectorAll<HTMLElement>(selector)) {
              el.hidden = false;
              for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
              if (text !== undefined) el.textContent = text;
            }
          },
          { selector, attrs, text },
        );
      };
      for (const state of ["new", "started", "complete"]) {
        await force(".cw-status", { "data-state": state });
        expect(await measure(".cw-status"), `status ${state}`).toBeGreaterThan(0);
      }
      for (const kind of ["untracked", "info", "error"]) {
        await force("[data-cw=banner]", { "data-kind": kind });
        expect(await measure("[data-cw=banner-text]"), `banner ${kind}`).toBe(1);
      }
      await measure("[data-cw=progress-text], .cw-page__session, .cw-header__title, #cw-menu a, .cw-button");
      expect(await measure('#cw-menu a[aria-current="page"]')).toBe(1);

      const peer = checksOf(all).find((c) => c.sessionId === "peer-values") ?? checksOf(all)[0];
      if (!peer) throw new Error("a check");
      await learner.open(peer.sessionId, "check");
      await force("[data-problem]", {}, "Answer the question before checking.");
      await force("[data-mark]", { "data-mark": "correct" }, "Correct");
      await measure("[data-mark], [data-problem]");
      await force("[data-mark]", { "data-mark": "incorrect" }, "Incorrect");
      await force(".cw-question", { "data-state": "incorrect" });
      await force("[data-feedback], [data-choice-feedback]", {});
      expect(await measure("[data-mark], [data-feedback], [data-choice-feedback], .cw-hint, .cw-quiz__rules, .cw-question__number, legend, label")).toBeGreaterThan(20);
      // Each row's mark on its tinted row: right, wrong, and the correct answer shown.
      for (const result of ["right", "wrong", "key"]) {
        await force("[data-row]", { "data-result": result });
        await force("[data-row-mark]", {}, "Your answer: incorrect");
        expect(await measure("[data-row-mark], [data-row] label, [data-choice-feedback]"), `row ${result}`).toBeGreaterThan(10);
      }

      await learner.open("assessment", "assessment");
      await force("[data-dup]", {}); // a matching target chosen twice
      expect(await measure("[data-dup]")).toBeGreaterThan(0);
      for (const state of ["failed", "passed"]) {
        await force("[data-cw=results]", { "data-state": state });
        await force("[data-cw=result-status]", {}, state === "passed" ? "Passed. Your score is 100%." : "Not passed. Your score is 50%.");
        expect(await measure("[data-cw=results] h2, [data-cw=result-status], [data-cw=results] dt, [data-cw=results] dd")).toBe(8);
      }
      await page.close();
      expect(problems).toEqual([]);
    });
  });
});

// Build-time content rules (src/content/pages.ts) that keep authored pages accessible. Images without alt
// text, skipped heading levels and links without text are covered in test/content-validation.test.ts;
// these are the rules that close the gaps around them. Each reports file:line like every content error.
describe("accessibility content rules at build time", () => {
  const S05 = "sessions/05-peer-relationship.md";
  const IMAGE = "../images/drama-triangle.svg";
  const CAPTION = "In fact, we often go through all three at various times and in various circumstances."; // a one-line paragraph

  function problems(edit: (text: string) => string): { file: string; line: number; message: string }[] {
    const fx = contentFixture();
    fx.mutate(S05, edit);
    try {
      loadCourse(fx.dir);
    } catch (err) {
      if (!(err instanceof ContentError)) throw err;
      return err.problems.map((p) => ({ file: path.relative(fx.dir, p.file), line: p.line, message: p.message }));
    }
    throw new Error("expected a ContentError, but the course loaded");
  }
  const lineOf = (text: string, needle: string): number => text.split("\n").findIndex((l) => l.includes(needle)) + 1;
  const edited = (edit: (text: string) => string): string => edit(fs.readFileSync(path.join(REAL_CONTENT, S05), "utf8"));

  it("rejects alt text that is only the image's file name", () => {
    for (const alt of ["drama-triangle.svg", "drama-triangle", "IMG_0042.JPG"]) {
      const edit = (t: string): string => t.replace(/!\[The Drama Triangle[^\]]*\]/, `![${alt}]`);
      expect(problems(edit), alt).toEqual([
        { file: S05, line: lineOf(edited(edit), `![${alt}]`), message: `image '${IMAGE}' has its file name as alt text ('${alt}'): write what the picture shows instead` },
      ]);
    }
  });

  it("rejects a link whose only content is a decorative image (it is rendered without a name)", () => {
    const edit = (t: string): string => t.replace(CAPTION, `[![](${IMAGE} "decorative")](https://example.org/drama-triangle)`);
    expect(problems(edit)).toEqual([
      { file: S05, line: lineOf(edited(edit), "https://example.org/drama-triangle"), message: "link to 'https://example.org/drama-triangle' has no text; write [what it leads to](…)" },
    ]);
  });

  it("rejects an empty heading inside a page", () => {
    const edit = (t: string): string => t.replace(CAPTION, "##");
    // The line that is only '##' (the page's tabs have '## Victim' and the like above it).
    expect(problems(edit)).toEqual([{ file: S05, line: edited(edit).split("\n").indexOf("##") + 1, message: "heading is empty: write its text after '##', or remove it" }]);
  });

  it("accepts a decorative image without alt text, and a link named by an image's alt text", () => {
    const fx = contentFixture();
    fx.mutate(S05, (t) => t.replace(CAPTION, `![](${IMAGE} "decorative")\n\n[![The Drama Triangle](${IMAGE})](https://example.org/drama-triangle)`));
    expect(() => loadCourse(fx.dir)).not.toThrow();
  });
});
