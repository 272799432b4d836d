// Reflections (issue #12 §1): `::: reflection <id> [max: n]` blocks — their markup, their content errors at
// file:line, how the state codec keeps them near a store's limit (progress never cut), and how each standard
// records one: SCORM 1.2 a `fill-in` cut to CMIString255, SCORM 2004 a `long-fill-in` (SPM 4,000), xAPI an
// `answered` statement with result.response. scorm-again is the LMS, the LRS's validator judges statements.
import fs from "node:fs";
import path from "node:path";
import { JSDOM } from "jsdom";
import { Scorm12API, Scorm2004API } from "scorm-again";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { ContentError } from "../src/content/errors.js";
import { loadCourse } from "../src/content/load-course.js";
import { REFLECTION_MAX_DEFAULT } from "../src/content/blocks/reflection.js";
import { validateStatement } from "../src/lrs/index.js";
import type { Course } from "../src/model/course.js";
import type { RuntimeCourse } from "../src/model/runtime-data.js";
import { planUnits } from "../src/model/units.js";
import { renderPage } from "../src/render/markdown.js";
import { runtimeCourse } from "../src/render/runtime-data.js";
import { featuresFor } from "../src/runtime/features.js";
import { decodeState, encodeState } from "../src/runtime/core/state-codec.js";
import { emptyState, progress, type LearnerState } from "../src/runtime/core/state.js";
import type { LearnerEvent, Snapshot, Tracker } from "../src/runtime/tracking/tracker.js";
import type { RecordedCall } from "../src/standards/common/scorm/call-recorder.js";
import { mergeProgress } from "../src/standards/common/xapi/progress-merge.js";
import { StatementFactory } from "../src/standards/common/xapi/statements.js";
import { scorm12Tracker } from "../src/standards/scorm12/runtime/tracker.js";
import { Scorm12CallLog } from "../src/standards/scorm12/verify/call-rules.js";
import { recordScorm2004Calls } from "../src/standards/scorm2004/api.js";
import { scorm2004Tracker } from "../src/standards/scorm2004/runtime/tracker.js";
import { checkScorm2004Calls } from "../src/standards/scorm2004/verify/call-rules.js";
import { tincanPackager } from "../src/standards/tincan/packager.js";
import { buildAndUnpack } from "./helpers/built-package.js";
import { contentFixture, REAL_CONTENT, replaceOnce } from "./helpers/content-fixture.js";
import { launchScorm12 } from "./helpers/scorm12-lms.js";

const SESSION = "sessions/03-personal-recovery.md";
/** The real course's reflection on that session's first page. */
const OWN = "::: reflection my-recovery-story";

const problemsOf = (dir: string): string[] => {
  try {
    loadCourse(dir);
  } catch (err) {
    if (err instanceof ContentError) return err.problems.map((p) => `${path.basename(p.file)}:${p.line}: ${p.message}`);
    throw err;
  }
  return [];
};

