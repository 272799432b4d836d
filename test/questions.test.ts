// Questions that teach (issue #10 §2): shuffling per attempt (seeded, stable across resume, recorded by id),
// showAnswers, marks per row, one card state model, matching duplicates, untouched sequencing — unit tests
// of the core, and the built SCORM 1.2 package in jsdom with scorm-again as the LMS.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { Course, Question, Quiz } from "../src/model/course.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse, shuffles } from "../src/render/runtime-data.js";
import { startRetake, submitAttempt } from "../src/runtime/core/assessment.js";
import { shownOrder } from "../src/runtime/core/shuffle.js";
import { decodeState, encodeState } from "../src/runtime/core/state-codec.js";
import { emptyState } from "../src/runtime/core/state.js";
import { buildAndUnpack, type BuiltPackage } from "./helpers/built-package.js";
import { ScratchFolder } from "./helpers/content-fixture.js";
import { Learner } from "./helpers/learner.js";
import { launchScorm12, relaunchData, type LmsLaunch } from "./helpers/scorm12-lms.js";

const course = loadCourse("content");
const data: RuntimeCourse = runtimeCourse(course, planUnits(course, false)[0]!);
const identity = (order: readonly number[]): boolean => order.every((v, i) => v === i);

describe("shuffle (core/shuffle.ts)", () => {
  it("over many seeds is not the authored order every time, and puts every option first", () => {
    const firsts = new Set<number>();
    let authored = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const order = shownOrder(4, seed, "q1");
      expect([...order].sort()).toEqual([0, 1, 2, 3]);
      if (identity(order)) authored++;
      firsts.add(order[0]!);
    }
    expect(authored).toBeLessThan(40); // 1 in 24 expected
    expect(firsts).toEqual(new Set([0, 1, 2, 3]));
  });

  it("is stable for the same seed and question, and differs between questions", () => {
    expect(shownOrder(6, 4242, "values-statements")).toEqual(shownOrder(6, 4242, "values-statements"));
    const orders = new Set(["a", "b", "c", "d", "e"].map((id) => shownOrder(6, 4242, id).join()));
    expect(orders.size).toBeGreaterThan(1);
  });

  it("never shows sequencing items in their correct order", () => {
    for (let seed = 0; seed < 500; seed++) for (let n = 2; n <= 6; n++) expect(identity(shownOrder(n, seed, "seq", true))).toBe(false);
  });

  it("a retake has a new seed, so another order; a knowledge check keeps its seed", () => {
    const state = emptyState(data);
    const qs = state.quizzes["assessment"]!;
    const quiz = data.quizzes["assessment"]!;
    const rules = { passMark: 100, maxAttempts: 0, showAnswers: "always" as const };
    const seeds = new Set([qs.seed]);
    for (let i = 0; i < 10; i++) {
      submitAttempt(rules, quiz, qs, quiz.questions.map(() => null));
      expect(startRetake(rules, quiz, qs)).toBe(true);
      seeds.add(qs.seed);
    }
    expect(seeds.size).toBeGreaterThan(5);
    const matching = quiz.questions.find((q) => q.type === "matching")!;
    expect(new Set([...seeds].map((s) => shownOrder(matching.options.length, s, matching.id).join())).size).toBeGreaterThan(1);
    for (const [id, check] of Object.entries(state.quizzes)) if (id !== "assessment") expect(check.seed).toBeGreaterThan(0);
  });
});

