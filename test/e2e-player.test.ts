// Every target, end to end in real Chromium: the package served on 127.0.0.1 inside the LMS-like player
// (content in an iframe, scorm-again or the LRS on the LMS side, as Moodle nests it). A learner works
// through two sessions, a knowledge check, fails then passes the assessment, closes the tab mid-session
// without any exit, relaunches, resumes on the same page and finishes the course.
import type { Frame, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { startLrs, type RunningLrs } from "../src/lrs/index.js";
import type { Course } from "../src/model/course.js";
import { AttemptStore } from "../src/player/attempt-store.js";
import { sessionTitle } from "../src/model/units.js";
import { startPlayerServer, type PlayerServer } from "../src/player/server.js";
import { BrowserLearner, chromiumAvailable, contentFrame, openBrowser, type Browser } from "./helpers/browser.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { KeyboardLearner } from "./helpers/keyboard-learner.js";
import { until } from "./helpers/wait.js";

interface Cmi {
  cmi: {
    suspend_data: string;
    core: { lesson_status: string; lesson_location: string; score: { raw: string } };
    objectives: Record<string, { id: string; status: string }>;
  };
}

const course: Course = loadCourse("content");
const S4 = "what-is-peer-support";
const S10 = "risk-boundaries";



const lmsCmi = (page: Page): Promise<Cmi> => page.evaluate(() => (window as unknown as { __cw: { cmi(): unknown } }).__cw.cmi() as Cmi);
const objectiveStatus = (cmi: Cmi, id: string): string | undefined => Object.values(cmi.cmi.objectives).find((o) => o.id === id)?.status;

/** Learner clicks shared by every target; the target-specific part checks what the LMS/LRS recorded. */
async function workThroughTwoSessions(learner: BrowserLearner): Promise<void> {
  await learner.next();
  await learner.next();
}

async function finishEverything(learner: BrowserLearner, frame: Frame): Promise<void> {
  const total = await frame.locator("[data-page]").count();
  await learner.open(course.sessions[0]?.id ?? "", course.sessions[0]?.pages[0]?.id ?? "");
  for (let i = 1; i < total; i++) await learner.next();
  // A check already passed is done (its questions answered correctly cannot be checked again).
  for (const [i, s] of course.sessions.entries()) {
    if (s.check && (await frame.locator(`#cw-menu [data-session-status="${i}"]`).textContent()) !== "Complete") await learner.passCheck(s.id);
  }
}

/** Builds the package and serves it in the player for the tests of one describe block. */
function playerFor(options: { target: string; scoPerSession?: boolean; lrs?: () => RunningLrs }): { readonly server: PlayerServer; readonly attempts: AttemptStore } {
  const state = { server: undefined as PlayerServer | undefined, pkg: undefined as BuiltPackage | undefined, attempts: AttemptStore.inMemory() };
  beforeAll(async () => {
    // The assessment open from the start (requireSessions: false), so that a failed attempt can come before
    // the sessions are done; the lock itself is test/cover-completion.test.ts's.
    state.pkg = await buildAndUnpack({ target: options.target, scoPerSession: Boolean(options.scoPerSession), contentDir: ungatedContent().dir });
    const lrs = options.lrs?.();
    state.server = await startPlayerServer({ packageDir: state.pkg.dir, attempts: state.attempts, ...(lrs ? { lrs } : {}) });
  });
  afterAll(async () => {
    await state.server?.close();
    state.pkg?.cleanup();
  });
  return {
    get server() {
      if (!state.server) throw new Error("player not started");
      return state.server;
    },
    attempts: state.attempts,
  };
}

describe.skipIf(!chromiumAvailable)("end to end in Chromium inside an LMS-like player", () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await openBrowser();
  });
  afterAll(async () => browser?.close());

  describe("SCORM 1.2, single SCO", () => {
    const fixture = playerFor({ target: "scorm12" });

    it("records sessions, a check, a failed then passed assessment, and resumes after the tab is closed", async () => {
      browser.problems.length = 0;
      let page = await browser.newPage();
      await page.goto(fixture.server.url);
      let frame = await contentFrame(page);
      let learner = new BrowserLearner(frame, course);
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("incomplete");

      await workThroughTwoSessions(learner);
      let cmi = await lmsCmi(page);
      expect(objectiveStatus(cmi, "introduction")).toBe("completed");
      expect(objectiveStatus(cmi, "what-is-recovery")).toBe("completed");
      expect(cmi.cmi.core.lesson_location).toBe("personal-recovery/about-this-session");

      await learner.passCheck(S4);
      expect(objectiveStatus(await lmsCmi(page), S4)).toBe("incomplete"); // its pages are not all seen yet
      await learner.open("assessment", "assessment");
      await learner.takeAssessment(5);
      cmi = await lmsCmi(page);
      expect(Number(cmi.cmi.core.score.raw)).toBeLessThan(course.masteryScore);
      expect(cmi.cmi.core.lesson_status).toBe("incomplete");
      expect(objectiveStatus(cmi, "assessment")).toBe("failed");
      await frame.click("[data-cw=retake]");
      await learner.takeAssessment(0);
      cmi = await lmsCmi(page);
      expect(cmi.cmi.core.lesson_status).toBe("passed");
      expect(cmi.cmi.core.score.raw).toBe("100");

      // Mid-session in session 10, the learner closes the tab: no Exit button, just gone.
      await learner.open(S10, course.sessions.find((s) => s.id === S10)?.pages[2]?.id ?? "");
      const where = await learner.here();
      await page.close();

      page = await browser.newPage();
      await page.goto(fixture.server.url);
      frame = await contentFrame(page);
      learner = new BrowserLearner(frame, course);
      expect(await learner.here()).toBe(where);
      expect(await frame.locator(`#cw-menu [data-session-status="${course.sessions.findIndex((s) => s.id === S4)}"]`).textContent()).toBe("In progress");

      await finishEverything(learner, frame);
      cmi = await lmsCmi(page);
      expect(Object.values(cmi.cmi.objectives).every((o) => o.status === "completed" || o.status === "passed")).toBe(true);
      expect(cmi.cmi.core.lesson_status).toBe("passed");
      expect(cmi.cmi.suspend_data.length).toBeLessThan(4096);
      await page.close();
      expect(browser.problems).toEqual([]);
    });
  });

  describe("SCORM 1.2, keyboard only", () => {
    const fixture = playerFor({ target: "scorm12" });

    it("the same journey with Tab, Enter, Space, arrow keys and typing — no mouse", async () => {
      browser.problems.length = 0;
      let page = await browser.newPage();
      await page.goto(fixture.server.url);
      let frame = await contentFrame(page);
      let keys = new KeyboardLearner(page, frame, course);
      await keys.next();
      await keys.next();
      expect(objectiveStatus(await lmsCmi(page), "what-is-recovery")).toBe("completed");
      await keys.passCheck(S4);
      expect(Object.values((await lmsCmi(page)).cmi.objectives).length).toBeGreaterThanOrEqual(4);
      await keys.open("assessment", "assessment");
      await keys.takeAssessment(5);
      expect(objectiveStatus(await lmsCmi(page), "assessment")).toBe("failed");
      await keys.press("[data-cw=retake]");
      await keys.takeAssessment(0);
      expect((await lmsCmi(page)).cmi.core).toMatchObject({ lesson_status: "passed", score: { raw: "100" } });
      await keys.open(S10, course.sessions.find((s) => s.id === S10)?.pages[1]?.id ?? "");
      const where = await keys.here();
      await page.close();

      page = await browser.newPage();
      await page.goto(fixture.server.url);
      frame = await contentFrame(page);
      keys = new KeyboardLearner(page, frame, course);
      expect(await keys.here()).toBe(where);
      const total = await frame.locator("[data-page]").count();
      await keys.open(course.sessions[0]?.id ?? "", course.sessions[0]?.pages[0]?.id ?? "");
      for (let i = 1; i < total; i++) await keys.next();
      for (const s of course.sessions) if (s.check && s.id !== S4) await keys.passCheck(s.id);
      const cmi = await lmsCmi(page);
      expect(Object.values(cmi.cmi.objectives).every((o) => o.status === "completed" || o.status === "passed")).toBe(true);
      await page.close();
      expect(browser.problems).toEqual([]);
    });
  });

  describe("SCORM 1.2, one SCO per session", () => {
    const fixture = playerFor({ target: "scorm12", scoPerSession: true });

    const openUnit = async (page: Page, title: string): Promise<{ frame: Frame; learner: BrowserLearner }> => {
      await page.click(`nav button:text-is("${title}")`);
      await until(async () => (await page.$eval("#cw-content", (f) => (f as HTMLIFrameElement).title).catch(() => "")) === title, `unit ${title}`);
      const frame = await contentFrame(page);
      return { frame, learner: new BrowserLearner(frame, course) };
    };

    it("each session SCO tracks its own completion; the assessment SCO fails then passes; a closed tab resumes", async () => {
      browser.problems.length = 0;
      expect(fixture.server.info.units).toHaveLength(course.sessions.length + 1);
      let page = await browser.newPage();
      await page.goto(fixture.server.url);
      await contentFrame(page);
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("completed"); // session 1: one page

      await openUnit(page, "Session 2: What is Recovery?");
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("completed");

      const s4 = course.sessions.find((s) => s.id === S4);
      let { frame, learner } = await openUnit(page, s4 ? sessionTitle(course, s4) : "");
      for (let i = 1; i < (s4?.pages.length ?? 0); i++) await learner.next();
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("incomplete");
      await learner.passCheck(S4);
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("completed");

      ({ frame, learner } = await openUnit(page, course.assessment?.title ?? ""));
      await learner.takeAssessment(4);
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("incomplete");
      await frame.click("[data-cw=retake]");
      await learner.takeAssessment(0);
      expect((await lmsCmi(page)).cmi.core).toMatchObject({ lesson_status: "passed", score: { raw: "100" } });

      const s10 = course.sessions.find((s) => s.id === S10);
      ({ frame, learner } = await openUnit(page, s10 ? sessionTitle(course, s10) : ""));
      await learner.next();
      await learner.next();
      const where = await learner.here();
      await page.close();

      page = await browser.newPage();
      await page.goto(fixture.server.url);
      await contentFrame(page);
      ({ frame, learner } = await openUnit(page, s10 ? sessionTitle(course, s10) : ""));
      expect(await learner.here()).toBe(where);
      const total = await frame.locator("[data-page]").count();
      const at = await frame.locator("[data-page]:visible").getAttribute("data-page");
      for (let i = Number(at) + 1; i < total; i++) await learner.next();
      await learner.passCheck(S10);
      expect((await lmsCmi(page)).cmi.core.lesson_status).toBe("completed");
      // Going back to the assessment shows the passed result, not a new attempt.
      ({ frame } = await openUnit(page, course.assessment?.title ?? ""));
      await frame.locator("[data-cw=results]").waitFor({ state: "visible" });
      await page.close();
      expect(browser.problems).toEqual([]);
    });
  });

  describe("xAPI", () => {
    let lrs: RunningLrs;
    beforeAll(async () => {
      lrs = await startLrs();
    });
    afterAll(async () => lrs?.close());
    const fixture = playerFor({ target: "xapi", lrs: () => lrs });
    const attempts = fixture.attempts;

    const statements = (): { verb: string; object: string; result?: { success?: boolean; score?: { raw?: number } } }[] =>
      lrs
        .statements()
        .filter((s) => (s["context"] as { registration?: string } | undefined)?.registration === attempts.registration)
        .map((s) => ({
          verb: String((s["verb"] as { id: string }).id).split("/").pop() ?? "",
          object: String((s["object"] as { id: string }).id).replace(course.id, ""),
          result: s["result"] as { success?: boolean; score?: { raw?: number } } | undefined,
        }));

    it("records the same journey in the LRS and resumes the registration after the tab is closed", async () => {
      browser.problems.length = 0;
      let page = await browser.newPage();
      await page.goto(fixture.server.url);
      let frame = await contentFrame(page);
      let learner = new BrowserLearner(frame, course);
      await workThroughTwoSessions(learner);
      await learner.passCheck(S4);
      await learner.open("assessment", "assessment");
      await learner.takeAssessment(5);
      await frame.click("[data-cw=retake]");
      await learner.takeAssessment(0);
      await until(async () => statements().some((s) => s.verb === "passed" && s.object === ""), "the course passed statement");
      const s = statements();
      expect(s[0]).toMatchObject({ verb: "initialized", object: "" });
      expect(s.filter((x) => x.verb === "completed").map((x) => x.object)).toEqual(["/session/introduction", "/session/what-is-recovery", "/session/personal-recovery"]);
      // The assessment's one page is the assessment activity itself (declared in tincan.xml), then its attempts.
      expect(s.filter((x) => x.object === "/assessment/assessment" && x.verb !== "answered").map((x) => x.verb)).toEqual(["experienced", "failed", "passed"]);

      await learner.open(S10, course.sessions.find((x) => x.id === S10)?.pages[2]?.id ?? "");
      const where = await learner.here();
      await page.close();
      await until(async () => statements().some((x) => x.verb === "terminated"), "terminated after the tab closed");

      page = await browser.newPage();
      await page.goto(fixture.server.url);
      frame = await contentFrame(page);
      learner = new BrowserLearner(frame, course);
      expect(await learner.here()).toBe(where);
      await finishEverything(learner, frame);
      await until(async () => statements().some((x) => x.verb === "completed" && x.object === ""), "the course completed statement");
      expect(statements().filter((x) => x.verb === "resumed")).toHaveLength(1);
      await page.close();
      // A first launch asks for a state document that does not exist yet: that 404 is expected.
      expect(browser.problems.filter((p) => !/status of 404 \(Not Found\)/.test(p) && !/^http 404: GET \S+\/activities\/state\?/.test(p))).toEqual([]);
    });
  });
});
