// Unit tests of the runtime's shared logic: time formats, scoring, progress, status mapping, state codec,
// and the SCORM 1.2 rule checker the journeys rely on.
import { describe, expect, it } from "vitest";
import { loadCourse } from "../src/content/load-course.js";
import type { RuntimeCourse, RuntimeQuestion } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { isComplete, isCorrect, scorePercent } from "../src/runtime/core/answers.js";
import { decodeBits, decodeState, encodeBits, encodeState } from "../src/runtime/core/state-codec.js";
import { emptyState, progress } from "../src/runtime/core/state.js";
import { lessonStatus } from "../src/standards/scorm12/runtime/lesson-status.js";
import { cmiClockTime, cmiTimespan } from "../src/standards/scorm12/runtime/timing.js";
import { isoDuration } from "../src/standards/common/iso-duration.js";
import { correctPattern, responseText } from "../src/standards/scorm12/runtime/responses.js";
import { Scorm12CallLog, type Scorm12ApiLike } from "../src/standards/scorm12/verify/call-rules.js";

const course = loadCourse("content");
const data: RuntimeCourse = runtimeCourse(course, planUnits(course, false)[0]!);

describe("time formats (conformance 9.1)", () => {
  it.each([
    [0, "00:00:00", "PT0S"],
    [3725_500, "01:02:05.50", "PT1H2M5.5S"],
    [100 * 3600_000, "0100:00:00", "PT100H"],
    [59_994, "00:00:59.99", "PT59.99S"],
    [61_000, "00:01:01", "PT1M1S"],
  ])("%i ms → %s / %s", (ms, cmi, iso) => {
    expect(cmiTimespan(ms)).toBe(cmi);
    expect(isoDuration(ms)).toBe(iso);
  });

  it("an ISO duration's seconds never carry more than two decimals", () => {
    for (let centis = 0; centis < 6000; centis++) expect(isoDuration(3_600_000 + centis * 10)).toMatch(/^PT1H(\d{1,2}M)?(\d{1,2}(\.\d{1,2})?S)?$/);
    expect(isoDuration(70)).toBe("PT0.07S");
  });

  it("clock time is HH:MM:SS", () => {
    expect(cmiClockTime(new Date(2026, 0, 2, 3, 4, 5))).toBe("03:04:05");
  });
});

const choice: RuntimeQuestion = { id: "c", type: "multiple-response", points: 2, prompt: "p", options: ["a", "b", "c"], correct: [0, 2] };
const seq: RuntimeQuestion = { id: "s", type: "sequencing", points: 1, prompt: "p", options: ["a", "b", "c"] };
const match: RuntimeQuestion = { id: "m", type: "matching", points: 1, prompt: "p", options: ["a", "b"], targets: ["X", "Y"] };
const fill: RuntimeQuestion = { id: "f", type: "fill-in", points: 1, prompt: "p", options: [], accepted: ["Stephen Karpman", "Karpman"] };
const tf: RuntimeQuestion = { id: "t", type: "true-false", points: 1, prompt: "p", options: ["t", "f"], answer: false };

describe("scoring", () => {
  it("judges each type", () => {
    expect(isCorrect(choice, [0, 2])).toBe(true);
    expect(isCorrect(choice, [0])).toBe(false);
    expect(isCorrect(choice, [0, 1, 2])).toBe(false);
    expect(isCorrect(seq, [0, 1, 2])).toBe(true);
    expect(isCorrect(seq, [1, 0, 2])).toBe(false);
    expect(isCorrect(match, [0, 1])).toBe(true);
    expect(isCorrect(match, [1, 0])).toBe(false);
    expect(isCorrect(fill, "  karpman ")).toBe(true);
    expect(isCorrect(fill, "Berne")).toBe(false);
    expect(isCorrect(tf, false)).toBe(true);
    expect(isCorrect(tf, true)).toBe(false);
  });

  it("knows an unfinished answer", () => {
    expect(isComplete(match, [0, -1])).toBe(false);
    expect(isComplete(fill, "   ")).toBe(false);
    expect(isComplete(choice, [])).toBe(false);
    expect(isComplete(tf, false)).toBe(true);
  });

  it("weights by points and rounds to two decimals", () => {
    expect(scorePercent([choice, seq, fill], [[0, 2], [1, 0, 2], "karpman"])).toBe(75);
    expect(scorePercent([seq, fill, tf], [[0, 1, 2], null, null])).toBe(33.33);
  });

  it("writes SCORM 1.2 responses and patterns", () => {
    expect(responseText(choice, [0, 2])).toBe("a,c");
    expect(correctPattern(choice)).toBe("a,c");
    expect(responseText(match, [1, 0])).toBe("a.2,b.1");
    expect(correctPattern(match)).toBe("a.1,b.2");
    expect(responseText(seq, [2, 0, 1])).toBe("c,a,b");
    expect(responseText(tf, true)).toBe("t");
    expect(correctPattern(fill)).toBe("Stephen Karpman");
    expect(responseText(fill, "x".repeat(300))).toHaveLength(255);
  });
});