describe("shuffle resolution: question > quiz > course", () => {
  const quiz = course.assessment!;
  const choice = quiz.questions.find((q) => q.type === "single-choice")!;
  const tf = quiz.questions.find((q) => q.type === "true-false")!;
  const seq = quiz.questions.find((q) => q.type === "sequencing")!;
  const q = (x: Question, shuffle?: boolean): Question => ({ ...x, ...(shuffle === undefined ? {} : { shuffle }) });
  const z = (shuffle?: boolean): Pick<Quiz, "shuffle"> => (shuffle === undefined ? {} : { shuffle });

  it.each([
    [true, undefined, undefined, true],
    [false, undefined, undefined, false],
    [true, false, undefined, false],
    [false, true, undefined, true],
    [true, false, true, true],
    [true, true, false, false],
    [false, undefined, true, true],
  ])("course %s, quiz %s, question %s → %s", (c, qz, qq, want) => {
    expect(shuffles({ shuffle: c }, z(qz), q(choice, qq))).toBe(want);
  });

  it("never shuffles true/false; always sequencing (its authored order is the answer)", () => {
    expect(shuffles({ shuffle: true }, z(true), q(tf, true))).toBe(false);
    expect(shuffles({ shuffle: false }, z(false), q(seq, false))).toBe(true);
  });

  it("is resolved at build into the runtime data", () => {
    const c: Course = { ...course, shuffle: false, assessment: { ...quiz, questions: quiz.questions.map((x) => (x.id === choice.id ? q(x, true) : x)) } };
    const rd = runtimeCourse(c, planUnits(c, false)[0]!);
    for (const x of rd.quizzes["assessment"]!.questions) expect(x.shuffle, x.id).toBe(x.id === choice.id || x.type === "sequencing" ? true : undefined);
    expect(data.quizzes["assessment"]!.questions.filter((x) => x.shuffle).length).toBeGreaterThan(3);
  });
});

describe("the seed in the saved state (core/state-codec.ts)", () => {
  const answered = () => {
    const state = emptyState(data);
    state.visited.fill(true);
    for (const quiz of Object.values(data.quizzes)) {
      const qs = state.quizzes[quiz.id]!;
      quiz.questions.forEach((q, i) => {
        qs.answers[i] = q.type === "fill-in" ? "x".repeat(250) : q.type === "true-false" ? true : q.type === "matching" || q.type === "sequencing" ? q.options.map((_, k) => q.options.length - 1 - k) : [0];
      });
    }
    return state;
  };

  it("round-trips the seed of every quiz", () => {
    const state = answered();
    state.quizzes["assessment"]!.seed = 0xfffff;
    expect(decodeState(data, encodeState(data, state))).toEqual(state);
  });

  it("decodes a state saved before seeds (no lost progress): seed 0, answers and attempts kept", () => {
    const state = answered();
    Object.assign(state.quizzes["assessment"]!, { attempts: 1, best: 50, last: 50 });
    const parts = encodeState(data, state).split("|");
    // The old header: attempts.best.last.flags, without the fifth field.
    parts[4] = parts[4]!.split(";").map((quiz) => quiz.replace(/^([^.:]*\.[^.:]*\.[^.:]*\.[^.:]*)\.[^.:]*:/, "$1:")).join(";");
    const old = parts.join("|");
    expect(old).not.toBe(encodeState(data, state));
    const back = decodeState(data, old)!;
    for (const qs of Object.values(state.quizzes)) qs.seed = 0;
    expect(back).toEqual(state);
  });

  it("the compact state of the real course fits SCORM 1.2's 4,096-character suspend_data", () => {
    const state = answered();
    for (const [id, qs] of Object.entries(state.quizzes)) {
      qs.seed = 0xfffff; // the longest seed
      if (id !== "assessment") qs.checked.fill(true);
    }
    Object.assign(state.quizzes["assessment"]!, { attempts: 2, best: 91.67, last: 33.33 }); // a third attempt in progress, every answer given
    const compact = encodeState(data, state, { compact: true });
    expect(compact.length).toBeLessThanOrEqual(4096);
    expect(decodeState(data, compact)!.quizzes["assessment"]!.answers).toEqual(state.quizzes["assessment"]!.answers);
  });
});

// --- the built package in jsdom, scorm-again as the LMS ---

const scratch = new ScratchFolder("cw-questions-");
const packages: Record<string, BuiltPackage> = {};
const modes = ["never", "after-last-attempt", "always"] as const;

beforeAll(async () => {
  for (const mode of modes) {
    const dir = scratch.copyContent(mode);
    const file = path.join(dir, "course.yaml");
    fs.writeFileSync(file, `${fs.readFileSync(file, "utf8")}\nshowAnswers: ${mode}\nrequireSessions: false\n`);
    packages[mode] = await buildAndUnpack({ target: "scorm12", contentDir: dir });
  }
}, 120_000);
afterAll(() => {
  for (const p of Object.values(packages)) p.cleanup();
  scratch.remove();
});

