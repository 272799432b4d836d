// SCORM 2004 end to end in real Chromium, inside the LMS-like player: scorm-again's Scorm2004API as
// `API_1484_11` of the player page, the SCO in an iframe (as Moodle nests it). Single SCO and one SCO per
// session: sessions, a check, a failed then passed assessment, a closed tab that resumes, a completed SCO
// that reopens in review mode, the player's browse mode. Every launch's calls pass checkScorm2004Calls.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { sessionTitle } from "../src/model/units.js";
import { AttemptStore } from "../src/player/attempt-store.js";
import { startPlayerServer, type PlayerServer } from "../src/player/server.js";
import type { RecordedCall } from "../src/standards/common/scorm/call-recorder.js";
import { checkScorm2004Calls } from "../src/standards/scorm2004/verify/call-rules.js";
import { flattenCmi } from "../src/standards/scorm2004/verify/session-check.js";
import { BrowserLearner, chromiumAvailable, contentFrame, openBrowser, type Browser } from "./helpers/browser.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { until } from "./helpers/wait.js";

interface Cmi {
  cmi: {
    completion_status: string;
    success_status: string;
    entry: string;
    exit: string;
    mode: string;
    credit: string;
    location: string;
    suspend_data: string;
    progress_measure: string;
    score: { scaled: string; raw: string; min: string; max: string };
    objectives: Record<string, { id: string; success_status: string; completion_status: string }>;
  };
}

interface Handle {
  __cw: { calls: (RecordedCall & { unit: string })[]; cmi(): unknown; unit: string };
}

const course: Course = loadCourse("content");
const S4 = "what-is-peer-support";
const S10 = "risk-boundaries";

const lmsCmi = (page: Page): Promise<Cmi> => page.evaluate(() => (window as unknown as Handle).__cw.cmi() as Cmi);
const objective = (cmi: Cmi, id: string) => Object.values(cmi.cmi.objectives).find((o) => o.id === id);
const callCount = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as Handle).__cw.calls.length);
const callsSince = (page: Page, from: number): Promise<RecordedCall[]> =>
  page.evaluate((n) => (window as unknown as Handle).__cw.calls.slice(n).map(({ fn, args, result, error }) => ({ fn, args, result, error })), from);

/**
 * The learner leaves the open SCO (the frame goes away, as when an LMS player switches unit); its calls since
 * `from` must then hold every 2004 rule, with exactly one Terminate, against the CMI the LMS ended with.
 */
async function leaveAndCheck(page: Page, from: number): Promise<RecordedCall[]> {
  await page.evaluate(() => document.getElementById("cw-content")?.remove());
  const calls = await until(async () => {
    const c = await callsSince(page, from);
    return c.some((x) => x.fn === "Terminate") && c;
  }, "Terminate after the frame went away");
  expect(checkScorm2004Calls(calls, { endOfSession: true, finalCmi: flattenCmi(await page.evaluate(() => (window as unknown as Handle).__cw.cmi())) })).toEqual([]);
  return calls;
}

/**
 * The real course for SCORM 2004; the single SCO's assessment open from the start (requireSessions: false),
 * since these journeys take it after a few sessions (the gating has its own tests).
 */
function playerFor(options: { scoPerSession: boolean }): { readonly server: PlayerServer } {
  const state: { server?: PlayerServer; pkg?: BuiltPackage } = {};
  beforeAll(async () => {
    const contentDir = options.scoPerSession ? "content" : ungatedContent().dir;
    state.pkg = await buildAndUnpack({ target: "scorm2004", scoPerSession: options.scoPerSession, contentDir });
    state.server = await startPlayerServer({ packageDir: state.pkg.dir, attempts: AttemptStore.inMemory() });
  }, 120_000);
  afterAll(async () => {
    await state.server?.close();
    state.pkg?.cleanup();
  });
  return {
    get server() {
      if (!state.server) throw new Error("player not started");
      return state.server;
    },
  };
}

/** Every page, then every knowledge check not yet `passed` (a check answered right is done: its Check is disabled). */
async function finishEverything(learner: BrowserLearner, frame: Frame, passed: readonly string[]): Promise<void> {
  const total = await frame.locator("[data-page]").count();
  await learner.open(course.sessions[0]?.id ?? "", course.sessions[0]?.pages[0]?.id ?? "");
  for (let i = 1; i < total; i++) await learner.next();
  for (const s of course.sessions) if (s.check && !passed.includes(s.id)) await learner.passCheck(s.id);
}