describe("progress and reported status", () => {
  it("maps every reporting option", () => {
    const state = emptyState(data);
    const fresh = progress(data, state);
    const qs = state.quizzes["assessment"]!;
    qs.attempts = 1;
    qs.last = qs.best = 50;
    const failed = progress(data, state);
    qs.attempts = 2;
    qs.last = qs.best = 90;
    qs.passed = true;
    const passed = progress(data, state);
    const table = (["passed/incomplete", "passed/failed", "completed/incomplete", "completed/failed"] as const).map((r) => [
      lessonStatus(r, fresh.outcome),
      lessonStatus(r, failed.outcome),
      lessonStatus(r, passed.outcome),
    ]);
    expect(table).toEqual([
      ["incomplete", "incomplete", "passed"],
      ["incomplete", "failed", "passed"],
      ["incomplete", "incomplete", "completed"],
      ["incomplete", "failed", "completed"],
    ]);
  });

  it("completes a session only with every page viewed and every check question checked", () => {
    const state = emptyState(data);
    const si = data.sessions.findIndex((s) => s.check);
    let first = 0;
    for (let i = 0; i < si; i++) first += data.sessions[i]!.pages.length;
    const n = data.sessions[si]!.pages.length;
    for (let i = first; i < first + n; i++) state.visited[i] = true;
    expect(progress(data, state).sessions[si]!.complete).toBe(false);
    state.quizzes[data.sessions[si]!.check!]!.checked.fill(true);
    expect(progress(data, state).sessions[si]!.complete).toBe(true);
    expect(progress(data, state).courseComplete).toBe(false);
  });
});

describe("state codec", () => {
  it("round-trips bits", () => {
    const bits = Array.from({ length: 1000 }, (_, i) => i % 3 === 0 || i > 990);
    expect(decodeBits(encodeBits(bits), 1000)).toEqual(bits);
    expect(encodeBits(Array(1000).fill(true)).length).toBe(167);
  });

  it("round-trips a full state, including answers with delimiters in fill-in text", () => {
    const state = emptyState(data);
    state.visited = state.visited.map((_, i) => i % 2 === 0);
    state.location = 7;
    for (const quiz of Object.values(data.quizzes)) {
      const qs = state.quizzes[quiz.id]!;
      quiz.questions.forEach((q, i) => {
        qs.checked[i] = i % 2 === 0;
        qs.answers[i] =
          q.type === "true-false" ? true
          : q.type === "fill-in" ? "a|b;c:d,e.f~%"
          : q.type === "matching" ? q.options.map((_, k) => (k === 0 ? -1 : k))
          : q.type === "sequencing" ? q.options.map((_, k) => q.options.length - 1 - k)
          : [q.options.length - 1];
      });
    }
    const qs = state.quizzes["assessment"]!;
    Object.assign(qs, { attempts: 2, best: 91.67, last: 50, passed: true, submitted: true });
    const text = encodeState(data, state);
    const back = decodeState(data, text);
    for (const id of Object.keys(state.quizzes)) expect(back?.quizzes[id], id).toEqual(state.quizzes[id]);
    expect(back).toEqual(state);
  });

  it("rejects state written for another structure of the course", () => {
    const text = encodeState(data, emptyState(data));
    expect(decodeState({ ...data, fingerprint: "other" }, text)).toBeUndefined();
    expect(decodeState(data, "garbage")).toBeUndefined();
  });

  it("compact form keeps each correct answer of a finished quiz as the key and leaves out the wrong ones", () => {
    const key = (q: RuntimeQuestion) =>
      q.type === "fill-in" ? q.accepted![0]! : q.type === "true-false" ? q.answer! : q.type === "matching" || q.type === "sequencing" ? q.options.map((_, i) => i) : [...q.correct!];
    const wrong = (q: RuntimeQuestion) =>
      q.type === "fill-in" ? "x".repeat(200) : q.type === "true-false" ? !q.answer : q.type === "matching" || q.type === "sequencing" ? q.options.map((_, i) => q.options.length - 1 - i) : q.options.map((_, i) => i).filter((i) => !q.correct!.includes(i));
    const state = emptyState(data);
    for (const quiz of Object.values(data.quizzes)) {
      const qs = state.quizzes[quiz.id]!;
      qs.checked.fill(true);
      Object.assign(qs, { submitted: quiz.graded, attempts: quiz.graded ? 1 : 0, best: quiz.graded ? 50 : null, last: quiz.graded ? 50 : null });
      // Fill-in answers typed differently from the key still count as correct and come back as the key.
      quiz.questions.forEach((q, i) => (qs.answers[i] = i % 2 ? wrong(q) : q.type === "fill-in" ? ` ${key(q) as string} `.toUpperCase() : key(q)));
    }
    const full = encodeState(data, state);
    const compact = encodeState(data, state, { compact: true });
    expect(compact.length).toBeLessThan(full.length / 2);
    const back = decodeState(data, compact)!;
    for (const quiz of Object.values(data.quizzes)) {
      const qs = back.quizzes[quiz.id]!;
      expect(qs.checked.every(Boolean)).toBe(true);
      expect([qs.submitted, qs.attempts, qs.best]).toEqual([quiz.graded, quiz.graded ? 1 : 0, quiz.graded ? 50 : null]);
      quiz.questions.forEach((q, i) => {
        if (i % 2) expect(qs.answers[i], `${quiz.id} ${q.id}`).toBeNull();
        else {
          expect(qs.answers[i], `${quiz.id} ${q.id}`).toEqual(key(q));
          expect(isCorrect(q, qs.answers[i]!)).toBe(true);
        }
      });
    }
    expect(back.visited).toEqual(state.visited);
  });

  it("compact form keeps every answer of a quiz still in progress", () => {
    const state = emptyState(data);
    const quiz = data.quizzes["assessment"]!;
    const qs = state.quizzes[quiz.id]!;
    quiz.questions.forEach((q, i) => (qs.answers[i] = q.type === "fill-in" ? "draft" : q.type === "true-false" ? false : q.type === "single-choice" || q.type === "multiple-response" ? [1] : q.options.map((_, j) => j)));
    expect(decodeState(data, encodeState(data, state, { compact: true }))!.quizzes[quiz.id]!.answers).toEqual(qs.answers);
  });

});