const quiz = course.assessment!;
const KEY_WORDS = /Correct answer|Correct match:|It belongs at position|Accepted answer:/;
const rows = (doc: Document, result: string): number => doc.querySelectorAll(`[data-quiz="${quiz.id}"] [data-result="${result}"]`).length;
const keyShown = (doc: Document): boolean => rows(doc, "key") > 0 || KEY_WORDS.test(doc.querySelector(`[data-page] .cw-quiz--assessment`)?.textContent ?? "");
const shown = (el: HTMLElement, sel: string, attr: string): number[] => [...el.querySelectorAll<HTMLElement>(sel)].map((x) => Number(x.getAttribute(attr)));

async function assessmentOf(mode: (typeof modes)[number]): Promise<{ lms: LmsLaunch; learner: Learner }> {
  const lms = await launchScorm12(packages[mode]!.dir);
  const learner = new Learner(lms.doc, course);
  learner.open("assessment", "assessment");
  return { lms, learner };
}

describe("shown order in the package: per attempt, stable across resume, recorded by id", () => {
  it("shows the options in the seed's order, keeps it after a relaunch, and records option ids", async () => {
    const { lms, learner } = await assessmentOf("after-last-attempt");
    const seed = Number.parseInt(lms.committed().cmi.suspend_data.split("|")[4]!.split(";").at(-1)!.split(":")[0]!.split(".")[4]!, 36);
    expect(seed).toBeGreaterThan(0);
    const rd = data.quizzes["assessment"]!;
    let differs = 0;
    const before: number[][] = [];
    rd.questions.forEach((q, i) => {
      const el = learner.question(quiz.id, i);
      const order = q.type === "matching" ? shown(el, `select[data-source="0"] option:not([value=""])`, "value") : shown(el, "[data-row]", "data-row");
      before.push(order);
      if (q.shuffle) expect(order, q.id).toEqual(shownOrder(q.options.length, seed, q.id, q.type === "sequencing"));
      else expect(identity(order), q.id).toBe(true);
      if (!identity(order)) differs++;
    });
    expect(differs).toBeGreaterThan(2);
    learner.takeAssessment(12); // every answer wrong: the LMS records what was chosen, by id
    const cmi = lms.committed().cmi;
    const byId = Object.fromEntries(Object.values(cmi.interactions).map((x) => [x.id.replace(/^assessment-/, ""), x.student_response]));
    quiz.questions.forEach((q, i) => {
      const r = rd.questions[i]!;
      if (q.type === "single-choice") expect(byId[r.id]).toBe(r.options[q.choices.findIndex((c) => !c.correct)]);
      if (q.type === "matching") expect(byId[r.id]).toBe(r.options.map((s, k) => `${s}.${(k + 1) % r.options.length + 1}`).join(","));
    });
    lms.close(false);
    const again = await launchScorm12(packages["after-last-attempt"]!.dir, "index.html", relaunchData(lms.committed()));
    const back = new Learner(again.doc, course);
    back.open("assessment", "assessment");
    rd.questions.forEach((q, i) => {
      const el = back.question(quiz.id, i);
      if (q.type === "sequencing") return; // shows the submitted answer
      const order = q.type === "matching" ? shown(el, `select[data-source="0"] option:not([value=""])`, "value") : shown(el, "[data-row]", "data-row");
      expect(order, q.id).toEqual(before[i]);
    });
    again.close(true);
  });
});

