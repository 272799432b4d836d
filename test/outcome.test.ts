// The neutral learner outcome (runtime/core/outcome.ts): completion and success as two axes, best score,
// progress toward completion, settled verdict; the course's reporting wish; and the assessment's rules
// (runtime/core/assessment.ts): pass mark, attempts, best score, retakes.
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import { numberStyle } from "../src/render/number-style.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { assessmentRules, attemptsLeft, canRetake, startRetake, submitAttempt } from "../src/runtime/core/assessment.js";
import { percent, resultText } from "../src/runtime/ui/results-view.js";
import { reportingWish } from "../src/runtime/core/outcome.js";
import { emptyState, flattenPages, progress, type LearnerState } from "../src/runtime/core/state.js";

const course = loadCourse("content");
const whole: RuntimeCourse = runtimeCourse(course, planUnits(course, false)[0]!);
const units = planUnits(course, true).map((u) => runtimeCourse(course, u));
const assessmentOnly = units.find((u) => u.sessions.every((s) => !s.counts))!;
const oneSession = units.find((u) => u.sessions.some((s) => s.counts && s.pages.length > 1))!;

/** Views every page and checks every knowledge-check question of the counted sessions. */
function completeSessions(data: RuntimeCourse, state: LearnerState): void {
  for (const p of flattenPages(data)) if (data.sessions[p.session]!.counts) state.visited[p.index] = true;
  for (const s of data.sessions) if (s.check) state.quizzes[s.check]!.checked.fill(true);
}

function attempt(state: LearnerState, score: number, mark = 80): void {
  const qs = state.quizzes["assessment"]!;
  qs.attempts += 1;
  qs.last = score;
  qs.best = qs.best === null ? score : Math.max(qs.best, score);
  qs.passed ||= score >= mark;
}

describe("outcome of a whole-course unit with an assessment", () => {
  it("starts not attempted, unknown, no score, no progress", () => {
    expect(progress(whole, emptyState(whole)).outcome).toEqual({
      completion: "not-attempted",
      success: "unknown",
      scaled: null,
      percent: null,
      progress: 0,
      settled: false,
    });
  });

  it("counts pages and check questions toward progress, never reaching 1 before completion", () => {
    const state = emptyState(whole);
    state.visited[0] = true;
    const first = progress(whole, state).outcome;
    expect(first.completion).toBe("incomplete");
    expect(first.progress).toBeGreaterThan(0);
    completeSessions(whole, state);
    const check = whole.sessions.find((s) => s.check)!;
    state.quizzes[check.check!]!.checked[0] = false;
    const almost = progress(whole, state).outcome;
    expect(almost.completion).toBe("incomplete");
    expect(almost.progress).toBeGreaterThan(first.progress);
    expect(almost.progress).toBeLessThan(1);
  });

  it("is completed with every counted session complete, before the assessment is passed", () => {
    const state = emptyState(whole);
    completeSessions(whole, state);
    const o = progress(whole, state).outcome;
    expect(o).toMatchObject({ completion: "completed", success: "unknown", progress: 1, settled: false });
  });

  it("fails with attempts left (not settled), then settles once every attempt failed; the score is the best", () => {
    const state = emptyState(whole);
    state.visited[0] = true;
    attempt(state, 60);
    expect(progress(whole, state).outcome).toMatchObject({ success: "failed", settled: false, percent: 60, scaled: 0.6 });
    attempt(state, 70);
    attempt(state, 40);
    expect(progress(whole, state).outcome).toMatchObject({ success: "failed", settled: true, percent: 70, scaled: 0.7, completion: "incomplete" });
  });

  it("passes for good: a pass is settled and never taken back; completion still follows the sessions", () => {
    const state = emptyState(whole);
    state.visited[0] = true;
    attempt(state, 66.67);
    expect(progress(whole, state).outcome).toMatchObject({ success: "failed", scaled: 0.6667 });
    attempt(state, 90);
    expect(progress(whole, state).outcome).toMatchObject({ success: "passed", settled: true, completion: "incomplete", scaled: 0.9 });
    completeSessions(whole, state);
    expect(progress(whole, state).outcome.completion).toBe("completed");
  });
});

describe("outcome of the units of a multi-unit package", () => {
  it("a session unit succeeds by completion (it has no assessment)", () => {
    const state = emptyState(oneSession);
    state.visited[0] = true;
    expect(progress(oneSession, state).outcome).toMatchObject({ completion: "incomplete", success: "unknown", scaled: null });
    completeSessions(oneSession, state);
    expect(progress(oneSession, state).outcome).toMatchObject({ completion: "completed", success: "passed", progress: 1, settled: true });
  });

  it("the assessment unit completes once its verdict is settled", () => {
    const state = emptyState(assessmentOnly);
    state.visited[0] = true;
    expect(progress(assessmentOnly, state).outcome).toMatchObject({ completion: "incomplete", progress: 0 });
    attempt(state, 10);
    expect(progress(assessmentOnly, state).outcome).toMatchObject({ completion: "incomplete", success: "failed", progress: 0 });
    attempt(state, 95);
    expect(progress(assessmentOnly, state).outcome).toMatchObject({ completion: "completed", success: "passed", progress: 1 });
  });
});

