// Learner journeys through the built SCORM 2004 4th ed. package (single SCO and one SCO per session), with
// scorm-again's Scorm2004API as `API_1484_11` in the parent frame, as Moodle nests it. Everything is driven
// by clicks; assertions read what the LMS committed, and every call must pass the 2004 rule checker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import type { RuntimeQuestion } from "../src/model/runtime-data.js";
import type { RecordedCall } from "../src/standards/common/scorm/call-recorder.js";
import { primaryObjectiveId } from "../src/standards/scorm2004/limits.js";
import { correctPatterns, interactionType, learnerResponse } from "../src/standards/scorm2004/runtime/responses.js";
import { checkScorm2004Calls } from "../src/standards/scorm2004/verify/call-rules.js";
import type { BuiltPackage } from "./helpers/built-package.js";
import { ungatedContent } from "./helpers/content-fixture.js";
import { Learner } from "./helpers/learner.js";
import { buildScorm2004, launchScorm2004, relaunch2004, type Cmi2004, type Lms2004 } from "./helpers/scorm2004-lms.js";
import { waitFor } from "./helpers/scorm12-lms.js";

let single: BuiltPackage;
let perSession: BuiltPackage;
/** The single SCO with its assessment open from the start, for tests of the assessment's own rules. */
let ungated: BuiltPackage;
let course: Course;

beforeAll(async () => {
  course = loadCourse("content");
  single = await buildScorm2004(false);
  perSession = await buildScorm2004(true);
  ungated = await buildScorm2004(false, ungatedContent().dir);
}, 120_000);
afterAll(() => {
  single?.cleanup();
  perSession?.cleanup();
  ungated?.cleanup();
});

/** Moodle puts the manifest's primary objective at index 0 before the SCO starts. */
const MOODLE_LAUNCH = { objectives: { "0": { id: primaryObjectiveId("course") } } };

const objectives = (c: Cmi2004) => Object.fromEntries(Object.values(c.cmi.objectives).map((o) => [o.id, o]));
const interactions = (c: Cmi2004) => Object.values(c.cmi.interactions);
const sets = (lms: Lms2004, element: RegExp): RecordedCall[] => lms.calls.filter((c) => c.fn === "SetValue" && element.test(c.args[0] ?? ""));

function expectClean(lms: Lms2004): void {
  expect(lms.errors).toEqual([]);
  expect(lms.violations(true)).toEqual([]);
}

