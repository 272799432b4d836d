// Fault matrix of the SCORM 1.2 runtime (issue #8 §3, §4): the built package in jsdom inside an LMS frame,
// scorm-again's Scorm12API as the parent's window.API behind a fault that throws or refuses. Each case
// asserts what the LMS ends up holding and what the learner sees.
import fs from "node:fs";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { REPORTING_OPTIONS } from "../src/model/course.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { emptyState, progress } from "../src/runtime/core/state.js";
import { cmiClockTime } from "../src/standards/scorm12/runtime/timing.js";
import { lessonStatus } from "../src/standards/scorm12/runtime/lesson-status.js";
import { BrowserLearner, chromiumAvailable, contentFrame, openBrowser, serveDir, type Browser, type StaticServer } from "./helpers/browser.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { Learner } from "./helpers/learner.js";
import { launchFaulty, type Fault, type FaultyLaunch } from "./helpers/scorm12-faults.js";
import { openWithoutLms, waitFor } from "./helpers/scorm12-lms.js";

const require = createRequire(import.meta.url);
let single: BuiltPackage;
let perSession: BuiltPackage;
let course: Course;

// The subject here is the LMS's faults, not the assessment's lock: the assessment is open from the start.
const ungated = ungatedContent();

beforeAll(async () => {
  course = loadCourse(ungated.dir);
  single = await buildAndUnpack({ target: "scorm12", contentDir: ungated.dir });
  perSession = await buildAndUnpack({ target: "scorm12", scoPerSession: true });
});
afterAll(() => {
  single?.cleanup();
  perSession?.cleanup();
});

const S4 = "what-is-peer-support";
const visible = (doc: Document, selector: string): boolean => {
  const el = doc.querySelector<HTMLElement>(selector);
  return Boolean(el) && !el?.closest("[hidden]");
};
const exitTexts = (doc: Document): string[] =>
  [...doc.querySelectorAll<HTMLElement>("[data-cw=exit-screen] p")].filter((p) => !p.hidden).map((p) => p.textContent ?? "");

/** The learner turns pages with Next and jumps with the menu: both must keep working. */
function nextAndMenuWork(lms: FaultyLaunch): void {
  const learner = new Learner(lms.doc, course);
  const first = learner.here();
  learner.next();
  expect(learner.here()).not.toBe(first);
  const s4 = course.sessions.find((s) => s.id === S4);
  learner.open(S4, s4?.pages[0]?.id ?? "");
  expect(learner.here()).toBe(`${S4}-${s4?.pages[0]?.id}`);
  expect(lms.doc.querySelector("[data-cw=progress-text]")?.textContent).not.toMatch(/ 0%$/);
}

