// Question pools (issue #12 §2), without a browser: the fixture pool (test/fixtures/pool) loads; the draw
// (runtime/core/draw.ts) over 10,000 seeds shows every question, exactly the counts asked per group, each
// question about equally often; it is the same for a seed every time (a resume), another for a retake;
// the score counts the drawn questions only; the saved state restores the draw; a 200-question pool fits
// SCORM 1.2's suspend_data; and every mistake in a `draw:` is reported at its file and line.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { fullProgressSuspendData, pooledSuspendData, SUSPEND_DATA_LIMIT } from "../bench/suspend.js";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import type { Course } from "../src/model/course.js";
import type { RuntimeCourse, RuntimeQuiz } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { estimateMinutes } from "../src/render/estimate.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { isCorrect, type Answer } from "../src/runtime/core/answers.js";
import { assessmentRules, startRetake, submitAttempt } from "../src/runtime/core/assessment.js";
import { drawn } from "../src/runtime/core/draw.js";
import { decodeState, encodeState } from "../src/runtime/core/state-codec.js";
import { emptyState } from "../src/runtime/core/state.js";
import { contentFixture, REPO_ROOT, type ContentFixture } from "./helpers/content-fixture.js";

const POOL = path.join(REPO_ROOT, "test", "fixtures", "pool", "assessment.yaml");
const SEEDS = 10_000;

/** A copy of the real course whose assessment is `yaml` (default: the fixture pool). */
function pooledCopy(yaml = fs.readFileSync(POOL, "utf8")): ContentFixture {
  const fx = contentFixture();
  fx.write("assessment.yaml", yaml);
  return fx;
}

const runtimeOf = (course: Course): RuntimeCourse => runtimeCourse(course, planUnits(course, false)[0]!);

/** A correct answer to question `i` of the runtime quiz (as the codec's key would restore it). */
function rightAnswer(quiz: RuntimeQuiz, i: number): Answer {
  const q = quiz.questions[i]!;
  if (q.type === "true-false") return Boolean(q.answer);
  if (q.type === "fill-in") return q.accepted![0]!;
  if (q.type === "single-choice" || q.type === "multiple-response") return [...q.correct!];
  return q.options.map((_, k) => k);
}

describe("the fixture pool", () => {
  it("loads: the draw, each question's tag and session, the runtime's groups", () => {
    const fx = pooledCopy();
    const course = loadCourse(fx.dir);
    expect(course.assessment?.draw).toEqual({ count: 2, per: "tag" });
    expect(course.assessment?.questions.map((q) => q.tags?.[0])).toEqual([...Array(4).fill("values"), ...Array(4).fill("roles"), ...Array(4).fill("boundaries")]);
    expect(course.assessment?.questions[4]?.session).toBe("peer-relationship");
    const quiz = runtimeOf(course).quizzes["assessment"]!;
    expect(quiz.draw).toEqual([[2, [0, 1, 2, 3]], [2, [4, 5, 6, 7]], [2, [8, 9, 10, 11]]]);
    // The cover's time counts the questions an attempt shows (6), not the pool (12).
    const { draw: _, ...whole } = course.assessment!;
    expect(estimateMinutes({ ...course, assessment: whole }) - estimateMinutes(course)).toBe(6);
  });
});