const ISO_DURATION = /^PT(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?$/;
/** Fractional seconds before the zone: Moodle refuses `…T21:00:00Z`. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{1,2}Z$/;

describe("SCORM 2004 single SCO", () => {
  it("starts an attempt: incomplete, unknown success, bookmark, exit=suspend, after the LMS's primary objective", async () => {
    const lms = await launchScorm2004(single.dir, "index.html", MOODLE_LAUNCH);
    const c = lms.committed().cmi;
    expect(c.completion_status).toBe("incomplete");
    expect(c.success_status).toBe("unknown");
    expect(c.location).toBe(`${course.sessions[0]?.id}/${course.sessions[0]?.pages[0]?.id}`);
    expect(c.exit).toBe("suspend");
    expect(c.suspend_data.length).toBeGreaterThan(0);
    expect(Number(c.progress_measure)).toBeGreaterThan(0);
    expect(Number(c.progress_measure)).toBeLessThan(1);
    // The primary objective keeps index 0; ours are appended after the existing _count.
    expect(c.objectives["0"]?.id).toBe(primaryObjectiveId("course"));
    expect(c.objectives["1"]?.id).toBe(course.sessions[0]?.id);
    expect(lms.count("Initialize")).toBe(1);
    expect(lms.count("Commit")).toBe(1); // the launch's values leave as one commit
    lms.close(true);
    const ended = lms.committed();
    expect(ended.cmi.session_time).toMatch(ISO_DURATION);
    expect(sets(lms, /^adl\.nav\.request$/).map((x) => x.args[1])).toEqual(["suspendAll"]);
    expect(lms.count("Terminate")).toBe(1);
    expectClean(lms);
  });

  it("records sessions as objectives and checks as interactions in the 2004 vocabulary", async () => {
    const lms = await launchScorm2004(single.dir, "index.html", MOODLE_LAUNCH);
    const learner = new Learner(lms.doc, course);
    expect(objectives(lms.committed())["introduction"]?.completion_status).toBe("completed");
    const s4 = course.sessions.find((s) => s.id === "what-is-peer-support");
    if (!s4?.check) throw new Error("session 4 needs a knowledge check");
    learner.open(s4.id, s4.pages[0]?.id ?? "");
    expect(objectives(lms.committed())[s4.id]?.completion_status).toBe("incomplete");
    for (let i = 1; i < s4.pages.length; i++) learner.next();
    learner.next(); // the knowledge check page
    const q0 = s4.check.questions[0];
    if (!q0) throw new Error("empty check");
    learner.answer(s4.check.id, 0, q0, false);
    learner.check(s4.check.id, 0);
    learner.answer(s4.check.id, 0, q0, true);
    learner.check(s4.check.id, 0);
    const [wrong, right] = interactions(lms.committed());
    expect(wrong).toMatchObject({ id: `${s4.check.id}-${q0.id}`, result: "incorrect", weighting: "0" });
    expect(right).toMatchObject({ id: `${s4.check.id}-${q0.id}`, result: "correct" });
    expect(right?.objectives["0"]?.id).toBe(s4.id);
    expect(right?.timestamp).toMatch(TIMESTAMP);
    expect(right?.latency).toMatch(ISO_DURATION);
    expect(right?.description.length).toBeGreaterThan(0);
    expect(right?.learner_response).toBe(right?.correct_responses["0"]?.pattern);
    expect(wrong?.learner_response).not.toBe(wrong?.correct_responses["0"]?.pattern);
    s4.check.questions.forEach((q, i) => {
      if (i === 0) return; // answered correctly above: done, its Check disabled
      learner.answer(s4.check?.id ?? "", i, q, true);
      learner.check(s4.check?.id ?? "", i);
    });
    expect(objectives(lms.committed())[s4.id]?.completion_status).toBe("completed");
    lms.close(true);
    expectClean(lms);
  });

  it("reports every question type with 2004 types and [,] / [.] patterns", async () => {
    const lms = await launchScorm2004(ungated.dir);
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
      expect(x?.weighting).toBe(String(q.points));
      expect(x?.objectives["0"]?.id).toBe("assessment");
      expect(x?.timestamp).toMatch(TIMESTAMP);
      const pattern = x?.correct_responses["0"]?.pattern ?? "";
      const type = { "single-choice": "choice", "multiple-response": "choice" }[q.type as string] ?? q.type;
      expect(x?.type, q.id).toBe(type);
      if (q.type === "fill-in") expect(Object.values(x?.correct_responses ?? {}).map((p) => p.pattern)).toContain(x?.learner_response);
      else expect(x?.learner_response, q.id).toBe(pattern);
      if (q.type === "true-false") expect(pattern).toBe(String(q.answer));
      if (q.type === "sequencing") expect(pattern).toBe(q.items.map((_, i) => String.fromCharCode(97 + i)).join("[,]"));
      if (q.type === "matching") expect(pattern).toMatch(/^[a-j]\[\.\]\d+(\[,\][a-j]\[\.\]\d+)*$/);
      if (q.type === "multiple-response") expect(pattern).toMatch(/^[a-j](\[,\][a-j])+$/);
      if (q.type === "fill-in") expect(pattern).toBe(q.answers[0]);
    }
    lms.close(true);
    expectClean(lms);
  });

  it("fails, retakes and passes: success_status, scaled AND raw/min/max, the assessment objective", async () => {
    expect(course.reporting).toBe("passed/incomplete");
    const lms = await launchScorm2004(ungated.dir, "index.html", MOODLE_LAUNCH);
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    learner.takeAssessment(6);
    let c = lms.committed();
    expect(c.cmi.score).toEqual({ scaled: "0.5", raw: "50", min: "0", max: "100" });
    // passed/incomplete: a failed attempt with retakes left is no verdict yet.
    expect(c.cmi.success_status).toBe("unknown");
    expect(objectives(c)["assessment"]).toMatchObject({ success_status: "failed", completion_status: "incomplete", score: { scaled: "0.5", raw: "50", min: "0", max: "100" } });
    expect(c.cmi.exit).toBe("suspend");

    learner.click("[data-cw=retake]");
    learner.takeAssessment(0);
    c = lms.committed();
    expect(c.cmi.success_status).toBe("passed");
    expect(c.cmi.score).toEqual({ scaled: "1", raw: "100", min: "0", max: "100" });
    expect(objectives(c)["assessment"]).toMatchObject({ success_status: "passed", completion_status: "completed" });
    // The completion axis is reported as it is: sessions not yet viewed keep the unit incomplete, so it stays resumable.
    expect(c.cmi.completion_status).toBe("incomplete");
    expect(c.cmi.exit).toBe("suspend");
    // Moodle grades from raw: every scaled score went out with raw beside it, in the same commit.
    expect(sets(lms, /^cmi\.score\.scaled$/).length).toBe(sets(lms, /^cmi\.score\.raw$/).length);
    lms.close(true);
    expectClean(lms);
  });

  it("uses every attempt and fails: success_status failed once no attempt is left", async () => {
    const lms = await launchScorm2004(ungated.dir);
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    for (const wrong of [8, 4, 10]) {
      if (learner.results().visible) learner.click("[data-cw=retake]");
      learner.takeAssessment(wrong);
      if (wrong !== 10) expect(lms.committed().cmi.success_status).toBe("unknown");
    }
    const c = lms.committed().cmi;
    expect(c.success_status).toBe("failed");
    expect(c.score.raw).toBe(String(Math.round((8 / 12) * 10000) / 100));
    lms.close(true);
    expectClean(lms);
  });

  it("finishes the course: completed, passed, progress 1, exit normal, exitAll", async () => {
    const lms = await launchScorm2004(single.dir);
    const learner = new Learner(lms.doc, course);
    const pages = lms.doc.querySelectorAll("[data-page]").length;
    for (let i = 1; i < pages; i++) learner.next();
    for (const s of course.sessions) if (s.check) learner.passCheck(s.id);
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    const c = lms.committed().cmi;
    expect([c.completion_status, c.success_status, c.progress_measure, c.exit]).toEqual(["completed", "passed", "1", "normal"]);
    expect(Object.keys(objectives(lms.committed()))).toHaveLength(course.sessions.length + 1);
    lms.close(true);
    expect(sets(lms, /^adl\.nav\.request$/).map((x) => x.args[1])).toEqual(["exitAll"]);
    expect(lms.violations(true)).toEqual([]);
    expect(checkScorm2004Calls(lms.calls, { finalCmi: { "cmi.completion_status": "completed", "cmi.progress_measure": c.progress_measure, "cmi.score.scaled": c.score.scaled, "cmi.score.raw": c.score.raw } })).toEqual([]);
    expectClean(lms);
  });

  it("resumes after the frame is destroyed without any unload event: same page, answers, objectives found by id", async () => {
    const lms = await launchScorm2004(single.dir, "index.html", MOODLE_LAUNCH);
    const learner = new Learner(lms.doc, course);
    const s5 = course.sessions.find((s) => s.id === "peer-relationship");
    if (!s5?.check) throw new Error("session 5 needs a check");
    learner.open(s5.id, s5.pages[0]?.id ?? "");
    learner.next();
    learner.open(s5.id, "check");
    const [q0] = s5.check.questions;
    if (!q0) throw new Error("check too short");
    learner.answer(s5.check.id, 0, q0, true);
    learner.check(s5.check.id, 0);
    learner.open(s5.id, s5.pages[1]?.id ?? "");
    const where = learner.here();
    lms.close(false); // Moodle: the frame is destroyed, no pagehide, no Terminate

    const stored = relaunch2004(lms.committed());
    expect(stored["entry"]).toBe("resume");
    const before = Object.keys(lms.committed().cmi.objectives).length;
    const again = await launchScorm2004(single.dir, "index.html", stored);
    const back = new Learner(again.doc, course);
    expect(back.here()).toBe(where);
    // The same objectives, found again by id: none appended twice.
    expect(Object.keys(again.committed().cmi.objectives)).toHaveLength(before);
    expect(again.committed().cmi.completion_status).toBe("incomplete");
    // Interactions continue after the stored ones.
    back.open(s5.id, "check");
    expect(back.question(s5.check.id, 0).querySelector("[data-mark]")?.textContent).toBe("Correct");
    expect(back.question(s5.check.id, 0).querySelector<HTMLButtonElement>("[data-cw=check-answer]")?.disabled).toBe(true); // right: done
    const q1 = s5.check.questions[1];
    if (!q1) throw new Error("check too short");
    back.answer(s5.check.id, 1, q1, true);
    back.check(s5.check.id, 1);
    expect(interactions(again.committed()).length).toBe(interactions(lms.committed()).length + 1);
    again.close(true);
    expectClean(again);
  });

  it("browse mode: the course runs, says so, and records nothing", async () => {
    const lms = await launchScorm2004(single.dir, "index.html", { mode: "browse" });
    const learner = new Learner(lms.doc, course);
    expect(lms.doc.querySelector("[data-cw=banner]")?.textContent).toMatch(/nothing is graded or recorded/);
    learner.next();
    learner.open("assessment", "assessment");
    learner.takeAssessment(0);
    lms.close(true);
    expect(lms.count("SetValue")).toBe(0);
    expect(lms.count("Commit")).toBe(0);
    expect(lms.count("Terminate")).toBe(1);
    expectClean(lms);
  });

  it("review mode: shows the stored attempt, records nothing", async () => {
    const first = await launchScorm2004(single.dir);
    new Learner(first.doc, course).next();
    first.close(false);
    const lms = await launchScorm2004(single.dir, "index.html", relaunch2004(first.committed(), { mode: "review" }));
    const learner = new Learner(lms.doc, course);
    expect(learner.here()).toBe(`${course.sessions[1]?.id}-${course.sessions[1]?.pages[0]?.id}`);
    expect(lms.doc.querySelector("[data-cw=banner]")?.textContent).toMatch(/Review/);
    learner.next();
    lms.close(true);
    expect(lms.count("SetValue")).toBe(0);
    expectClean(lms);
  });

  it("honours the LMS's cmi.scaled_passing_score as the pass mark", async () => {
    const lms = await launchScorm2004(ungated.dir, "index.html", { scaled_passing_score: "0.5" });
    const learner = new Learner(lms.doc, course);
    learner.open("assessment", "assessment");
    learner.takeAssessment(6); // 50 %: below the course's 80, at the LMS's 50
    expect(learner.results().status).toContain("pass mark is 50%");
    expect(learner.results().status).toContain("Passed");
    const c = lms.committed().cmi;
    expect(c.success_status).toBe("passed");
    expect(c.score.scaled).toBe("0.5");
    lms.close(true);
    expectClean(lms);
  });

  it("commits once per page turn, and never sends a value it contradicts in the same commit", async () => {
    const lms = await launchScorm2004(single.dir);
    const learner = new Learner(lms.doc, course);
    const before = lms.count("Commit");
    for (let i = 0; i < 5; i++) learner.next();
    expect(lms.count("Commit") - before).toBe(5);
    lms.close(true);
    expectClean(lms);
  });
});

describe("SCORM 2004, one SCO per session", () => {
  it("a session SCO completes on its own; no navigation request (the learner picks the next SCO in the LMS)", async () => {
    const s4 = course.sessions.find((s) => s.id === "what-is-peer-support");
    if (!s4?.check) throw new Error("session 4 needs a check");
    const lms = await launchScorm2004(perSession.dir, `sco-${s4.id}.html`, { objectives: { "0": { id: primaryObjectiveId(s4.id) } } });
    const learner = new Learner(lms.doc, course);
    for (let i = 1; i < s4.pages.length; i++) learner.next();
    learner.passCheck(s4.id);
    const c = lms.committed().cmi;
    expect([c.completion_status, c.progress_measure, c.score.raw]).toEqual(["completed", "1", ""]);
    expect(Object.values(c.objectives).map((o) => o.id)).toEqual([primaryObjectiveId(s4.id), s4.id]);
    lms.close(true);
    expect(lms.committed().cmi.exit).toBe("normal");
    expect(sets(lms, /^adl\.nav\./)).toEqual([]);
    expectClean(lms);
  });

  it("the assessment SCO scores and passes", async () => {
    const lms = await launchScorm2004(perSession.dir, "sco-assessment.html");
    const learner = new Learner(lms.doc, course);
    learner.takeAssessment(0);
    const c = lms.committed().cmi;
    expect([c.completion_status, c.success_status, c.score.raw, c.score.scaled]).toEqual(["completed", "passed", "100", "1"]);
    lms.close(true);
    expectClean(lms);
  });

  it("Moodle's one terminated API object: the next SCO runs untracked and tells the learner to re-enter", async () => {
    const first = await launchScorm2004(perSession.dir, `sco-${course.sessions[0]?.id}.html`);
    first.close(true);
    const next = await launchScorm2004(perSession.dir, `sco-${course.sessions[1]?.id}.html`, undefined, first.api);
    expect(next.doc.querySelector("[data-cw=banner]")?.textContent).toMatch(/error 104.*open it again/);
    expect(next.count("SetValue")).toBe(0);
    next.close(true);
    expect(next.count("Terminate")).toBe(0);
  });
});

describe("SCORM 2004 faults (the shared tracker base under the 2004 dialect)", () => {
  const banner = (lms: Lms2004): string => lms.doc.querySelector("[data-cw=banner]")?.textContent ?? "";
  /** Rule 5.3 (a refused call) is the fault itself; every other rule must still hold. */
  const otherViolations = (lms: Lms2004) => lms.violations(true).filter((v) => v.rule !== "5.3");

  it("Commit refused (391): the learner is told, the next action retries, and the notice clears once it passes", async () => {
    let refuse = 2;
    const lms = await launchScorm2004(single.dir, "index.html", undefined, undefined, (fn) => (fn === "Commit" && refuse-- > 0 ? { result: "false", error: "391" } : undefined));
    expect(banner(lms)).toMatch(/not saving your progress/);
    const learner = new Learner(lms.doc, course);
    learner.next(); // second refusal
    learner.next(); // accepted: everything since launch arrives at once
    await waitFor(() => !/not saving/.test(banner(lms)), "the notice to clear");
    // What the LMS holds now is everything the tracker set: nothing was lost while commits were refused.
    const live = JSON.parse(lms.api.renderCMIToJSONString()) as Cmi2004;
    expect(lms.committed().cmi.location).toBe(live.cmi.location);
    expect(lms.committed().cmi.suspend_data).toBe(live.cmi.suspend_data);
    expect(lms.committed().cmi.location).not.toBe(`${course.sessions[0]?.id}/${course.sessions[0]?.pages[0]?.id}`);
    lms.close(true);
    expect(otherViolations(lms)).toEqual([]);
  });

  it("a value refused as wrong (406) is reported once, never retried, and the rest is saved", async () => {
    const lms = await launchScorm2004(single.dir, "index.html", undefined, undefined, (fn, args) =>
      fn === "SetValue" && /^cmi\.objectives\.\d+\.completion_status$/.test(args[0] ?? "") ? { result: "false", error: "406" } : undefined,
    );
    const learner = new Learner(lms.doc, course);
    learner.next();
    expect(banner(lms)).toMatch(/did not accept part of your progress \(cmi\.objectives\.n\.completion_status, error 406\)/);
    const tries = lms.calls.filter((c) => c.fn === "SetValue" && c.args[0] === "cmi.objectives.0.completion_status").length;
    expect(tries).toBe(1);
    expect(lms.committed().cmi.location).toBe(`${course.sessions[1]?.id}/${course.sessions[1]?.pages[0]?.id}`);
    lms.close(true);
    expect(otherViolations(lms)).toEqual([]);
  });

  it("an API that throws on Initialize leaves the course running untracked, and says so", async () => {
    const lms = await launchScorm2004(single.dir, "index.html", undefined, undefined, (fn) => (fn === "Initialize" ? { result: "", error: "throw" } : undefined));
    expect(banner(lms)).toMatch(/did not start tracking \(it did not respond\)/);
    new Learner(lms.doc, course).next();
    expect(lms.count("SetValue")).toBe(0);
    lms.close(true);
  });
});