describe.skipIf(!chromiumAvailable)("SCORM 2004 in Chromium inside the LMS-like player", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  describe("single SCO", () => {
    const fixture = playerFor({ scoPerSession: false });

    it("reports sessions, a check, a failed then passed assessment; a closed tab resumes; the finished course completes and passes", async () => {
      browser.problems.length = 0;
      expect(fixture.server.info.standard.id).toBe("scorm2004");
      let page = await browser.newPage();
      await page.goto(fixture.server.url);
      let frame = await contentFrame(page);
      let learner = new BrowserLearner(frame, course);
      let cmi = await lmsCmi(page);
      expect([cmi.cmi.completion_status, cmi.cmi.success_status, cmi.cmi.exit, cmi.cmi.mode]).toEqual(["incomplete", "unknown", "suspend", "normal"]);

      await learner.next();
      await learner.next();
      cmi = await lmsCmi(page);
      expect(objective(cmi, "introduction")?.completion_status).toBe("completed");
      expect(objective(cmi, "what-is-recovery")?.completion_status).toBe("completed");
      expect(cmi.cmi.location).toBe("personal-recovery/about-this-session");

      await learner.passCheck(S4);
      await learner.open("assessment", "assessment");
      await learner.takeAssessment(5);
      cmi = await lmsCmi(page);
      expect(Number(cmi.cmi.score.raw)).toBeLessThan(course.masteryScore);
      // passed/incomplete with attempts left: no verdict yet; raw/min/max always go with scaled (Moodle grades from raw).
      expect(cmi.cmi.success_status).toBe("unknown");
      expect([cmi.cmi.score.min, cmi.cmi.score.max]).toEqual(["0", "100"]);
      expect(Number(cmi.cmi.score.scaled)).toBeCloseTo(Number(cmi.cmi.score.raw) / 100, 4);
      await frame.click("[data-cw=retake]");
      await learner.takeAssessment(0);
      cmi = await lmsCmi(page);
      expect([cmi.cmi.success_status, cmi.cmi.score.raw, cmi.cmi.score.scaled]).toEqual(["passed", "100", "1"]);
      expect(cmi.cmi.completion_status).toBe("incomplete"); // sessions left: a pass does not complete them

      await learner.open(S10, course.sessions.find((s) => s.id === S10)?.pages[2]?.id ?? "");
      const where = await learner.here();
      await leaveAndCheck(page, 0);
      await page.close();

      page = await browser.newPage();
      await page.goto(fixture.server.url);
      frame = await contentFrame(page);
      learner = new BrowserLearner(frame, course);
      expect(await learner.here()).toBe(where);
      cmi = await lmsCmi(page);
      expect([cmi.cmi.entry, cmi.cmi.success_status]).toEqual(["resume", "passed"]);
      await finishEverything(learner, frame, [S4]);
      cmi = await lmsCmi(page);
      expect([cmi.cmi.completion_status, cmi.cmi.success_status, cmi.cmi.progress_measure, cmi.cmi.exit]).toEqual(["completed", "passed", "1", "normal"]);
      await leaveAndCheck(page, 0);
      await page.close();

      // A completed attempt reopens in review mode (as Moodle does): shown, nothing recorded.
      page = await browser.newPage();
      await page.goto(fixture.server.url);
      frame = await contentFrame(page);
      cmi = await lmsCmi(page);
      expect([cmi.cmi.mode, cmi.cmi.credit]).toEqual(["review", "no-credit"]);
      expect(await frame.locator("[data-cw=banner]").textContent()).toMatch(/Review/);
      await new BrowserLearner(frame, course).next();
      const review = await leaveAndCheck(page, 0);
      expect(review.filter((c) => c.fn === "SetValue")).toEqual([]);
      await page.close();
      expect(browser.problems).toEqual([]);
    }, 120_000);

    it("browse mode (the player's ?mode=browse): the course runs, says so, and records nothing", async () => {
      browser.problems.length = 0;
      const page = await browser.newPage();
      await page.goto(`${fixture.server.url}?mode=browse`);
      const frame = await contentFrame(page);
      const learner = new BrowserLearner(frame, course);
      expect(await frame.locator("[data-cw=banner]").textContent()).toMatch(/nothing is graded or recorded/);
      for (let i = 0; i < 3; i++) await learner.next();
      await learner.open("assessment", "assessment");
      const cmi = await lmsCmi(page);
      expect([cmi.cmi.mode, cmi.cmi.credit]).toEqual(["browse", "no-credit"]);
      const calls = await leaveAndCheck(page, 0);
      expect(calls.filter((c) => c.fn === "SetValue" || c.fn === "Commit")).toEqual([]);
      await page.close();
      expect(browser.problems).toEqual([]);
    }, 60_000);
  });

  describe("one SCO per session", () => {
    const fixture = playerFor({ scoPerSession: true });

    /** Opens a unit from the player's table of contents; returns where its calls start. */
    const openUnit = async (page: Page, title: string): Promise<{ frame: Frame; learner: BrowserLearner; from: number }> => {
      const from = await callCount(page);
      await page.click(`nav button:text-is("${title}")`);
      await until(async () => (await page.$eval("#cw-content", (f) => (f as HTMLIFrameElement).title).catch(() => "")) === title, `unit ${title}`);
      const frame = await contentFrame(page);
      return { frame, learner: new BrowserLearner(frame, course), from };
    };

    it("each session SCO completes on its own; the assessment SCO fails, retakes and passes; a closed tab resumes; a completed SCO reopens in review", async () => {
      browser.problems.length = 0;
      expect(fixture.server.info.units).toHaveLength(course.sessions.length + 1);
      let page = await browser.newPage();
      await page.goto(fixture.server.url);
      await contentFrame(page);
      let cmi = await lmsCmi(page);
      expect([cmi.cmi.completion_status, cmi.cmi.success_status, cmi.cmi.exit]).toEqual(["completed", "passed", "normal"]); // session 1: one page

      const s4 = course.sessions.find((s) => s.id === S4);
      await leaveAndCheck(page, 0);
      let { frame, learner, from } = await openUnit(page, s4 ? sessionTitle(course, s4) : "");
      for (let i = 1; i < (s4?.pages.length ?? 0); i++) await learner.next();
      expect((await lmsCmi(page)).cmi.completion_status).toBe("incomplete");
      await learner.passCheck(S4);
      expect((await lmsCmi(page)).cmi.completion_status).toBe("completed");
      await leaveAndCheck(page, from);

      ({ frame, learner, from } = await openUnit(page, course.assessment?.title ?? ""));
      await learner.takeAssessment(4);
      cmi = await lmsCmi(page);
      expect([cmi.cmi.completion_status, cmi.cmi.success_status]).toEqual(["incomplete", "unknown"]);
      await frame.click("[data-cw=retake]");
      await learner.takeAssessment(0);
      cmi = await lmsCmi(page);
      expect([cmi.cmi.completion_status, cmi.cmi.success_status, cmi.cmi.score.raw, cmi.cmi.score.scaled]).toEqual(["completed", "passed", "100", "1"]);
      await leaveAndCheck(page, from);

      const s10 = course.sessions.find((s) => s.id === S10);
      ({ frame, learner, from } = await openUnit(page, s10 ? sessionTitle(course, s10) : ""));
      await learner.next();
      await learner.next();
      const where = await learner.here();
      await leaveAndCheck(page, from);
      await page.close();

      page = await browser.newPage();
      await page.goto(fixture.server.url);
      await contentFrame(page);
      await leaveAndCheck(page, 0);
      ({ frame, learner, from } = await openUnit(page, s10 ? sessionTitle(course, s10) : ""));
      expect(await learner.here()).toBe(where);
      expect((await lmsCmi(page)).cmi.entry).toBe("resume");
      const total = await frame.locator("[data-page]").count();
      const at = await frame.locator("[data-page]:visible").getAttribute("data-page");
      for (let i = Number(at) + 1; i < total; i++) await learner.next();
      await learner.passCheck(S10);
      expect((await lmsCmi(page)).cmi.completion_status).toBe("completed");
      await leaveAndCheck(page, from);

      // The passed assessment reopens in review mode: its result shown, nothing recorded.
      ({ frame, from } = await openUnit(page, course.assessment?.title ?? ""));
      await frame.locator("[data-cw=results]").waitFor({ state: "visible" });
      expect((await lmsCmi(page)).cmi.mode).toBe("review");
      const review = await leaveAndCheck(page, from);
      expect(review.filter((c) => c.fn === "SetValue")).toEqual([]);
      await page.close();
      expect(browser.problems).toEqual([]);
    }, 180_000);
  });
});