describe("SCORM 1.2 runtime faults", () => {
  it("an LMS API that throws on every call: the course runs, Next and the menu work, the banner says progress may not be recorded", async () => {
    const lms = await launchFaulty(single.dir, { fault: () => "throw" });
    expect(lms.banner()).toMatchObject({ shown: true, kind: "untracked" });
    expect(lms.banner().text).toMatch(/may not be recorded/);
    nextAndMenuWork(lms);
    expect(lms.console.some((l) => l.startsWith("jsdom:"))).toBe(false); // no uncaught error
    lms.close(true);
  });

  it("an LMS API whose LMSCommit throws: the course keeps working and the learner is told progress is not being saved", async () => {
    const lms = await launchFaulty(single.dir, { fault: (fn) => (fn === "LMSCommit" ? "throw" : "pass") });
    expect(lms.banner()).toMatchObject({ shown: true, kind: "error" });
    expect(lms.banner().text).toMatch(/not saving your progress/);
    nextAndMenuWork(lms);
    lms.doc.querySelector<HTMLElement>("[data-cw=exit]")?.click();
    // LMSFinish still worked, and it persists what was set (SCORM 1.2 RTE §3.3.2.2): saved, truthfully.
    expect(exitTexts(lms.doc)[0]).toBe("Your progress has been saved.");
    expect(lms.console.some((l) => l.startsWith("jsdom:"))).toBe(false);
  });

  it("LMSCommit answers \"false\" and then recovers: the error is read, the commit retried with back-off, the LMS ends with the learner's real status, the notice shown then cleared", async () => {
    let refusals = 2;
    const fault: Fault = (fn) => (fn === "LMSCommit" && refusals-- > 0 ? { refuse: "101" } : "pass");
    const lms = await launchFaulty(perSession.dir, { file: "sco-introduction.html", fault });
    // The one-page session is complete at launch, but the LMS refused that commit.
    expect(lms.commits).toEqual([]);
    expect(lms.banner()).toMatchObject({ shown: true, kind: "error" });
    const failed = lms.calls.findIndex((c) => c.fn === "LMSCommit" && c.result === "false");
    expect(lms.calls.slice(failed + 1, failed + 4).map((c) => c.fn)).toEqual(["LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"]);
    expect(lms.console.join("\n")).toMatch(/LMSCommit\(""\) failed: error 101 General Exception/);
    // Retried on its own (1 s, then 2 s), without another learner action.
    await waitFor(() => lms.commits.length > 0, "the retried commit", 10_000);
    expect(lms.calls.filter((c) => c.fn === "LMSCommit")).toHaveLength(3);
    expect(lms.committed().cmi.core.lesson_status).toBe("completed");
    expect(lms.banner().shown).toBe(false);
    lms.close(true);
    expect(lms.committed().cmi.core.lesson_status).toBe("completed");
  });

  it("LMSSetValue answers \"false\" with 101 for one element: the value is sent again and reaches the LMS", async () => {
    let refusals = 1;
    const fault: Fault = (fn, args) => (fn === "LMSSetValue" && args[0] === "cmi.core.exit" && refusals-- > 0 ? { refuse: "101" } : "pass");
    const lms = await launchFaulty(single.dir, { fault });
    // The commit of the launch carried everything else; the refused exit is re-sent and committed.
    await waitFor(() => lms.committed().cmi.core.exit === "suspend", "the re-sent cmi.core.exit", 10_000);
    expect(lms.calls.filter((c) => c.fn === "LMSSetValue" && c.args[0] === "cmi.core.exit").map((c) => c.result)).toEqual(["false", "true"]);
    await waitFor(() => !lms.banner().shown, "the notice to clear", 10_000);
    lms.close(true);
  });

  it("LMSSetValue answers \"false\" with 405 for one element: the error is read, reported once, never retried; the rest is recorded", async () => {
    const fault: Fault = (fn, args) => (fn === "LMSSetValue" && /^cmi\.interactions\.\d+\.weighting$/.test(args[0] ?? "") ? { refuse: "405" } : "pass");
    const lms = await launchFaulty(single.dir, { fault });
    const learner = new Learner(lms.doc, course);
    const quiz = course.assessment;
    if (!quiz) throw new Error("no assessment");
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    const weightings = lms.calls.filter((c) => c.fn === "LMSSetValue" && c.args[0]?.endsWith(".weighting"));
    expect(weightings).toHaveLength(quiz.questions.length); // one per answer: never sent again
    expect(lms.console.filter((l) => l.includes("error 405"))).toHaveLength(1); // reported once
    expect(lms.banner()).toMatchObject({ shown: true, kind: "error" });
    expect(lms.banner().text).toMatch(/did not accept part of your progress.*error 405/);
    const cmi = lms.committed().cmi;
    expect(cmi.core.lesson_status).toBe("passed");
    expect(Object.values(cmi.interactions)).toHaveLength(quiz.questions.length);
    lms.doc.querySelector<HTMLElement>("[data-cw=exit]")?.click();
    expect(exitTexts(lms.doc)[0]).toMatch(/did not confirm/);
  });

  it("Exit shows a final screen: focus on it, Next and the menu gone, nothing recorded after LMSFinish; in an LMS frame it says to use the LMS's own exit", async () => {
    const lms = await launchFaulty(single.dir);
    const learner = new Learner(lms.doc, course);
    learner.next();
    const here = learner.here();
    lms.doc.querySelector<HTMLElement>("[data-cw=exit]")?.click();
    expect(visible(lms.doc, "[data-cw=exit-screen]")).toBe(true);
    expect(lms.doc.activeElement?.getAttribute("data-cw")).toBe("exit-title");
    for (const control of ["next", "prev", "menu-toggle", "exit"]) expect(visible(lms.doc, `[data-cw=${control}]`), control).toBe(false);
    expect(visible(lms.doc, "#cw-menu")).toBe(false);
    expect(visible(lms.doc, "#cw-main")).toBe(false);
    expect(exitTexts(lms.doc)).toEqual(["Your progress has been saved.", "To leave, use the LMS's own exit or close button."]);

    const finish = lms.calls.findIndex((c) => c.fn === "LMSFinish");
    expect(finish).toBeGreaterThan(0);
    expect(lms.calls[finish]?.result).toBe("true");
    // Whatever the learner still does, nothing reaches the LMS any more.
    lms.doc.querySelector<HTMLElement>("[data-cw=next]")?.click();
    lms.doc.dispatchEvent(new (lms.win as unknown as typeof globalThis).KeyboardEvent("keydown", { key: "ArrowRight", bubbles: true }));
    lms.doc.querySelector<HTMLElement>('[data-goto="5"]')?.click();
    lms.doc.dispatchEvent(new (lms.win as unknown as typeof globalThis).Event("visibilitychange"));
    const shownPage = [...lms.doc.querySelectorAll<HTMLElement>("[data-page]")].filter((p) => !p.hidden).map((p) => p.id);
    expect(shownPage).toEqual([`page-${here}`]); // Next, the arrow key and the menu did nothing
    lms.close(true);
    expect(lms.calls.slice(finish + 1).filter((c) => !c.fn.startsWith("LMSGet"))).toEqual([]);
    expect(lms.committed().cmi.core.lesson_location).toBe(lms.calls.filter((c) => c.args[0] === "cmi.core.lesson_location").at(-1)?.args[1]);
  });

  it("Exit without an LMS tells the truth: nothing was recorded", async () => {
    const { dom, doc } = await openWithoutLms(single.dir);
    doc.querySelector<HTMLElement>("[data-cw=exit]")?.click();
    expect(visible(doc, "[data-cw=exit-screen]")).toBe(true);
    const texts = [...doc.querySelectorAll<HTMLElement>("[data-cw=exit-screen] p")].filter((p) => !p.hidden).map((p) => p.textContent ?? "");
    expect(texts).toEqual(["Nothing from this visit was recorded.", "You can close this window."]);
    expect(texts.join(" ")).not.toMatch(/saved/);
    dom.window.close();
  });

  it("launch and completing the page at once leave as one commit: no commit is contradicted by the next, one commit per action", async () => {
    const lms = await launchFaulty(perSession.dir, { file: "sco-introduction.html" });
    expect(lms.commits).toEqual([{ status: "completed", exit: "" }]);
    lms.close(true);

    const big = await launchFaulty(single.dir);
    expect(big.commits).toHaveLength(1);
    expect(big.commits[0]?.status).toBe("incomplete");
    const learner = new Learner(big.doc, course);
    learner.next();
    expect(big.commits).toHaveLength(2);
    learner.next();
    expect(big.commits).toHaveLength(3);
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    expect(big.commits).toHaveLength(5);
    big.close(true);
    // No commit whose status the very next one contradicts by moving back (completed/passed → incomplete).
    const order = ["incomplete", "failed", "completed", "passed"];
    big.commits.forEach((c, i) => {
      const next = big.commits[i + 1];
      if (next) expect(order.indexOf(next.status), `${c.status} → ${next.status}`).toBeGreaterThanOrEqual(order.indexOf(c.status));
    });
  });

  it("lesson_mode browse (the LMS's Preview): the learner uses the course, nothing is graded, status browsed, the banner says it is a preview", async () => {
    const lms = await launchFaulty(single.dir, { stored: { core: { lesson_mode: "browse" } } });
    expect(lms.banner()).toMatchObject({ shown: true, kind: "info" });
    expect(lms.banner().text).toMatch(/Preview/);
    const learner = new Learner(lms.doc, course);
    learner.next();
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    expect(learner.results()).toMatchObject({ visible: true });
    lms.close(true);
    const cmi = lms.committed().cmi;
    expect(cmi.core.lesson_status).toBe("browsed");
    expect(cmi.core.score.raw).toBe("");
    expect(Object.values(cmi.interactions)).toHaveLength(0);
    expect(Object.values(cmi.objectives)).toHaveLength(0);
    expect(lms.calls.filter((c) => c.fn === "LMSSetValue").map((c) => c.args[0])).toEqual(["cmi.core.lesson_status"]);
  });

  it("every assessment attempt used and failed: status failed (passed/incomplete), the assessment objective failed, exit \"\"", async () => {
    expect(course.reporting).toBe("passed/incomplete");
    const lms = await launchFaulty(single.dir);
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    for (let attempt = 1; attempt <= course.maxAttempts; attempt++) {
      if (learner.results().visible) learner.click("[data-cw=retake]");
      learner.takeAssessment(8);
      const cmi = lms.committed().cmi;
      const last = attempt === course.maxAttempts;
      expect(cmi.core.lesson_status, `attempt ${attempt}`).toBe(last ? "failed" : "incomplete");
      expect(cmi.core.exit, `attempt ${attempt}`).toBe(last ? "" : "suspend");
    }
    lms.close(true);
    const cmi = lms.committed().cmi;
    expect(cmi.core.lesson_status).toBe("failed");
    expect(cmi.core.exit).toBe("");
    expect(Object.values(cmi.objectives).find((o) => o.id === "assessment")?.status).toBe("failed");
  });

  it("the reporting table: status per option while attempts remain and once every attempt failed", () => {
    const base = runtimeCourse(course, planUnits(course, false)[0]!);
    const after = (attempts: number): ReturnType<typeof progress> => {
      const state = emptyState(base);
      const qs = state.quizzes["assessment"];
      if (!qs) throw new Error("no assessment");
      Object.assign(qs, { attempts, best: 40, last: 40, passed: false, submitted: true });
      return progress(base, state);
    };
    const table = Object.fromEntries(
      REPORTING_OPTIONS.map((r) => [r, [lessonStatus(r, after(1).outcome), lessonStatus(r, after(base.maxAttempts).outcome)]]),
    );
    expect(table).toEqual({
      "passed/incomplete": ["incomplete", "failed"],
      "passed/failed": ["failed", "failed"],
      "completed/incomplete": ["incomplete", "incomplete"],
      "completed/failed": ["failed", "failed"],
    });
    expect(after(1).outcome.settled).toBe(false);
    expect(after(base.maxAttempts).outcome.settled).toBe(true);
  });

  it("each answered question carries its own time and latency in an assessment attempt", async () => {
    const lms = await launchFaulty(single.dir);
    const quiz = course.assessment;
    if (!quiz) throw new Error("no assessment");
    // The page's clock, moved by the test: the learner answers one question every 7 s after 5 s of reading.
    const t0 = new Date(2026, 0, 5, 10, 0, 0).getTime();
    let now = t0;
    (lms.win as unknown as { Date: { now: () => number } }).Date.now = () => now;
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    quiz.questions.forEach((q, i) => {
      now = t0 + 5000 + 7000 * i;
      learner.answer(quiz.id, i, q, true);
    });
    now += 30_000;
    learner.click("[data-cw=submit-assessment]");
    const xs = Object.values(lms.committed().cmi.interactions);
    expect(xs).toHaveLength(quiz.questions.length);
    expect(xs.map((x) => x.latency)).toEqual(quiz.questions.map((_, i) => (i === 0 ? "00:00:05" : "00:00:07")));
    expect(xs.map((x) => x.time)).toEqual(quiz.questions.map((_, i) => cmiClockTime(new Date(t0 + 5000 + 7000 * i))));
    lms.close(true);
  });
});

