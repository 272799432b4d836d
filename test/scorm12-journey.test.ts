// Learner journeys through the built SCORM 1.2 package (single SCO), with scorm-again as the LMS in the
// parent frame. Everything is driven by clicks; assertions read what the LMS recorded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { Learner } from "./helpers/learner.js";
import { launchScorm12, openWithoutLms, relaunchData, type CmiJson, type LmsLaunch } from "./helpers/scorm12-lms.js";

let pkg: BuiltPackage;
/** The same course with its assessment open from the start, for tests of the assessment's own rules. */
let ungated: BuiltPackage;
let course: Course;

beforeAll(async () => {
  course = loadCourse("content");
  pkg = await buildAndUnpack({ target: "scorm12" });
  ungated = await buildAndUnpack({ target: "scorm12", contentDir: ungatedContent().dir });
});
afterAll(() => {
  pkg?.cleanup();
  ungated?.cleanup();
});

function objectives(cmi: CmiJson): Record<string, { status: string; raw: string }> {
  const out: Record<string, { status: string; raw: string }> = {};
  for (const o of Object.values(cmi.cmi.objectives)) out[o.id] = { status: o.status, raw: o.score.raw };
  return out;
}

function interactions(cmi: CmiJson) {
  return Object.values(cmi.cmi.interactions);
}

function expectClean(lms: LmsLaunch): void {
  expect(lms.errors).toEqual([]);
  expect(lms.log.endOfSession()).toEqual([]);
}

const sessionIndex = (id: string): number => course.sessions.findIndex((s) => s.id === id);