describe("quizzes are drawn as their page shows", () => {
  it("a launch leaves a quiz on another page as built; opening its page draws it, and printing draws every quiz", async () => {
    const rd = data.quizzes["assessment"]!;
    const order = (doc: Document, i: number): number[] => {
      const el = doc.querySelector<HTMLElement>(`[data-quiz="${quiz.id}"][data-question="${i}"]`)!;
      return rd.questions[i]!.type === "matching" ? shown(el, `select[data-source="0"] option:not([value=""])`, "value") : shown(el, "[data-row]", "data-row");
    };
    const shuffled = rd.questions.map((q, i) => i).filter((i) => rd.questions[i]!.shuffle && rd.questions[i]!.type !== "sequencing");
    expect(shuffled.length).toBeGreaterThan(2);
    const built = new JSDOM(fs.readFileSync(path.join(packages["after-last-attempt"]!.dir, "index.html"), "utf8")).window.document;
    // Drawing every quiz at the launch was half of the runtime's start; the assessment is not on the first page.
    const first = await launchScorm12(packages["after-last-attempt"]!.dir);
    for (const i of shuffled) expect(order(first.doc, i), rd.questions[i]!.id).toEqual(order(built, i));
    new Learner(first.doc, course).open("assessment", "assessment");
    expect(shuffled.some((i) => String(order(first.doc, i)) !== String(order(built, i)))).toBe(true);
    first.close(false);
    // Print shows every page (the print stylesheet), so it draws every quiz: the saved order, before the page is opened.
    const printed = await launchScorm12(packages["after-last-attempt"]!.dir);
    const seed = Number.parseInt(printed.committed().cmi.suspend_data.split("|")[4]!.split(";").at(-1)!.split(":")[0]!.split(".")[4]!, 36);
    printed.doc.defaultView!.dispatchEvent(new printed.doc.defaultView!.Event("beforeprint"));
    for (const i of shuffled) expect(order(printed.doc, i), rd.questions[i]!.id).toEqual(shownOrder(rd.questions[i]!.options.length, seed, rd.questions[i]!.id));
    printed.close(false);
  });
});

describe("showAnswers and marks after a submission", () => {
  it.each(modes)("%s: what a failed first attempt and the last attempt show", async (mode) => {
    const { lms, learner } = await assessmentOf(mode);
    const doc = lms.doc;
    expect(rows(doc, "right") + rows(doc, "wrong") + rows(doc, "key")).toBe(0);
    expect(keyShown(doc)).toBe(false);
    learner.takeAssessment(6);
    expect(learner.results().status).toContain("Not passed");
    // Every question is marked, every chosen option right or wrong in words.
    for (const [i] of quiz.questions.entries()) expect(["correct", "incorrect"]).toContain(learner.question(quiz.id, i).dataset.state);
    expect(rows(doc, "right")).toBeGreaterThan(0);
    expect(rows(doc, "wrong")).toBeGreaterThan(0);
    for (const el of doc.querySelectorAll<HTMLElement>(`[data-quiz="${quiz.id}"] [data-result] > [data-row-mark]`)) expect(el.hidden || !el.textContent).toBe(false);
    expect(keyShown(doc)).toBe(mode === "always");
    // The author's explanation of a wrong answer (it usually names the right one) comes with the key only.
    const explained = (): boolean => doc.querySelector<HTMLElement>(`[data-quiz="${quiz.id}"] [data-feedback="incorrect"]:not([hidden])`) !== null;
    expect(explained()).toBe(mode === "always");
    for (let attempt = 2; attempt <= course.maxAttempts; attempt++) {
      learner.click("[data-cw=retake]");
      // A retake starts clean: no marks, no key.
      expect(rows(doc, "right") + rows(doc, "wrong") + rows(doc, "key")).toBe(0);
      expect(keyShown(doc)).toBe(false);
      learner.takeAssessment(6);
    }
    expect(learner.results().status).toContain("used all your attempts");
    expect(keyShown(doc)).toBe(mode !== "never");
    expect(explained()).toBe(mode !== "never");
    if (mode !== "never") expect(doc.querySelector(`[data-quiz="${quiz.id}"]`)?.closest("[data-page]")?.textContent).toMatch(/Correct match: |It belongs at position/);
    lms.close(true);
  });

  it("after-last-attempt shows the key once passed", async () => {
    const { lms, learner } = await assessmentOf("after-last-attempt");
    learner.takeAssessment(0);
    expect(learner.results().status).toContain("Passed");
    expect(rows(lms.doc, "wrong")).toBe(0);
    expect(rows(lms.doc, "right")).toBeGreaterThan(quiz.questions.length - 1);
    lms.close(true);
  });
});