describe("reporting wish", () => {
  it.each([
    ["passed/incomplete", { success: "passed", failure: "incomplete" }],
    ["passed/failed", { success: "passed", failure: "failed" }],
    ["completed/incomplete", { success: "completed", failure: "incomplete" }],
    ["completed/failed", { success: "completed", failure: "failed" }],
  ] as const)("%s", (option, wish) => {
    expect(reportingWish(option)).toEqual(wish);
  });
});

describe("assessment rules", () => {
  const quiz = whole.quizzes["assessment"]!;
  const right = (): (number[] | boolean | string | null)[] =>
    quiz.questions.map((q) => (q.type === "true-false" ? q.answer! : q.type === "fill-in" ? q.accepted![0]! : q.type === "matching" || q.type === "sequencing" ? q.options.map((_, i) => i) : [...q.correct!]));
  const wrong = (): (number[] | boolean | string | null)[] => quiz.questions.map((q) => (q.type === "true-false" ? !q.answer : q.type === "fill-in" ? "no" : q.type === "matching" || q.type === "sequencing" ? q.options.map((_, i, a) => a.length - 1 - i) : [q.options.length - 1 === q.correct![0] ? 0 : q.options.length - 1]));

  it("takes the course's pass mark and attempts by default, the LMS's pass mark when it sets one", () => {
    expect(assessmentRules(whole)).toEqual({ passMark: whole.masteryScore, maxAttempts: whole.maxAttempts, showAnswers: whole.showAnswers });
    expect(assessmentRules(whole, 50)).toEqual({ passMark: 50, maxAttempts: whole.maxAttempts, showAnswers: whole.showAnswers });
    expect(attemptsLeft({ maxAttempts: 0 }, 7)).toBeNull();
    expect(attemptsLeft({ maxAttempts: 3 }, 5)).toBe(0);
  });

  it("scores an attempt, keeps the best, stops at the attempt limit, and says what the results panel shows", () => {
    const rules = assessmentRules(whole, 80);
    const qs = emptyState(whole).quizzes["assessment"]!;
    const first = submitAttempt(rules, quiz, qs, wrong())!;
    expect(first).toMatchObject({ passed: false, attempt: 1, final: false });
    expect(first.score).toBeLessThan(80);
    expect(submitAttempt(rules, quiz, qs, right()), "no second submit of the same attempt").toBeUndefined();
    expect(canRetake(rules, qs)).toBe(true);
    expect(resultText(rules, qs, whole)).toBe(`Not passed. Your score is ${Math.floor(first.score)}%; the pass mark is 80%. You have ${rules.maxAttempts - 1} attempts left.`);
    expect(startRetake(rules, quiz, qs)).toBe(true);
    expect(qs.answers.every((a) => a === null)).toBe(true);
    while (attemptsLeft(rules, qs.attempts)! > 0) {
      const r = submitAttempt(rules, quiz, qs, wrong())!;
      if (r.final) break;
      startRetake(rules, quiz, qs);
    }
    expect(qs.attempts).toBe(rules.maxAttempts);
    expect(canRetake(rules, qs)).toBe(false);
    expect(startRetake(rules, quiz, qs)).toBe(false);
    expect(qs.best).toBe(first.score);
    expect(resultText(rules, qs, whole)).toMatch(/You have used all your attempts\.$/);
  });

  it("a pass is final and never taken back; a lower pass mark from the LMS passes what the course's would fail", () => {
    const strict = assessmentRules(whole, 100);
    const qs = emptyState(whole).quizzes["assessment"]!;
    const answers = right();
    answers[0] = wrong()[0]!;
    expect(submitAttempt(strict, quiz, qs, answers)).toMatchObject({ passed: false });
    const lenient = assessmentRules(whole, 1);
    startRetake(lenient, quiz, qs);
    expect(submitAttempt(lenient, quiz, qs, answers)).toMatchObject({ passed: true, final: true });
    expect(canRetake(lenient, qs)).toBe(false);
    expect(qs.passed).toBe(true);
    expect(resultText(lenient, qs, whole)).toMatch(/^Passed\. Your score is \d+%; the pass mark is 1%\.$/);
  });

  it("shows scores as whole percentages, rounded down: never reads as reaching a pass mark it missed", () => {
    expect([percent(whole, 66.67), percent(whole, 79.5), percent(whole, 80), percent(whole, 100), percent(whole, 0), percent(whole, null)]).toEqual(["66%", "79%", "80%", "100%", "0%", "–"]);
    // Written as the course's language writes a percentage (ECMA-402), as the build does.
    expect(percent({ ...whole, numbers: numberStyle("de") }, 79.5)).toBe("79\u00a0%");
    expect(percent({ ...whole, numbers: numberStyle("de-CH") }, 79.5)).toBe("79%");
    expect(percent({ ...whole, numbers: numberStyle("ar-EG") }, 79.5)).toBe("٧٩٪؜");
  });
});