describe("SCORM 1.2 single SCO", () => {
  it("starts an attempt: incomplete, bookmark on the first page, exit=suspend, committed", async () => {
    const lms = await launchScorm12(pkg.dir);
    const cmi = lms.committed().cmi;
    expect(cmi.core.lesson_status).toBe("incomplete");
    expect(cmi.core.lesson_location).toBe(`${course.sessions[0]?.id}/${course.sessions[0]?.pages[0]?.id}`);
    expect(cmi.core.exit).toBe("suspend");
    expect(cmi.suspend_data.length).toBeGreaterThan(0);
    expect(lms.log.count("LMSInitialize")).toBe(1);
    lms.close(true);
    expect(lms.committed().cmi.core.session_time).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);
    expectClean(lms);
  });

  it("records session completion as objectives, and only after every page and the check", async () => {
    const lms = await launchScorm12(pkg.dir);
    const learner = new Learner(lms.doc, course);
    // Session 1 has one page: viewing it completes it.
    expect(objectives(lms.committed())["introduction"]?.status).toBe("completed");
    expect(learner.sessionStatus(0)).toBe("Complete");

    const s4 = course.sessions.find((s) => s.id === "what-is-peer-support");
    if (!s4?.check) throw new Error("session 4 needs a knowledge check");
    learner.open(s4.id, s4.pages[0]?.id ?? "");
    expect(objectives(lms.committed())[s4.id]?.status).toBe("incomplete");
    for (let i = 1; i < s4.pages.length; i++) learner.next();
    learner.next(); // the knowledge check page
    expect(learner.here()).toBe(`${s4.id}-check`);
    expect(objectives(lms.committed())[s4.id]?.status).toBe("incomplete");

    // First question, answered wrongly then rightly: two interactions, the second correct.
    const q0 = s4.check.questions[0];
    if (!q0) throw new Error("empty check");
    learner.answer(s4.check.id, 0, q0, false);
    learner.check(s4.check.id, 0);
    expect(learner.question(s4.check.id, 0).querySelector("[data-mark]")?.textContent).toBe("Incorrect");
    learner.answer(s4.check.id, 0, q0, true);
    learner.check(s4.check.id, 0);
    expect(learner.question(s4.check.id, 0).querySelector("[data-mark]")?.textContent).toBe("Correct");
    const recorded = interactions(lms.committed());
    expect(recorded).toHaveLength(2);
    const [wrong, right] = recorded;
    expect(wrong).toMatchObject({ id: `${s4.check.id}-${q0.id}`, result: "wrong", weighting: "0" });
    expect(right).toMatchObject({ id: `${s4.check.id}-${q0.id}`, result: "correct" });
    expect(right?.objectives["0"]?.id).toBe(s4.id);
    expect(right?.type).toBe(q0.type === "single-choice" || q0.type === "multiple-response" ? "choice" : q0.type);
    expect(right?.student_response).toBe(right?.correct_responses["0"]?.pattern);
    expect(wrong?.student_response).not.toBe(wrong?.correct_responses["0"]?.pattern);
    expect(right?.time).toMatch(/^\d{2}:\d{2}:\d{2}$/);
    expect(right?.latency).toMatch(/^\d{2,4}:\d{2}:\d{2}(\.\d{1,2})?$/);

    s4.check.questions.forEach((q, i) => {
      if (i === 0) return;
      learner.answer(s4.check?.id ?? "", i, q, true);
      learner.check(s4.check?.id ?? "", i);
    });
    expect(objectives(lms.committed())[s4.id]?.status).toBe("completed");
    expect(learner.sessionStatus(sessionIndex(s4.id))).toBe("Complete");
    lms.close(true);
    expectClean(lms);
  });

  it("reports every question type with the SCORM 1.2 vocabulary and patterns", async () => {
    const lms = await launchScorm12(ungated.dir);
    const learner = new Learner(lms.doc, course);
    const quiz = course.assessment;
    if (!quiz) throw new Error("no assessment");
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    const byId = new Map(interactions(lms.committed()).map((x) => [x.id, x]));
    for (const q of quiz.questions) {
      const x = byId.get(`assessment-${q.id}`);
      expect(x, q.id).toBeDefined();
      expect(x?.result, q.id).toBe("correct");
      expect(x?.student_response, q.id).toBe(x?.correct_responses["0"]?.pattern);
      expect(x?.weighting).toBe(String(q.points));
      expect(x?.objectives["0"]?.id).toBe("assessment");
      const type = { "single-choice": "choice", "multiple-response": "choice" }[q.type as string] ?? q.type;
      expect(x?.type, q.id).toBe(type);
      if (q.type === "true-false") expect(x?.correct_responses["0"]?.pattern).toBe(q.answer ? "t" : "f");
      if (q.type === "sequencing") expect(x?.correct_responses["0"]?.pattern).toBe(q.items.map((_, i) => String.fromCharCode(97 + i)).join(","));
      if (q.type === "matching") expect(x?.correct_responses["0"]?.pattern).toMatch(/^[a-j]\.\d(,[a-j]\.\d)*$/);
      if (q.type === "fill-in") expect(x?.correct_responses["0"]?.pattern).toBe(q.answers[0]);
    }
    expect(new Set(quiz.questions.map((q) => q.type)).size).toBeGreaterThanOrEqual(4);
    lms.close(true);
    expectClean(lms);
  });

  it("fails the assessment, retakes it and passes: status, score and objective follow the reporting option", async () => {
    expect(course.reporting).toBe("passed/incomplete");
    const lms = await launchScorm12(pkg.dir);
    const learner = new Learner(lms.doc, course);
    const quiz = course.assessment;
    if (!quiz) throw new Error("no assessment");
    learner.completeSessions(); // the assessment opens once every session is complete
    learner.open("assessment", "assessment");

    learner.takeAssessment(6); // six wrong of twelve: below the 80 % pass mark
    let cmi = lms.committed();
    const failedScore = Number(cmi.cmi.core.score.raw);
    expect(failedScore).toBeLessThan(course.masteryScore);
    expect(failedScore).toBeGreaterThan(0);
    expect(cmi.cmi.core.lesson_status).toBe("incomplete"); // passed/incomplete: a fail is still "incomplete"
    expect(cmi.cmi.core.score.min).toBe("0");
    expect(cmi.cmi.core.score.max).toBe("100");
    expect(objectives(cmi)["assessment"]).toEqual({ status: "failed", raw: String(failedScore) });
    expect(learner.results()).toMatchObject({ visible: true, retake: true });
    expect(learner.results().status).toContain("Not passed");
    expect(interactions(cmi).filter((x) => x.result === "wrong")).toHaveLength(6);

    learner.click("[data-cw=retake]");
    expect(learner.results().visible).toBe(false);
    const first = learner.question(quiz.id, 0).querySelector<HTMLInputElement>("input, select");
    expect(first?.disabled).toBe(false);

    learner.takeAssessment(0);
    cmi = lms.committed();
    expect(cmi.cmi.core.lesson_status).toBe("passed");
    expect(cmi.cmi.core.score.raw).toBe("100");
    expect(objectives(cmi)["assessment"]).toEqual({ status: "passed", raw: "100" });
    expect(learner.results()).toMatchObject({ visible: true, retake: false, score: "100%" });
    expect(interactions(cmi).filter((x) => x.id.startsWith("assessment-"))).toHaveLength(quiz.questions.length * 2);

    lms.close(true);
    const ended = lms.committed().cmi;
    expect(ended.core.lesson_status).toBe("passed");
    expect(ended.core.exit).toBe(""); // done: no resume needed
    expect(lms.log.count("LMSFinish")).toBe(1);
    expectClean(lms);
  });

  it("stops at the course's attempt limit and keeps the best failed score", async () => {
    expect(course.maxAttempts).toBe(3);
    const lms = await launchScorm12(ungated.dir);
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    for (const wrong of [8, 4, 10]) {
      if (learner.results().visible) learner.click("[data-cw=retake]");
      learner.takeAssessment(wrong);
    }
    const cmi = lms.committed().cmi;
    expect(cmi.core.score.raw).toBe(String(Math.round((8 / 12) * 10000) / 100)); // best: 4 wrong of 12
    // Every attempt used and failed: the LMS must see a finished, failed attempt (passed/incomplete → failed, exit "").
    expect(cmi.core.lesson_status).toBe("failed");
    expect(cmi.core.exit).toBe("");
    expect(learner.results()).toMatchObject({ visible: true, retake: false });
    expect(learner.results().status).toContain("used all your attempts");
    expect(lms.doc.querySelector<HTMLElement>("[data-cw=submit-assessment]")?.hidden).toBe(true);
    lms.close(true);
    expectClean(lms);
  });

  it("keeps the best score and never regresses a pass", async () => {
    const lms = await launchScorm12(ungated.dir);
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    expect(lms.committed().cmi.core.lesson_status).toBe("passed");
    // After a pass there is no retake: the assessment is locked.
    expect(learner.results().retake).toBe(false);
    lms.close(false);
    const again = await launchScorm12(ungated.dir, "index.html", relaunchData(lms.committed()));
    expect(again.committed().cmi.core.lesson_status).toBe("passed");
    const learner2 = new Learner(again.doc, course);
    expect(learner2.here()).toBe("assessment-assessment");
    expect(learner2.results()).toMatchObject({ visible: true, score: "100%", retake: false });
    again.close(true);
    expect(again.committed().cmi.core.score.raw).toBe("100");
    expectClean(again);
  });

  it("resumes after the frame is destroyed without any unload event: same page, progress and answers", async () => {
    const lms = await launchScorm12(pkg.dir);
    const learner = new Learner(lms.doc, course);
    const s5 = course.sessions.find((s) => s.id === "peer-relationship");
    if (!s5?.check) throw new Error("session 5 needs a check");
    learner.open(s5.id, s5.pages[0]?.id ?? "");
    learner.next();
    learner.next();
    // Two check questions answered and checked, a third answered but not checked.
    learner.open(s5.id, "check");
    const [q0, q1, q2] = s5.check.questions;
    if (!q0 || !q1 || !q2) throw new Error("check too short");
    learner.answer(s5.check.id, 0, q0, true);
    learner.check(s5.check.id, 0);
    learner.answer(s5.check.id, 1, q1, false);
    learner.check(s5.check.id, 1);
    learner.open(s5.id, s5.pages[1]?.id ?? "");
    const where = learner.here();
    const status = learner.sessionStatus(sessionIndex(s5.id));
    const visited = [...lms.doc.querySelectorAll("a[data-goto].is-visited")].map((a) => a.getAttribute("href"));
    lms.close(false); // Moodle: the frame is destroyed, no pagehide, no LMSFinish

    const stored = relaunchData(lms.committed());
    expect(stored.core["entry"]).toBe("resume");
    const again = await launchScorm12(pkg.dir, "index.html", stored);
    const back = new Learner(again.doc, course);
    expect(back.here()).toBe(where);
    expect(back.sessionStatus(sessionIndex(s5.id))).toBe(status);
    expect([...again.doc.querySelectorAll("a[data-goto].is-visited")].map((a) => a.getAttribute("href"))).toEqual(visited);
    // The check, opened again, shows what was checked (a quiz is drawn as its page shows).
    back.open(s5.id, "check");
    expect(back.question(s5.check.id, 0).querySelector("[data-mark]")?.textContent).toBe("Correct");
    expect(back.question(s5.check.id, 1).querySelector("[data-mark]")?.textContent).toBe("Incorrect");
    expect(back.question(s5.check.id, 2).querySelector<HTMLElement>("[data-mark]")?.hidden).toBe(true);
    // The restored answer is the one the learner gave: checking it again records the same response (a
    // question answered correctly is done: its Check is disabled).
    expect(back.question(s5.check.id, 0).querySelector<HTMLButtonElement>("[data-cw=check-answer]")?.disabled).toBe(true);
    back.check(s5.check.id, 1);
    const last = interactions(again.committed()).at(-1);
    expect(last?.result).toBe("wrong");
    // Resuming does not reset the attempt.
    expect(again.committed().cmi.core.lesson_status).toBe("incomplete");
    again.close(true);
    expectClean(again);
  });

  it("keeps suspend_data within 4,096 characters with every page visited and every question answered", async () => {
    const lms = await launchScorm12(pkg.dir);
    const learner = new Learner(lms.doc, course);
    const pages = lms.doc.querySelectorAll("[data-page]").length;
    for (let i = 1; i < pages; i++) learner.next();
    expect(learner.here()).toBe("assessment-assessment");
    for (const s of course.sessions) if (s.check) learner.passCheck(s.id);
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    const cmi = lms.committed().cmi;
    expect(cmi.suspend_data.length).toBeLessThanOrEqual(4096);
    expect(cmi.suspend_data.length).toBeLessThan(400);
    expect(Object.values(objectives(lms.committed())).every((o) => o.status === "completed" || o.status === "passed")).toBe(true);
    expect(Object.keys(objectives(lms.committed()))).toHaveLength(course.sessions.length + 1);
    expect(lms.doc.querySelector("[data-cw=progress-text]")?.textContent).toBe(`${course.sessions.length} of ${course.sessions.length} sessions · 100%`);
    lms.close(true);
    expectClean(lms);
  });

  it("commits at most once per page turn", async () => {
    const lms = await launchScorm12(pkg.dir);
    const learner = new Learner(lms.doc, course);
    const before = lms.log.count("LMSCommit");
    for (let i = 0; i < 5; i++) learner.next();
    expect(lms.log.count("LMSCommit") - before).toBe(5);
    lms.close(true);
    expectClean(lms);
  });

  it("turns pages with the arrow keys and moves focus to the new page's heading", async () => {
    const lms = await launchScorm12(pkg.dir);
    const learner = new Learner(lms.doc, course);
    const W = lms.win as unknown as typeof globalThis;
    const key = (k: string, target: Element = lms.doc.body): void => {
      target.dispatchEvent(new W.KeyboardEvent("keydown", { key: k, bubbles: true }));
    };
    key("ArrowRight");
    expect(learner.here()).toBe(`${course.sessions[1]?.id}-${course.sessions[1]?.pages[0]?.id}`);
    expect(lms.doc.activeElement?.tagName).toBe("H1");
    expect(lms.doc.activeElement?.textContent).toBe(learner.heading());
    key("ArrowLeft");
    expect(learner.here()).toBe(`${course.sessions[0]?.id}-${course.sessions[0]?.pages[0]?.id}`);
    // Arrow keys inside a form control belong to the control, not to navigation.
    learner.open("assessment", "assessment");
    const input = lms.doc.querySelector("[data-quiz=assessment] input") as Element;
    key("ArrowLeft", input);
    expect(learner.here()).toBe("assessment-assessment");
    lms.close(true);
    expectClean(lms);
  });

  it("runs untracked, and says so, when no LMS is present", async () => {
    const { doc, errors, dom } = await openWithoutLms(pkg.dir);
    const banner = doc.querySelector<HTMLElement>("[data-cw=banner]");
    expect(banner?.hidden).toBe(false);
    expect(banner?.textContent).toMatch(/not being recorded/);
    const learner = new Learner(doc, course);
    learner.next();
    expect(learner.here()).toBe(`${course.sessions[1]?.id}-${course.sessions[1]?.pages[0]?.id}`);
    learner.passCheck("what-is-peer-support");
    expect(learner.sessionStatus(sessionIndex("what-is-peer-support"))).toBe("In progress");
    expect(errors).toEqual([]);
    dom.window.close();
  });
});