describe("SCORM 2004 responses and the call rules", () => {
  const fill = (accepted: string[]): RuntimeQuestion => ({ id: "q", type: "fill-in", points: 1, prompt: "p", options: [], accepted });

  it("writes text as a 2004 localized string and long answers as long-fill-in", () => {
    const q = fill(["peer support"]);
    expect(learnerResponse(q, "{lang=de} a[,]b")).toBe("lang=de} a,b");
    expect(interactionType(q, "short")).toBe("fill-in");
    const long = "x".repeat(300);
    expect(interactionType(q, long)).toBe("long-fill-in");
    expect(learnerResponse(q, long)).toBe(long);
    expect(correctPatterns(fill(["a", "b", "c", "d", "e", "f"]))).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("the checker catches what strict LMSs refuse", () => {
    const call = (fn: string, args: string[], result = "true", error = "0"): RecordedCall => ({ fn, args, result, error });
    const rules = (calls: RecordedCall[]) => checkScorm2004Calls(calls, { endOfSession: true }).map((v) => `${v.rule} ${v.message}`);
    expect(rules([call("SetValue", ["cmi.location", "x"])]).join("\n")).toMatch(/before Initialize/);
    const found = rules([
      call("Initialize", [""]),
      call("GetValue", ["cmi.interactions._count"], "0"),
      call("SetValue", ["cmi.interactions.0.id", "q1"]),
      call("SetValue", ["cmi.interactions.0.learner_response", "a"]),
      call("SetValue", ["cmi.interactions.0.type", "choice"]),
      call("SetValue", ["cmi.interactions.0.timestamp", "2026-12-02T21:00:00Z"]),
      call("SetValue", ["cmi.interactions.1.id", "q2"]),
      call("SetValue", ["cmi.interactions.3.id", "q3"]),
      call("SetValue", ["cmi.completion_status", "incomplete"]),
      call("SetValue", ["cmi.completion_status", "completed"]),
      call("SetValue", ["cmi.score.scaled", "0.5"]),
      call("SetValue", ["cmi.session_time", "00:01:00"]),
      call("SetValue", ["cmi.core.lesson_status", "passed"], "false", "401"),
      call("SetValue", ["adl.nav.request", "continue"]),
      call("GetValue", ["cmi.exit"], "", "405"),
      call("Commit", [""]),
    ]).join("\n");
    for (const expected of [
      /learner_response: set type before/,
      /timestamp: .* fractional seconds/,
      /index 3 skips ahead/,
      /completion_status set to 'incomplete' then 'completed' before one commit/,
      /scaled was set without cmi.score.raw/,
      /session_time: .* ISO 8601/,
      /SCORM 1.2 element/,
      /failed with error 401/,
      /continue without adl.nav.request_valid.continue/,
      /cmi.exit is write-only/,
      /Terminate was called 0 times/,
    ]) {
      expect(found).toMatch(expected);
    }
  });
});
