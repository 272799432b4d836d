// The same journeys with --sco-per-session: one SCO per session plus one for the assessment, each with
// its own status, score and resume, as the LMS launches them one at a time into the same player frame.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { Learner } from "./helpers/learner.js";
import { launchScorm12, openWithoutLms, relaunchData, type LmsLaunch } from "./helpers/scorm12-lms.js";

let pkg: BuiltPackage;
let course: Course;

beforeAll(async () => {
  course = loadCourse("content");
  pkg = await buildAndUnpack({ target: "scorm12", scoPerSession: true });
});
afterAll(() => pkg?.cleanup());

function expectClean(lms: LmsLaunch): void {
  expect(lms.errors).toEqual([]);
  expect(lms.log.endOfSession()).toEqual([]);
}

describe("SCORM 1.2, one SCO per session", () => {
  it("a session SCO shows only its session and completes when its pages and check are done", async () => {
    const s4 = course.sessions.find((s) => s.id === "what-is-peer-support");
    if (!s4?.check) throw new Error("session 4 needs a check");
    const lms = await launchScorm12(pkg.dir, `sco-${s4.id}.html`);
    const learner = new Learner(lms.doc, course);
    expect(lms.doc.querySelectorAll("[data-page]")).toHaveLength(s4.pages.length + 1);
    expect(lms.doc.querySelectorAll("[data-quiz=assessment]")).toHaveLength(0);
    expect(lms.committed().cmi.core.lesson_status).toBe("incomplete");

    for (let i = 1; i < s4.pages.length; i++) learner.next();
    learner.next();
    expect(learner.here()).toBe(`${s4.id}-check`);
    expect(lms.committed().cmi.core.lesson_status).toBe("incomplete");
    learner.passCheck(s4.id);
    const cmi = lms.committed().cmi;
    expect(cmi.core.lesson_status).toBe("completed");
    expect(cmi.core.score.raw).toBe(""); // a session has no score
    expect(Object.values(cmi.objectives).map((o) => [o.id, o.status])).toEqual([[s4.id, "completed"]]);
    expect(Object.values(cmi.interactions)).toHaveLength(s4.check.questions.length);
    lms.close(true);
    expect(lms.committed().cmi.core.exit).toBe("");
    expectClean(lms);
  });

  it("a session SCO resumes on its own bookmark after the frame is destroyed", async () => {
    const s10 = course.sessions.find((s) => s.id === "risk-boundaries");
    if (!s10) throw new Error("no session 10");
    const lms = await launchScorm12(pkg.dir, `sco-${s10.id}.html`);
    const learner = new Learner(lms.doc, course);
    learner.next();
    learner.next();
    const where = learner.here();
    lms.close(false);
    const again = await launchScorm12(pkg.dir, `sco-${s10.id}.html`, relaunchData(lms.committed()));
    expect(new Learner(again.doc, course).here()).toBe(where);
    expect(again.committed().cmi.core.lesson_location).toBe(where.replace(`${s10.id}-`, `${s10.id}/`));
    again.close(true);
    expectClean(again);
  });

  it("the assessment SCO: fail, retake, pass with the course's reporting option and mastery score", async () => {
    const quiz = course.assessment;
    if (!quiz) throw new Error("no assessment");
    const lms = await launchScorm12(pkg.dir, "sco-assessment.html");
    const learner = new Learner(lms.doc, course);
    expect(learner.here()).toBe("assessment-assessment");
    expect(lms.doc.querySelectorAll("[data-page]")).toHaveLength(1);

    learner.takeAssessment(quiz.questions.length);
    let cmi = lms.committed().cmi;
    expect(cmi.core.score.raw).toBe("0");
    expect(cmi.core.lesson_status).toBe("incomplete");
    expect(Object.values(cmi.objectives).map((o) => [o.id, o.status])).toEqual([["assessment", "failed"]]);

    lms.close(false);
    const again = await launchScorm12(pkg.dir, "sco-assessment.html", relaunchData(lms.committed()));
    const back = new Learner(again.doc, course);
    expect(back.results()).toMatchObject({ visible: true, score: "0%", retake: true });
    back.click("[data-cw=retake]");
    back.takeAssessment(0);
    cmi = again.committed().cmi;
    expect(cmi.core.lesson_status).toBe("passed");
    expect(cmi.core.score.raw).toBe("100");
    expect(Object.values(cmi.objectives).map((o) => [o.id, o.status, o.score.raw])).toEqual([["assessment", "passed", "100"]]);
    again.close(true);
    expectClean(again);
  });

  it("keeps tracking when LMSInitialize answers 101 because the previous SCO never finished (Moodle)", async () => {
    const first = await launchScorm12(pkg.dir, "sco-introduction.html");
    first.close(false); // no LMSFinish: the player just replaced the frame
    const second = await launchScorm12(pkg.dir, "sco-what-is-recovery.html", undefined, first.api);
    expect(second.log.calls[0]).toMatchObject({ fn: "LMSInitialize", result: "false", error: "101" });
    expect(second.doc.querySelector<HTMLElement>("[data-cw=banner]")?.hidden).toBe(true);
    expect(second.live().cmi.core.lesson_location).toBe("what-is-recovery/about-this-session");
    expect(second.live().cmi.core.lesson_status).toBe("completed");
    second.close(true);
    expect(second.log.count("LMSFinish")).toBe(1);
  });

  it("a session SCO opened without an LMS runs untracked", async () => {
    const { doc, errors, dom } = await openWithoutLms(pkg.dir, "sco-introduction.html");
    expect(doc.querySelector<HTMLElement>("[data-cw=banner]")?.hidden).toBe(false);
    expect(errors).toEqual([]);
    dom.window.close();
  });
});