/** An LMS page for Chromium: scorm-again as window.API, with LMSCommit and LMSFinish made to throw, the course in a frame. */
function throwingCommitLms(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title><script src="scorm-again.js"></script>
<script>
const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
window.__commits = 0;
window.__afterFinish = [];
let finished = false;
window.API = new Proxy(api, { get(target, key) {
  const value = target[key];
  if (typeof value !== "function") return value;
  return (...args) => {
    if (finished) window.__afterFinish.push(String(key));
    if (key === "LMSFinish") finished = true;
    if (key === "LMSCommit") window.__commits++;
    if (key === "LMSCommit" || key === "LMSFinish") throw new Error("LMS is down");
    return value.apply(target, args);
  };
} });
</script></head><body><iframe id="cw-content" title="Course" src="index.html" style="width:100%;height:90vh"></iframe></body></html>`;
}

describe.skipIf(!chromiumAvailable)("SCORM 1.2 runtime faults in Chromium", { timeout: 120_000 }, () => {
  let browser: Browser;
  let site: StaticServer;
  beforeAll(async () => {
    site = await serveDir(single.dir, { "lms.html": throwingCommitLms(), "scorm-again.js": fs.readFileSync(require.resolve("scorm-again/scorm12/min"), "utf8") });
    browser = await openBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  it("LMSCommit and LMSFinish throw in a real LMS frame: Next and the menu work, the banner says so; Exit shows the final screen that sends the learner to the LMS's own exit", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}lms.html`);
    const frame = await contentFrame(page);
    const learner = new BrowserLearner(frame, course);
    await frame.locator("[data-cw=banner][data-kind=error]").waitFor();
    expect(await frame.locator("[data-cw=banner-text]").textContent()).toMatch(/not saving your progress/);
    const first = await learner.here();
    await learner.next();
    expect(await learner.here()).not.toBe(first);
    const s4 = course.sessions.find((s) => s.id === S4);
    await learner.open(S4, s4?.pages[0]?.id ?? "");
    expect(await frame.locator("[data-cw=progress-text]").textContent()).not.toMatch(/ 0%$/);
    expect(await page.evaluate(() => (window as unknown as { __commits: number }).__commits)).toBeGreaterThan(0);

    await frame.click("[data-cw=exit]");
    await frame.locator("[data-cw=exit-screen]").waitFor({ state: "visible" });
    expect(await frame.evaluate(() => document.activeElement?.getAttribute("data-cw"))).toBe("exit-title");
    expect(await frame.locator("[data-cw=exit-screen] p:visible").allTextContents()).toEqual([
      "Your learning system did not confirm that it saved your progress, so some of it may not be recorded.",
      "To leave, use the LMS's own exit or close button.",
    ]);
    expect(await frame.locator("[data-cw=next]").isVisible()).toBe(false);
    await frame.press("body", "ArrowRight");
    expect(await page.evaluate(() => (window as unknown as { __afterFinish: string[] }).__afterFinish.filter((f) => !f.startsWith("LMSGet")))).toEqual([]);
    await page.close();
    expect(browser.problems.filter((p) => p.startsWith("pageerror"))).toEqual([]);
  });
});