describe("SCORM 1.2 call log rules", () => {
  function fakeApi(): Scorm12ApiLike {
    return {
      LMSInitialize: () => "true",
      LMSFinish: () => "true",
      LMSGetValue: () => "",
      LMSSetValue: () => "true",
      LMSCommit: () => "true",
      LMSGetLastError: () => "0",
      LMSGetErrorString: () => "",
      LMSGetDiagnostic: () => "",
    };
  }

  it("accepts a clean session", () => {
    const log = new Scorm12CallLog();
    const api = log.wrap(fakeApi());
    api.LMSInitialize("");
    api.LMSSetValue("cmi.core.lesson_status", "incomplete");
    api.LMSSetValue("cmi.interactions.0.id", "q-1");
    api.LMSSetValue("cmi.interactions.0.time", "12:00:00");
    api.LMSSetValue("cmi.core.session_time", "0001:02:03.5");
    api.LMSCommit("");
    api.LMSFinish("");
    expect(log.endOfSession()).toEqual([]);
  });

  it.each([
    ["cmi.core.lesson_status", "not attempted", "3.1"],
    ["cmi.core.session_time", "PT1M", "3.5"],
    ["cmi.core.score.raw", "101", "3.4"],
    ["cmi.suspend_data", "x".repeat(4097), "3.7"],
    ["cmi.core.lesson_location", "x".repeat(256), "3.6"],
    ["cmi.interactions.0.id", "has space", "3.11"],
    ["cmi.core.student_name", "x", "3.9"],
    ["cmi.objectives.1.id", "skips", "3.10"],
  ])("flags %s (rule $2)", (element, value, rule) => {
    const log = new Scorm12CallLog();
    const api = log.wrap(fakeApi());
    api.LMSInitialize("");
    api.LMSSetValue(element, value);
    expect(log.violations.map((v) => v.rule)).toContain(rule);
  });

  it("flags calls out of order and a missing LMSFinish", () => {
    const log = new Scorm12CallLog();
    const api = log.wrap(fakeApi());
    api.LMSCommit("");
    api.LMSInitialize("x");
    api.LMSGetValue("cmi.interactions.0.result");
    expect(log.violations.map((v) => v.rule)).toEqual(["2.4", "2.3", "3.11"]);
    expect(log.endOfSession().map((v) => v.rule)).toContain("2.4");
  });
});

describe("LMS API discovery (conformance 2.1, 11.6)", () => {
  type Win = { API?: object; parent: Win | null; opener: Win | null; top: Win | null };
  const api = { LMSInitialize: () => "true" };
  const win = (props: Partial<Win> = {}): Win => {
    const w: Win = { parent: null, opener: null, top: null, ...props };
    if (!w.parent) w.parent = w;
    w.top ??= w;
    return w;
  };

  it("finds the API on the window itself, a parent frame, or the opener's frame chain", async () => {
    const { findApi } = await import("../src/standards/common/scorm/find-api.js");
    const self = win({ API: api });
    expect(findApi(self as unknown as Window, "API", 7)).toBe(api);
    const lms = win({ API: api });
    const frame = win({ parent: win({ parent: lms }) });
    expect(findApi(frame as unknown as Window, "API", 7)).toBe(api);
    const popup = win({ opener: win({ parent: lms }) });
    expect(findApi(popup as unknown as Window, "API", 7)).toBe(api);
  });

  it("survives cross-origin frames that throw, and stops after the hop limit", async () => {
    const { findApi } = await import("../src/standards/common/scorm/find-api.js");
    const hostile = win();
    Object.defineProperty(hostile, "API", { get: () => { throw new Error("SecurityError"); } });
    const frame = win({ parent: hostile });
    expect(findApi(frame as unknown as Window, "API", 7)).toBeUndefined();
    let deep = win({ API: api });
    for (let i = 0; i < 9; i++) deep = win({ parent: deep });
    expect(findApi(deep as unknown as Window, "API", 7)).toBeUndefined();
    expect(findApi(deep as unknown as Window, "API", 10)).toBe(api);
  });
});