describe("the reflection block", () => {
  it("the real course asks four, drawn from the outline of the sessions the issue names", () => {
    const course = loadCourse(REAL_CONTENT);
    const where = course.sessions.flatMap((s) => s.pages.flatMap((p) => (p.reflections ?? []).map((r) => `${s.id}/${p.id}#${r.id}`)));
    expect(where).toEqual([
      "personal-recovery/about-this-session#my-recovery-story",
      "review-1/about-this-session#learning-to-date",
      "using-experiences/about-this-session#sharing-experiences",
      "review-2/about-this-session#course-evaluation",
    ]);
    // Only packages of a course with reflections carry their runtime feature.
    expect(featuresFor(course, planUnits(course, false))).toContain("reflections");
    const units = planUnits(course, true);
    expect(units.filter((u) => featuresFor(course, [u]).includes("reflections")).map((u) => u.id)).toEqual(["personal-recovery", "review-1", "using-experiences", "review-2"]);
  });

  it("renders a field labelled by its prompt, described by its count, with the author's max as maxlength", () => {
    const fx = contentFixture();
    fx.mutate(SESSION, (t) => replaceOnce(t, OWN, `${OWN} max: 300`));
    const course = loadCourse(fx.dir);
    const page = course.sessions.find((s) => s.id === "personal-recovery")!.pages[0]!;
    expect(page.reflections).toEqual([expect.objectContaining({ id: "my-recovery-story", max: 300, line: fx.lineOf(SESSION, OWN) })]);
    const doc = new JSDOM(renderPage(page)).window.document;
    const field = doc.querySelector<HTMLTextAreaElement>("[data-reflection=my-recovery-story] > textarea")!;
    expect(field.maxLength).toBe(300);
    const label = doc.getElementById(field.getAttribute("aria-labelledby")!);
    expect(label?.textContent?.trim()).toBe(page.reflections?.[0]?.prompt);
    expect(label?.textContent?.trim()).toMatch(/own story of recovery\?$/);
    const count = doc.getElementById(field.getAttribute("aria-describedby")!);
    expect(count?.dataset.cw).toBe("count");
    expect(doc.querySelector("[data-reflection] [role=status][data-cw=saved]")).not.toBeNull();
  });

  it("a reflection without max: takes the default; the completion page lists each prompt, to print or download", async () => {
    const course = loadCourse(REAL_CONTENT);
    expect(course.sessions.flatMap((s) => s.pages.flatMap((p) => p.reflections ?? [])).map((r) => r.max)).toEqual([1000, 1000, 1000, 1000].map(() => REFLECTION_MAX_DEFAULT));
    const pkg = await buildAndUnpack({ target: "scorm12" });
    try {
      const doc = new JSDOM(fs.readFileSync(path.join(pkg.dir, "index.html"), "utf8")).window.document;
      const list = doc.querySelector<HTMLElement>("#cw-done [data-cw=reflections]")!;
      expect(list.hidden).toBe(true); // until the learner writes one
      expect([...list.querySelectorAll("[data-reflection] h3")].map((h) => h.textContent)).toEqual(course.sessions.flatMap((s) => s.pages.flatMap((p) => (p.reflections ?? []).map((r) => r.prompt))));
      expect(list.querySelector("[data-cw=print-reflections]")?.textContent).toBe("Print your reflections");
      expect(list.querySelector("a[data-cw=download-reflections]")?.getAttribute("download")).toBe("my-reflections.txt");
      const data = JSON.parse(doc.getElementById("cw-data")!.textContent!) as RuntimeCourse;
      expect(data.reflections?.map((r) => `${r.session}#${r.id}`)).toEqual(["personal-recovery#my-recovery-story", "review-1#learning-to-date", "using-experiences#sharing-experiences", "review-2#course-evaluation"]);
    } finally {
      pkg.cleanup();
    }
  });

  it("a unit of a per-session package carries only its own session's reflections", () => {
    const course = loadCourse(REAL_CONTENT);
    const units = planUnits(course, true);
    const listed = units.map((u) => `${u.id}:${(runtimeCourse(course, u).reflections ?? []).map((r) => r.id).join(",")}`);
    expect(listed.filter((l) => !l.endsWith(":"))).toEqual(["personal-recovery:my-recovery-story", "review-1:learning-to-date", "using-experiences:sharing-experiences", "review-2:course-evaluation"]);
    expect(runtimeCourse(course, units.find((u) => u.id === "introduction")!)).not.toHaveProperty("reflections");
  });

  const broken: [string, (t: string) => string, RegExp][] = [
    ["no id", (t) => replaceOnce(t, OWN, "::: reflection"), /reflection has no id/],
    ["an id with a space's worth of junk", (t) => replaceOnce(t, OWN, "::: reflection my/story"), /reflection id 'my\/story' must be 1–64 letters/],
    ["max: not a number", (t) => replaceOnce(t, OWN, `${OWN} max: lots`), /max: must be a whole number of characters from 1 to 10000 \(got 'lots'\)/],
    ["max: too large", (t) => replaceOnce(t, OWN, `${OWN} max: 20000`), /max: must be a whole number .* \(got '20000'\)/],
    ["an unknown option", (t) => replaceOnce(t, OWN, `${OWN} size: 5`), /unknown option 'size: 5' after the reflection's id/],
    ["no prompt", (t) => t.replace(/(::: reflection my-recovery-story\n)[^\n]+\n/, "$1"), /reflection has no prompt/],
    ["one inside another", (t) => t.replace(/(::: reflection my-recovery-story\n)/, "$1::: reflection inner\nWhat else?\n:::\n"), /cannot hold another reflection/],
  ];
  it.each(broken)("%s is a content error at the block's line", (_, edit, message) => {
    const fx = contentFixture();
    fx.mutate(SESSION, edit);
    const line = fx.lineOf(SESSION, "::: reflection");
    const problems = problemsOf(fx.dir);
    expect(problems.some((p) => p.startsWith(`03-personal-recovery.md:${line}: `) && message.test(p)), problems.join("\n")).toBe(true);
  });

  it("an id used twice in the course is an error at the second, naming the first", () => {
    const fx = contentFixture();
    fx.mutate("sessions/08-using-experiences.md", (t) => replaceOnce(t, "::: reflection sharing-experiences", OWN));
    const line = fx.lineOf("sessions/08-using-experiences.md", OWN);
    expect(problemsOf(fx.dir)).toEqual([`08-using-experiences.md:${line}: duplicate reflection id 'my-recovery-story' (also at 03-personal-recovery.md:${fx.lineOf(SESSION, OWN)}); give each reflection its own id`]);
  });
});

const course: Course = loadCourse(REAL_CONTENT);
const data = runtimeCourse(course, planUnits(course, false)[0]!, {}, tincanPackager.runtimeData);
const ids = data.reflections!.map((r) => r.id);
/** A learner well on: pages seen, a check answered, an assessment attempt. */
function learnerWithProgress(): LearnerState {
  const state = emptyState(data);
  state.visited = state.visited.map((_, i) => i % 3 !== 0);
  state.location = 7;
  const check = Object.values(state.quizzes)[0]!;
  check.checked = check.checked.map(() => true);
  state.quizzes["assessment"]!.attempts = 1;
  state.quizzes["assessment"]!.best = 66.67;
  return state;
}
const progressPart = (text: string): string => text.split("|").slice(0, 5).join("|");

describe("the state codec keeps reflections by id", () => {
  const tricky = "Line one, with: commas; a | bar.\nAnd 1 + 1, 100 % — ünïcødé, عربي, 日本語 and 😀.";

  it("round-trips any text (separators, line breaks, non-ASCII, emoji)", () => {
    const state = learnerWithProgress();
    state.reflections = { [ids[0]!]: tricky, [ids[2]!]: "Second" };
    const text = encodeState(data, state);
    expect(text.split("|")).toHaveLength(6);
    expect(decodeState(data, text)?.reflections).toEqual(state.reflections);
    // Nothing written: the text is exactly the form states had before reflections, which still decode.
    const none = encodeState(data, { ...state, reflections: {} });
    expect(none).toBe(progressPart(text));
    expect(decodeState(data, none)?.reflections).toEqual({});
  });

  it("near a store's limit the progress is kept whole and the reflections take what is left, in reading order", () => {
    const state = learnerWithProgress();
    state.reflections = Object.fromEntries(ids.map((id, i) => [id, `${i}: ${tricky.repeat(8)}`]));
    const full = encodeState(data, state);
    expect(full.length).toBeGreaterThan(4096);
    const room = 4096;
    const compact = encodeState(data, state, { compact: true, room });
    expect(compact.length).toBeLessThanOrEqual(room);
    const back = decodeState(data, compact)!;
    expect(progressPart(encodeState(data, back, { compact: true }))).toBe(progressPart(encodeState(data, state, { compact: true })));
    expect(back.visited).toEqual(state.visited);
    expect(back.quizzes["assessment"]).toMatchObject({ attempts: 1, best: 66.67 });
    // The first ones whole, the one at the limit cut (a start of it), later ones left out.
    const kept = ids.filter((id) => back.reflections[id]);
    expect(kept).toEqual(ids.slice(0, kept.length));
    expect(kept.length).toBeGreaterThanOrEqual(2);
    for (const id of kept.slice(0, -1)) expect(back.reflections[id]).toBe(state.reflections[id]);
    const cut = kept[kept.length - 1]!;
    expect(state.reflections[cut]!.startsWith(back.reflections[cut]!)).toBe(true);
    expect(back.reflections[cut]!.length).toBeLessThan(state.reflections[cut]!.length);
    expect(ids.slice(ids.indexOf(cut) + 1).every((id) => !back.reflections[id])).toBe(true);
  });

  it("a cut anywhere, even inside a character's escape, reads back as a start of the text", () => {
    const state = learnerWithProgress();
    state.reflections = { [ids[0]!]: tricky };
    const base = encodeState(data, { ...state, reflections: {} }).length;
    for (let room = base + 1; room < base + 140; room++) {
      const back = decodeState(data, encodeState(data, state, { compact: true, room }))!;
      const text = back.reflections[ids[0]!] ?? "";
      expect(tricky.startsWith(text), `room ${room}: ${JSON.stringify(text)}`).toBe(true);
    }
  });

  it("with no room left after the progress, the progress is written whole and no reflection", () => {
    const state = learnerWithProgress();
    state.reflections = { [ids[0]!]: "kept elsewhere" };
    const text = encodeState(data, state, { compact: true, room: 10 });
    expect(text).toBe(encodeState(data, { ...state, reflections: {} }, { compact: true }));
  });

  it("reflections never count toward completion", () => {
    const state = learnerWithProgress();
    const before = progress(data, state);
    state.reflections = Object.fromEntries(ids.map((id) => [id, "written"]));
    expect(progress(data, state)).toEqual(before);
  });

  it("two devices' copies keep a reflection from either (this device's where both wrote one)", () => {
    const mine = learnerWithProgress();
    mine.reflections = { [ids[0]!]: "mine", [ids[1]!]: "mine too" };
    const other = learnerWithProgress();
    other.reflections = { [ids[0]!]: "theirs", [ids[3]!]: "only theirs" };
    const doc = (s: LearnerState) => ({ v: 1 as const, location: "", state: encodeState(data, s), updated: 1 });
    const merged = decodeState(data, mergeProgress(data, doc(other), doc(mine)).state)!;
    expect(merged.reflections).toEqual({ [ids[0]!]: "mine", [ids[1]!]: "mine too", [ids[3]!]: "only theirs" });
  });
});

const reflection = data.reflections![0]!;
const event = (text: string): LearnerEvent => ({ kind: "reflection", reflection, text, at: new Date("2026-12-03T08:00:00Z") });
/** As the player makes it: the compact form within the tracker's store. */
const snapshotOf = (state: LearnerState, room: number): Snapshot => ({
  location: "personal-recovery/about-this-session",
  state: encodeState(data, state),
  compactState: encodeState(data, state, { compact: true, room }),
  progress: progress(data, state),
});
const windowWith = (name: string, api: object): Window => Object.assign(new JSDOM("").window, { [name]: api }) as unknown as Window;
const options = { autocommit: false, lmsCommitUrl: false, logLevel: 5 } as const;
const long = "I learned to listen. ".repeat(250).trim(); // 5,249 characters

async function recordOne(tracker: Tracker, text: string): Promise<void> {
  await tracker.start(data);
  const state = emptyState(data);
  state.reflections[reflection.id] = text;
  tracker.record([event(text)], snapshotOf(state, tracker.maxStateLength));
  tracker.finish(snapshotOf(state, tracker.maxStateLength));
}

describe("each standard records a reflection where it has a place for one", () => {
  it("SCORM 1.2: an interaction of type fill-in, student_response its first 255 characters (CMIString255), result neutral", async () => {
    const api = new Scorm12API(options);
    const log = new Scorm12CallLog();
    await recordOne(scorm12Tracker(windowWith("API", log.wrap(api as never))), long);
    const cmi = JSON.parse(api.renderCMIToJSONString()) as { cmi: { interactions: Record<string, Record<string, unknown>>; suspend_data: string } };
    expect(Object.values(cmi.cmi.interactions)).toEqual([
      expect.objectContaining({ id: "reflection-my-recovery-story", type: "fill-in", student_response: long.slice(0, 255), result: "neutral", objectives: { 0: { id: "personal-recovery" } } }),
    ]);
    expect(log.endOfSession()).toEqual([]);
    // The whole text is kept for resume as far as suspend_data (CMIString4096) holds it; the progress is whole.
    const back = decodeState(data, cmi.cmi.suspend_data)!;
    expect(cmi.cmi.suspend_data.length).toBeLessThanOrEqual(4096);
    expect(long.startsWith(back.reflections[reflection.id]!)).toBe(true);
    expect(back.reflections[reflection.id]!.length).toBeGreaterThan(3900); // of 5,249: plain English prose (a space is '+')
  });

  it("SCORM 2004: a long-fill-in, learner_response within SPM 4,000, result neutral, the prompt as description", async () => {
    const api = new Scorm2004API(options);
    const calls: RecordedCall[] = [];
    await recordOne(scorm2004Tracker(windowWith("API_1484_11", recordScorm2004Calls(api as never, (c) => calls.push(c)))), long);
    const cmi = JSON.parse(api.renderCMIToJSONString()) as { cmi: { interactions: Record<string, Record<string, unknown>>; suspend_data: string } };
    expect(Object.values(cmi.cmi.interactions)).toEqual([
      expect.objectContaining({ id: "reflection-my-recovery-story", type: "long-fill-in", learner_response: long.slice(0, 4000), result: "neutral", description: reflection.prompt }),
    ]);
    expect(checkScorm2004Calls(calls, { endOfSession: true })).toEqual([]);
    // 64,000 characters of suspend_data hold the whole text.
    expect(decodeState(data, cmi.cmi.suspend_data)?.reflections[reflection.id]).toBe(long);
  });

  describe("xAPI", () => {
    const dom = new JSDOM("");
    beforeAll(() => vi.stubGlobal("crypto", dom.window.crypto ?? globalThis.crypto));
    afterAll(() => vi.unstubAllGlobals());
    const launch = { endpoint: "https://lrs.example.org/xapi/", auth: "Basic eDp5", actor: { objectType: "Agent" as const, mbox: "mailto:ada@example.org", name: "Ada" }, registration: "6f1d4b2a-3c5e-4f70-8a9b-0c1d2e3f4a5b", activityId: "", grouping: [] };

    it("an answered statement with the text as result.response, a long-fill-in interaction in its session, ungraded", () => {
      const [s, more] = new StatementFactory(data, launch, "en-GB").of(event(long), 0);
      expect(more).toBeUndefined();
      expect(validateStatement(s as never)).toEqual([]);
      expect(s?.verb.id).toBe("http://adlnet.gov/expapi/verbs/answered");
      expect(s?.result).toEqual({ response: long });
      expect(s?.object).toMatchObject({ id: `${course.id}/reflection/my-recovery-story`, definition: { type: "http://adlnet.gov/expapi/activities/cmi.interaction", interactionType: "long-fill-in", description: { [course.language]: reflection.prompt } } });
      expect((s?.object as { definition: object }).definition).not.toHaveProperty("correctResponsesPattern");
      expect(s?.context?.contextActivities?.parent?.map((a) => a.id)).toEqual([`${course.id}/session/personal-recovery`]);
      expect(s?.timestamp).toBe("2026-12-03T08:00:00.000Z");
    });
  });
});

describe("the fields in the package (jsdom, scorm-again as the SCORM 1.2 LMS)", () => {
  it("show the saved text; in the LMS's review mode it can be read, not changed, and nothing is recorded", async () => {
    const pkg = await buildAndUnpack({ target: "scorm12" });
    try {
      const state = emptyState(data);
      state.reflections[reflection.id] = "Kept from last time.";
      const stored = (mode: string) => ({ core: { lesson_mode: mode, lesson_location: "personal-recovery/about-this-session" }, suspend_data: encodeState(data, state), objectives: {}, interactions: {} });
      for (const mode of ["normal", "review"]) {
        const lms = await launchScorm12(pkg.dir, "index.html", stored(mode) as never);
        const field = lms.doc.querySelector<HTMLTextAreaElement>(`[data-reflection="${reflection.id}"] textarea`)!;
        expect(field.value, mode).toBe("Kept from last time.");
        expect(field.readOnly, mode).toBe(mode === "review");
        lms.close(true);
        expect(Object.values(lms.committed().cmi.interactions), mode).toHaveLength(0);
      }
    } finally {
      pkg.cleanup();
    }
  });
});