describe("question cards", () => {
  const s5 = course.sessions.find((s) => s.check?.questions.some((q) => q.type === "matching"))!;
  const check = s5.check!;

  it("a knowledge check marks the chosen options, then Check is done once the answer is right", async () => {
    const { lms } = await assessmentOf("after-last-attempt");
    const learner = new Learner(lms.doc, course);
    learner.open(s5.id, "check");
    const i = check.questions.findIndex((q) => q.type === "single-choice");
    const q = check.questions[i]!;
    const el = learner.question(check.id, i);
    expect(el.dataset.state).toBe("unanswered");
    learner.answer(check.id, i, q, false);
    expect(el.dataset.state).toBe("answered");
    learner.check(check.id, i);
    expect(el.dataset.state).toBe("incorrect");
    expect(el.querySelector("[data-result=wrong] [data-row-mark]")?.textContent).toBe("Your answer: incorrect");
    expect(el.querySelector("[data-result=key]")).toBeNull(); // only "always" shows a check's key
    learner.answer(check.id, i, q, true);
    expect(el.dataset.state).toBe("answered"); // a changed answer loses the old marks
    learner.check(check.id, i);
    expect(el.dataset.state).toBe("correct");
    const button = el.querySelector<HTMLButtonElement>("[data-cw=check-answer]")!;
    expect(button.disabled).toBe(true);
    expect(button.textContent).toBe("Answered correctly");
    lms.close(true);
  });

  it("always: a wrong check shows the correct answer too", async () => {
    const { lms } = await assessmentOf("always");
    const learner = new Learner(lms.doc, course);
    learner.open(s5.id, "check");
    const i = check.questions.findIndex((q) => q.type === "single-choice");
    learner.answer(check.id, i, check.questions[i]!, false);
    learner.check(check.id, i);
    expect(learner.question(check.id, i).querySelector("[data-result=key] [data-row-mark]")?.textContent).toBe("Correct answer");
    lms.close(true);
  });

  it("flags a matching target picked twice before any check, next to the select", async () => {
    const { lms, learner } = await assessmentOf("after-last-attempt");
    const i = quiz.questions.findIndex((q) => q.type === "matching");
    const el = learner.question(quiz.id, i);
    const [a, b] = [...el.querySelectorAll<HTMLSelectElement>("select[data-source]")];
    const change = (s: HTMLSelectElement, v: string): void => {
      s.value = v;
      s.dispatchEvent(new (lms.win as unknown as typeof globalThis).Event("change", { bubbles: true }));
    };
    change(a!, "2");
    change(b!, "2");
    for (const s of [a!, b!]) {
      expect(s.getAttribute("aria-invalid")).toBe("true");
      const msg = s.parentElement!.querySelector<HTMLElement>("[data-dup]")!;
      expect(msg.hidden).toBe(false);
      expect(s.getAttribute("aria-describedby")).toBe(msg.id);
    }
    change(b!, "1");
    expect(a!.getAttribute("aria-invalid")).toBe("false");
    expect(a!.parentElement!.querySelector<HTMLElement>("[data-dup]")!.hidden).toBe(true);
    expect(b!.hasAttribute("aria-describedby")).toBe(false);
    lms.close(true);
  });

  it("refuses a submission with the sequencing question untouched, naming it", async () => {
    const { lms, learner } = await assessmentOf("after-last-attempt");
    const s = quiz.questions.findIndex((q) => q.type === "sequencing");
    quiz.questions.forEach((q, i) => i !== s && learner.answer(quiz.id, i, q, true));
    const el = learner.question(quiz.id, s);
    expect(el.dataset.state).toBe("unanswered");
    learner.click("[data-cw=submit-assessment]");
    expect(learner.results().visible).toBe(false);
    expect(el.querySelector<HTMLElement>("[data-problem]")?.hidden).toBe(false);
    expect(lms.committed().cmi.core.score.raw).toBe("");
    learner.answer(quiz.id, s, quiz.questions[s]!, true);
    expect(el.dataset.state).toBe("answered");
    learner.click("[data-cw=submit-assessment]");
    expect(learner.results().score).toBe("100%");
    lms.close(true);
  });
});