describe("the draw (runtime/core/draw.ts)", () => {
  const fx = (): RuntimeQuiz => runtimeOf(loadCourse(pooledCopy().dir)).quizzes["assessment"]!;

  it(`over ${SEEDS.toLocaleString("en")} seeds: 2 of each tag every time, every question drawn, each within 5% of its share`, () => {
    const quiz = fx();
    const times = quiz.questions.map(() => 0);
    const pairs = new Map<string, number>();
    for (let seed = 1; seed <= SEEDS; seed++) {
      const shown = drawn(quiz, seed);
      expect(shown).toEqual([...shown].sort((a, b) => a - b));
      for (const [, members] of quiz.draw!) expect(shown.filter((i) => members.includes(i)).length).toBe(2);
      for (const i of shown) times[i]!++;
      const first = shown.slice(0, 2).join(",");
      pairs.set(first, (pairs.get(first) ?? 0) + 1);
    }
    // Each question is in 2 of 4 draws of its tag: 5,000 times expected; σ = √(10,000 · ½ · ½) = 50, 5% = 5σ.
    for (const n of times) expect(Math.abs(n - SEEDS / 2)).toBeLessThan(SEEDS * 0.025);
    // Every pair of the first tag (6 of them) about equally often: 1,667 each, σ ≈ 37; within 10% (≈ 4.5σ).
    expect(pairs.size).toBe(6);
    for (const n of pairs.values()) expect(Math.abs(n - SEEDS / 6)).toBeLessThan(SEEDS / 60);
  });

  it("per session, a count per session: exactly that many of each session every time, every question drawn", () => {
    const yaml = fs.readFileSync(POOL, "utf8").replace("draw:\n  count: 2\n  per: tag\n", "draw:\n  per: session\n  count:\n    what-is-peer-support: 1\n    peer-relationship: 3\n    risk-boundaries: 2\n");
    const quiz = runtimeOf(loadCourse(pooledCopy(yaml).dir)).quizzes["assessment"]!;
    expect(quiz.draw).toEqual([[1, [0, 1, 2, 3]], [3, [4, 5, 6, 7]], [2, [8, 9, 10, 11]]]);
    const times = quiz.questions.map(() => 0);
    for (let seed = 1; seed <= SEEDS; seed++) {
      const shown = drawn(quiz, seed);
      expect([shown.filter((i) => i < 4).length, shown.filter((i) => i >= 4 && i < 8).length, shown.filter((i) => i >= 8).length]).toEqual([1, 3, 2]);
      for (const i of shown) times[i]!++;
    }
    // Shares 1/4, 3/4 and 2/4 of the seeds; σ ≤ 50, so 5% of the seeds (500) is 10σ at least — and none is 0.
    [1, 3, 2].forEach((count, g) => {
      for (let i = g * 4; i < g * 4 + 4; i++) expect(Math.abs(times[i]! - (SEEDS * count) / 4)).toBeLessThan(SEEDS * 0.05);
    });
  });

  it("200 questions, 20 drawn: every question, about 1,000 times each in 10,000 seeds (within 15%)", () => {
    const quiz: RuntimeQuiz = {
      id: "assessment",
      title: "pool",
      graded: true,
      questions: Array.from({ length: 200 }, (_, i) => ({ id: `q${i}`, type: "true-false", points: 1, prompt: "p", options: ["t", "f"], answer: true })),
      draw: [[20, [...Array(200).keys()]]],
    };
    const times = quiz.questions.map(() => 0);
    for (let seed = 1; seed <= SEEDS; seed++) {
      const shown = drawn(quiz, seed);
      expect(new Set(shown).size).toBe(20);
      for (const i of shown) times[i]!++;
    }
    // σ = √(10,000 · 0.1 · 0.9) = 30; 15% = 150 = 5σ.
    expect(Math.min(...times)).toBeGreaterThan(850);
    expect(Math.max(...times)).toBeLessThan(1150);
  });

  it("is the same for the same seed (a resume), other questions for other seeds, every question without a draw", () => {
    const quiz = fx();
    expect(drawn(quiz, 12345)).toEqual(drawn(quiz, 12345));
    const sets = new Set(Array.from({ length: 50 }, (_, s) => String(drawn(quiz, s + 1))));
    expect(sets.size).toBeGreaterThan(40);
    expect(drawn({ ...quiz, draw: undefined }, 7)).toEqual([...Array(12).keys()]);
  });

  it("scores points earned of the points possible of the drawn questions; a retake draws another set", () => {
    const course = loadCourse(pooledCopy().dir);
    const data = runtimeOf(course);
    const quiz = data.quizzes["assessment"]!;
    const rules = assessmentRules(data);
    const state = emptyState(data);
    const qs = state.quizzes["assessment"]!;
    // A seed whose draw has the 2-point question (index 3) and one other of its tag.
    qs.seed = Array.from({ length: 500 }, (_, s) => s + 1).find((s) => drawn(quiz, s).includes(3))!;
    const shown = drawn(quiz, qs.seed);
    // Every drawn question right but the 2-point one; every question left out answered wrong (it must not count).
    const answers = quiz.questions.map((q, i): Answer | null => (shown.includes(i) && i !== 3 ? rightAnswer(quiz, i) : null));
    const possible = shown.reduce((n, i) => n + quiz.questions[i]!.points, 0);
    expect(possible).toBe(7);
    const result = submitAttempt(rules, quiz, qs, answers);
    expect(result?.score).toBe(Math.round((5 / 7) * 10000) / 100);
    expect(result?.passed).toBe(false);
    expect(shown.filter((i) => isCorrect(quiz.questions[i]!, answers[i])).length).toBe(5);
    for (let k = 0; k < 2; k++) {
      const before = String(drawn(quiz, qs.seed));
      expect(startRetake(rules, quiz, qs)).toBe(true);
      expect(String(drawn(quiz, qs.seed))).not.toBe(before);
      expect(qs.answers.every((a) => a === null)).toBe(true);
      const again = drawn(quiz, qs.seed);
      expect(submitAttempt(rules, quiz, qs, quiz.questions.map((_, i) => (again.includes(i) ? rightAnswer(quiz, i) : null)))?.score).toBe(100);
      qs.passed = false; // to retake again
    }
  });

  it("saves nothing but the seed: the decoded state draws the same questions and keeps their answers", () => {
    const data = runtimeOf(loadCourse(pooledCopy().dir));
    const quiz = data.quizzes["assessment"]!;
    const state = emptyState(data);
    const qs = state.quizzes["assessment"]!;
    const shown = drawn(quiz, qs.seed);
    qs.answers = quiz.questions.map((_, i) => (shown.includes(i) ? rightAnswer(quiz, i) : null));
    const text = encodeState(data, state);
    const back = decodeState(data, text)!.quizzes["assessment"]!;
    expect(back.seed).toBe(qs.seed);
    expect(drawn(quiz, back.seed)).toEqual(shown);
    expect(back.answers).toEqual(qs.answers);
    // Another draw is another structure: a state saved under it is not read as this one's.
    const other = runtimeOf({ ...loadCourse(pooledCopy().dir), assessment: { ...loadCourse(pooledCopy().dir).assessment!, draw: { count: 3, per: "tag" } } });
    expect(other.fingerprint).not.toBe(data.fingerprint);
    expect(decodeState(other, text)).toBeUndefined();
  });
});

describe("SCORM 1.2 suspend_data with a pool (bench/suspend.ts, in `npm run bench`)", () => {
  it(`a 200-question pool with 20 drawn stays within ${SUSPEND_DATA_LIMIT.toLocaleString("en")} characters, full and compact`, () => {
    const course = loadCourse(path.join(REPO_ROOT, "content"));
    const pooled = pooledSuspendData(course, 200, 20);
    const plain = fullProgressSuspendData(course, 1);
    console.log(`suspend_data, 200-question pool, 20 drawn (largest of 200 draws): ${pooled.full} chars full, ${pooled.compact} compact (the real course: ${plain.full} full, ${plain.compact} compact)`);
    expect(pooled.full).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    expect(pooled.compact).toBeLessThanOrEqual(pooled.full);
    expect(pooled.beforeSubmit.full).toBeLessThanOrEqual(SUSPEND_DATA_LIMIT);
    expect(pooled.storedForm).toBe("full");
  });
});

describe("draw: mistakes, at their file and line", () => {
  /** The problems of loading the course with `yaml` as its assessment. */
  function problems(yaml: string): { line: number; field?: string; message: string }[] {
    const fx = pooledCopy(yaml);
    try {
      loadCourse(fx.dir);
    } catch (err) {
      if (err instanceof ContentError) return err.problems.map((p) => ({ line: p.line, ...(p.field ? { field: p.field } : {}), message: p.message }));
      throw err;
    }
    throw new Error("the course loaded");
  }
  const pool = fs.readFileSync(POOL, "utf8");
  const lineOf = (text: string, needle: string, from = 0): number => text.split("\n").findIndex((l, i) => i >= from && l.includes(needle)) + 1;
  const withDraw = (draw: string): string => pool.replace("draw:\n  count: 2\n  per: tag\n", draw);

  it("more than the pool", () => {
    const yaml = withDraw("draw: 13\n");
    expect(problems(yaml)).toEqual([{ line: lineOf(yaml, "draw: 13"), field: "draw", message: "draws 13 questions, but the pool has 12 questions" }]);
  });

  it("more per tag than a tag has", () => {
    const yaml = withDraw("draw:\n  count: 5\n  per: tag\n");
    const got = problems(yaml);
    expect(got).toHaveLength(3);
    expect(got[0]).toEqual({ line: lineOf(yaml, "count: 5"), field: "draw.count", message: expect.stringContaining("draws 5 questions per tag, but tag 'values' has 4 questions (lines ") });
  });

  it("a count per tag: an unknown tag (did you mean), a tag without a count, a count above its tag", () => {
    const yaml = withDraw("draw:\n  per: tag\n  count:\n    valeus: 1\n    roles: 5\n");
    expect(problems(yaml)).toEqual([
      { line: lineOf(yaml, "valeus: 1"), field: "draw.count.valeus", message: "names tag 'valeus', which no question has — did you mean 'values'?" },
      { line: lineOf(yaml, "valeus: 1"), field: "draw.count", message: expect.stringContaining("gives no count for tag 'values' (questions at lines ") },
      { line: lineOf(yaml, "valeus: 1"), field: "draw.count", message: expect.stringContaining("gives no count for tag 'boundaries'") },
      { line: lineOf(yaml, "roles: 5"), field: "draw.count.roles", message: expect.stringContaining("draws 5 questions, but tag 'roles' has 4 questions") },
    ]);
  });

  it("a tag named like an object's own property is a name like any other", () => {
    const yaml = withDraw("draw:\n  per: tag\n  count:\n    values: 1\n    roles: 1\n    constructor: 1\n").replaceAll("tags: [boundaries]", "tags: [toString]");
    const got = problems(yaml);
    expect(got.map((p) => p.message)).toEqual([
      "names tag 'constructor', which no question has",
      expect.stringContaining("gives no count for tag 'toString'"),
    ]);
  });

  it("a question without a tag, or with two, under a draw per tag", () => {
    const yaml = pool.replace("    tags: [values]\n    session: what-is-peer-support\n    prompt: Which value", "    session: what-is-peer-support\n    prompt: Which value").replace("tags: [roles]", "tags: [roles, values]");
    expect(problems(yaml)).toEqual([
      { line: lineOf(yaml, "id: value-order-first"), field: "questions.1.id", message: expect.stringContaining("has no tag; a draw per tag") },
      { line: lineOf(yaml, "tags: [roles, values]"), field: "questions.4.tags", message: "has 2 tags; a draw per tag puts each question in one group: give it one tag" },
    ]);
  });

  it("per session: an unknown session (did you mean), a question without one", () => {
    const yaml = withDraw("draw:\n  count: 1\n  per: session\n").replace("session: peer-relationship", "session: peer-relationships").replace("    session: risk-boundaries\n    prompt: \"Complete", "    prompt: \"Complete");
    expect(problems(yaml)).toEqual([
      { line: lineOf(yaml, "session: peer-relationships"), field: "questions.4.session", message: "names session 'peer-relationships', which the course does not have — did you mean 'peer-relationship'?" },
      { line: lineOf(yaml, "id: boundary-limits"), field: "questions.8.id", message: expect.stringContaining("has no session; a draw per session") },
    ]);
  });

  it("per-group counts without per; nothing drawn at all; a draw of 0 or of words; a draw in a knowledge check", () => {
    let yaml = withDraw("draw:\n  count:\n    values: 2\n");
    expect(problems(yaml)).toEqual([{ line: lineOf(yaml, "values: 2"), field: "draw.count", message: "a count per group needs 'per: tag' or 'per: session' beside it" }]);
    yaml = withDraw("draw:\n  per: tag\n  count:\n    values: 0\n    roles: 0\n    boundaries: 0\n");
    expect(problems(yaml)).toEqual([{ line: lineOf(yaml, "values: 0"), field: "draw.count", message: expect.stringContaining("draws no question at all") }]);
    yaml = withDraw("draw: 0\n");
    expect(problems(yaml)).toEqual([{ line: lineOf(yaml, "draw: 0"), field: "draw", message: "must draw at least 1 question" }]);
    yaml = withDraw("draw:\n  count: ten\n  per: tags\n");
    expect(problems(yaml)).toEqual([{ line: lineOf(yaml, "per: tags"), field: "draw.per", message: expect.stringContaining("must be one of: \"tag\", \"session\" — did you mean 'tag'?") }]);
    const fx = contentFixture();
    fx.mutate("checks/04-peer-values.yaml", (t) => t.replace(/^questions:/m, "draw: 1\nquestions:"));
    let caught: unknown;
    try {
      loadCourse(fx.dir);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ContentError);
    expect((caught as ContentError).problems).toEqual([
      expect.objectContaining({ line: fx.lineOf("checks/04-peer-values.yaml", "draw: 1"), field: "draw", message: expect.stringContaining("only the final assessment draws from a pool") }),
    ]);
  });
});
